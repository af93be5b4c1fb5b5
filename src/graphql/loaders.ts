/**
 * Per-request batching: every `load` made while one level of a query resolves is answered by a single
 * query, and each key is fetched at most once per request. Resolvers reach media through
 * `ctx.loaders.media` (by AniList id) and `ctx.loaders.mediaByMal`; list entries reuse them. Users'
 * profiles and favourites load the same way, so a page of users costs a fixed number of queries.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Media, MediaType } from '../catalog/media.js'
import { loadMediaByIds, loadMediaByMalIds } from '../catalog/media-store.js'
import { getProfiles, type Profile } from '../accounts/profiles.js'
import { findUsersByIds, type User } from '../accounts/users.js'
import { findUsersByNames } from '../accounts/user-query.js'
import { favouriteIdsOf, favouriteWorksAmong, type FavouriteType } from '../accounts/favourites.js'
import { createListLoaders, type ListLoaders, type UserMediaKey } from './list-loaders.js'

interface Pending<K, V> {
  key: K
  resolve(value: V | null): void
  reject(error: unknown): void
}

/** Collects keys until the current batch of resolvers has run, then loads them together. */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V | null>>()
  private queue: Pending<K, V>[] = []

  /** `batch` receives distinct keys and returns what it found; keys missing from the map load as null. */
  constructor(private readonly batch: (keys: K[]) => Promise<Map<K, V>>) {}

  /** The value for a key (null when there is none), from this request's cache or the next batch. */
  load(key: K): Promise<V | null> {
    const cached = this.cache.get(key)
    if (cached) return cached
    const promise = new Promise<V | null>((resolve, reject) => {
      if (this.queue.length === 0) this.schedule()
      this.queue.push({ key, resolve, reject })
    })
    this.cache.set(key, promise)
    return promise
  }

  /** The values for several keys, in their order. */
  loadMany(keys: readonly K[]): Promise<Array<V | null>> {
    return Promise.all(keys.map((k) => this.load(k)))
  }

  /** Remembers a value fetched some other way (a page of media) so that loads of it cost nothing. */
  prime(key: K, value: V): void {
    if (!this.cache.has(key)) this.cache.set(key, Promise.resolve(value))
  }

  /** Drops a key from this request's cache (after a mutation changed it), so that the next load reads it anew. */
  forget(key: K): void {
    this.cache.delete(key)
  }

  // After the promise jobs already queued (the sibling resolvers of this level) have run, as DataLoader does.
  private schedule(): void {
    void Promise.resolve().then(() => process.nextTick(() => void this.dispatch()))
  }

  private async dispatch(): Promise<void> {
    const queue = this.queue
    this.queue = []
    try {
      const found = await this.batch([...new Set(queue.map((p) => p.key))])
      for (const p of queue) p.resolve(found.get(p.key) ?? null)
    } catch (error) {
      for (const p of queue) {
        this.cache.delete(p.key)
        p.reject(error)
      }
    }
  }
}

/** A MyAnimeList id, optionally limited to one type (MAL numbers anime and manga separately). */
export type MalKey = `${MediaType | 'ANY'}:${number}`

/** A user's favourites of one type: `userId:ANIME`. */
export type FavouritesKey = `${number}:${FavouriteType}`

export interface Loaders {
  /** Media by AniList id. */
  media: BatchLoader<number, Media>
  /** Media by MAL id: the lowest AniList id among the matches of that type (`ANY`: either type). */
  mediaByMal: BatchLoader<MalKey, Media>
  /** Users by id. */
  usersById: BatchLoader<number, User>
  /** Users by lower-cased name (names are unique in any letter case). */
  usersByName: BatchLoader<string, User>
  /** Profiles (about, options, list options) by user id; a user without a stored profile gets the defaults. */
  profiles: BatchLoader<number, Profile>
  /** A user's favourite media ids of one type, in favourite order. */
  favouriteIds: BatchLoader<FavouritesKey, number[]>
  /** Whether a user marked a work as a favourite (null: not a favourite). */
  favouriteWork: BatchLoader<UserMediaKey, true>
  /** List entries, their owners and the owners' profiles (graphql/list-loaders.ts). */
  lists: ListLoaders
}

/** Fresh loaders for one request: nothing is shared between requests, so no one sees stale data. */
export function createLoaders(db: Kysely<Tables>): Loaders {
  const media = new BatchLoader<number, Media>((ids) => loadMediaByIds(db, ids))
  const mediaByMal = new BatchLoader<MalKey, Media>(async (keys) => {
    const out = new Map<MalKey, Media>()
    const byType = new Map<MediaType | 'ANY', number[]>()
    for (const key of keys) {
      const [type, id] = key.split(':') as [MediaType | 'ANY', string]
      byType.set(type, [...(byType.get(type) ?? []), Number(id)])
    }
    for (const [type, ids] of byType) {
      const found = await loadMediaByMalIds(db, ids, type === 'ANY' ? undefined : type)
      for (const [idMal, list] of found) {
        out.set(`${type}:${idMal}`, list[0]!)
        for (const m of list) media.prime(m.id, m)
      }
    }
    return out
  })
  const usersById = new BatchLoader<number, User>(async (ids) => new Map((await findUsersByIds(db, ids)).map((u) => [u.id, u])))
  const usersByName = new BatchLoader<string, User>(async (names) => {
    const found = await findUsersByNames(db, names)
    for (const user of found.values()) usersById.prime(user.id, user)
    return found
  })
  const profiles = new BatchLoader<number, Profile>((ids) => getProfiles(db, ids))
  // One query per type among the keys (ANIME, MANGA), however many users ask.
  const favouriteIds = new BatchLoader<FavouritesKey, number[]>(async (keys) => {
    const out = new Map<FavouritesKey, number[]>()
    const usersByType = new Map<FavouriteType, number[]>()
    for (const key of keys) {
      const [userId, type] = key.split(':') as [string, FavouriteType]
      usersByType.set(type, [...(usersByType.get(type) ?? []), Number(userId)])
    }
    for (const [type, users] of usersByType) {
      for (const [userId, ids] of await favouriteIdsOf(db, users, type)) out.set(`${userId}:${type}`, ids)
    }
    return out
  })
  // In practice one user (the viewer) per request, so one query per batch of works.
  const favouriteWork = new BatchLoader<UserMediaKey, true>(async (keys) => {
    const out = new Map<UserMediaKey, true>()
    const worksByUser = new Map<number, number[]>()
    for (const key of keys) {
      const [userId, mediaId] = key.split(':').map(Number) as [number, number]
      worksByUser.set(userId, [...(worksByUser.get(userId) ?? []), mediaId])
    }
    for (const [userId, mediaIds] of worksByUser) {
      for (const id of await favouriteWorksAmong(db, userId, mediaIds)) out.set(`${userId}:${id}`, true)
    }
    return out
  })
  return {
    media,
    mediaByMal,
    usersById,
    usersByName,
    profiles,
    favouriteIds,
    favouriteWork,
    // The list loaders share the user and profile loaders, so a request reads each user once.
    lists: createListLoaders(db, (batch) => new BatchLoader(batch), { users: usersById, profiles }),
  }
}
