/**
 * Applies the rate limit to every GraphQL request as soon as it arrives (an onRequest hook: before the
 * body is read, parsed or executed). Requests are counted per access token, by its jti, when the token
 * is valid, and by client address otherwise: without a credential, and with one that fails, so that
 * made-up tokens all land in their sender's one count instead of a fresh count each. Which jti a valid
 * token's header maps to is remembered, so a known token is counted, and refused when over the limit,
 * without verifying it again; if it has failed since (revoked, expired), the request is counted under
 * the address too.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { LruCache } from '../../util/lru.js'
import { bearerToken, type Auth } from './context.js'
import type { RateLimiter } from './rate-limit.js'

// Valid credentials whose key is remembered; a forgotten one is simply verified again on its next request.
const KNOWN_CREDENTIALS = 10_000

/** AniList's body for a refused request, byte for byte. */
export const TOO_MANY_REQUESTS_BODY = '{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}'

/** Maps requests to the key they are counted under. */
export class RateLimitKeys {
  private readonly known = new LruCache<string, string>(KNOWN_CREDENTIALS)
  constructor(readonly authenticate: (request: FastifyRequest) => Promise<Auth>) {}

  /** The key `request` is counted under first: its token's, when the token is known or verifies. */
  async keyFor(request: FastifyRequest): Promise<string> {
    const header = request.headers.authorization
    if (bearerToken(header) === null) return addressKey(request)
    const digest = createHash('sha256').update(header!).digest('hex')
    const known = this.known.get(digest)
    if (known) return known
    const auth = await this.authenticate(request)
    if (auth.state !== 'valid') return addressKey(request)
    const key = `token:${auth.token.jti}`
    this.known.set(digest, key)
    return key
  }
}

const addressKey = (request: FastifyRequest) => `ip:${request.ip}`

/**
 * Counts every request to `app`'s routes; adds X-RateLimit-* headers and answers 429 over the limit,
 * telling `onRefused` (the metrics) each time it does.
 */
export function registerRateLimit(app: FastifyInstance, limiter: RateLimiter, keys: RateLimitKeys, onRefused: () => void = () => {}): void {
  app.addHook('onRequest', async (request, reply) => {
    const key = await keys.keyFor(request)
    let decision = await limiter.check(key)
    // A remembered token that no longer verifies is a failure like any other: the address pays for it.
    if (decision.allowed && key.startsWith('token:') && (await keys.authenticate(request)).state !== 'valid') decision = await limiter.check(addressKey(request))
    reply.header('x-ratelimit-limit', String(decision.limit)).header('x-ratelimit-remaining', String(decision.remaining))
    if (decision.allowed) return
    onRefused()
    return reply
      .code(429)
      .header('retry-after', String(decision.retryAfter))
      .header('x-ratelimit-reset', String(decision.resetAt))
      .type('application/json; charset=utf-8')
      .send(TOO_MANY_REQUESTS_BODY)
  })
}
