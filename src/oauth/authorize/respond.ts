/**
 * Builds the redirect back to the app: the answer in the fragment (tokens) or the query (codes).
 * Query answers carry `iss` (RFC 9207), so an app talking to several servers can tell which answered;
 * fragment answers keep AniList's exact shape.
 */
import type { OAuthError } from '../errors.js'
import type { AuthorizationRequest } from './request.js'

type Target = Pick<AuthorizationRequest, 'responseMode' | 'params'> & { redirectUri: string }

export function authorizationRedirect(request: Target, issuer: string, answer: Record<string, string>): string {
  const params = new URLSearchParams(answer)
  if (request.params.state !== undefined) params.set('state', request.params.state)
  if (request.responseMode === 'query') params.set('iss', issuer)
  if (request.responseMode === 'fragment') return `${request.redirectUri}#${params}`
  return `${request.redirectUri}${request.redirectUri.includes('?') ? '&' : '?'}${params}`
}

export function errorRedirect(request: Target, issuer: string, error: OAuthError): string {
  return authorizationRedirect(request, issuer, { error: error.code, error_description: error.description })
}
