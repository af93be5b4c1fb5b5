/**
 * GET /api/v2/oauth/pin: the redirect URI for apps without a web server. A code arrives in the query
 * and is shown by the server; a token arrives in the fragment, which only the page's own script can
 * read: it shows it and sends it nowhere. No third-party resource is loaded and no Referer is sent.
 * Nothing from the address is printed but a code or token in Kiroku's format (pin-messages.ts).
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { readParam } from '../web/params.js'
import { isCodeFormat, PIN_ERROR_MESSAGES, pinErrorMessage } from './pin-messages.js'
import { PIN_PATH, pinStart } from './pin-return.js'

export { PIN_PATH }

export function registerPinRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Every message, for the script to show one when the error arrives in the fragment.
  const fragmentMessages = Object.entries(PIN_ERROR_MESSAGES)

  app.get(PIN_PATH, async (request, reply) => {
    const code = readParam(request.query, 'code')
    const error = readParam(request.query, 'error')
    let shownCode: string | null = null
    let message: string | null = null
    if (code.problem !== undefined || error.problem !== undefined) message = PIN_ERROR_MESSAGES.repeated_parameter!
    else if (error.value) message = pinErrorMessage(error.value)
    else if (code.value !== undefined && isCodeFormat(code.value)) shownCode = code.value
    else if (code.value !== undefined) message = PIN_ERROR_MESSAGES.malformed_code!
    return ctx.views.send(reply, 'pin', {
      title: 'Your authorization',
      styles: ['site/oauth.css'],
      // "Start again": the authorize request that led here when known (pin-return.ts), else home.
      start: await pinStart(ctx, request),
      viewerName: request.user?.name ?? null,
      csrfToken: request.session?.csrfToken ?? null,
      publicUrl: ctx.config.publicUrl,
      code: shownCode,
      error: message,
      fragmentMessages,
    })
  })
}
