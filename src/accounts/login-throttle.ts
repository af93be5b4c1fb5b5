/**
 * Slows password guessing: after too many failed logins for one name from one address, further
 * attempts are refused for a while (even with the right password, so a guesser learns nothing).
 * Each attempt takes its point before the password is checked; a successful login clears them all.
 */
import { FailureThrottle } from '../util/failure-throttle.js'

export const MAX_FAILED_LOGINS = 10
export const FAILED_LOGIN_WINDOW_SECONDS = 15 * 60

export class LoginThrottle {
  constructor(private readonly throttle = new FailureThrottle(MAX_FAILED_LOGINS, FAILED_LOGIN_WINDOW_SECONDS)) {}

  private key(name: string, ip: string): string {
    return `login|${name.trim().toLowerCase()}|${ip}`
  }

  /** Takes an attempt for this name from this address: 0 when the password may be checked, else the seconds to wait. */
  take(name: string, ip: string): Promise<number> {
    return this.throttle.take(this.key(name, ip))
  }

  /** Returns an attempt whose password was never judged (the check itself failed). */
  giveBack(name: string, ip: string): Promise<void> {
    return this.throttle.giveBack(this.key(name, ip))
  }

  /** The right password: earlier failures are forgotten. */
  recordSuccess(name: string, ip: string): Promise<void> {
    return this.throttle.reset(this.key(name, ip))
  }
}
