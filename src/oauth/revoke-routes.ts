/**
 * POST /api/v2/oauth/revoke (RFC 7009). A client revokes one of its own tokens: an access token (by its
 * jti) or a refresh token (its whole family, with the access tokens issued from it). The answer is 200
 * whether or not the token was known or valid, so it reveals nothing about other tokens.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { oauthBody, oauthParam } from './params.js'
import { InvalidRequest } from './errors.js'
import { noStore } from './api-errors.js'
import { authenticateClient } from './token/client-auth.js'
import { findRefreshToken, revokeRefreshFamily } from './refresh-tokens.js'

export const REVOKE_PATH = '/api/v2/oauth/revoke'

export function registerRevokeRoute(app: FastifyInstance, ctx: AppContext): void {
  app.post(REVOKE_PATH, async (request, reply) => {
    const body = oauthBody(request.body)
    const { client } = await authenticateClient(ctx, request.headers.authorization, body)
    const token = oauthParam(body, 'token')
    if (!token) throw new InvalidRequest('The token parameter is missing.')
    // token_type_hint only orders the lookups (RFC 7009 §2.1); both kinds are tried.
    const hint = oauthParam(body, 'token_type_hint')
    const lookups = hint === 'refresh_token' ? [revokeRefresh, revokeAccess] : [revokeAccess, revokeRefresh]
    for (const revoke of lookups) if (await revoke(ctx, client.id, token)) break
    return noStore(reply).code(200).send()
  })
}

async function revokeAccess(ctx: AppContext, clientId: number, token: string): Promise<boolean> {
  const decoded = await ctx.tokens.decode(token)
  if (!decoded || decoded.clientId !== clientId) return false
  await ctx.tokens.revoke(decoded.jti)
  return true
}

async function revokeRefresh(ctx: AppContext, clientId: number, token: string): Promise<boolean> {
  const found = await findRefreshToken(ctx.db, token)
  if (!found || found.clientId !== clientId) return false
  await revokeRefreshFamily(ctx.db, ctx.clock, found.familyId)
  await ctx.tokens.revokeFamily(found.familyId)
  return true
}
