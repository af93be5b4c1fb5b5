/** Rules for redirect URIs: what may be registered, and when a requested one matches a registered one. */

export class RedirectUriError extends Error {
  override name = 'RedirectUriError'
}

// Schemes a browser would run or render instead of handing to an app: never a valid redirect target.
const FORBIDDEN_SCHEMES = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:', 'about:'])

/**
 * Validates a URI for registration: absolute, no fragment (RFC 6749 §3.1.2), no dangerous scheme.
 * Custom schemes (myapp://callback) are allowed, as on AniList. Returns the URI unchanged: matching
 * is by exact string, so registration must not normalise it behind the developer's back.
 */
export function validateRedirectUri(uri: string): string {
  if (uri.length === 0 || uri.length > 2000) throw new RedirectUriError('a redirect URI must be 1 to 2000 characters long')
  if (/\s/.test(uri)) throw new RedirectUriError(`redirect URI "${uri}" contains whitespace`)
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    throw new RedirectUriError(`redirect URI "${uri}" is not an absolute URI (expected e.g. https://app.example/callback)`)
  }
  if (FORBIDDEN_SCHEMES.has(url.protocol)) throw new RedirectUriError(`redirect URI "${uri}" uses the forbidden scheme ${url.protocol}`)
  if (uri.includes('#')) throw new RedirectUriError(`redirect URI "${uri}" must not contain a fragment (#)`)
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) {
    throw new RedirectUriError(`redirect URI "${uri}" has no host`)
  }
  return uri
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
