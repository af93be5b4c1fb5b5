/** /settings/developer: a logged-in user registers app clients, sees their ids, and deletes them. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import type { SessionControls } from '../accounts/session-cookies.js'
import { formField, formFields } from '../web/params.js'
import { ClientError, createClient, listClientsOwnedBy } from './clients.js'
import { deleteOwnedClient } from './client-deletion.js'
import { isRowId } from '../storage/row-ids.js'

export function registerDeveloperRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const pinUrl = `${ctx.config.publicUrl}/api/v2/oauth/pin`

  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown>, status = 200) => {
    const user = request.user!
    const clients = await listClientsOwnedBy(ctx.db, user.id)
    return ctx.views.send(
      reply,
      'developer',
      { title: 'Developer settings', viewerName: user.name, csrfToken: request.session!.csrfToken, clients, pinUrl, created: null, error: null, form: { name: '', redirectUris: '', isPublic: false }, ...extra },
      status,
    )
  }

  const requireLogin = (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (request.user) return true
    void reply.redirect(`/login?next=${encodeURIComponent('/settings/developer')}`, 303)
    return false
  }

  app.get('/settings/developer', async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    return render(request, reply, {})
  })

  app.post('/settings/developer/clients', async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    sessions.checkCsrf(request)
    const name = formField(request.body, 'name') ?? ''
    const isPublic = formField(request.body, 'public') === 'on'
    // One URI per line in the form; commas too, as AniList's single field accepts them comma-separated.
    const redirectText = formFields(request.body, 'redirect_uris').join('\n')
    const redirectUris = redirectText.split(/[\n,]/).map((u) => u.trim()).filter(Boolean)
    try {
      const { client, secret } = await createClient(ctx.db, ctx.clock, { name, redirectUris, ownerUserId: request.user!.id, isPublic })
      return render(request, reply, { created: { id: client.id, name: client.name, secret } }, 201)
    } catch (error) {
      if (!(error instanceof ClientError)) throw error
      return render(request, reply, { error: error.message, form: { name, redirectUris: redirectText, isPublic } }, 400)
    }
  })

  app.post('/settings/developer/clients/:id/delete', async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    sessions.checkCsrf(request)
    const id = Number((request.params as { id: string }).id)
    const deleted = isRowId(id) && (await deleteOwnedClient(ctx, id, request.user!.id))
    if (!deleted) return render(request, reply, { error: 'No such client among yours.' }, 404)
    return reply.redirect('/settings/developer', 303)
  })
}
