/**
 * Ties browser requests to server-side sessions (accounts/login-sessions.ts) through one cookie, and checks
 * CSRF tokens. Registered in the page routes' scope: the JSON APIs never touch cookies.
 *
 * A logged-in user's forms carry the session's CSRF token. A visitor without a session (the login
 * and sign-up forms) gets no session row: their forms are guarded by a signed double-submit cookie
 * instead (anonymous-forms.ts), so that showing a form writes nothing to the database.
 *
 * Both cookies are HttpOnly and SameSite=Lax; Secure with the __Host- prefix when Kiroku is served
 * over https, so that neither a script nor a sibling subdomain can read or plant them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { createSession, deleteSession, extendSession, findSession, type Session } from './login-sessions.js'
import { findUserById, type User } from './users.js'
import { constantTimeEqual } from '../util/random.js'
import { ANONYMOUS_FORM_TTL_SECONDS, type AnonymousForms } from '../web/anonymous-forms.js'
import { CSRF_FIELD, CsrfError } from '../web/csrf.js'

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null
    user: User | null
  }
}


export interface SessionControls {
  /**
   * The CSRF token for the page's forms: the session's when there is one; else an anonymous form
   * token, whose cookie is set (made when the browser holds no valid one). Writes nothing to the database.
   */
  formToken(request: FastifyRequest, reply: FastifyReply): string
  /** Logs `userId` in: the old session is dropped and a new id issued (no session fixation). */
  logIn(request: FastifyRequest, reply: FastifyReply, userId: number): Promise<Session>
  /** Ends the session and clears the cookie. */
  logOut(request: FastifyRequest, reply: FastifyReply): Promise<void>
  /**
   * Throws CsrfError unless the submitted form carries the session's CSRF token or, for a visitor
   * without a session, an anonymous form token made for the form cookie the request brings.
   */
  checkCsrf(request: FastifyRequest): void
}

export function registerSessions(app: FastifyInstance, ctx: AppContext, forms: AnonymousForms): SessionControls {
  const secure = ctx.config.publicUrl.startsWith('https:')
  const cookieName = secure ? '__Host-kiroku_session' : 'kiroku_session'
  const formCookieName = secure ? '__Host-kiroku_form' : 'kiroku_form'
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
      // From memory when read lately (accounts/user-cache.ts): every page and authorize link asks.
      request.user = await ctx.users.byId(session.userId)
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
    formToken(request, reply) {
      if (request.session) return request.session.csrfToken
      const held = request.cookies?.[formCookieName]
      const cookie = forms.isValidCookie(held) ? held : forms.newCookie()
      // Set again on every form shown, so that the cookie outlives the newest form's token.
      reply.setCookie(formCookieName, cookie, cookieOptions(ANONYMOUS_FORM_TTL_SECONDS))
      return forms.tokenFor(cookie)
    },
    async logIn(request, reply, userId) {
      if (request.session) await deleteSession(ctx.db, request.session.id)
      // The form cookie has served its purpose: the session's token guards the user's forms now.
      if (request.cookies?.[formCookieName] !== undefined) reply.clearCookie(formCookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure })
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
      const body = request.body
      const sent = typeof body === 'object' && body !== null && Object.hasOwn(body, CSRF_FIELD) ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined
      if (typeof sent !== 'string' || sent.length > 200) throw new CsrfError()
      if (request.session) {
        if (!constantTimeEqual(sent, request.session.csrfToken)) throw new CsrfError()
        return
      }
      const cookie = request.cookies?.[formCookieName]
      if (!forms.isValidCookie(cookie) || !forms.checkToken(cookie, sent)) throw new CsrfError()
    },
  }
}
