/**
 * GET and POST /api/v2/oauth/authorize. GET validates and shows the approval page (after login);
 * POST, from that page's form, validates again, checks the CSRF token and answers the app.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { AppContext } from '../../app-context.js'
import type { SessionControls } from '../../http/sessions.js'
import { singleParam, type ParamSource } from '../../http/params.js'
import { AccessDenied } from '../errors.js'
import { validateAuthorizationRequest } from './index.js'
import { AUTHORIZE_PARAMS, type ValidAuthorizationRequest } from './request.js'
import { authorizationRedirect, errorRedirect } from './respond.js'
import type { AuthorizePageError } from './page-error.js'

export const AUTHORIZE_PATH = '/api/v2/oauth/authorize'

export function registerAuthorizeRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const pageError = (reply: FastifyReply, error: AuthorizePageError, viewerName: string | null, csrfToken: string | null) =>
    ctx.views.send(
      reply,
      'error',
      { title: 'Authorization error', heading: 'This authorization request is invalid', message: error.message, parameter: error.parameter, viewerName, csrfToken },
      400,
    )

  const loginFirst = (reply: FastifyReply, request: ValidAuthorizationRequest) => {
    const query = new URLSearchParams()
    for (const name of AUTHORIZE_PARAMS) if (request.params[name] !== undefined) query.set(name, request.params[name]!)
    return reply.redirect(`/login?next=${encodeURIComponent(`${AUTHORIZE_PATH}?${query}`)}`, 303)
  }

  app.get(AUTHORIZE_PATH, async (request, reply) => {
    const outcome = await validateAuthorizationRequest(ctx, request.query as ParamSource)
    const viewerName = request.user?.name ?? null
    if (outcome.kind === 'page-error') return pageError(reply, outcome.error, viewerName, request.session?.csrfToken ?? null)
    if (outcome.kind === 'redirect-error') return reply.redirect(errorRedirect(outcome.request, outcome.error), 302)
    if (!request.user) return loginFirst(reply, outcome.request)
    const valid = outcome.request
    return ctx.views.send(reply, 'approve', {
      title: `Authorize ${valid.client.name}`,
      viewerName,
      csrfToken: request.session!.csrfToken,
      clientName: valid.client.name,
      redirectUri: valid.redirectUri,
      params: AUTHORIZE_PARAMS.filter((name) => valid.params[name] !== undefined).map((name) => [name, valid.params[name]]),
    })
  })

  app.post(AUTHORIZE_PATH, async (request, reply) => {
    sessions.checkCsrf(request)
    const body = request.body as ParamSource
    const outcome = await validateAuthorizationRequest(ctx, body)
    if (outcome.kind === 'page-error') return pageError(reply, outcome.error, request.user?.name ?? null, request.session?.csrfToken ?? null)
    if (outcome.kind === 'redirect-error') return reply.redirect(errorRedirect(outcome.request, outcome.error), 302)
    const valid = outcome.request
    if (!request.user) return loginFirst(reply, valid)

    // Only an explicit Approve grants access; anything else is a refusal.
    if (singleParam(body, 'decision') !== 'approve') {
      return reply.redirect(errorRedirect(valid, new AccessDenied('The user denied the request.')), 302)
    }
    const issued = await ctx.tokens.issue({ clientId: valid.client.id, userId: request.user.id, grantType: 'implicit' })
    return reply.redirect(
      authorizationRedirect(valid, { access_token: issued.accessToken, token_type: 'Bearer', expires_in: String(issued.expiresIn) }),
      302,
    )
  })
}
