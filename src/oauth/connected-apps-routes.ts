/**
 * /settings/apps: the apps a user has authorized, when, and Revoke for each, behind a confirmation
 * page; Post/Redirect/Get, so a reload never revokes again.
 */
import { requireLogin as requireLoginFor } from '../web/login-redirect.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import type { SessionControls } from '../accounts/session-cookies.js'
import { disconnectApp, listConnectedApps, type ConnectedApp } from './connected-apps.js'
import { findClient } from './clients.js'
import { isRowId } from '../storage/row-ids.js'

export const CONNECTED_APPS_PATH = '/settings/apps'
const STYLES = ['site/settings.css']
const when = (t: number) => new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'

export function registerConnectedAppsRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const apps = await listConnectedApps(ctx, request.user!.id)
    return ctx.views.page(
      request,
      reply,
      'connected-apps',
      {
        title: 'Connected apps',
        section: 'settings',
        styles: STYLES,
        apps: apps.map((a) => ({ ...a, approvedAtText: when(a.approvedAt), lastApprovedAtText: when(a.lastApprovedAt) })),
        revoked: null,
        ...extra,
      },
      status,
    )
  }

  const requireLogin = (request: FastifyRequest, reply: FastifyReply): boolean => requireLoginFor(request, reply, CONNECTED_APPS_PATH)

  /** The connected app the path names, or null. */
  const connectedApp = async (request: FastifyRequest): Promise<ConnectedApp | null> => {
    const clientId = Number((request.params as { clientId: string }).clientId)
    if (!isRowId(clientId)) return null
    return (await listConnectedApps(ctx, request.user!.id)).find((a) => a.clientId === clientId) ?? null
  }

  app.get(CONNECTED_APPS_PATH, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    const revokedId = Number((request.query as Record<string, unknown>).revoked)
    const revoked = isRowId(revokedId) ? ((await findClient(ctx.db, revokedId))?.name ?? null) : null
    return render(request, reply, { revoked })
  })

  app.get(`${CONNECTED_APPS_PATH}/:clientId/revoke`, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    const connected = await connectedApp(request)
    if (!connected) return ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
    return ctx.views.page(request, reply, 'site/settings/app-revoke', { title: `Revoke ${connected.name}`, section: 'settings', styles: STYLES, app: connected })
  })

  app.post(`${CONNECTED_APPS_PATH}/:clientId/revoke`, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    sessions.checkCsrf(request)
    const clientId = Number((request.params as { clientId: string }).clientId)
    if (!isRowId(clientId) || !(await disconnectApp(ctx, request.user!.id, clientId))) {
      return render(request, reply, { revoked: null }, 404)
    }
    return reply.redirect(`${CONNECTED_APPS_PATH}?revoked=${clientId}`, 303)
  })
}
