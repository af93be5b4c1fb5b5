/**
 * Responsiveness while the fuzzer runs: no single request may block the server's event loop for long.
 *
 * The fuzzer sends its cases through app.inject into a server that also listens on a real port, and
 * this watch asks that port for /healthz on a fixed 50 ms schedule, timing each answer from the moment
 * the poll was due. The server runs in this very process, so a case that blocks the event loop (a
 * regular expression that backtracks, a synchronous walk over a huge input) makes the poll due during
 * the block late by as long as the block lasts.
 *
 * Why not assert "every poll within 100 ms" and stop there: this machine has two cores shared by two
 * test workers and other people's work, so the process is sometimes descheduled or collecting garbage
 * for more than 100 ms with no request at fault, and such an assertion would fail at random. Instead a
 * slow poll makes the cases that overlapped it suspects, and each suspect is sent again, alone, three
 * times, timing the event loop itself (how late it comes back to a 5 ms timer): it is a finding
 * only if every replay blocks the loop for more than 100 ms. Noise does not repeat three times on the
 * same case; a blocking request does, every time. A poll with no answer within 5 s, or a case that
 * does not finish within 10 s, is a stall and fails at once, without replay.
 */
import http from 'node:http'

/** The longest a request may keep the event loop from everything else. */
export const MAX_BLOCK_MS = 100
const POLL_EVERY_MS = 50
const POLL_TIMEOUT_MS = 5000
/** A case running longer than this has stalled (a real request of Kiroku's takes milliseconds). */
export const CASE_TIMEOUT_MS = 10_000
const REPLAYS = 3
// Replays are bounded: on a badly overloaded machine many polls are slow, and each has suspects.
const MAX_SUSPECTS = 40
const RECENT_CASES = 64
const TICK_MS = 5

interface CaseWindow {
  label: string
  start: number
  end: number
  /** Prepares the case again (untimed), then returns what sends it (timed). */
  replay: () => Promise<() => Promise<unknown>>
}

interface Poll {
  sent: number
  latency: number
  failed?: string
}

/** Rejects after `ms` with a message naming `what`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`stalled: ${what} did not finish within ${ms} ms`)), ms)))
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** How long, at most, the event loop was blocked while `run` ran (in ms). */
export async function longestBlockDuring(run: () => Promise<unknown>): Promise<number> {
  // Let whatever ran before settle, so that its last block is not counted here.
  await new Promise((resolve) => setImmediate(resolve))
  // A 5 ms ticker: the longest gap between two ticks, less the 5 ms, is the longest block. (Node's
  // monitorEventLoopDelay would do the same, but records nothing inside vitest's test workers.)
  let last = performance.now()
  let longest = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last - TICK_MS)
    last = now
  }, TICK_MS)
  try {
    await run().catch(() => undefined)
    // A block at the very end shows only when the ticker comes round again: let it.
    await new Promise((resolve) => setTimeout(resolve, TICK_MS * 3))
  } finally {
    clearInterval(ticker)
  }
  return longest
}

export interface LoopWatchOptions {
  /** How long a case may run before it counts as stalled. */
  caseTimeoutMs?: number
}

/** Polls /healthz while cases run, and tells blocking cases from a machine's pauses (see above). */
export class LoopWatch {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  private readonly polls: Poll[] = []
  private readonly recent: CaseWindow[] = []
  private readonly suspects = new Map<string, CaseWindow>()
  private readonly caseTimeoutMs: number
  private timer: NodeJS.Timeout | undefined
  private running = false
  private polling = false
  private started = 0
  private cases = 0

  constructor(
    private readonly baseUrl: string,
    options: LoopWatchOptions = {},
  ) {
    this.caseTimeoutMs = options.caseTimeoutMs ?? CASE_TIMEOUT_MS
  }

  /** Starts polling /healthz. */
  start(): void {
    this.started = performance.now()
    this.running = true
    this.schedule(this.started + POLL_EVERY_MS)
  }

  /**
   * Polls run on a fixed schedule, as an outside prober's would, and a poll's latency counts from the
   * moment it was due: a blocked event loop delays the timer as much as it would delay the answer to a
   * poll already sent, so either way the poll is late by as long as the loop was blocked.
   */
  private schedule(due: number): void {
    if (!this.running) return
    this.timer = setTimeout(() => this.poll(due), Math.max(0, due - performance.now()))
  }

