/**
 * Notifications about works, raised by imports (`kiroku import`, `kiroku pull`): the catalog reports
 * each work it wrote (catalog/media-store.ts `onWritten`), and this module tells the users with the
 * work on a list, whatever its status, private entries included (only their owner is told):
 *
 * - MEDIA_DATA_CHANGE when a stored work's tracking data changed (format, status, episodes,
 *   chapters, volumes, episode length, dates; not its figures, pictures or texts), with a `reason`
 *   that says what changed;
 * - RELATED_MEDIA_ADDITION when a work gains a relation: the holders of the related work who do not
 *   have the work yet are told of it.
 *
 * Imports never delete or merge works today; when one does, MEDIA_DELETION (with the deleted title
 * in `deletedTitles`) and MEDIA_MERGE (the merged titles, to the holders of each) are raised from the
 * same place, before the rows go.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { FuzzyDate, Media } from '../catalog/media.js'
import type { MediaWrite } from '../catalog/media-store.js'
import { listHoldersOf } from '../lists/entry-query.js'
import { raiseNotifications, type NewNotification } from './notification-store.js'

const date = (d: FuzzyDate): string => (d.year === null ? 'unknown' : [d.year, d.month, d.day].filter((p) => p !== null).map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-'))
const value = (v: unknown): string => (v === null || v === undefined ? 'unknown' : String(v))

/** The data a list's tracking depends on, as words: what MEDIA_DATA_CHANGE reports. */
const TRACKED: ReadonlyArray<readonly [string, (m: Media) => string]> = [
  ['format', (m) => value(m.format)],
  ['status', (m) => value(m.status)],
  ['episodes', (m) => value(m.episodes)],
  ['episode length', (m) => value(m.duration)],
  ['chapters', (m) => value(m.chapters)],
  ['volumes', (m) => value(m.volumes)],
  ['start date', (m) => date(m.startDate)],
  ['end date', (m) => date(m.endDate)],
]

/** What changed in a work's tracking data, as "episodes 12 → 24, status RELEASING → FINISHED" (null: nothing). */
export function trackedChanges(before: Media, after: Media): string | null {
  const changes = TRACKED.flatMap(([name, read]) => (read(before) !== read(after) ? [`${name} ${read(before)} → ${read(after)}`] : []))
  return changes.length === 0 ? null : changes.join(', ')
}

/**
 * Raises the notifications of what an import wrote (the writes in their order; a work written twice
 * counts from its first `before` to its last `after`); returns how many were stored.
 */
export async function notifyMediaWrites(db: Kysely<Tables>, clock: Clock, writes: readonly MediaWrite[]): Promise<number> {
  const byWork = new Map<number, MediaWrite>()
  for (const w of writes) {
    const first = byWork.get(w.after.id)
    byWork.set(w.after.id, { before: first ? first.before : w.before, after: w.after })
  }
  const changed: Array<{ id: number; reason: string }> = []
  // A relation gained: [the work, the related work whose holders are told].
  const gained: Array<[number, number]> = []
  for (const { before, after } of byWork.values()) {
    const change = before ? trackedChanges(before, after) : null
    if (change) changed.push({ id: after.id, reason: `An import changed its ${change}.` })
    const had = new Set((before?.relations ?? []).map((r) => r.id))
    for (const r of after.relations) if (!had.has(r.id) && r.id !== after.id) gained.push([after.id, r.id])
  }
  if (changed.length === 0 && gained.length === 0) return 0
  const holders = await listHoldersOf(db, [...changed.map((c) => c.id), ...gained.flatMap(([w, r]) => [w, r])])
  const notes: NewNotification[] = []
  for (const { id, reason } of changed) for (const userId of holders.get(id) ?? []) notes.push({ userId, type: 'MEDIA_DATA_CHANGE', mediaId: id, reason })
  const told = new Set<string>()
  for (const [work, related] of gained) {
    const haveWork = new Set(holders.get(work) ?? [])
    for (const userId of holders.get(related) ?? []) {
      const key = `${userId}:${work}`
      if (haveWork.has(userId) || told.has(key)) continue
      told.add(key)
      notes.push({ userId, type: 'RELATED_MEDIA_ADDITION', mediaId: work })
    }
  }
  return raiseNotifications(db, clock, notes)
}
