/**
 * What /metrics reports, in one registry per server (never prom-client's global one, so that tests can
 * build many servers side by side). Modules count through the named instruments below; labels only
 * ever hold values from small fixed sets (route patterns, never raw URLs with tokens or ids in them).
 */
import { collectDefaultMetrics, Counter, Registry } from 'prom-client'
import { RequestMetrics } from './request-metrics.js'
/** Why a login was refused: wrong name or password, or too many failures already (login throttle). */
export type LoginFailureReason = 'invalid_credentials' | 'throttled'

export class Metrics {
  readonly registry = new Registry()
  private defaultsStarted = false

  /** Every HTTP response, by method, route pattern and status class (2xx, 4xx…), and how long it took. */
  readonly requests = new RequestMetrics(this.registry)

  readonly tokensIssued = new Counter({
    name: 'kiroku_tokens_issued_total',
    help: 'Access tokens issued, by grant type.',
    labelNames: ['grant_type'] as const,
    registers: [this.registry],
  })

  readonly loginFailures = new Counter({
    name: 'kiroku_login_failures_total',
    help: 'Refused logins on the login page: invalid_credentials, or throttled after too many failures.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  })

  readonly rateLimited = new Counter({
    name: 'kiroku_graphql_rate_limited_total',
    help: 'GraphQL requests refused with 429 by the per-minute rate limit.',
    registers: [this.registry],
  })

  /** `grantTypes`: every grant a token can be issued by (oauth/tokens.ts), each counted from 0. */
  constructor(grantTypes: readonly string[]) {
    // Every series exists from the start at 0, so that rate() and alerts see the first increase.
    for (const grant of grantTypes) this.tokensIssued.inc({ grant_type: grant }, 0)
    for (const reason of ['invalid_credentials', 'throttled'] as const) this.loginFailures.inc({ reason }, 0)
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
    this.rateLimited.inc()
  }

  /** The exposition text. */
  async render(): Promise<string> {
    // The process metrics (CPU, memory, event loop lag, GC) start at the first scrape: each start adds
    // observers to the process that are never removed, which a test building many servers must not pay.
    if (!this.defaultsStarted) {
      collectDefaultMetrics({ register: this.registry })
      this.defaultsStarted = true
    }
    return this.registry.metrics()
  }

  get contentType(): string {
    return this.registry.contentType
  }
}
