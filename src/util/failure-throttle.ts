/**
 * Slows guessing: at most `maxAttempts` counted attempts under one key within the window; further
 * attempts under that key are refused until the window passes. Used for passwords (per name and
 * address), sign-ups (per address) and device user codes (per user). Counts live in memory unless a
 * shared store is given.
 *
 * An attempt takes its point before the work it guards (one atomic increment in the store), and gives
 * it back when the attempt turns out not to count. Checking first and counting afterwards would let
 * every request that arrives while the first few are still hashing a password slip past the limit.
 */
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from './rate-limiters.js'

export class FailureThrottle {
  private readonly limiter: RateLimiterAbstract

  constructor(
    readonly maxAttempts: number,
    readonly windowSeconds: number,
    /** A shared store (e.g. Redis) for several instances; in memory by default. */
    limiter?: RateLimiterAbstract,
  ) {
    this.limiter = limiter ?? new RateLimiterMemory({ points: maxAttempts, duration: windowSeconds })
  }

  /**
   * Takes one attempt under `key` before the attempt is made: resolves to 0 when it may go ahead, or
   * to the seconds until the key may be tried again when the limit is reached (nothing is then taken
   * that needs giving back).
   */
  async take(key: string): Promise<number> {
    try {
      await this.limiter.consume(key, 1)
      return 0
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection
      return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))
    }
  }

  /** Returns an attempt taken by `take` that did not count after all (an account not created, a valid code). */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key, 1)
  }

  /** Forgets every attempt under `key` (a successful login clears its failures). */
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
