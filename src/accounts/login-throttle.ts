/**
 * Slows password guessing: after too many failed logins for one name from one address, further
 * attempts are refused for a while. Counts live in memory (one instance); a shared store comes with
 * multi-instance deployment.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible'

export const MAX_FAILED_LOGINS = 10
export const FAILED_LOGIN_WINDOW_SECONDS = 15 * 60

export class LoginThrottle {
  private readonly limiter = new RateLimiterMemory({ points: MAX_FAILED_LOGINS, duration: FAILED_LOGIN_WINDOW_SECONDS })

  private key(name: string, ip: string): string {
    return `${name.trim().toLowerCase()}|${ip}`
  }

  /** Seconds until this name may be tried again from this address; 0 when it may be tried now. */
  async retryAfter(name: string, ip: string): Promise<number> {
    const state = await this.limiter.get(this.key(name, ip))
    if (!state || state.consumedPoints < MAX_FAILED_LOGINS) return 0
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000))
  }

  async recordFailure(name: string, ip: string): Promise<void> {
    await this.limiter.penalty(this.key(name, ip), 1)
  }

  async recordSuccess(name: string, ip: string): Promise<void> {
    await this.limiter.delete(this.key(name, ip))
  }
}
