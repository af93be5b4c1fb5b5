/**
 * What every fuzzed answer must satisfy, whatever was sent: no 5xx, a body in the protocol's shape, and
 * no redirect anywhere but Kiroku itself or a redirect URI registered for the client asked about.
 * Each check throws an Error that says what was wrong and shows the start of the body.
 */
import type { LightMyRequestResponse } from 'fastify'

function fail(res: LightMyRequestResponse, what: string): never {
  throw new Error(`${what} (status ${res.statusCode}, content-type ${String(res.headers['content-type'])}): ${res.body.slice(0, 500)}`)
}

/** Never a 5xx: whatever the input, the server answers it as the client's mistake or serves it. */
export function expectNoServerError(res: LightMyRequestResponse): void {
  if (!(res.statusCode >= 200 && res.statusCode < 500)) fail(res, 'server error')
}

function jsonBody(res: LightMyRequestResponse): unknown {
  if (!/^application\/json/.test(String(res.headers['content-type']))) fail(res, 'not JSON')
  try {
    return JSON.parse(res.body)
  } catch {
    return fail(res, 'JSON that does not parse')
  }
}

/**
 * An OAuth JSON endpoint's answer: an error is JSON with an `error` code (RFC 6749 §5.2: lower-case
 * letters and underscores) and no-store; a success passes `success`, the endpoint's own shape.
 */
export function expectOAuthAnswer(res: LightMyRequestResponse, success: (body: unknown) => boolean): void {
  expectNoServerError(res)
  if (res.headers['cache-control'] !== 'no-store') fail(res, 'an OAuth answer without Cache-Control: no-store')
  if (res.statusCode === 200 && res.body === '') {
    if (!success(undefined)) fail(res, 'an empty success where a body was due')
    return
  }
  const body = jsonBody(res) as Record<string, unknown> | null
  if (res.statusCode >= 400) {
    if (typeof body?.error !== 'string' || !/^[a-z_]+$/.test(body.error)) fail(res, 'an OAuth error without an error code')
    if (body.error_description !== undefined && typeof body.error_description !== 'string') fail(res, 'an error_description that is not a string')
    return
  }
  if (res.statusCode !== 200 || !success(body)) fail(res, 'a success in the wrong shape')
}

/**
 * A GraphQL answer in AniList's shape: JSON; every error with a string `message` and a numeric
 * `status`; a 4xx carries errors, a 200 carries `data`.
 */
export function expectGraphqlAnswer(res: LightMyRequestResponse): void {
  expectNoServerError(res)
  const body = jsonBody(res) as { data?: unknown; errors?: unknown } | null
  if (body === null || typeof body !== 'object') return fail(res, 'a GraphQL answer that is not an object')
  if (body.errors !== undefined) {
    if (!Array.isArray(body.errors) || body.errors.length === 0) fail(res, 'errors that are not a non-empty list')
    for (const error of body.errors as Array<Record<string, unknown>>) {
      if (typeof error?.message !== 'string' || typeof error.status !== 'number') fail(res, 'an error without a string message and a numeric status')
    }
  }
  if (res.statusCode >= 400 && body.errors === undefined) fail(res, 'a 4xx without errors')
  if (res.statusCode === 200 && !('data' in body)) fail(res, 'a 200 without data')
}

/** An HTML page (the login, sign-up, approval and error pages). */
export function expectPage(res: LightMyRequestResponse): void {
  expectNoServerError(res)
  if (res.statusCode >= 300 && res.statusCode < 400) return
  if (!/^text\/html/.test(String(res.headers['content-type']))) fail(res, 'a page that is not HTML')
}

/** A path on Kiroku's own site ("/x", not "//x" or "/\x", which browsers read as another host), or an absolute URL under `publicUrl`. */
export function isOwnLocation(location: string, publicUrl: string): boolean {
  if (location.startsWith(`${publicUrl}/`)) return true
  return location.startsWith('/') && !location.startsWith('//') && !location.startsWith('/\\')
}

// RFC 8252 §7.3: an http loopback IP redirect URI is registered without a port and used with any.
const LOOPBACK_PORT = /^(http:\/\/(?:127\.0\.0\.1|\[::1\])):\d{1,5}(?=[/?#]|$)/

/**
 * True when `location` is `registered` itself or `registered` followed by a query or fragment (or,
 * when `registered` has a query, more of it): the exact match of the part before "?" or "#".
 */
export function isRegisteredLocation(location: string, registered: readonly string[]): boolean {
  const candidates = [location, location.replace(LOOPBACK_PORT, '$1')]
  return candidates.some((candidate) =>
    registered.some((uri) => {
      if (!candidate.startsWith(uri)) return false
      const next = candidate.charAt(uri.length)
      return next === '' || next === '?' || next === '#' || (next === '&' && uri.includes('?'))
    }),
  )
}

/** A redirect, if any, goes to Kiroku itself or to a redirect URI of `registered`. */
export function expectSafeRedirect(res: LightMyRequestResponse, registered: readonly string[], publicUrl: string): void {
  const location = res.headers.location
  if (location === undefined) {
    if (res.statusCode >= 300 && res.statusCode < 400) fail(res, 'a redirect without a Location')
    return
  }
  if (typeof location !== 'string') return fail(res, 'several Location headers')
  if (!isOwnLocation(location, publicUrl) && !isRegisteredLocation(location, registered)) {
    fail(res, `a redirect to ${JSON.stringify(location)}, which is neither Kiroku's nor registered (${JSON.stringify(registered)})`)
  }
}
