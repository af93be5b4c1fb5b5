/**
 * Slows guessing: after `maxFailures` failed attempts under one key within the window, further
 * attempts under that key are refused until the window passes. Used for passwords (per name and
 * address) and device user codes (per user). Counts live in memory unless a shared store is given.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible'

export class FailureThrottle {
  private readonly limiter: RateLimiterAbstract

  constructor(
    readonly maxFailures: number,
    readonly windowSeconds: number,
    /** A shared store (e.g. Redis) for several instances; in memory by default. */
    limiter?: RateLimiterAbstract,
  ) {
    this.limiter = limiter ?? new RateLimiterMemory({ points: maxFailures, duration: windowSeconds })
  }

  /** Seconds until `key` may be tried again; 0 when it may be tried now. */
  async retryAfter(key: string): Promise<number> {
    const state = await this.limiter.get(key)
    if (!state || state.consumedPoints < this.maxFailures) return 0
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000))
  }

  async recordFailure(key: string): Promise<void> {
    await this.limiter.penalty(key, 1)
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key)
  }
}

/** "1 minute", "12 minutes", "40 seconds": how long to wait, for people. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`
  const minutes = Math.ceil(seconds / 60)
  return minutes === 1 ? '1 minute' : `${minutes} minutes`
}
