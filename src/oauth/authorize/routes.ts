/**
 * GET and POST /api/v2/oauth/authorize. GET validates, then (after login) either answers at once
 * (the user approved this client before and the approval may be remembered, see
 * remembered-approval.ts; or prompt=none) or shows the approval page; POST, from that
 * page's form, validates again, checks the CSRF token and answers the app.
 */
import { redirectToLogin } from '../../web/login-redirect.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import type { ParamSource } from '../../web/params.js'
import { AccessDenied, ConsentRequired, LoginRequired } from '../errors.js'
import { hasApproval } from '../approvals.js'
import { validateAuthorizationRequest } from './index.js'
import { readParam } from '../../web/params.js'
import { AUTHORIZE_PARAMS, type AuthorizationRequest, type ValidAuthorizationRequest } from './request.js'
import { errorRedirect } from './respond.js'
import { completeAuthorization, type ApprovalSource } from './complete.js'
import { mayUseRememberedApproval } from './remembered-approval.js'
import { AuthorizePageError } from './page-error.js'
import { AUTHORIZE_PATH } from './path.js'
import { clientOwnerLine } from './asking-app.js'
import { rememberPinStart } from '../pin-return.js'

export { AUTHORIZE_PATH }

// RFC 9700 §4.12: a redirect answering the approval form's POST (session cookie, CSRF token) is 303,
// so that no browser re-sends the form to the app; 302 leaves the method to the browser.
const SEE_OTHER = 303

/** The request as a link to this endpoint: where login sends the user back to. */
function authorizeLink(request: Pick<AuthorizationRequest, 'params'>, omit: readonly string[] = []): string {
  const query = new URLSearchParams()
  for (const name of AUTHORIZE_PARAMS) if (request.params[name] !== undefined && !omit.includes(name)) query.set(name, request.params[name]!)
  return `${AUTHORIZE_PATH}?${query}`
}

export function registerAuthorizeRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const issuer = ctx.config.publicUrl

  const pageError = (request: FastifyRequest, reply: FastifyReply, error: AuthorizePageError) =>
    ctx.views.send(
      reply,
      'error',
      {
        title: 'Authorization error',
        heading: 'This authorization request is invalid',
        message: error.message,
        parameter: error.parameter,
        viewerName: request.user?.name ?? null,
        csrfToken: request.session?.csrfToken ?? null,
      },
      400,
    )

  // Every answer that leaves for the app goes through here; one for this server's PIN page leaves the
  // request behind for the page's "Start again" link.
  const toApp = (reply: FastifyReply, request: AuthorizationRequest, url: string, status: 302 | 303) => {
    // Without prompt=none: starting again should show the pages that request refused to show.
    if (request.redirectUri !== undefined) rememberPinStart(ctx, reply, request.redirectUri, authorizeLink(request, ['prompt']))
    return reply.redirect(url, status)
  }

  const finish = async (request: FastifyRequest, reply: FastifyReply, valid: ValidAuthorizationRequest, userId: number, approval: ApprovalSource, status: 302 | 303) => {
    try {
      return toApp(reply, valid, await completeAuthorization(ctx, valid, userId, approval), status)
    } catch (error) {
      if (error instanceof AuthorizePageError) return pageError(request, reply, error)
      throw error
    }
  }

  const loginFirst = (reply: FastifyReply, request: ValidAuthorizationRequest) => redirectToLogin(reply, authorizeLink(request))

  app.get(AUTHORIZE_PATH, async (request, reply) => {
    const outcome = await validateAuthorizationRequest(ctx, request.query as ParamSource)
    if (outcome.kind === 'page-error') return pageError(request, reply, outcome.error)
    if (outcome.kind === 'redirect-error') return toApp(reply, outcome.request, errorRedirect(outcome.request, issuer, outcome.error), 302)
    const valid = outcome.request
    const user = request.user
    if (!user) {
      if (valid.prompt.none) return toApp(reply, valid, errorRedirect(valid, issuer, new LoginRequired('Nobody is logged in, and prompt=none forbids asking.')), 302)
      return loginFirst(reply, valid)
    }
    const rememberable = mayUseRememberedApproval(valid)
    const remembered = rememberable && (await hasApproval(ctx.db, user.id, valid.client.id))
    if (valid.prompt.none && !remembered) {
      const why = rememberable
        ? 'The user has not approved this app, and prompt=none forbids asking.'
        : 'This app is public or its redirect URI is a loopback address, a custom scheme or plain http, so the user approves every authorization; prompt=none forbids asking.'
      return toApp(reply, valid, errorRedirect(valid, issuer, new ConsentRequired(why)), 302)
    }
    if (remembered && !valid.prompt.consent) return finish(request, reply, valid, user.id, 'remembered', 302)

    return ctx.views.send(reply, 'approve', {
      title: `Authorize ${valid.client.name}`,
      styles: ['site/oauth.css'],
      viewerName: user.name,
      csrfToken: request.session!.csrfToken,
      clientName: valid.client.name,
      clientOwner: await clientOwnerLine(ctx.db, valid.client),
      // "Not you?": logs out, then the login page with this same request as its next.
      switchNext: authorizeLink(valid),
      redirectUri: valid.redirectUri,
      asksEveryTime: !rememberable,
      params: AUTHORIZE_PARAMS.filter((name) => valid.params[name] !== undefined).map((name) => [name, valid.params[name]]),
    })
  })

  app.post(AUTHORIZE_PATH, async (request, reply) => {
    sessions.checkCsrf(request)
    const body = request.body as ParamSource
    const outcome = await validateAuthorizationRequest(ctx, body)
    if (outcome.kind === 'page-error') return pageError(request, reply, outcome.error)
    if (outcome.kind === 'redirect-error') return toApp(reply, outcome.request, errorRedirect(outcome.request, issuer, outcome.error), SEE_OTHER)
    const valid = outcome.request
    if (!request.user) return loginFirst(reply, valid)

    // Only an explicit Approve (the one string "approve") grants access; anything else is a refusal.
    if (readParam(body, 'decision').value !== 'approve') {
      return toApp(reply, valid, errorRedirect(valid, issuer, new AccessDenied('The user denied the request.')), SEE_OTHER)
    }
    return finish(request, reply, valid, request.user.id, 'given', SEE_OTHER)
  })
}
