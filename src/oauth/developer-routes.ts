/**
 * /settings/developer: a logged-in user registers app clients, edits their names and redirect URIs,
 * rotates their secrets and deletes them. Post/Redirect/Get throughout, so that a reload never posts
 * again: a new secret (on creation or rotation) travels to the page it is shown on in a sealed
 * one-time cookie (web/one-time-notices.ts), never in the URL, and is shown on that one load only.
 */
import { requireLogin as requireLoginFor } from '../web/login-redirect.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import type { SessionControls } from '../accounts/session-cookies.js'
import { formField, formFields } from '../web/params.js'
import { OneTimeNotices } from '../web/one-time-notices.js'
import { serverSecret } from '../web/server-secrets.js'
import { ClientError, createClient, findClient, issueClientSecret, listClientsOwnedBy, updateOwnedClient, type Client } from './clients.js'
import { deleteOwnedClient } from './client-deletion.js'
import { isRowId } from '../storage/row-ids.js'

export const DEVELOPER_PATH = '/settings/developer'
// The server secret that seals the one-time notices (server_secrets).
const NOTICES_SECRET = 'one-time-notices'
const STYLES = ['site/settings.css']

/** What the page shows once after creating a client or rotating its secret. */
interface SecretNotice {
  kind: 'created' | 'rotated'
  id: number
  name: string
  secret: string | null
}

/** The redirect URIs of a form: one per line, or comma-separated as AniList's single field takes them, or repeated fields. */
function redirectUrisOf(body: unknown): { text: string; uris: string[] } {
  const text = formFields(body, 'redirect_uris').join('\n')
  return { text, uris: text.split(/[\n,]/).map((u) => u.trim()).filter(Boolean) }
}

