/**
 * The redirect URI is exactly one of the client's registered URIs. It may be left out only
 * when the client registered exactly one. It must also pass today's registration rules: a URI stored
 * before them (non-ASCII, control characters) cannot go in a Location header. Failure is shown as a
 * page, never redirected.
 */
import type { AppContext } from '../../app/app-context.js'
import { matchRedirectUri, quoteUri, RedirectUriError, validateRedirectUri } from '../redirect-uris.js'
import { AuthorizePageError } from './page-error.js'
import type { AuthorizationRequest } from './request.js'

export function checkRedirectUri(_ctx: AppContext, request: AuthorizationRequest): void {
  const client = request.client!
  const problem = request.problems.get('redirect_uri')
  if (problem) throw new AuthorizePageError('redirect_uri', problem)
  const requested = request.params.redirect_uri
  if (requested === undefined || requested === '') {
    if (client.redirectUris.length === 1) {
      request.redirectUri = stillValid(client.id, client.redirectUris[0]!)
      return
    }
    throw new AuthorizePageError(
      'redirect_uri',
      `The redirect_uri parameter is missing, and client ${client.id} has ${client.redirectUris.length} redirect URIs registered, so it must say which.`,
    )
  }
  const match = matchRedirectUri(client.redirectUris, requested)
  if (!match) {
    throw new AuthorizePageError(
      'redirect_uri',
      `The redirect_uri ${quoteUri(requested)} is not registered for client ${client.id}. It must equal a registered redirect URI exactly (scheme, host, port, path, trailing slash and query).`,
    )
  }
  request.redirectUri = stillValid(client.id, match)
}

/** The registered URI, if it passes today's registration rules; otherwise an error page for the user. */
function stillValid(clientId: number, uri: string): string {
  try {
    return validateRedirectUri(uri)
  } catch (error) {
    if (!(error instanceof RedirectUriError)) throw error
    throw new AuthorizePageError(
      'redirect_uri',
      `The redirect URI ${quoteUri(uri)} registered for client ${clientId} is not a valid redirect URI (${error.message}). The app's developer must register it again.`,
    )
  }
}
