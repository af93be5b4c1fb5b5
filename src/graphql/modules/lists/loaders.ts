/**
 * The lists module's loaders: entries by id, a user's entry for a work (`mediaListEntry`), a user's
 * whole list (statistics), and every work on a user's list of one type. Every load of one resolver
 * level is answered by one query. After a list mutation the resolvers reset them (LIST_LOADERS), so
 * that nothing read later in the same request is stale.
 */
import type { Media, MediaType } from '../../../catalog/media.js'
import { findMedia } from '../../../catalog/media-query.js'
import type { MediaListEntry } from '../../../lists/entry.js'
import { onTypedListCondition } from '../../../lists/on-list.js'
import { loadEntriesByIds, loadEntriesOfUsers, loadUserEntriesForMedia } from '../../../lists/entry-store.js'
import { getListOptions, type MediaListOptions } from '../../../lists/list-options.js'
import { defineLoader } from '../../server/loaders.js'

/** A user's entry for a media: `userId:mediaId`. */
export type UserMediaKey = `${number}:${number}`

/** A user's list of one type: `userId:ANIME`. */
export type UserListKey = `${number}:${MediaType}`

/** Entries by id. */
export const entriesById = defineLoader<number, MediaListEntry>('entriesById', (ids, loaders) => loadEntriesByIds(loaders.db, ids))

/** A user's entry for a work; in practice one user (the viewer) per request, so one query per batch. */
export const userEntry = defineLoader<UserMediaKey, MediaListEntry>('userEntry', async (keys, loaders) => {
  const byUser = new Map<number, number[]>()
  for (const key of keys) {
    const [userId, mediaId] = key.split(':').map(Number) as [number, number]
    byUser.set(userId, [...(byUser.get(userId) ?? []), mediaId])
  }
  const out = new Map<UserMediaKey, MediaListEntry>()
  for (const [userId, mediaIds] of byUser) {
    for (const [mediaId, entry] of await loadUserEntriesForMedia(loaders.db, userId, mediaIds)) out.set(`${userId}:${mediaId}`, entry)
  }
  return out
})

/** Every entry of a user, both types, in the order they were added. */
export const userEntries = defineLoader<number, MediaListEntry[]>('userEntries', (userIds, loaders) => loadEntriesOfUsers(loaders.db, userIds))

/** Every work on a user's list of one type, by media id: one catalog query per list. */
export const listMedia = defineLoader<UserListKey, Map<number, Media>>('listMedia', async (keys, loaders) => {
  const out = new Map<UserListKey, Map<number, Media>>()
  for (const key of keys) {
    const [userId, type] = key.split(':') as [string, MediaType]
    const media = await findMedia(loaders.db, { filter: {}, extraConditions: [onTypedListCondition(Number(userId), type)] }, { limit: Number.MAX_SAFE_INTEGER, offset: 0 })
    out.set(key, new Map(media.map((m) => [m.id, m])))
  }
  return out
})

/** A user's list options (score format, sections, custom lists) by user id; defaults for a user who set none. */
export const listOptions = defineLoader<number, MediaListOptions>('listOptions', (ids, loaders) => getListOptions(loaders.db, ids))

/** The loaders a list mutation makes stale. */
export const LIST_LOADERS = [entriesById, userEntry, userEntries, listMedia] as const
