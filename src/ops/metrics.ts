/**
 * What /metrics reports, in one registry per server (never prom-client's global one, so that tests can
 * build many servers side by side). Modules count through the named methods below; labels only ever
 * hold values from small fixed sets (route patterns, never raw URLs with tokens or ids in them).
 * Counting is Kiroku's own (ops/scraped-metric.ts); prom-client is loaded at the first scrape, which
 * formats the counts and adds the process metrics.
 */
import type { Registry } from 'prom-client'
import { RequestMetrics } from './request-metrics.js'
import { LabelledCounter } from './scraped-metric.js'

/** Why a login was refused: wrong name or password, or too many failures already (login throttle). */
export type LoginFailureReason = 'invalid_credentials' | 'throttled'

/** The Prometheus text format's content type (prom-client's Registry.PROMETHEUS_CONTENT_TYPE). */
const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

export class Metrics {
  private registry: Promise<Registry> | undefined

  /** Every HTTP response, by method, route pattern and status class (2xx, 4xx…), and how long it took. */
  readonly requests = new RequestMetrics()

  private readonly tokensIssued = new LabelledCounter('kiroku_tokens_issued_total', 'Access tokens issued, by grant type.', ['grant_type'])

  private readonly loginFailures = new LabelledCounter(
    'kiroku_login_failures_total',
    'Refused logins on the login page: invalid_credentials, or throttled after too many failures.',
    ['reason'],
  )

  private readonly rateLimited = new LabelledCounter('kiroku_graphql_rate_limited_total', 'GraphQL requests refused with 429 by the per-minute rate limit.', [])

  /** `grantTypes`: every grant a token can be issued by (oauth/tokens.ts), each counted from 0. */
  constructor(grantTypes: readonly string[]) {
    // Every series exists from the start at 0, so that rate() and alerts see the first increase.
    for (const grant of grantTypes) this.tokensIssued.inc({ grant_type: grant }, 0)
    for (const reason of ['invalid_credentials', 'throttled'] as const) this.loginFailures.inc({ reason }, 0)
    this.rateLimited.inc({}, 0)
  }

  /** Counts one issued access token. */
  tokenIssued(grantType: string): void {
    this.tokensIssued.inc({ grant_type: grantType })
  }

  /** Counts one refused login. */
  loginFailed(reason: LoginFailureReason): void {
    this.loginFailures.inc({ reason })
  }

  /** Counts one request refused by the GraphQL rate limit. */
  requestRateLimited(): void {
    this.rateLimited.inc({})
  }

  /** The exposition text. */
  async render(): Promise<string> {
    this.registry ??= this.startRegistry()
    return (await this.registry).metrics()
  }

  get contentType(): string {
    return PROMETHEUS_CONTENT_TYPE
  }

  // The process metrics (CPU, memory, event loop lag, GC) start at the first scrape too: each start adds
  // observers to the process that are never removed, which a test building many servers must not pay.
  private async startRegistry(): Promise<Registry> {
    const { Registry, collectDefaultMetrics } = await import('prom-client')
    const registry = new Registry()
    for (const metric of [...this.requests.scraped(), this.tokensIssued.scraped(), this.loginFailures.scraped(), this.rateLimited.scraped()]) registry.registerMetric(metric as never)
    collectDefaultMetrics({ register: registry })
    return registry
  }
}
