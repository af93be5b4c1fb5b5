/**
 * The two per-response instruments, `kiroku_http_requests_total` and
 * `kiroku_http_request_duration_seconds`, counted on every response: the hottest code of /metrics.
 * prom-client's own Counter and Histogram build and hash a label object on every observation; here a
 * response finds its series by one string key and adds to plain numbers, and the series are turned
 * into prom-client's exposition values only when /metrics is read (ops/scraped-metric.ts). The output is what prom-client's
 * Counter and Histogram print for the same observations (test/ops/request-metrics.test.ts compares).
 */
import type { ScrapedMetric, ScrapedValue } from './scraped-metric.js'

/** The histogram's bucket bounds, in seconds. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const

interface Labels {
  method: string
  route: string
  status_class: string
}

interface Series {
  labels: Labels
  count: number
  sum: number
  /** Observations per bucket, not cumulative; the last slot holds those above every bound. */
  buckets: number[]
}

export class RequestMetrics {
  private readonly series = new Map<string, Series>()

  /** The two instruments as prom-client's registry reads them. */
  scraped(): ScrapedMetric[] {
    return [this.counter(), this.histogram()]
  }

  /** Counts one response to `method` on the route pattern `route`, which took `seconds`. */
  record(method: string, route: string, statusCode: number, seconds: number): void {
    const statusClass = ((statusCode / 100) | 0) + 'xx'
    const key = method + ' ' + statusClass + ' ' + route
    let series = this.series.get(key)
    if (!series) {
      series = { labels: { method, route, status_class: statusClass }, count: 0, sum: 0, buckets: new Array<number>(DURATION_BUCKETS.length + 1).fill(0) }
      this.series.set(key, series)
    }
    series.count++
    series.sum += seconds
    let bucket = 0
    while (bucket < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[bucket]!) bucket++
    series.buckets[bucket]!++
  }

  private counter(): ScrapedMetric {
    const metric = {
      name: 'kiroku_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status class.',
      type: 'counter' as const,
      aggregator: 'sum' as const,
      get: async () => ({ ...metric, values: [...this.series.values()].map((s) => ({ labels: { ...s.labels }, value: s.count })) }),
    }
    return metric
  }

  private histogram(): ScrapedMetric {
    const name = 'kiroku_http_request_duration_seconds'
    const metric = {
      name,
      help: 'Time to answer HTTP requests, by method, route pattern and status class.',
      type: 'histogram' as const,
      aggregator: 'sum' as const,
      get: async () => {
        const values: ScrapedValue[] = []
        for (const s of this.series.values()) {
          let cumulative = 0
          DURATION_BUCKETS.forEach((bound, i) => {
            cumulative += s.buckets[i]!
            values.push({ labels: { le: bound, ...s.labels }, value: cumulative, metricName: `${name}_bucket` })
          })
          values.push({ labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: `${name}_bucket` })
          values.push({ labels: { ...s.labels }, value: s.sum, metricName: `${name}_sum` })
          values.push({ labels: { ...s.labels }, value: s.count, metricName: `${name}_count` })
        }
        return { ...metric, values }
      },
    }
    return metric
  }
}
