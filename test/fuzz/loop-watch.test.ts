/**
 * The responsiveness watch (support/loop-watch.ts) itself: it must name a case that blocks the event
 * loop every time it runs, forgive a one-off pause (a loaded machine, a garbage collection), and fail
 * a case that never finishes. Without these the fuzz suite's responsiveness check could not fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listeningServer, type TestServer } from '../helpers/server.js'
import { LoopWatch, MAX_BLOCK_MS } from './support/loop-watch.js'

let server: TestServer & { baseUrl: string }
beforeAll(async () => {
  server = await listeningServer()
})
afterAll(async () => server?.app.close())

/** Keeps the event loop busy for `ms` milliseconds, as a request that blocks it would. */
function block(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until) {
    // spin
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs quick cases for a while, so that polls are answered before and after what is tested. */
async function quickCases(watch: LoopWatch, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await watch.track('quick', async () => 10, pause)
}

describe('the responsiveness watch', () => {
  it('names a case that blocks the event loop past the limit on every run', async () => {
    const watch = new LoopWatch(server.baseUrl)
    watch.start()
    await quickCases(watch, 10)
    await watch.track('the blocker', async () => MAX_BLOCK_MS * 2.5, async (ms) => block(ms))
    await quickCases(watch, 10)
    await expect(watch.verify()).rejects.toThrow(/the blocker\) blocked the event loop for \d+, \d+, \d+ ms/)
  })

  it('forgives a pause that does not come back when the case is sent again', async () => {
    const watch = new LoopWatch(server.baseUrl)
    watch.start()
    await quickCases(watch, 10)
    let runs = 0
    await watch.track('a one-off pause', async () => MAX_BLOCK_MS * 2.5, async (ms) => {
      if (runs++ === 0) block(ms)
    })
    await quickCases(watch, 10)
    const report = await watch.verify()
    // The pause was seen (a slow poll, the case replayed), and not held against the case.
    expect(report.slowPolls).toBeGreaterThan(0)
    expect(report.replayed).toBeGreaterThan(0)
    expect(runs).toBeGreaterThan(1)
  })

  it('passes quick cases with every poll answered', async () => {
    const watch = new LoopWatch(server.baseUrl)
    watch.start()
    await quickCases(watch, 30)
    const report = await watch.verify()
    expect(report.polls).toBeGreaterThan(3)
  })

  it('fails a case that does not finish', async () => {
    const watch = new LoopWatch(server.baseUrl, { caseTimeoutMs: 300 })
    watch.start()
    await expect(watch.track('the staller', async () => null, () => new Promise(() => {}))).rejects.toThrow('stalled: the case the staller did not finish within 300 ms')
    await watch.verify()
  })
})
