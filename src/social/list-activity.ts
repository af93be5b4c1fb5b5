/**
 * List activities: the line a list change puts in the feed ("watched episode 4 of …"), as AniList
 * makes them. The lists tell of every saved change (lists/entry-events.ts) and this listener decides,
 * inside the save's transaction:
 *
 * - no activity for a private entry, one hidden from the status lists, a status the user switched
 *   off (`disabledListActivity`), or a change that neither changes the status nor moves the progress
 *   forward while watching or reading (nor for an entry watched up to episode 0);
 * - a change within the user's `activityMergeTime` minutes (720 by default, 0: never) of their newest
 *   list activity of the same work, with the same wording, merges into it: its progress becomes the
 *   range ("1 - 4") and its time the change's;
 * - otherwise a new ListActivity, its author subscribed to its replies.
 *
 * The MAL import writes entries in bulk without telling the listeners: it makes no activity.
 */
import type { Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { MediaType } from '../catalog/media.js'
import type { MediaListStatus } from '../lists/entry.js'
import type { EntryChange } from '../lists/entry-events.js'
import { getProfiles } from '../accounts/profiles.js'
import { createActivity, latestListActivity, mergeListActivity } from './activity-store.js'
import { setSubscription } from './subscriptions.js'

/** AniList's wording of each status, for anime and for manga. */
const WORDING: Readonly<Record<MediaListStatus, Readonly<Record<MediaType, string>>>> = {
  CURRENT: { ANIME: 'watched episode', MANGA: 'read chapter' },
  REPEATING: { ANIME: 'rewatched episode', MANGA: 'reread chapter' },
  PLANNING: { ANIME: 'plans to watch', MANGA: 'plans to read' },
  COMPLETED: { ANIME: 'completed', MANGA: 'completed' },
  DROPPED: { ANIME: 'dropped', MANGA: 'dropped' },
  PAUSED: { ANIME: 'paused watching', MANGA: 'paused reading' },
}

/** The statuses whose activity names an episode or chapter. */
const WITH_PROGRESS: readonly MediaListStatus[] = ['CURRENT', 'REPEATING']

/** The wording of a status for a type of work. */
export function statusWording(status: MediaListStatus, type: MediaType): string {
  return WORDING[status][type]
}

/** The activity a change makes, before merging: its wording and progress; null when it makes none. */
export function listActivityOf(change: EntryChange): { status: string; progress: string | null; mediaType: MediaType } | null {
  const { before, after, media } = change
  if (!after || after.private || after.hiddenFromStatusLists) return null
  const statusChanged = before === null || before.status !== after.status
  const moved = before !== null && !statusChanged && after.progress > before.progress
  if (!statusChanged && !moved) return null
  const withProgress = WITH_PROGRESS.includes(after.status)
  // Watching episode 0 is nothing to tell yet.
  if (withProgress && after.progress === 0) return null
  let progress: string | null = null
  if (withProgress) {
    // Several episodes at once read as a range: 2 → 5 is "3 - 5".
    const from = moved && after.progress - before!.progress > 1 ? before!.progress + 1 : after.progress
    progress = from === after.progress ? String(after.progress) : `${from} - ${after.progress}`
  }
  return { status: statusWording(after.status, media.type), progress, mediaType: media.type }
}

/** The first episode of a progress ("1" of "1 - 4"). */
const firstOf = (progress: string) => progress.split(' - ')[0]!

/** The entry listener the server gives the lists (app/build-server.ts). */
export async function recordListActivity(trx: Transaction<Tables>, change: EntryChange, now: number): Promise<void> {
  const made = listActivityOf(change)
  if (!made) return
  const { options } = (await getProfiles(trx, [change.userId])).get(change.userId)!
  const status = change.after!.status
  if (options.disabledListActivity.some((o) => o.type === status && o.disabled)) return
  const latest = await latestListActivity(trx, change.userId, change.media.id)
  const mergeSeconds = options.activityMergeTime * 60
  if (latest && mergeSeconds > 0 && latest.status === made.status && now - latest.createdAt <= mergeSeconds) {
    const progress = made.progress !== null && latest.progress !== null ? `${firstOf(latest.progress)} - ${made.progress.split(' - ').at(-1)}` : made.progress
    await mergeListActivity(trx, latest.id, progress, now)
    return
  }
  const activity = await createActivity(trx, {
    type: made.mediaType === 'ANIME' ? 'ANIME_LIST' : 'MANGA_LIST',
    userId: change.userId,
    mediaId: change.media.id,
    status: made.status,
    progress: made.progress,
    createdAt: now,
  })
  await setSubscription(trx, change.userId, activity.id, true)
}
