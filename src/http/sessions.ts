/**
 * Ties browser requests to server-side sessions (accounts/sessions.ts) through one cookie, and checks
 * CSRF tokens. Registered in the page routes' scope: the JSON APIs never touch cookies.
 *
 * The cookie is HttpOnly and SameSite=Lax; Secure with the __Host- prefix when Kiroku is served over
 * https, so that neither a script nor a sibling subdomain can read or plant it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../app-context.js'
import { ANONYMOUS_SESSION_TTL_SECONDS, createSession, deleteSession, extendSession, findSession, type Session } from '../accounts/sessions.js'
import { findUserById, type User } from '../accounts/users.js'
import { constantTimeEqual } from '../util/random.js'

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null
    user: User | null
  }
}

export const CSRF_FIELD = 'csrf_token'

export class CsrfError extends Error {
  override name = 'CsrfError'
  constructor() {
    super('This form has expired or did not come from this site. Go back, reload the page and try again.')
  }
}

export interface SessionControls {
  /** The request's session, creating an anonymous one (and its cookie) when there is none. */
  ensure(request: FastifyRequest, reply: FastifyReply): Promise<Session>
  /** Logs `userId` in: the old session is dropped and a new id issued (no session fixation). */
  logIn(request: FastifyRequest, reply: FastifyReply, userId: number): Promise<Session>
  /** Ends the session and clears the cookie. */
  logOut(request: FastifyRequest, reply: FastifyReply): Promise<void>
  /** Throws CsrfError unless the submitted form carries this session's CSRF token. */
  checkCsrf(request: FastifyRequest): void
}

export function registerSessions(app: FastifyInstance, ctx: AppContext): SessionControls {
  const secure = ctx.config.publicUrl.startsWith('https:')
  const cookieName = secure ? '__Host-kiroku_session' : 'kiroku_session'
  const cookieOptions = (maxAge: number) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge })

  app.decorateRequest('session', null)
  app.decorateRequest('user', null)
  app.addHook('preHandler', async (request, reply) => {
    // `cookies` is missing when a 404 from outside this scope (a missing /static/ file) lands in our handler.
    const token = request.cookies?.[cookieName]
    if (!token) return
    const session = await findSession(ctx.db, ctx.clock, token)
    if (!session) return
    request.session = session
    if (session.userId !== null) {
      request.user = await findUserById(ctx.db, session.userId)
      // The cookie's Max-Age moves with the server-side expiry, or an active user would lose it anyway.
      const extended = request.user !== null && (await extendSession(ctx.db, ctx.clock, session, ctx.config.sessionTtlSeconds))
      if (extended) reply.setCookie(cookieName, token, cookieOptions(ctx.config.sessionTtlSeconds))
    }
  })

  const start = async (reply: FastifyReply, userId: number | null, ttl: number): Promise<Session> => {
    const { session, token } = await createSession(ctx.db, ctx.clock, userId, ttl)
    reply.setCookie(cookieName, token, cookieOptions(ttl))
    return session
  }

  return {
    async ensure(request, reply) {
      request.session ??= await start(reply, null, ANONYMOUS_SESSION_TTL_SECONDS)
      return request.session
    },
    async logIn(request, reply, userId) {
      if (request.session) await deleteSession(ctx.db, request.session.id)
      request.session = await start(reply, userId, ctx.config.sessionTtlSeconds)
      request.user = await findUserById(ctx.db, userId)
      return request.session
    },
    async logOut(request, reply) {
      if (request.session) await deleteSession(ctx.db, request.session.id)
      request.session = null
      request.user = null
      reply.clearCookie(cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure })
    },
    checkCsrf(request) {
      const body = request.body as Record<string, unknown> | undefined
      const sent = body?.[CSRF_FIELD]
      if (!request.session || typeof sent !== 'string' || !constantTimeEqual(sent, request.session.csrfToken)) throw new CsrfError()
    },
  }
}
