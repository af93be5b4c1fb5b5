/**
 * Slows password guessing: after too many failed logins for one name from one address, further
 * attempts are refused for a while (even with the right password, so a guesser learns nothing).
 */
import { FailureThrottle } from '../http/failure-throttle.js'

export const MAX_FAILED_LOGINS = 10
export const FAILED_LOGIN_WINDOW_SECONDS = 15 * 60

export class LoginThrottle {
  constructor(private readonly throttle = new FailureThrottle(MAX_FAILED_LOGINS, FAILED_LOGIN_WINDOW_SECONDS)) {}

  private key(name: string, ip: string): string {
    return `login|${name.trim().toLowerCase()}|${ip}`
  }

  /** Seconds until this name may be tried again from this address; 0 when it may be tried now. */
  retryAfter(name: string, ip: string): Promise<number> {
    return this.throttle.retryAfter(this.key(name, ip))
  }

  recordFailure(name: string, ip: string): Promise<void> {
    return this.throttle.recordFailure(this.key(name, ip))
  }

  recordSuccess(name: string, ip: string): Promise<void> {
    return this.throttle.reset(this.key(name, ip))
  }
}
