/**
 * What the PIN page may say. Whoever made the link chose its query and fragment, and the page is on
 * Kiroku's origin: printing their text there (an error_description, an unknown error code) would let
 * anyone put words in Kiroku's mouth ("your account is locked, call …"). So the page prints only fixed
 * messages keyed by error code, and the one thing it must show, the code or token to copy, only in
 * the format Kiroku makes it.
 */

/** The page's messages, by the OAuth error codes an authorization can answer (RFC 6749 §4.1.2.1, OIDC prompt=none). */
export const PIN_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  access_denied: 'the request was denied.',
  invalid_request: 'the app sent an invalid authorization request.',
  unauthorized_client: 'the app is not allowed to ask for this kind of authorization.',
  unsupported_response_type: 'the app asked for a kind of answer Kiroku does not give.',
  invalid_scope: 'the app asked for access Kiroku does not grant.',
  server_error: 'the server met an unexpected error. Start again from the app.',
  temporarily_unavailable: 'the server is temporarily unavailable. Try again from the app in a minute.',
  login_required: 'you are not logged in, and the app asked Kiroku not to show the login page.',
  consent_required: 'the app needs your approval, but asked Kiroku not to show the approval page.',
  // Not error codes: what the page says of input it will not show.
  malformed_code: 'what arrived here is not an authorization code. Start again from the app.',
  malformed_token: 'what arrived here is not an access token. Start again from the app.',
  repeated_parameter: 'the request carried a parameter more than once.',
  other: 'the authorization failed. Start again from the app.',
}

/** The fixed message for an error code; unknown codes get the generic one. */
export function pinErrorMessage(code: string): string {
  return Object.hasOwn(PIN_ERROR_MESSAGES, code) ? PIN_ERROR_MESSAGES[code]! : PIN_ERROR_MESSAGES.other!
}

// Kiroku's codes are 32 random bytes in base64url (util/random.ts): exactly 43 characters.
const CODE_FORMAT = /^[A-Za-z0-9_-]{43}$/

/** True when `code` has the shape of a code Kiroku issues, so that showing it cannot show anyone's text. */
export function isCodeFormat(code: string): boolean {
  return CODE_FORMAT.test(code)
}
