/** /settings/apps: the apps a user has authorized, when, and a Revoke button for each. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import type { SessionControls } from '../accounts/session-cookies.js'
import { disconnectApp, listConnectedApps } from './connected-apps.js'
import { isRowId } from '../storage/row-ids.js'

export const CONNECTED_APPS_PATH = '/settings/apps'

export function registerConnectedAppsRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const apps = await listConnectedApps(ctx, request.user!.id)
    const when = (t: number) => new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'
    return ctx.views.send(
      reply,
      'connected-apps',
      {
        title: 'Connected apps',
        viewerName: request.user!.name,
        csrfToken: request.session!.csrfToken,
        apps: apps.map((a) => ({ ...a, approvedAtText: when(a.approvedAt), lastApprovedAtText: when(a.lastApprovedAt) })),
        revoked: null,
        ...extra,
      },
      status,
    )
  }

  app.get(CONNECTED_APPS_PATH, async (request, reply) => {
    if (!request.user) return reply.redirect(`/login?next=${encodeURIComponent(CONNECTED_APPS_PATH)}`, 303)
    return render(request, reply)
  })

  app.post(`${CONNECTED_APPS_PATH}/:clientId/revoke`, async (request, reply) => {
    if (!request.user) return reply.redirect(`/login?next=${encodeURIComponent(CONNECTED_APPS_PATH)}`, 303)
    sessions.checkCsrf(request)
    const clientId = Number((request.params as { clientId: string }).clientId)
    if (!isRowId(clientId) || !(await disconnectApp(ctx, request.user.id, clientId))) {
      return render(request, reply, { revoked: null }, 404)
    }
    return reply.redirect(CONNECTED_APPS_PATH, 303)
  })
}
