/** Rules for redirect URIs: what may be registered, and when a requested one matches a registered one. */
import { KirokuError } from '../errors/kiroku-error.js'

export class RedirectUriError extends KirokuError {
  readonly code = 'invalid_redirect_uri'
  override readonly status = 400
}

// Schemes a browser would run or render instead of handing to an app: never a valid redirect target.
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:'])

// RFC 3986 §2: what a URI may hold. Anything else must be percent-encoded; a Location header could not
// carry it (Node refuses to send one), and a browser would encode or reinterpret it its own way
// ("\\" is "/" to a browser in an http URL).
const URI_CHARACTER = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/
export const MAX_REDIRECT_URI_LENGTH = 2000

/**
 * Validates a URI for registration: 1 to 2000 characters of RFC 3986 (printable ASCII, other characters
 * percent-encoded, IDN hosts in punycode), absolute, no fragment (RFC 6749 §3.1.2), no dangerous scheme.
 * Custom schemes (myapp://callback) are allowed, as on AniList. Returns the URI unchanged: matching is
 * by exact string, so registration must not normalise it behind the developer's back. Messages quote
 * the URI JSON-escaped, so that no control character reaches a page, a terminal or a log.
 */
export function validateRedirectUri(uri: string): string {
  const quoted = quoteUri(uri)
  if (uri.length === 0 || uri.length > MAX_REDIRECT_URI_LENGTH) throw new RedirectUriError(`a redirect URI must be 1 to ${MAX_REDIRECT_URI_LENGTH} characters long`)
  if (/\s/.test(uri)) throw new RedirectUriError(`redirect URI ${quoted} contains whitespace`)
  checkCharacters(uri, quoted)
  if (BAD_PERCENT.test(uri)) throw new RedirectUriError(`redirect URI ${quoted} has a "%" that is not followed by two hex digits (percent-encoding is %XX)`)
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    throw new RedirectUriError(`redirect URI ${quoted} is not an absolute URI (expected e.g. https://app.example/callback)`)
  }
  if (FORBIDDEN_SCHEMES.has(url.protocol)) throw new RedirectUriError(`redirect URI ${quoted} uses the forbidden scheme ${url.protocol}`)
  if (uri.includes('#')) throw new RedirectUriError(`redirect URI ${quoted} must not contain a fragment (#)`)
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) {
    throw new RedirectUriError(`redirect URI ${quoted} has no host`)
  }
  return uri
}

/** The URI in double quotes with every control character escaped (JSON escapes only C0, not DEL or C1). */
export function quoteUri(uri: string): string {
  return JSON.stringify(uri).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Refuses the first character RFC 3986 does not allow, by code point and (1-based) position. */
function checkCharacters(uri: string, quoted: string): void {
  let position = 0
  for (const char of uri) {
    position++
    if (URI_CHARACTER.test(char)) continue
    const codePoint = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
    const encoded = encodedForm(uri)
    throw new RedirectUriError(
      `redirect URI ${quoted} contains the character ${codePoint} at position ${position}; a redirect URI may hold only printable ASCII: ` +
        `percent-encode other characters and give IDN host names in punycode${encoded ? ` (here: ${encoded})` : ''}`,
    )
  }
}

/** The URI as WHATWG URL encodes it (punycode host, percent-encoded path), when that is all-ASCII and valid. */
function encodedForm(uri: string): string | null {
  let href: string
  try {
    href = new URL(uri).href
  } catch {
    return null
  }
  return [...href].every((c) => URI_CHARACTER.test(c)) ? href : null
}

/**
 * The URI to redirect to when `requested` matches a registered URI, or null. Matching is exact string
 * comparison (RFC 9700 §4.1.1): no prefix, no normalisation, no wildcard, with one exception: a
 * registered http loopback IP URI (http://127.0.0.1/cb, http://[::1]/cb) matches the same URI on any
 * port, because native apps listen on a port the system picks at run time (RFC 8252 §7.3).
 */
export function matchRedirectUri(registered: readonly string[], requested: string): string | null {
  if (registered.includes(requested)) return requested
  const withoutPort = loopbackWithoutPort(requested)
  if (withoutPort === null) return null
  return registered.some((uri) => loopbackWithoutPort(uri) === withoutPort) ? requested : null
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\])(:\d{1,5})?(?=[/?]|$)/

/** For an http loopback IP URI, the same URI without its port; otherwise null. */
function loopbackWithoutPort(uri: string): string | null {
  const match = LOOPBACK.exec(uri)
  if (!match) return null
  if (match[2] !== undefined && Number(match[2].slice(1)) > 65_535) return null
  return `http://${match[1]}${uri.slice(match[0].length)}`
}
