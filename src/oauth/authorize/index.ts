/**
 * The authorization endpoint's checks, in the order they run. Reading this list tells the protocol:
 * until the client and its redirect URI are verified, a failure is an error page; after that, the
 * app learns of the failure by a redirect carrying `error` (and `state`).
 */
import type { AppContext } from '../../app/app-context.js'
import type { ParamSource } from '../../web/params.js'
import { OAuthError } from '../errors.js'
import { checkClient } from './check-client.js'
import { checkRedirectUri } from './check-redirect-uri.js'
import { checkResponseType } from './check-response-type.js'
import { checkState } from './check-state.js'
import { checkPkce } from './check-pkce.js'
import { checkPrompt } from './check-prompt.js'
import { AuthorizePageError } from './page-error.js'
import { readAuthorizationRequest, type AuthorizationRequest, type ValidAuthorizationRequest } from './request.js'

type Check = (ctx: AppContext, request: AuthorizationRequest) => void | Promise<void>

export const AUTHORIZATION_CHECKS: readonly Check[] = [checkClient, checkRedirectUri, checkState, checkResponseType, checkPkce, checkPrompt]

export type AuthorizationOutcome =
  | { kind: 'valid'; request: ValidAuthorizationRequest }
  | { kind: 'page-error'; error: AuthorizePageError }
  | { kind: 'redirect-error'; error: OAuthError; request: AuthorizationRequest & { redirectUri: string } }

export async function validateAuthorizationRequest(ctx: AppContext, source: ParamSource): Promise<AuthorizationOutcome> {
  const request = readAuthorizationRequest(source)
  try {
    for (const check of AUTHORIZATION_CHECKS) await check(ctx, request)
  } catch (error) {
    if (error instanceof AuthorizePageError) return { kind: 'page-error', error }
    if (error instanceof OAuthError && request.redirectUri !== undefined) {
      return { kind: 'redirect-error', error, request: request as AuthorizationRequest & { redirectUri: string } }
    }
    throw error
  }
  return { kind: 'valid', request: request as ValidAuthorizationRequest }
}
