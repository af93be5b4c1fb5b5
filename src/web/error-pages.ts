/**
 * What a browser sees when a page request fails: a readable page with the right status, never a stack
 * trace. Unexpected errors are logged in full and shown as a generic 500.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { CsrfError } from './csrf.js'
import { classifyError } from '../errors/classify.js'
import { DATABASE_RETRY_AFTER_SECONDS } from '../errors/retry-after.js'

/** How a failure reads on a page: its status, heading and message, by the one error policy (errors/classify.ts). */
function describeFailure(error: unknown, request: FastifyRequest, reply: FastifyReply): { status: number; heading: string; message: string } {
  const failure = classifyError(error)
  switch (failure.kind) {
    case 'refusal':
      return { status: failure.error.status, heading: failure.error instanceof CsrfError ? 'Form expired' : 'Bad request', message: failure.error.message }
    case 'bad-request':
      return { status: failure.status, heading: 'Bad request', message: failure.message }
    case 'unavailable':
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
      request.log.warn({ err: error }, 'page request: database unavailable')
      return { status: 503, heading: 'Temporarily unavailable', message: 'Kiroku cannot reach its database right now. Please try again in a minute.' }
    case 'internal':
      request.log.error({ err: error }, 'page request failed')
      return { status: 500, heading: 'Something went wrong', message: 'The server met an unexpected error. Please try again.' }
  }
}

/** Answers failed page requests with the error page, and unknown paths with the 404 page. */
export function registerPageErrors(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler(async (error: unknown, request, reply) => {
    const { status, heading, message } = describeFailure(error, request, reply)
    return ctx.views.send(
      reply,
      'error',
      { title: heading, heading, message, parameter: null, viewerName: request.user?.name ?? null, csrfToken: request.session?.csrfToken ?? null },
      status,
    )
  })

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: 'not_found', message: 'Not Found.' })
    return ctx.views.send(reply, 'not-found', { title: 'Not found', viewerName: request.user?.name ?? null, csrfToken: request.session?.csrfToken ?? null }, 404)
  })
}
