/**
 * Request URLs as the log shows them: credentials in the query replaced by [redacted], however
 * deeply they are tucked away. A login page's next can hold /activate?user_code=…, percent-encoded
 * once by a redirect and twice by a redirect through another; an authorize request's redirect_uri
 * can hold a query of its own. So every parameter's value is read again as a URL (or a bare query)
 * at each layer of percent-encoding, and a credential found at any layer is replaced there, the
 * layers above being re-encoded around it. Only the log is changed, never the request.
 */

// The parameters redacted (names compared case-insensitively, after percent-decoding):
//   code, user_code, device_code       authorization and device codes (RFC 6749 §4.1, RFC 8628)
//   access_token, refresh_token, token access and refresh tokens, and revoke/introspect's token (RFC 7009, 7662)
//   id_token                           OpenID Connect's ID token
//   client_secret                      a confidential client's password (RFC 6749 §2.3.1)
//   code_verifier                      the PKCE secret (RFC 7636)
//   password, csrf_token               a person's password and a form token, should a form ever be sent by GET
const SECRET_PARAMETERS = new Set([
  'code', 'user_code', 'device_code',
  'access_token', 'refresh_token', 'token',
  'id_token',
  'client_secret',
  'code_verifier',
  'password', 'csrf_token',
])

const REDACTED = '[redacted]'
// Nesting deeper than this (each parameter and each layer of encoding is one level) is not read
// further: a value still holding anything URL-like is then redacted whole, rather than let through.
const MAX_DEPTH = 16

/** The request URL as logged: secret query values replaced, at any depth of nesting or encoding. */
export function redactUrlSecrets(url: string): string {
  return redactUrlLike(url, 0)
}

/** A URL, path or bare query with its query's and fragment's secret values replaced. */
function redactUrlLike(text: string, depth: number): string {
  const start = text.search(/[?#]/)
  if (start < 0) return text.includes('=') ? redactQuery(text, depth) : text
  const head = text.slice(0, start + 1)
  const rest = text.slice(start + 1)
  if (text[start] === '#') return head + redactQuery(rest, depth)
  const hash = rest.indexOf('#')
  if (hash < 0) return head + redactQuery(rest, depth)
  return head + redactQuery(rest.slice(0, hash), depth) + '#' + redactQuery(rest.slice(hash + 1), depth)
}

/** `a=1&code=x`: each pair's value replaced when its name is a secret's, else searched in turn. */
function redactQuery(query: string, depth: number): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      if (eq < 0) return pair
      const rawName = pair.slice(0, eq)
      const value = pair.slice(eq + 1)
      if (SECRET_PARAMETERS.has(decodeFully(rawName).toLowerCase())) return `${rawName}=${REDACTED}`
      return `${rawName}=${redactValue(value, depth + 1)}`
    })
    .join('&')
}

/** A parameter's value with any secrets inside it replaced, at this layer of encoding or a deeper one. */
function redactValue(value: string, depth: number): string {
  if (depth > MAX_DEPTH) return /[%=?#]/.test(value) ? REDACTED : value
  const here = redactUrlLike(value, depth)
  const decoded = decodeOnce(here)
  if (decoded === here) return here
  const inner = redactValue(decoded, depth + 1)
  return inner === decoded ? here : encodeKeepingMarks(inner)
}

/** One layer of percent-decoding; sequences that are not valid UTF-8 stay as they were. */
function decodeOnce(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run
    }
  })
}

/** Every layer of percent-decoding, for comparing a parameter's name. */
function decodeFully(text: string): string {
  let current = text
  for (let i = 0; i < MAX_DEPTH; i++) {
    const next = decodeOnce(current)
    if (next === current) return current
    current = next
  }
  return current
}

/** Percent-encodes a redacted layer again, the [redacted] marks left readable. */
function encodeKeepingMarks(text: string): string {
  return encodeURIComponent(text).replaceAll(encodeURIComponent(REDACTED), REDACTED)
}
