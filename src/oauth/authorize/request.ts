/** The authorization request as it moves through the checks (index.ts runs them in order). */
import type { Client } from '../clients.js'
import type { ParamSource } from '../../web/params.js'
import { readParam } from '../../web/params.js'

/** Every parameter the authorization endpoint reads; the approval form carries them through unchanged. */
export const AUTHORIZE_PARAMS = ['client_id', 'redirect_uri', 'response_type', 'state', 'code_challenge', 'code_challenge_method', 'prompt', 'code_verifier'] as const
export type AuthorizeParam = (typeof AUTHORIZE_PARAMS)[number]

export type ResponseType = 'token' | 'code'
/** Where the answer goes on the redirect URI: the fragment for tokens (never sent to servers), else the query. */
export type ResponseMode = 'fragment' | 'query'

export interface AuthorizationRequest {
  /** The request's parameters as sent (single strings only). */
  params: Partial<Record<AuthorizeParam, string>>
  /**
   * Parameters that are not one string (sent twice, or a JSON object in a forged form post), with what
   * is wrong: an error, reported by the check that owns the parameter.
   */
  problems: Map<AuthorizeParam, string>
  client?: Client
  /** Set once verified against the client's registrations; from then on errors may be redirected. */
  redirectUri?: string
  responseType?: ResponseType
  responseMode: ResponseMode
  /** The PKCE challenge, when the app sent one (code grant only). */
  codeChallenge?: { challenge: string; method: 'S256' | 'plain' }
  /** prompt=none: answer without showing any page. prompt=consent: ask even if approved before. */
  prompt: { none: boolean; consent: boolean }
}

/** Reads the parameters from a query string or form body. */
export function readAuthorizationRequest(source: ParamSource): AuthorizationRequest {
  const params: AuthorizationRequest['params'] = {}
  const problems = new Map<AuthorizeParam, string>()
  for (const name of AUTHORIZE_PARAMS) {
    const reading = readParam(source, name)
    if (reading.problem !== undefined) problems.set(name, reading.problem)
    else if (reading.value !== undefined) params[name] = reading.value
  }
  return { params, problems, responseMode: 'fragment', prompt: { none: false, consent: false } }
}

/** A request that passed every check. */
export type ValidAuthorizationRequest = AuthorizationRequest & Required<Pick<AuthorizationRequest, 'client' | 'redirectUri' | 'responseType'>>
