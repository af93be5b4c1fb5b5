/**
 * The device authorization grant (RFC 8628): POST /api/v2/oauth/device/code for the device, and the
 * /activate page where a logged-in user types the code shown on the device and approves or denies.
 */
import { redirectToLogin } from '../web/login-redirect.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import type { SessionControls } from '../accounts/session-cookies.js'
import { noStore } from './api-errors.js'
import { oauthBody } from './params.js'
import { formField } from '../web/params.js'
import { authenticateClient } from './token/client-auth.js'
import { findClient } from './clients.js'
import { recordApproval } from './approvals.js'
import { answerDeviceAuthorization, createDeviceAuthorization, findPendingByUserCode } from './device-codes.js'
import { describeWait, FailureThrottle } from '../util/failure-throttle.js'

// RFC 8628 §5.1: user codes are short, so wrong guesses are limited, per user: 10 per 15 minutes.
export const MAX_WRONG_USER_CODES = 10
export const WRONG_USER_CODE_WINDOW_SECONDS = 15 * 60

export const DEVICE_AUTHORIZATION_PATH = '/api/v2/oauth/device/code'
export const ACTIVATE_PATH = '/activate'

/** The device's endpoint: JSON API scope. */
export function registerDeviceAuthorizationRoute(app: FastifyInstance, ctx: AppContext): void {
  app.post(DEVICE_AUTHORIZATION_PATH, async (request, reply) => {
    const { client } = await authenticateClient(ctx, request.headers.authorization, oauthBody(request.body))
    const started = await createDeviceAuthorization(ctx.db, ctx.clock, client.id)
    const verificationUri = ctx.config.publicUrl + ACTIVATE_PATH
    return noStore(reply).send({
      device_code: started.deviceCode,
      user_code: started.userCode,
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${encodeURIComponent(started.userCode)}`,
      expires_in: started.expiresIn,
      interval: started.interval,
    })
  })
}

/** The person's pages: page scope (sessions, CSRF). */
export function registerActivateRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  sessions: SessionControls,
  throttle = new FailureThrottle(MAX_WRONG_USER_CODES, WRONG_USER_CODE_WINDOW_SECONDS),
): void {
  const render = (request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>, status = 200) =>
    ctx.views.send(
      reply,
      'activate',
      { title: 'Connect a device', viewerName: request.user!.name, csrfToken: request.session!.csrfToken, userCode: '', client: null, error: null, done: null, ...data },
      status,
    )
  const loginFirst = (request: FastifyRequest, reply: FastifyReply) => {
    const typed = formField(request.query, 'user_code')
    const next = typed ? `${ACTIVATE_PATH}?user_code=${encodeURIComponent(typed)}` : ACTIVATE_PATH
    return redirectToLogin(reply, next)
  }

  // Step 1: type the code (pre-filled from verification_uri_complete). Step 2 shows the app by name.
  app.get(ACTIVATE_PATH, async (request, reply) => {
    if (!request.user) return loginFirst(request, reply)
    const typed = formField(request.query, 'user_code') ?? ''
    return render(request, reply, { userCode: typed })
  })

  app.post(ACTIVATE_PATH, async (request, reply) => {
    if (!request.user) return loginFirst(request, reply)
    sessions.checkCsrf(request)
    const typed = formField(request.body, 'user_code') ?? ''
    const decision = formField(request.body, 'decision')
    const throttleKey = `activate|${request.user.id}`
    const wait = await throttle.take(throttleKey)
    if (wait > 0) {
      reply.header('retry-after', String(wait))
      return render(request, reply, { userCode: typed, error: `Too many wrong codes. Try again in ${describeWait(wait)}.` }, 429)
    }
    const device = await findPendingByUserCode(ctx.db, ctx.clock, typed)
    const client = device ? await findClient(ctx.db, device.clientId) : null
    if (!device || !client) {
      return render(request, reply, { userCode: typed, error: 'That code is not valid or has expired. Check the code on your device and try again.' }, 400)
    }
    // A valid code was no wrong guess: its point, taken above, goes back.
    await throttle.giveBack(throttleKey)
    if (decision === undefined) return render(request, reply, { userCode: device.userCode, client: { name: client.name } })
    const approved = decision === 'approve'
    if (!(await answerDeviceAuthorization(ctx.db, device.id, request.user.id, approved))) {
      return render(request, reply, { userCode: typed, error: 'That code has already been used.' }, 409)
    }
    if (approved) await recordApproval(ctx.db, ctx.clock, request.user.id, client.id)
    return render(request, reply, { done: { approved, clientName: client.name } })
  })
}
