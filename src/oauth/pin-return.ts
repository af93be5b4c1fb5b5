/**
 * The PIN page's "Start again" link. The PIN page is Kiroku's own redirect URI, so what it receives
 * says nothing of the app that sent the user (and what it receives is chosen by whoever made the
 * link). When the authorize endpoint sends a browser to this server's PIN page, it leaves the request
 * it answered in a cookie only the PIN page receives; the page offers that request again, once it
 * checked that the link is this server's authorize endpoint for a registered client.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { clientOfAuthorizeLink } from './authorize/asking-app.js'

export const PIN_PATH = '/api/v2/oauth/pin'
const COOKIE = 'kiroku_pin_start'
// Long enough to read the page and come back to it; the link itself grants nothing.
const MAX_AGE_SECONDS = 3600

/** Remembers `link` (the authorize request just answered) for the PIN page, when the answer goes there. */
export function rememberPinStart(ctx: AppContext, reply: FastifyReply, redirectUri: string, link: string): void {
  if (redirectUri !== `${ctx.config.publicUrl}${PIN_PATH}` || link.length > 3000) return
  const secure = ctx.config.publicUrl.startsWith('https:')
  reply.setCookie(COOKIE, link, { path: PIN_PATH, httpOnly: true, sameSite: 'lax', secure, maxAge: MAX_AGE_SECONDS })
}

/** Where the PIN page's "Start again" leads: the remembered authorize link and its app's name, or null. */
export async function pinStart(ctx: AppContext, request: FastifyRequest): Promise<{ url: string; appName: string } | null> {
  const link = request.cookies?.[COOKIE]
  if (typeof link !== 'string' || link.length > 3000) return null
  const client = await clientOfAuthorizeLink(ctx.db, link)
  return client ? { url: link, appName: client.name } : null
}
