/**
 * A fuzz case is one HTTP request described as data (method, path, parameter pairs, body shape,
 * headers, which cookie), so that fast-check can generate, print and shrink it. `sendCase` fills in
 * its Lives and encodes it; delivery.ts sends it; `fuzzRequests` runs a property of cases under the
 * responsiveness watch.
 */
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { deliver, refusedByNode, type PreparedRequest } from './delivery.js'
import { expectNoServerError } from './invariants.js'
import { encodeBody, formText, type BodyShape, type Pair } from './bodies.js'
import { headerSafe } from './headers.js'
import { resolveLive } from './live.js'
import { LoopWatch } from './loop-watch.js'
import { checkProperty } from './settings.js'
import { withFreshSession, type World } from './world.js'

/** One request, as data. */
export interface FuzzCase {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS'
  path: string
  /** GET: the query string; otherwise the body, as `shape` says. */
  pairs: readonly Pair[]
  shape?: BodyShape
  /** For GET: send "%" in values raw, so that broken percent-encodings reach the decoder. */
  rawPercent?: boolean
  /** The Authorization header (a string or a Live), if any. */
  authorization?: unknown
  /**
   * The user's session cookie, a made-up one, none, or a new user's fresh session (for pages whose
   * throttles count per user: a single user would be locked out after a few cases).
   */
  cookie?: 'session' | 'fresh' | 'anonymous' | 'junk' | 'none'
  /** The client's address (throttles count per address); 127.0.0.1 when unset. */
  remoteAddress?: string
  headers?: Record<string, string>
}

/** The case's parameters with its Lives filled in (fresh values each time it is sent). */
async function resolvedPairs(world: World, c: FuzzCase): Promise<Pair[]> {
  return (await resolveLive(c.pairs.map((p) => [...p]), world)) as Pair[]
}

/** Makes the case's request (its Lives filled in, its body encoded), ready to deliver. */
export async function prepareCase(shared: World, c: FuzzCase): Promise<PreparedRequest> {
  const world = c.cookie === 'fresh' ? await withFreshSession(shared) : shared
  const pairs = await resolvedPairs(world, c)
  const headers: Record<string, string> = { ...(c.headers ?? {}) }
  if (c.authorization !== undefined) headers.authorization = headerSafe(String(await resolveLive(c.authorization, world)))
  if (c.cookie === 'session' || c.cookie === 'fresh') headers.cookie = world.sessionCookie
  else if (c.cookie === 'anonymous') headers.cookie = world.anonymousCookie
  else if (c.cookie === 'junk') headers.cookie = 'kiroku_session=AAAA; kiroku_form=%zz'
  const request: PreparedRequest = { method: c.method, url: c.path, headers, ...(c.remoteAddress ? { remoteAddress: c.remoteAddress } : {}) }
  if (c.method === 'GET' || c.method === 'HEAD') {
    const query = formText(pairs, c.rawPercent)
    if (query) request.url = `${c.path}?${query}`
  } else if (c.shape) {
    const body = encodeBody(c.shape, pairs)
    request.payload = body.payload
    if (body.contentType !== undefined) headers['content-type'] = headerSafe(body.contentType)
  }
  return request
}

/** A one-line description of a case, for the responsiveness watch's messages. */
export function describeCase(c: FuzzCase): string {
  return `${c.method} ${c.path} ${c.shape?.encoding ?? (c.rawPercent ? 'raw query' : 'query')}, ${c.pairs.length} parameter(s)`
}

/**
 * How often each kind of answer came back (status, where a redirect went, the error), printed with
 * KIROKU_FUZZ_STATS=1: it shows whether the cases reach deep code or stop at the first check.
 */
class AnswerStats {
  private readonly counts = new Map<string, number>()

  count(c: FuzzCase, res: LightMyRequestResponse): void {
    const location = String(res.headers.location ?? '').replace(/[?#].*/s, '').slice(0, 60)
    const error = res.statusCode >= 400 ? (/"error":"[a-z_]+"|<h1>[^<]*|"message":"(?:[^"\\]|\\.){0,80}/.exec(res.body)?.[0] ?? '') : ''
    const key = `${c.method} ${c.path} ${res.statusCode} ${location} ${error}`
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1)
  }

  print(): void {
    console.log([...this.counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${n}\t${key}`).join('\n'))
  }
}

/**
 * Sends `defaultRuns` cases of `arbitrary` (KIROKU_FUZZ_RUNS overrides) and checks each answer with
 * `check`; meanwhile /healthz is polled, and the run fails if some case blocks the server (loop-watch.ts).
 */
export async function fuzzRequests(world: World, arbitrary: fc.Arbitrary<FuzzCase>, check: (res: LightMyRequestResponse, c: FuzzCase) => void | Promise<void>, defaultRuns: number): Promise<void> {
  const watch = new LoopWatch(world.server.baseUrl)
  const stats = process.env.KIROKU_FUZZ_STATS === '1' ? new AnswerStats() : undefined
  watch.start()
  const property = checkProperty(
    arbitrary,
    async (c) => {
      // Only the delivery is timed: making a case's bytes is the fuzzer's work, not the server's.
      const res = await watch.track(describeCase(c), () => prepareCase(world, c), (request) => deliver(world.app, world.server.baseUrl, request))
      stats?.count(c, res)
      // Node's parser refused the head (431, or the connection reset while it was still being sent):
      // Kiroku never saw the request, so only "no 5xx" applies, to an answer if there was one.
      if (refusedByNode(res)) return res.statusCode === 0 ? undefined : expectNoServerError(res)
      await check(res, c)
    },
    defaultRuns,
  )
  // The property's failure, when there is one, is the more telling: the watch's verdict comes second.
  const failure = await property.then(() => null, (error: unknown) => error)
  const verdict = watch.verify()
  if (failure) {
    await verdict.catch(() => undefined)
    throw failure
  }
  await verdict
  stats?.print()
}
