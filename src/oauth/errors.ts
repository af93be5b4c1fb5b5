/**
 * OAuth 2.0 protocol errors as values: one class per RFC 6749 error code, each with its HTTP status.
 * Routes throw or return them; `oauthErrorBody` is the one place that turns them into a response body.
 * `description` is written for the app's developer and names the parameter at fault.
 */

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_response_type'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'

export abstract class OAuthError extends Error {
  abstract readonly code: OAuthErrorCode
  abstract readonly status: number
  override name = 'OAuthError'
  constructor(readonly description: string, options?: { cause?: unknown }) {
    super(description, options)
  }
}

export class InvalidRequest extends OAuthError {
  readonly code = 'invalid_request'
  readonly status = 400
}
export class InvalidClient extends OAuthError {
  readonly code = 'invalid_client'
  readonly status = 401
}
export class InvalidGrant extends OAuthError {
  readonly code = 'invalid_grant'
  readonly status = 400
}
export class UnauthorizedClient extends OAuthError {
  readonly code = 'unauthorized_client'
  readonly status = 400
}
export class UnsupportedResponseType extends OAuthError {
  readonly code = 'unsupported_response_type'
  readonly status = 400
}
export class UnsupportedGrantType extends OAuthError {
  readonly code = 'unsupported_grant_type'
  readonly status = 400
}
export class InvalidScope extends OAuthError {
  readonly code = 'invalid_scope'
  readonly status = 400
}
export class AccessDenied extends OAuthError {
  readonly code = 'access_denied'
  readonly status = 401
}
export class ServerError extends OAuthError {
  readonly code = 'server_error'
  readonly status = 500
}

/**
 * The JSON body of an error response: RFC 6749's `error` and `error_description`, plus the league
 * server's `message` (what AniList sends, and what AniList clients print). Anything that is not an
 * OAuthError is masked as server_error: its details belong in the log, not in the client's hands.
 */
export function oauthErrorBody(error: unknown): { status: number; body: { error: OAuthErrorCode; error_description: string; message: string } } {
  const e = error instanceof OAuthError ? error : new ServerError('The server met an unexpected condition; the request can be retried.')
  return { status: e.status, body: { error: e.code, error_description: e.description, message: e.description } }
}
