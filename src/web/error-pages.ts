/**
 * What a browser sees when a page request fails: a readable page with the right status, never a stack
 * trace. Unexpected errors are logged in full and shown as a generic 500.
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { CsrfError } from '../accounts/session-cookies.js'
import { DuplicateParameterError } from './params.js'
import { isDatabaseUnavailable } from '../storage/unavailable.js'
import { DATABASE_RETRY_AFTER_SECONDS } from '../ops/retry-after.js'

export function registerPageErrors(app: FastifyInstance, ctx: AppContext): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let status = 500
    let heading = 'Something went wrong'
    let message = 'The server met an unexpected error. Please try again.'
    if (error instanceof CsrfError) {
      status = 403
      heading = 'Form expired'
      message = error.message
    } else if (error instanceof DuplicateParameterError) {
      status = 400
      heading = 'Bad request'
      message = `The ${error.parameter} field was sent more than once.`
    } else if (isDatabaseUnavailable(error)) {
      status = 503
      heading = 'Temporarily unavailable'
      message = 'Kiroku cannot reach its database right now. Please try again in a minute.'
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
      request.log.warn({ err: error }, 'page request: database unavailable')
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode
      heading = 'Bad request'
      message = error.message
    } else {
      request.log.error({ err: error }, 'page request failed')
    }
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
