/**
 * A profile URL under a name its owner gave up: the same page under their current name, while nobody
 * else holds the old one (accounts/previous-names.ts). A 302, not a 301: a browser would keep a 301
 * past the day someone takes the name.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import { findRenamedUser } from '../../accounts/previous-names.js'

/** Redirects and answers true when `name` is a name given up and free; false otherwise (the caller answers 404). */
export async function redirectRenamedProfile(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, name: string): Promise<boolean> {
  const renamed = await findRenamedUser(ctx.db, name)
  if (!renamed) return false
  // What follows the name in the URL (a tab, a query) is kept; it starts with / or ?, so the target stays on this site.
  const rest = /^\/user\/[^/?#]*(.*)$/s.exec(request.url)?.[1] ?? ''
  await reply.redirect(`/user/${encodeURIComponent(renamed.name)}${rest}`, 302)
  return true
}
