/**
 * POST /api/v2/oauth/introspect (RFC 7662), for confidential clients. A client learns about its own
 * tokens only: anything else, like any invalid, expired or revoked token, is `{"active":false}`.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { findUserById } from '../accounts/users.js'
import { oauthBody, oauthParam } from './params.js'
import { InvalidClient, InvalidRequest } from './errors.js'
import { noStore } from './api-errors.js'
import { authenticateClient } from './token/client-auth.js'
import { findRefreshToken } from './refresh-tokens.js'

export const INTROSPECT_PATH = '/api/v2/oauth/introspect'

export function registerIntrospectRoute(app: FastifyInstance, ctx: AppContext): void {
  app.post(INTROSPECT_PATH, async (request, reply) => {
    const body = oauthBody(request.body)
    const { client, method } = await authenticateClient(ctx, request.headers.authorization, body)
    if (method === 'none') throw new InvalidClient('Introspection requires client authentication; public clients cannot introspect.')
    const token = oauthParam(body, 'token')
    if (!token) throw new InvalidRequest('The token parameter is missing.')
    const hint = oauthParam(body, 'token_type_hint')
    const lookups = hint === 'refresh_token' ? [inspectRefresh, inspectAccess] : [inspectAccess, inspectRefresh]
    for (const inspect of lookups) {
      const answer = await inspect(ctx, client.id, token)
      if (answer) return noStore(reply).send(answer)
    }
    return noStore(reply).send({ active: false })
  })
}

/**
 * The answer for a token of this client: inactive when it can no longer be used or its user is gone,
 * otherwise RFC 7662's common members plus what is particular to the token's kind.
 */
async function answerFor(ctx: AppContext, clientId: number, userId: number, usable: boolean, particular: Record<string, unknown>) {
  if (!usable) return { active: false }
  const user = await findUserById(ctx.db, userId)
  if (!user) return { active: false }
  return { active: true, scope: '', client_id: String(clientId), username: user.name, ...particular, sub: String(userId), iss: ctx.config.publicUrl }
}

async function inspectAccess(ctx: AppContext, clientId: number, token: string) {
  const decoded = await ctx.tokens.decode(token)
  if (!decoded || decoded.clientId !== clientId) return null
  return answerFor(ctx, clientId, decoded.userId, !decoded.revoked && decoded.expiresAt > ctx.clock(), {
    token_type: 'Bearer',
    exp: decoded.expiresAt,
    iat: decoded.issuedAt,
    nbf: decoded.issuedAt,
    aud: String(clientId),
    jti: decoded.jti,
  })
}

async function inspectRefresh(ctx: AppContext, clientId: number, token: string) {
  const found = await findRefreshToken(ctx.db, token)
  if (!found || found.clientId !== clientId) return null
  const usable = found.revokedAt === null && found.rotatedAt === null && found.expiresAt > ctx.clock()
  return answerFor(ctx, clientId, found.userId, usable, { token_type: 'refresh_token', exp: found.expiresAt })
}
