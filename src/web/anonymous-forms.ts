/**
 * CSRF protection for the forms a visitor sees before logging in (login, sign-up), without storing
 * anything per visitor: a signed double-submit cookie (OWASP's CSRF cheat sheet). The browser holds
 * a cookie with a random value signed by the server; each page's form carries a token derived from
 * that value and the time the page was shown, signed too. A POST must bring both, matching: a third
 * party can neither read the cookie (HttpOnly, and no other origin's script sees a response) nor
 * make a token for it without the key, and under https the __Host- prefix keeps sibling subdomains
 * from planting a cookie of their own. Both are HMAC-SHA256 with a key the database keeps
 * (server-secrets.ts), so every instance accepts every other's forms, across restarts.
 */
import { createHmac } from 'node:crypto'
import type { Clock } from '../util/clock.js'
import { constantTimeEqual, randomToken } from '../util/random.js'

// How long a form stays usable after its page was shown, as the anonymous sessions did.
export const ANONYMOUS_FORM_TTL_SECONDS = 4 * 3600
// Instances' clocks may disagree a little: a token from slightly in the future is still accepted.
const CLOCK_SKEW_SECONDS = 60

export class AnonymousForms {
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  private sign(purpose: string, ...parts: string[]): string {
    return createHmac('sha256', this.key).update([purpose, ...parts].join('|')).digest('base64url')
  }

  /** A new cookie value: a random value and its signature. */
  newCookie(): string {
    const nonce = randomToken(16)
    return `${nonce}.${this.sign('form-cookie', nonce)}`
  }

  /** True when `cookie` is a value this server (or another on its database) made. */
  isValidCookie(cookie: string | undefined): cookie is string {
    if (cookie === undefined || cookie.length > 200) return false
    const [nonce, signature, extra] = cookie.split('.')
    return extra === undefined && !!nonce && !!signature && constantTimeEqual(signature, this.sign('form-cookie', nonce))
  }

  /** The token for a form shown now to the browser holding `cookie` (a valid one). */
  tokenFor(cookie: string): string {
    const issuedAt = String(this.clock())
    return `${issuedAt}.${this.sign('form-token', cookie, issuedAt)}`
  }

  /** True when `token` was made for `cookie` (a valid one) less than ANONYMOUS_FORM_TTL_SECONDS ago. */
  checkToken(cookie: string, token: string): boolean {
    const dot = token.indexOf('.')
    const issuedText = token.slice(0, dot)
    if (dot < 0 || !/^\d{1,12}$/.test(issuedText)) return false
    const issuedAt = Number(issuedText)
    const now = this.clock()
    if (issuedAt > now + CLOCK_SKEW_SECONDS || now >= issuedAt + ANONYMOUS_FORM_TTL_SECONDS) return false
    return constantTimeEqual(token.slice(dot + 1), this.sign('form-token', cookie, issuedText))
  }
}
