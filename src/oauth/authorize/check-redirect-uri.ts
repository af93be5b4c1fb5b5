/**
 * Check 2: the redirect URI is exactly one of the client's registered URIs. It may be left out only
 * when the client registered exactly one. Failure is shown as a page, never redirected.
 */
import type { AppContext } from '../../app-context.js'
import { matchRedirectUri } from '../redirect-uris.js'
import { AuthorizePageError } from './page-error.js'
import type { AuthorizationRequest } from './request.js'

export function checkRedirectUri(_ctx: AppContext, request: AuthorizationRequest): void {
  const client = request.client!
  const problem = request.problems.get('redirect_uri')
  if (problem) throw new AuthorizePageError('redirect_uri', problem)
  const requested = request.params.redirect_uri
  if (requested === undefined || requested === '') {
    if (client.redirectUris.length === 1) {
      request.redirectUri = client.redirectUris[0]
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
      `The redirect_uri "${requested}" is not registered for client ${client.id}. It must equal a registered redirect URI exactly (scheme, host, port, path, trailing slash and query).`,
    )
  }
  request.redirectUri = match
}
