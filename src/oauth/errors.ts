/**
 * OAuth 2.0 protocol errors as values: one class per RFC 6749 error code, each with its HTTP status.
 * Routes throw or return them; `oauthErrorBody` is the one place that turns them into a response body.
 * `description` is written for the app's developer and names the parameter at fault.
 */
import { KirokuError } from '../errors/kiroku-error.js'

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
  | 'temporarily_unavailable'
  | 'unsupported_token_type'
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'login_required'
  | 'consent_required'

export abstract class OAuthError extends KirokuError {
  abstract override readonly code: OAuthErrorCode
  abstract override readonly status: number
  /** The league server's `hint`, which AniList sends with some errors. */
  readonly hint: string | undefined
  constructor(readonly description: string, options?: { cause?: unknown; hint?: string }) {
    super(description, options)
    this.hint = options?.hint
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
/** RFC 8628 §3.5: the device flow's refusal is an ordinary token-endpoint error (400), not league's 401. */
export class DeviceAccessDenied extends OAuthError {
  readonly code = 'access_denied'
  readonly status = 400
}
export class UnsupportedTokenType extends OAuthError {
  readonly code = 'unsupported_token_type'
  readonly status = 400
}
/** RFC 8628 §3.5: the user has not answered yet; keep polling. */
export class AuthorizationPending extends OAuthError {
  readonly code = 'authorization_pending'
  readonly status = 400
}
/** RFC 8628 §3.5: polling too fast; the interval grows by 5 seconds. */
export class SlowDown extends OAuthError {
  readonly code = 'slow_down'
  readonly status = 400
}
export class ExpiredToken extends OAuthError {
  readonly code = 'expired_token'
  readonly status = 400
}
/** prompt=none, and nobody is logged in (OpenID Connect Core §3.1.2.6). */
export class LoginRequired extends OAuthError {
  readonly code = 'login_required'
  readonly status = 400
}
/** prompt=none, and the user has not approved this client before. */
export class ConsentRequired extends OAuthError {
  readonly code = 'consent_required'
  readonly status = 400
}
export class ServerError extends OAuthError {
  readonly code = 'server_error'
  readonly status = 500
}
/** RFC 6749 §4.1.2.1's code for an overloaded or unavailable server; here, its database cannot be reached. */
export class TemporarilyUnavailable extends OAuthError {
  readonly code = 'temporarily_unavailable'
  readonly status = 503
}

/**
 * The JSON body of an error response: RFC 6749's `error` and `error_description`, plus the league
 * server's `message` (what AniList sends, and what AniList clients print). Anything that is not an
 * OAuthError is masked as server_error: its details belong in the log, not in the client's hands.
 */
export interface OAuthErrorJson {
  error: OAuthErrorCode
  error_description: string
  message: string
  hint?: string
}

export function oauthErrorBody(error: unknown): { status: number; body: OAuthErrorJson } {
  const e = error instanceof OAuthError ? error : new ServerError('The server met an unexpected condition; the request can be retried.')
  const body: OAuthErrorJson = { error: e.code, error_description: e.description, message: e.description }
  if (e.hint) body.hint = e.hint
  return { status: e.status, body }
}
