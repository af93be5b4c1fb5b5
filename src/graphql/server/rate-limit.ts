/**
 * AniList's rate limit: a number of requests per client per minute. Windows are fixed minutes of the
 * injected clock (so tests move time instead of sleeping); the counting itself is a RateLimitStore,
 * in memory for one instance and replaceable by a shared one (rate-limiter-flexible's Redis limiter
 * has the same `penalty` call) when several instances serve one API.
 */
import { RateLimiterMemory } from '../../util/rate-limiters.js'
import type { Clock } from '../../util/clock.js'

export const RATE_LIMIT_WINDOW_SECONDS = 60

/** Where request counts live. */
export interface RateLimitStore {
  /** Counts one request for `key`; resolves to the key's count so far. Keys are forgotten after the window. */
  hit(key: string): Promise<number>
}

/** Counts in this process's memory. */
export class MemoryRateLimitStore implements RateLimitStore {
  // `points` is unused: the limit is applied by RateLimiter, the store only counts.
  private readonly counter: InstanceType<typeof RateLimiterMemory>
  constructor(windowSeconds = RATE_LIMIT_WINDOW_SECONDS) {
    this.counter = new RateLimiterMemory({ points: 1, duration: windowSeconds })
  }

  async hit(key: string): Promise<number> {
    return (await this.counter.penalty(key, 1)).consumedPoints
  }
}

export interface RateLimitDecision {
  allowed: boolean
  limit: number
  /** Requests left in this window after this one. */
  remaining: number
  /** When the window ends, as Unix seconds. */
  resetAt: number
  /** Seconds until the window ends (at least 1). */
  retryAfter: number
}

export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    readonly limit: number,
    private readonly clock: Clock,
    private readonly windowSeconds = RATE_LIMIT_WINDOW_SECONDS,
  ) {}

  /** Counts a request for `key` and says whether it is within the limit. */
  async check(key: string): Promise<RateLimitDecision> {
    const now = this.clock()
    const windowStart = now - (now % this.windowSeconds)
    const resetAt = windowStart + this.windowSeconds
    // The window's start is part of the key: a new minute starts a new count whatever the store's own
    // expiry (which only frees memory) says.
    const count = await this.store.hit(`${key}@${windowStart}`)
    return { allowed: count <= this.limit, limit: this.limit, remaining: Math.max(0, this.limit - count), resetAt, retryAfter: Math.max(1, resetAt - now) }
  }
}
