/** Builds the redirect back to the app: the answer in the fragment (tokens) or the query (codes). */
import type { OAuthError } from '../errors.js'
import type { AuthorizationRequest } from './request.js'

export function authorizationRedirect(request: Pick<AuthorizationRequest, 'responseMode' | 'params'> & { redirectUri: string }, answer: Record<string, string>): string {
  const params = new URLSearchParams(answer)
  if (request.params.state !== undefined) params.set('state', request.params.state)
  if (request.responseMode === 'fragment') return `${request.redirectUri}#${params}`
  return `${request.redirectUri}${request.redirectUri.includes('?') ? '&' : '?'}${params}`
}

export function errorRedirect(request: Pick<AuthorizationRequest, 'responseMode' | 'params'> & { redirectUri: string }, error: OAuthError): string {
  return authorizationRedirect(request, { error: error.code, error_description: error.description })
}
