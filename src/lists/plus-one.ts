/**
 * The "+1" of an in-progress entry, as AniList's site does it: one more episode (anime) or chapter
 * (manga), never past the work's known length; reaching the last one completes the entry (a rewatch
 * or reread counts one more repeat), with today as its completion date when it has none (a rewatch keeps the first one). The API
 * leaves completing to its clients (status-rules.ts): this is that client's rule, and the change
 * goes through saveEntry like every other.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { FuzzyDate } from '../catalog/media.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import type { MediaListEntry, MediaListStatus } from './entry.js'
import { loadUserEntriesForMedia } from './entry-store.js'
import { saveEntry } from './save.js'
import type { EntryListener } from './entry-events.js'
import type { EntryInput } from './validation.js'
import { entryNotFound } from './errors.js'
import { KirokuError } from '../errors/kiroku-error.js'

/** The statuses whose entries have a +1. */
export const IN_PROGRESS_STATUSES: readonly MediaListStatus[] = ['CURRENT', 'REPEATING']

/** A +1 on an entry that is not being watched or read (planned, completed, paused, dropped). */
export class NotInProgressError extends KirokuError {
  readonly code = 'not_in_progress'
  override readonly status = 409
  constructor() {
    super('This entry is not in progress: only entries you are watching, reading or repeating have a +1.')
  }
}

/** What the +1 changes, given the entry and the work's known length (null when unknown). */
export function plusOneChanges(entry: Pick<MediaListEntry, 'status' | 'progress' | 'repeat' | 'completedAt'>, length: number | null, today: FuzzyDate): EntryInput {
  // Never past the known length (an entry already past it stays where it is).
  const next = length ? Math.max(entry.progress, Math.min(entry.progress + 1, length)) : entry.progress + 1
  if (!length || next < length) return { progress: next }
  const changes: EntryInput = { progress: next, status: 'COMPLETED' }
  if (entry.status === 'REPEATING') changes.repeat = entry.repeat + 1
  if (entry.completedAt.year === null) changes.completedAt = today
  return changes
}

/** Today's date at a UTC offset ("+09:00", or "09:00": AniList's timezone option, accounts/profile-input.ts), else in UTC. */
export function todayAt(now: number, timezone: string | null): FuzzyDate {
  const offset = /^([+-]?)(\d{2}):(\d{2})$/.exec(timezone ?? '')
  const shift = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 3600 + Number(offset[3]) * 60) : 0
  const date = new Date((now + shift) * 1000)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

/**
 * Adds one to the viewer's entry for `mediaId`. The entry is looked up by the viewer's own id, so
 * another user's entry cannot be reached; a work not on the viewer's list is a NotFoundError.
 */
export async function plusOne(db: Kysely<Tables>, clock: Clock, viewerId: number, mediaId: number, timezone: string | null, listeners: readonly EntryListener[]): Promise<MediaListEntry> {
  const entry = (await loadUserEntriesForMedia(db, viewerId, [mediaId])).get(mediaId)
  if (!entry) throw entryNotFound()
  if (!IN_PROGRESS_STATUSES.includes(entry.status)) throw new NotInProgressError()
  const media = (await loadMediaByIds(db, [mediaId])).get(mediaId)
  if (!media) throw entryNotFound()
  const length = media.type === 'ANIME' ? media.episodes : media.chapters
  const changes = plusOneChanges(entry, length, todayAt(clock(), timezone))
  if (changes.progress === entry.progress && changes.status === undefined) return entry
  return saveEntry(db, clock, viewerId, { id: entry.id, ...changes }, listeners)
}
