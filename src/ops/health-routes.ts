/**
 * Probes for orchestrators and load balancers. /healthz: the process is up and answering (never
 * touches the database, so a database outage does not get every instance restarted). /readyz: the
 * database answers too, so this instance can serve; 503 with a JSON reason otherwise. While the server
 * shuts down Fastify itself answers 503 to requests on connections still open.
 */
import type { FastifyInstance, LogLevel } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { pingDatabase } from '../storage/ping.js'

/** How long /readyz waits for the database before calling it unavailable. */
export const READY_TIMEOUT_MS = 2000

// pino's levels below warn: the ones a probe's route raises to warn.
const CHATTY_LEVELS = new Set(['trace', 'debug', 'info'])

/**
 * The log level for routes that probes and scrapers call every few seconds: their requests are logged
 * only when something is wrong, unless the server is set quieter still (a route's level replaces it).
 */
export function probeLogLevel(configured: string): LogLevel {
  return (CHATTY_LEVELS.has(configured) ? 'warn' : configured) as LogLevel
}

export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  const logLevel = probeLogLevel(ctx.config.logLevel)
  app.get('/healthz', { logLevel }, async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }))

  app.get('/readyz', { logLevel }, async (request, reply) => {
    reply.header('cache-control', 'no-store')
    const result = await pingDatabase(ctx.database, READY_TIMEOUT_MS)
    if (result.ok) return reply.send({ status: 'ready' })
    if (result.reason === 'timeout') {
      request.log.warn(`readiness: the database did not answer within ${READY_TIMEOUT_MS} ms`)
      return reply.code(503).send({ status: 'unavailable', reason: `the database did not answer within ${READY_TIMEOUT_MS / 1000} seconds` })
    }
    // The driver's message can name hosts, users and databases: it goes to the log, not to the prober.
    request.log.warn({ err: result.error }, 'readiness: the database check failed')
    return reply.code(503).send({ status: 'unavailable', reason: 'the database cannot be reached or refused the check' })
  })
}
