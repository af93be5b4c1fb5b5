/** The front page. */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'

export function registerHomeRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/', async (request, reply) =>
    ctx.views.send(reply, 'home', {
      title: 'Home',
      viewerName: request.user?.name ?? null,
      csrfToken: request.session?.csrfToken ?? null,
      publicUrl: ctx.config.publicUrl,
    }),
  )
}
