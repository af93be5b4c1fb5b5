/**
 * The per-response instruments print exactly what prom-client's own Counter and Histogram print for
 * the same observations: the cheaper bookkeeping changes no metric a dashboard reads.
 */
import { describe, expect, it } from 'vitest'
import { Counter, Histogram, Registry } from 'prom-client'
import { DURATION_BUCKETS, RequestMetrics } from '../../src/ops/request-metrics.js'
import { LabelledCounter } from '../../src/ops/scraped-metric.js'

function promClientOracle() {
  const registry = new Registry()
  const labelNames = ['method', 'route', 'status_class'] as const
  const counter = new Counter({ name: 'kiroku_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status class.', labelNames, registers: [registry] })
  const histogram = new Histogram({ name: 'kiroku_http_request_duration_seconds', help: 'Time to answer HTTP requests, by method, route pattern and status class.', labelNames, buckets: [...DURATION_BUCKETS], registers: [registry] })
  return {
    registry,
    record(method: string, route: string, status: number, seconds: number) {
      const labels = { method, route, status_class: `${Math.floor(status / 100)}xx` }
      counter.inc(labels)
      histogram.observe(labels, seconds)
    },
  }
}

describe('request metrics', () => {
  it('print what prom-client prints for the same responses', async () => {
    const oracle = promClientOracle()
    const registry = new Registry()
    const ours = new RequestMetrics()
    for (const metric of ours.scraped()) registry.registerMetric(metric as never)
    // Durations on and around every bound, and past the last one; several routes and status classes.
    const seconds = [0, 0.001, ...DURATION_BUCKETS, ...DURATION_BUCKETS.map((b) => b + 1e-9), 42]
    const responses: Array<[string, string, number]> = [['POST', '/graphql', 200], ['GET', '/graphql', 400], ['GET', 'unmatched', 404], ['POST', '/api/v2/oauth/token', 503], ['POST', '/graphql', 204]]
    for (const [i, s] of seconds.entries()) {
      const [method, route, status] = responses[i % responses.length]!
      oracle.record(method, route, status, s)
      ours.record(method, route, status, s)
    }
    expect(await registry.metrics()).toBe(await oracle.registry.metrics())
  })

  it('print the instruments with no series before the first response, as prom-client does', async () => {
    const registry = new Registry()
    for (const metric of new RequestMetrics().scraped()) registry.registerMetric(metric as never)
    expect(await registry.metrics()).toBe(await promClientOracle().registry.metrics())
  })

  it('count labelled and unlabelled counters as prom-client does, series at 0 included', async () => {
    const oracle = new Registry()
    const byGrant = new Counter({ name: 'grants_total', help: 'Grants.', labelNames: ['grant_type'], registers: [oracle] })
    const plain = new Counter({ name: 'plain_total', help: 'Plain.', registers: [oracle] })
    const registry = new Registry()
    const ourByGrant = new LabelledCounter('grants_total', 'Grants.', ['grant_type'])
    const ourPlain = new LabelledCounter('plain_total', 'Plain.', [])
    for (const metric of [ourByGrant.scraped(), ourPlain.scraped()]) registry.registerMetric(metric as never)
    for (const [grant, by] of [['implicit', 0], ['device_code', 0], ['implicit', 1], ['implicit', 1]] as const) {
      byGrant.inc({ grant_type: grant }, by)
      ourByGrant.inc({ grant_type: grant }, by)
    }
    plain.inc(0)
    ourPlain.inc({}, 0)
    plain.inc()
    ourPlain.inc({})
    expect(await registry.metrics()).toBe(await oracle.metrics())
  })
})
