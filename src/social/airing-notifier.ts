/**
 * The airing notifier: tells the users who have an anime on their CURRENT or PLANNING list that an
 * episode aired (AIRING notifications, honouring `airingNotifications` through raiseNotifications).
 * This module owns `airing_announcements`.
 *
 * Every instance ticks on its own timer; none is elected. A tick reads the episodes whose airing time
 * passed since its previous tick (at most a day back: a server that was down longer does not wake
 * users with week-old episodes), and claims each by inserting its (media, episode) row into
 * `airing_announcements`. The insert that wins (ON CONFLICT DO NOTHING returns no row to the others)
 * raises the notifications, in the same transaction as its claim: an episode is announced once, by
 * whichever instance came first, and a claim is never kept without its notifications. A restart
 * re-reads the last day and finds those episodes claimed.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { airedBetween, type Airing } from '../catalog/airing.js'
import { listHoldersOf } from '../lists/entry-query.js'
import { raiseNotifications } from './notification-store.js'

/** How far back a tick looks at most, in seconds. */
export const AIRING_LOOKBACK_SECONDS = 86_400

/** The list statuses whose holders are told: watching it, or planning to. */
export const AIRING_LIST_STATUSES = ['CURRENT', 'PLANNING'] as const

/** What one tick did. */
export interface AiringTickResult {
  /** Episodes this instance claimed and announced. */
  announced: number
  /** Notifications stored for them. */
  notified: number
  /** The time read up to: the next tick reads after it. */
  until: number
}

/** Claims one episode; true when this call's insert won. */
async function claim(db: Kysely<Tables>, airing: Airing, now: number): Promise<boolean> {
  const won = await db
    .insertInto('airing_announcements')
    .values({ media_id: airing.mediaId, episode: airing.episode, announced_at: now })
    .onConflict((oc) => oc.columns(['media_id', 'episode']).doNothing())
    .returning('media_id')
    .execute()
  return won.length > 0
}

/**
 * One tick: announces the episodes that aired after `since` (null: the first tick) and up to now, but
 * none older than AIRING_LOOKBACK_SECONDS. Tests call it directly with a fake clock.
 */
export async function announceAiredEpisodes(db: Kysely<Tables>, clock: Clock, since: number | null): Promise<AiringTickResult> {
  const now = clock()
  const after = Math.max(since ?? 0, now - AIRING_LOOKBACK_SECONDS)
  const aired = await airedBetween(db, after, now)
  let announced = 0
  let notified = 0
  for (const airing of aired) {
    await db.transaction().execute(async (trx) => {
      if (!(await claim(trx, airing, now))) return
      announced++
      const holders = (await listHoldersOf(trx, [airing.mediaId], AIRING_LIST_STATUSES)).get(airing.mediaId) ?? []
      notified += await raiseNotifications(trx, clock, holders.map((userId) => ({ userId, type: 'AIRING' as const, mediaId: airing.mediaId, episode: airing.episode })))
    })
  }
  // A full batch may have left episodes behind: the next tick starts after the last one read.
  const until = aired.length === 1000 ? aired[aired.length - 1]!.airingAt - 1 : now
  return { announced, notified, until }
}

/**
 * The notifier's timer on one instance: a tick every `intervalSeconds` (0: never started). Ticks never
 * overlap; stop() waits for one in flight, so the database is not closed under it. The timer is
 * unref'd: it never keeps a process alive.
 */
export class AiringNotifier {
  private since: number | null = null
  private running: Promise<void> | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly intervalSeconds: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    if (this.intervalSeconds <= 0 || this.timer) return
    this.timer = setInterval(() => void this.tick(), this.intervalSeconds * 1000)
    this.timer.unref()
  }

  /** Runs a tick unless one is running (then answers that one). */
  tick(): Promise<void> {
    if (this.running) return this.running
    this.running = announceAiredEpisodes(this.db, this.clock, this.since)
      .then((result) => void (this.since = result.until))
      .catch(this.onError)
      .finally(() => void (this.running = null))
    return this.running
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running
  }
}
