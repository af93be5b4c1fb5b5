/** Sending a visitor to log in first, coming back to `next` afterwards (one spelling for every page). */
import type { FastifyReply, FastifyRequest } from 'fastify'

/** The login page's path that returns to `next` (a path on this server) once logged in. */
export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`
}

/** Answers with a 303 to the login page that returns to `next`. */
export function redirectToLogin(reply: FastifyReply, next: string): FastifyReply {
  return reply.redirect(loginPath(next), 303)
}

/**
 * True for a logged-in request; otherwise sends the visitor to log in and answers false. A page
 * (GET) is asked for again after login; a form cannot be replayed, so a POST returns to `afterForm`.
 */
export function requireLogin(request: Pick<FastifyRequest, 'user' | 'method' | 'url'>, reply: FastifyReply, afterForm: string): boolean {
  if (request.user) return true
  void redirectToLogin(reply, request.method === 'GET' ? request.url : afterForm)
  return false
}
