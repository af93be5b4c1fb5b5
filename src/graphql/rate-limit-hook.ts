/**
 * Applies the rate limit to every GraphQL request as soon as it arrives (an onRequest hook: before the
 * body is read, parsed or executed). Requests are counted per access token: by its jti when the token
 * is valid, by the SHA-256 of the Authorization header when it is not, by client address without one.
 * Which key a credential maps to is remembered, so a known credential is counted, and refused when
 * over the limit, without verifying it again.
 */
import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { LruCache } from '../util/lru.js'
import { bearerToken, type Auth } from './context.js'
import type { RateLimiter } from './rate-limit.js'

// Credentials whose key is remembered; a forgotten one is simply verified again on its next request.
const KNOWN_CREDENTIALS = 10_000

/** AniList's body for a refused request, byte for byte. */
export const TOO_MANY_REQUESTS_BODY = '{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}'

/** Maps requests to the key they are counted under. */
export class RateLimitKeys {
  private readonly known = new LruCache<string, string>(KNOWN_CREDENTIALS)
  constructor(private readonly authenticate: (request: FastifyRequest) => Promise<Auth>) {}

  /** The key `request` is counted under. */
  async keyFor(request: FastifyRequest): Promise<string> {
    const header = request.headers.authorization
    if (bearerToken(header) === null) return `ip:${request.ip}`
    const digest = createHash('sha256').update(header!).digest('hex')
    const known = this.known.get(digest)
    if (known) return known
    const auth = await this.authenticate(request)
    const key = auth.state === 'valid' ? `token:${auth.token.jti}` : `credential:${digest}`
    this.known.set(digest, key)
    return key
  }
}

/**
 * Counts every request to `app`'s routes; adds X-RateLimit-* headers and answers 429 over the limit,
 * telling `onRefused` (the metrics) each time it does.
 */
export function registerRateLimit(app: FastifyInstance, limiter: RateLimiter, keys: RateLimitKeys, onRefused: () => void = () => {}): void {
  app.addHook('onRequest', async (request, reply) => {
    const decision = await limiter.check(await keys.keyFor(request))
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
