/**
 * An authorization error that must be shown to the user and never redirected: the client or the
 * redirect URI could not be verified, so the redirect URI cannot be trusted (RFC 6749 §4.1.2.1, §4.2.2.1).
 */
import { KirokuError } from '../../errors/kiroku-error.js'
export class AuthorizePageError extends KirokuError {
  readonly code = 'unverified_authorization'
  override readonly status = 400
  constructor(
    readonly parameter: 'client_id' | 'redirect_uri',
    message: string,
  ) {
    super(message)
  }
}
