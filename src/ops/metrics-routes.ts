/**
 * Request metrics for every route, and GET /metrics in Prometheus' text format.
 *
 * Who may read /metrics: with METRICS_TOKEN set, whoever sends `Authorization: Bearer <METRICS_TOKEN>`
 * (Prometheus' `authorization` setting), from anywhere. Without it, only a scraper on this machine:
 * the connection must come from a loopback address and carry no forwarding header, because a reverse
 * proxy on the same host also connects from loopback while relaying a stranger's request (and adds
 * X-Forwarded-For or Forwarded as it does). The counts are not secret, but they tell an outsider how
 * busy the server is and how many logins fail, so they are not served to the world by default.
 */
import net from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { constantTimeEqual } from '../util/random.js'
import type { Metrics } from './metrics.js'
import { probeLogLevel } from './health-routes.js'

export const METRICS_PATH = '/metrics'

// Set by proxies that relay a request; their presence means the loopback peer is not the real client.
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip']

/** Counts and times every response, labelled by the route's pattern (never the raw URL) and status class. */
export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  // A hook with a callback, not an async function: this runs after every response, and an async hook
  // costs a promise and a microtask each time for nothing awaited.
  app.addHook('onResponse', (request, reply, done) => {
    // Unmatched URLs (404s) share one label: the raw path could hold anything a client typed.
    metrics.requests.record(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000)
    done()
  })
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  if (net.isIPv4(v4)) return v4.startsWith('127.')
  return address === '::1'
}

function mayRead(request: FastifyRequest, token: string | null): boolean {
  if (token !== null) {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.authorization ?? '')
    return match !== null && constantTimeEqual(match[1]!, token)
  }
  return isLoopback(request.socket.remoteAddress) && !FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)
}

/** GET /metrics, readable as the module comment says. */
export function registerMetricsRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get(METRICS_PATH, { logLevel: probeLogLevel(ctx.config.logLevel) }, async (request, reply) => {
    const token = ctx.config.metricsToken
    reply.header('cache-control', 'no-store')
    if (!mayRead(request, token)) {
      if (token !== null) {
        return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain; charset=utf-8').send('Send Authorization: Bearer <METRICS_TOKEN>.\n')
      }
      return reply.code(403).type('text/plain; charset=utf-8').send('Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere.\n')
    }
    return reply.type(ctx.metrics.contentType).send(await ctx.metrics.render())
  })
}
