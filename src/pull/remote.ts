/**
 * The one HTTP client `kiroku pull` talks to a remote AniList-compatible endpoint through. It is a
 * good citizen of the remote: one request at a time (calls queue behind each other), a token only when given, the
 * remote's rate limit read from X-RateLimit-Remaining / X-RateLimit-Limit and waited out before it
 * is hit, a 429 waited out for Retry-After seconds (60 when the remote names none) and sent again,
 * a dropped connection or a 5xx sent again after a growing pause (or the 5xx's own Retry-After), a
 * few times, then a clear error.
 * Sleeping and fetching are injected so that tests wait milliseconds, never minutes.
 */
import { KirokuError } from '../errors/kiroku-error.js'

export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<Response>

export interface RemoteOptions {
  endpoint: string
  /** The remote's access token, sent as a Bearer header (`kiroku pull user --token`); never logged. */
  token?: string
  fetch?: Fetch
  /** Waits `seconds` (tests pass one that returns at once and counts). */
  sleep?: (seconds: number) => Promise<void>
  /** Retries of a dropped connection or a 5xx before giving up. */
  retries?: number
  /** The first pause after a failure, doubled each time. */
  backoffSeconds?: number
  /** Seconds a request may take before it counts as dropped. */
  timeoutSeconds?: number
  /** Told of each wait before it starts, with why (a terminal shows it: a silent minute looks like a hang). */
  onWait?: (seconds: number, reason: string) => void
}

/** A remote that answered with GraphQL errors, or never answered well: said as one line by the CLI. */
export class RemoteError extends KirokuError {
  readonly code = 'remote'
  /** The remote found the query too costly (AniList: "Max query complexity…"; Kiroku: "asks for too much"): a smaller one may pass. */
  readonly tooComplex: boolean
  constructor(message: string, options: { tooComplex?: boolean } = {}) {
    super(message)
    this.tooComplex = options.tooComplex ?? false
  }
}

const TOO_COMPLEX = /complexity|asks for too much/i

/** What the client did, for the summary line. */
export interface RemoteStats {
  requests: number
  waitedSeconds: number
  retries: number
  /** The remote's last X-RateLimit-Limit / X-RateLimit-Remaining, when it sends them. */
  rateLimit: number | null
  rateLimitRemaining: number | null
}

const DEFAULT_RETRY_AFTER = 60
/** Rate-limit 429s in a row before the pull gives up: a remote that never lets us in is an error, not a hang. */
const MAX_RATE_LIMITED = 10

const realSleep = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000))

function headerInt(response: Response, name: string): number | null {
  const value = response.headers.get(name)
  if (value === null || !/^\d+$/.test(value.trim())) return null
  return Number(value.trim())
}

export class RemoteClient {
  readonly stats: RemoteStats = { requests: 0, waitedSeconds: 0, retries: 0, rateLimit: null, rateLimitRemaining: null }
  private readonly fetch: Fetch
  private readonly sleep: (seconds: number) => Promise<void>
  private queue: Promise<unknown> = Promise.resolve()
  /** Seconds to wait before the next request, set when the remote says its window is used up. */
  private pauseBeforeNext = 0

  constructor(private readonly options: RemoteOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init))
    this.sleep = options.sleep ?? realSleep
  }

  get endpoint(): string {
    return this.options.endpoint
  }

  /** Sends one GraphQL document and returns its `data`; calls run strictly one after another. */
  query<T = Record<string, unknown>>(document: string, variables: Record<string, unknown>): Promise<T> {
    const run = this.queue.then(() => this.send<T>(document, variables))
    // The queue goes on after a failure: a caller that catches one may send the next.
    this.queue = run.catch(() => undefined)
    return run
  }

  private async wait(seconds: number, reason: string): Promise<void> {
    if (seconds <= 0) return
    this.options.onWait?.(seconds, reason)
    this.stats.waitedSeconds += seconds
    await this.sleep(seconds)
  }

  private async send<T>(document: string, variables: Record<string, unknown>): Promise<T> {
    const retries = this.options.retries ?? 4
    let backoff = this.options.backoffSeconds ?? 2
    let failures = 0
    let limited = 0
    for (;;) {
      await this.wait(this.pauseBeforeNext, 'the rate limit\'s window is used up (X-RateLimit-Remaining: 0)')
      this.pauseBeforeNext = 0
      let response: Response
      let text: string
      try {
        this.stats.requests++
        response = await this.fetch(this.options.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}) },
          body: JSON.stringify({ query: document, variables }),
          signal: AbortSignal.timeout((this.options.timeoutSeconds ?? 60) * 1000),
        })
        text = await response.text()
      } catch (error) {
        // A refused, reset or timed-out connection: the remote may be restarting, so try again later.
        if (++failures > retries) throw new RemoteError(`${this.options.endpoint} did not answer after ${failures} ${failures === 1 ? 'try' : 'tries'}: ${causeOf(error)}`)
        this.stats.retries++
        await this.wait(backoff, `the connection failed (${causeOf(error)}); trying again`)
        backoff *= 2
        continue
      }
      this.noteRateLimit(response)
      if (response.status === 429) {
        if (++limited > MAX_RATE_LIMITED) throw new RemoteError(`${this.options.endpoint} kept answering 429 Too Many Requests (${limited} times in a row)`)
        await this.wait(headerInt(response, 'retry-after') ?? DEFAULT_RETRY_AFTER, 'the remote answered 429 Too Many Requests')
        continue
      }
      if (response.status >= 500) {
        if (++failures > retries) throw new RemoteError(`${this.options.endpoint} answered HTTP ${response.status} ${failures} times in a row`)
        this.stats.retries++
        // A 503 may say when to come back (Kiroku's does while its database is away): that, within reason.
        const retryAfter = headerInt(response, 'retry-after')
        await this.wait(retryAfter !== null ? Math.min(retryAfter, DEFAULT_RETRY_AFTER) : backoff, `the remote answered HTTP ${response.status}; trying again`)
        backoff *= 2
        continue
      }
      return this.dataOf<T>(response, text)
    }
  }

  /** When the window is used up, the next request waits for its reset (or a minute, AniList's window). */
  private noteRateLimit(response: Response): void {
    const limit = headerInt(response, 'x-ratelimit-limit')
    const remaining = headerInt(response, 'x-ratelimit-remaining')
    if (limit !== null) this.stats.rateLimit = limit
    if (remaining !== null) this.stats.rateLimitRemaining = remaining
    if (remaining === 0 && response.status !== 429) {
      const reset = headerInt(response, 'x-ratelimit-reset')
      const untilReset = reset === null ? DEFAULT_RETRY_AFTER : reset - Math.floor(Date.now() / 1000)
      this.pauseBeforeNext = Math.min(Math.max(untilReset, 1), DEFAULT_RETRY_AFTER)
    }
  }

  private dataOf<T>(response: Response, text: string): T {
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      throw new RemoteError(`${this.options.endpoint} answered HTTP ${response.status} with something that is not JSON: is it a GraphQL endpoint?`)
    }
    const errors = typeof body === 'object' && body !== null ? (body as { errors?: unknown }).errors : undefined
    if (Array.isArray(errors) && errors.length > 0) {
      const messages = errors.map((e) => (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : JSON.stringify(e)))
      throw new RemoteError(`${this.options.endpoint} answered with errors: ${messages.join('; ')}`, { tooComplex: messages.some((m) => TOO_COMPLEX.test(m)) })
    }
    const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined
    if (!response.ok || typeof data !== 'object' || data === null) throw new RemoteError(`${this.options.endpoint} answered HTTP ${response.status} without data`)
    return data as T
  }
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}
