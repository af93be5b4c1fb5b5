/**
 * The server's daily figures pass: recompute every local work's figures (so trending forgets
 * activity older than its window) and rank the catalog again, then take the day's trend snapshot. An hourly timer checks whether
 * the UTC day has changed since the last pass; the first pass runs ten minutes after start (not at
 * once: a server that restarts, or a test suite, should not pay a full pass on every start). Timers are
 * unref'd (they never keep a process alive) and stop() waits for a pass in flight, so the database
 * is not closed under it. Several instances may run it at once: the snapshot writes each (media, day)
 * once (trends.ts), and recomputing twice gives the same figures.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import { dayStart } from './formulas.js'
import { recomputeAllFigures } from './recompute.js'
import { snapshotTrends } from './trends.js'

const FIRST_PASS_MS = 10 * 60_000
const CHECK_MS = 60 * 60_000

/** One full pass: figures, then the day's snapshot; returns how many works and snapshots it touched. */
export async function dailyFiguresPass(db: Kysely<Tables>, clock: Clock): Promise<{ recomputed: number; snapshots: number }> {
  const recomputed = await recomputeAllFigures(db, clock)
  const snapshots = await snapshotTrends(db, clock)
  return { recomputed, snapshots }
}

export class DailyFiguresJob {
  private lastDay: number | null = null
  private running: Promise<void> | null = null
  private timers: NodeJS.Timeout[] = []

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    const first = setTimeout(() => this.tick(), FIRST_PASS_MS)
    const check = setInterval(() => this.tick(), CHECK_MS)
    first.unref()
    check.unref()
    this.timers.push(first, check)
  }

  /** Runs a pass if none ran today (and none is running). */
  tick(): Promise<void> {
    const today = dayStart(this.clock())
    if (this.running || this.lastDay === today) return this.running ?? Promise.resolve()
    this.running = dailyFiguresPass(this.db, this.clock)
      .then(() => void (this.lastDay = today))
      .catch(this.onError)
      .finally(() => void (this.running = null))
    return this.running
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers = []
    await this.running
  }
}
