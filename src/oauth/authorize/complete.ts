/**
 * Finishes an approved authorization: remembers the approval the user just gave, then answers the app
 * with a token in the fragment (implicit grant) or a single-use code in the query (code grant).
 */
import type { AppContext } from '../../app/app-context.js'
import { recordApproval } from '../approvals.js'
import { createCode } from '../codes.js'
import type { ValidAuthorizationRequest } from './request.js'
import { authorizationRedirect } from './respond.js'
import { AuthorizePageError } from './page-error.js'
import { isForeignKeyViolation } from '../../storage/constraint-errors.js'

/**
 * How the user approved: on the approval page just now (recorded, so that it is remembered and its
 * date shown as "last approved"), or by an approval remembered from before, which is left as it is:
 * the user approved nothing new, and rewriting the row would cost a commit on every such request.
 */
export type ApprovalSource = 'given' | 'remembered'

/**
 * Returns the URL to redirect the browser to. An app deleted since the request was checked fails the
 * new rows' foreign key: its redirect URI is no longer registered, so the user gets an error page.
 */
export async function completeAuthorization(ctx: AppContext, request: ValidAuthorizationRequest, userId: number, approval: ApprovalSource): Promise<string> {
  try {
    return await complete(ctx, request, userId, approval)
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AuthorizePageError('client_id', 'This app was deleted by its developer while you were approving it.')
    throw error
  }
}

async function complete(ctx: AppContext, request: ValidAuthorizationRequest, userId: number, approval: ApprovalSource): Promise<string> {
  const issuer = ctx.config.publicUrl
  if (approval === 'given') await recordApproval(ctx.db, ctx.clock, userId, request.client.id)
  if (request.responseType === 'token') {
    const issued = await ctx.tokens.issue({ clientId: request.client.id, userId, grantType: 'implicit' })
    ctx.metrics.tokenIssued('implicit')
    return authorizationRedirect(request, issuer, { access_token: issued.accessToken, token_type: 'Bearer', expires_in: String(issued.expiresIn) })
  }
  const code = await createCode(ctx.db, ctx.clock, {
    clientId: request.client.id,
    userId,
    redirectUri: request.redirectUri,
    redirectUriGiven: request.params.redirect_uri !== undefined && request.params.redirect_uri !== '',
    codeChallenge: request.codeChallenge?.challenge ?? null,
    codeChallengeMethod: request.codeChallenge?.method ?? null,
  })
  return authorizationRedirect(request, issuer, { code })
}
