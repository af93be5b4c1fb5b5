/**
 * The per-request GraphQL context: who is asking. The Bearer token is verified once per request here;
 * resolvers read `auth` and never parse headers themselves.
 */
import type { FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import { InvalidTokenError, type VerifiedAccessToken } from '../../oauth/tokens.js'
import type { RequestLoaders } from './loaders.js'
import type { CostMeter } from './cost-meter.js'
import type { RenderBudget } from '../../markdown/render-budget.js'

export type Auth =
  | { state: 'anonymous' }
  /** A token was sent and refused: every root field answers AniList's "Invalid token". */
  | { state: 'invalid' }
  | { state: 'valid'; token: VerifiedAccessToken }

export interface GraphqlContext {
  /** Named so as not to collide with Mercurius' own `app` (the Fastify instance) in the context. */
  kiroku: AppContext
  auth: Auth
  /** This request's batching loaders, made on first use (server/loaders.ts). */
  loaders: RequestLoaders
  /** The request's cost so far, counted as it runs (cost-meter.ts); none when MAX_QUERY_COST is 0. */
  cost?: CostMeter | undefined
  /** What this request may still render as HTML (MAX_RENDERED_CHARS); graphql/text-html.ts charges it. */
  renderBudget: RenderBudget
}

/** The id of the user the request's token belongs to, or null without a (valid) token. */
export function viewerId(ctx: GraphqlContext): number | null {
  return ctx.auth.state === 'valid' ? ctx.auth.token.userId : null
}

/**
 * The credential in an Authorization header: null when there is none; otherwise the Bearer token, or
 * '' for a header that is not a Bearer credential (which then fails verification like a bad token).
 */
export function bearerToken(header: string | undefined): string | null {
  const value = header?.trim() ?? ''
  if (value === '') return null
  const match = /^Bearer[ \t]+(.*)$/i.exec(value)
  if (!match) return /^Bearer$/i.test(value) ? null : ''
  const token = match[1]!.trim()
  return token === '' ? null : token
}

export async function authenticate(app: AppContext, request: FastifyRequest): Promise<Auth> {
  const token = bearerToken(request.headers.authorization)
  if (token === null) return { state: 'anonymous' }
  try {
    return { state: 'valid', token: await app.tokens.verify(token) }
  } catch (error) {
    if (error instanceof InvalidTokenError) return { state: 'invalid' }
    throw error
  }
}

/** Verifies a request's credential at most once, however many steps (rate limit, context) ask. */
export function authenticateOnce(app: AppContext): (request: FastifyRequest) => Promise<Auth> {
  const verified = new WeakMap<FastifyRequest, Promise<Auth>>()
  return (request) => {
    let auth = verified.get(request)
    if (!auth) verified.set(request, (auth = authenticate(app, request)))
    return auth
  }
}
