/**
 * GET /api/v2/oauth/pin: the redirect URI for apps without a web server. A code arrives in the query
 * and is shown by the server; a token arrives in the fragment, which only the page's own script can
 * read: it shows it and sends it nowhere. No third-party resource is loaded and no Referer is sent.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app-context.js'
import { singleParam, type ParamSource } from '../http/params.js'

export const PIN_PATH = '/api/v2/oauth/pin'

export function registerPinRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(PIN_PATH, async (request, reply) => {
    const query = request.query as ParamSource
    let code: string | undefined
    let error: string | undefined
    try {
      code = singleParam(query, 'code')
      const sentError = singleParam(query, 'error')
      if (sentError) error = singleParam(query, 'error_description') ?? sentError
    } catch {
      error = 'the request carried a parameter more than once'
    }
    return ctx.views.send(reply, 'pin', {
      title: 'Your authorization',
      viewerName: request.user?.name ?? null,
      csrfToken: request.session?.csrfToken ?? null,
      publicUrl: ctx.config.publicUrl,
      code: code ?? null,
      error: error ?? null,
    })
  })
}