  /**
   * Runs one case within the stall limit: `prepare` makes it (not watched: that is the fuzzer's work),
   * `send` sends it, remembering when, so that a slow poll can name it.
   */
  async track<P, T>(label: string, prepare: () => Promise<P>, send: (prepared: P) => Promise<T>): Promise<T> {
    const prepared = await prepare()
    const replay = async () => {
      const again = await prepare()
      return () => send(again)
    }
    const window: CaseWindow = { label: `case ${++this.cases} (${label})`, start: performance.now(), end: Infinity, replay }
    this.recent.push(window)
    if (this.recent.length > RECENT_CASES) this.recent.shift()
    try {
      return await within(send(prepared), this.caseTimeoutMs, `the case ${label}`)
    } finally {
      window.end = performance.now()
      // Injected requests on SQLite never wait for I/O, so case after case would run without the
      // event loop ever reaching its poll phase: /healthz would starve for the harness's sake, not the
      // server's. A real client's next request arrives through that phase; so does the next case.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private poll(due: number): void {
    this.polling = true
    let finished = false
    const done = (failed?: string) => {
      if (finished) return
      finished = true
      const answered = performance.now()
      const latency = answered - due
      this.polls.push({ sent: due, latency, ...(failed ? { failed } : {}) })
      if (latency > MAX_BLOCK_MS) this.noteSuspects(due, answered)
      this.polling = false
      this.schedule(Math.max(due + POLL_EVERY_MS, answered))
    }
    const request = http.get(`${this.baseUrl}/healthz`, { agent: this.agent, timeout: POLL_TIMEOUT_MS }, (res) => {
      res.resume()
      res.on('end', () => done(res.statusCode === 200 ? undefined : `status ${res.statusCode}`))
      res.on('error', (error) => done(error.message))
    })
    request.on('timeout', () => request.destroy(new Error(`no answer within ${POLL_TIMEOUT_MS} ms`)))
    request.on('error', (error) => done(error.message))
  }

  private noteSuspects(from: number, to: number): void {
    for (const window of this.recent) {
      if (this.suspects.size >= MAX_SUSPECTS) return
      if (window.start <= to && window.end >= from) this.suspects.set(window.label, window)
    }
  }

  /**
   * Stops polling and checks: polls were answered, none stalled, and no suspect blocks the loop for
   * more than MAX_BLOCK_MS on every one of its replays. Throws naming the case otherwise.
   */
  async verify(): Promise<{ polls: number; slowPolls: number; replayed: number }> {
    this.running = false
    clearTimeout(this.timer)
    while (this.polling) await new Promise((resolve) => setTimeout(resolve, 10))
    this.agent.destroy()
    if (this.cases === 0) throw new Error('no case ran under the watch')
    const elapsed = performance.now() - this.started
    const failed = this.polls.find((p) => p.failed)
    if (failed) throw new Error(`/healthz failed while fuzzing: ${failed.failed}`)
    // Polls go out every 50 ms: far fewer than elapsed/50 means the loop was busy all along.
    const expected = Math.floor(elapsed / (POLL_EVERY_MS * 4))
    if (this.polls.length < expected) throw new Error(`only ${this.polls.length} /healthz polls answered in ${Math.round(elapsed)} ms (expected at least ${expected})`)
    const blockers: string[] = []
    for (const suspect of this.suspects.values()) {
      const blocks: number[] = []
      for (let i = 0; i < REPLAYS; i++) {
        const send = await suspect.replay()
        const blocked = await longestBlockDuring(send)
        blocks.push(blocked)
        if (blocked <= MAX_BLOCK_MS) break
      }
      if (blocks.length === REPLAYS && blocks.every((b) => b > MAX_BLOCK_MS)) {
        blockers.push(`${suspect.label} blocked the event loop for ${blocks.map((b) => Math.round(b)).join(', ')} ms`)
      }
    }
    if (blockers.length > 0) throw new Error(`requests that block the server for more than ${MAX_BLOCK_MS} ms:\n${blockers.join('\n')}`)
    return { polls: this.polls.length, slowPolls: this.polls.filter((p) => p.latency > MAX_BLOCK_MS).length, replayed: this.suspects.size }
  }
}