export function registerDeveloperRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const pinUrl = `${ctx.config.publicUrl}/api/v2/oauth/pin`
  const secure = ctx.config.publicUrl.startsWith('https:')
  const noticeCookie = secure ? '__Host-kiroku_notice' : 'kiroku_notice'
  const noticeCookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure }
  let notices: Promise<OneTimeNotices> | undefined
  const oneTimeNotices = () => {
    notices ??= serverSecret(ctx.db, ctx.clock, NOTICES_SECRET).then((key) => new OneTimeNotices(key, ctx.clock))
    notices.catch(() => (notices = undefined))
    return notices
  }

  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown>, status = 200) => {
    const clients = await listClientsOwnedBy(ctx.db, request.user!.id)
    return ctx.views.page(
      request,
      reply,
      'developer',
      { title: 'Developer settings', section: 'settings', styles: STYLES, clients, pinUrl, notice: null, done: null, error: null, form: { name: '', redirectUris: '', isPublic: false }, ...extra },
      status,
    )
  }

  // A visitor comes back to the page they asked for; after a form, to the developer page.
  const requireLogin = (request: FastifyRequest, reply: FastifyReply): boolean => requireLoginFor(request, reply, DEVELOPER_PATH)

  const notFound = (request: FastifyRequest, reply: FastifyReply) => ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)

  /** The user's client named by the path, or null (an id that is not a row id, or not theirs). */
  const ownClient = async (request: FastifyRequest): Promise<Client | null> => {
    const id = Number((request.params as { id: string }).id)
    if (!isRowId(id)) return null
    const client = await findClient(ctx.db, id)
    return client && client.ownerUserId === request.user!.id ? client : null
  }

  /** Seals the secret into the one-time cookie and sends the browser to the page that shows it. */
  const showOnce = async (request: FastifyRequest, reply: FastifyReply, notice: SecretNotice) => {
    const { id, cookie } = (await oneTimeNotices()).seal(request.user!.id, notice)
    reply.setCookie(noticeCookie, cookie, { ...noticeCookieOptions, maxAge: 300 })
    return reply.redirect(`${DEVELOPER_PATH}?shown=${id}`, 303)
  }

  app.get(DEVELOPER_PATH, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    const query = request.query as Record<string, unknown>
    let notice: SecretNotice | null = null
    const sealed = request.cookies?.[noticeCookie]
    if (sealed !== undefined) {
      notice = (await oneTimeNotices()).open<SecretNotice>(sealed, query.shown, request.user!.id)
      // Shown on this load only: the cookie goes whether or not it was the one asked for.
      reply.clearCookie(noticeCookie, noticeCookieOptions)
    }
    const done = query.saved === '1' ? 'The client was saved.' : query.deleted === '1' ? 'The client was deleted, and every token issued to it revoked.' : null
    return render(request, reply, { notice, done })
  })

  app.post(`${DEVELOPER_PATH}/clients`, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    sessions.checkCsrf(request)
    const name = formField(request.body, 'name') ?? ''
    const isPublic = formField(request.body, 'public') === 'on'
    const redirect = redirectUrisOf(request.body)
    try {
      const { client, secret } = await createClient(ctx.db, ctx.clock, { name, redirectUris: redirect.uris, ownerUserId: request.user!.id, isPublic })
      return showOnce(request, reply, { kind: 'created', id: client.id, name: client.name, secret })
    } catch (error) {
      if (!(error instanceof ClientError)) throw error
      return render(request, reply, { error: error.message, form: { name, redirectUris: redirect.text, isPublic } }, 400)
    }
  })

  app.get(`${DEVELOPER_PATH}/clients/:id/edit`, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    const client = await ownClient(request)
    if (!client) return notFound(request, reply)
    return ctx.views.page(request, reply, 'site/settings/client-edit', {
      title: `Edit ${client.name}`, section: 'settings', styles: STYLES, client, pinUrl, error: null,
      form: { name: client.name, redirectUris: client.redirectUris.join('\n') },
    })
  })

  app.post(`${DEVELOPER_PATH}/clients/:id`, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    sessions.checkCsrf(request)
    const client = await ownClient(request)
    if (!client) return notFound(request, reply)
    const name = formField(request.body, 'name') ?? ''
    const redirect = redirectUrisOf(request.body)
    try {
      if (!(await updateOwnedClient(ctx.db, client.id, request.user!.id, { name, redirectUris: redirect.uris }))) return notFound(request, reply)
    } catch (error) {
      if (!(error instanceof ClientError)) throw error
      return ctx.views.page(
        request,
        reply,
        'site/settings/client-edit',
        { title: `Edit ${client.name}`, section: 'settings', styles: STYLES, client, pinUrl, error: error.message, form: { name, redirectUris: redirect.text } },
        400,
      )
    }
    return reply.redirect(`${DEVELOPER_PATH}?saved=1`, 303)
  })

  app.post(`${DEVELOPER_PATH}/clients/:id/secret`, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    sessions.checkCsrf(request)
    const client = await ownClient(request)
    if (!client) return notFound(request, reply)
    const issued = await issueClientSecret(ctx.db, client.id, request.user!.id)
    if ('refused' in issued) {
      if (issued.refused === 'unknown_client') return notFound(request, reply)
      return render(request, reply, { error: `"${client.name}" is a public client: it has no secret to rotate.` }, 400)
    }
    return showOnce(request, reply, { kind: 'rotated', id: client.id, name: client.name, secret: issued.secret })
  })

  app.get(`${DEVELOPER_PATH}/clients/:id/delete`, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    const client = await ownClient(request)
    if (!client) return notFound(request, reply)
    return ctx.views.page(request, reply, 'site/settings/client-delete', { title: `Delete ${client.name}`, section: 'settings', styles: STYLES, client })
  })

  app.post(`${DEVELOPER_PATH}/clients/:id/delete`, async (request, reply) => {
    if (!requireLogin(request, reply)) return reply
    sessions.checkCsrf(request)
    const id = Number((request.params as { id: string }).id)
    const deleted = isRowId(id) && (await deleteOwnedClient(ctx, id, request.user!.id))
    if (!deleted) return render(request, reply, { error: 'No such client among yours.' }, 404)
    return reply.redirect(`${DEVELOPER_PATH}?deleted=1`, 303)
  })
}
