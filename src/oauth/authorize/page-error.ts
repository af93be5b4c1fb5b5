/**
 * An authorization error that must be shown to the user and never redirected: the client or the
 * redirect URI could not be verified, so the redirect URI cannot be trusted (RFC 6749 §4.1.2.1, §4.2.2.1).
 */
export class AuthorizePageError extends Error {
  override name = 'AuthorizePageError'
  constructor(
    readonly parameter: 'client_id' | 'redirect_uri',
    message: string,
  ) {
    super(message)
  }
}
