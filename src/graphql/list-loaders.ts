/**
 * Per-request batching for list entries and what they point at: entries by id, a user's entry for a
 * media (`mediaListEntry`), a user's whole list (statistics), and the owners' users and profiles
 * (names, score formats, custom lists). Every load of one resolver level is answered by one query.
 * After a mutation the resolvers replace these loaders, so nothing read later in the same request is
 * stale.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { BatchLoader } from './loaders.js'
import { findUsersByIds, type User } from '../accounts/users.js'
import { getProfiles, type Profile } from '../accounts/profiles.js'
import type { Media, MediaType } from '../catalog/media.js'
import { findMedia } from '../catalog/media-query.js'
import type { MediaListEntry } from '../lists/entry.js'
import { onTypedListCondition } from '../lists/on-list.js'
import { loadEntriesByIds, loadEntriesOfUsers, loadUserEntriesForMedia } from '../lists/entry-store.js'

/** A user's entry for a media: `userId:mediaId`. */
export type UserMediaKey = `${number}:${number}`

/** A user's list of one type: `userId:ANIME`. */
export type UserListKey = `${number}:${MediaType}`

export interface ListLoaders {
  entries: BatchLoader<number, MediaListEntry>
  userEntry: BatchLoader<UserMediaKey, MediaListEntry>
  /** Every entry of a user, both types, in the order they were added. */
  userEntries: BatchLoader<number, MediaListEntry[]>
  /** Every media on a user's list of one type, by media id: one catalog query per list. */
  listMedia: BatchLoader<UserListKey, Map<number, Media>>
  users: BatchLoader<number, User>
  profiles: BatchLoader<number, Profile>
}

/** Makes a loader from a batch function (graphql/loaders.ts passes BatchLoader's constructor). */
export type LoaderFactory = <K, V>(batch: (keys: K[]) => Promise<Map<K, V>>) => BatchLoader<K, V>

/**
 * Fresh list loaders for one request. `reuse` passes loaders of users and profiles that the request
 * already has, so that each user and profile is read once whoever asks (and survives a list mutation,
 * which changes neither).
 */
export function createListLoaders(db: Kysely<Tables>, loader: LoaderFactory, reuse: Partial<Pick<ListLoaders, 'users' | 'profiles'>> = {}): ListLoaders {
  return {
    entries: loader((ids: number[]) => loadEntriesByIds(db, ids)),
    userEntry: loader(async (keys: UserMediaKey[]) => {
      const byUser = new Map<number, number[]>()
      for (const key of keys) {
        const [userId, mediaId] = key.split(':').map(Number) as [number, number]
        byUser.set(userId, [...(byUser.get(userId) ?? []), mediaId])
      }
      const out = new Map<UserMediaKey, MediaListEntry>()
      for (const [userId, mediaIds] of byUser) {
        for (const [mediaId, entry] of await loadUserEntriesForMedia(db, userId, mediaIds)) out.set(`${userId}:${mediaId}`, entry)
      }
      return out
    }),
    userEntries: loader((userIds: number[]) => loadEntriesOfUsers(db, userIds)),
    listMedia: loader(async (keys: UserListKey[]) => {
      const out = new Map<UserListKey, Map<number, Media>>()
      for (const key of keys) {
        const [userId, type] = key.split(':') as [string, MediaType]
        const media = await findMedia(db, { filter: {}, extraConditions: [onTypedListCondition(Number(userId), type)] }, { limit: Number.MAX_SAFE_INTEGER, offset: 0 })
        out.set(key, new Map(media.map((m) => [m.id, m])))
      }
      return out
    }),
    users: reuse.users ?? loader(async (ids: number[]) => new Map((await findUsersByIds(db, ids)).map((u) => [u.id, u]))),
    profiles: reuse.profiles ?? loader((ids: number[]) => getProfiles(db, ids)),
  }
}
