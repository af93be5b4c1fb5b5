/** TRUST_PROXY (app/config.ts) in the form Fastify's `trustProxy` option takes. */
import type { FastifyServerOptions } from 'fastify'

/**
 * Addresses and `true` go to Fastify as they are. A hop count becomes a function trusting that many
 * hops nearest to Kiroku: Fastify 5 now ignores a bare number (it cannot tell whether the nearest
 * peer is really a proxy), so the count is honoured here, and the deployment guide says to use one
 * only when nothing but the proxy can reach Kiroku.
 */
export function fastifyTrustProxy(setting: boolean | number | string[]): FastifyServerOptions['trustProxy'] {
  if (typeof setting !== 'number') return setting
  return (_address: string, hop: number) => hop < setting
}
