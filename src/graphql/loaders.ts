/**
 * Per-request batching: every `load` made while one level of a query resolves is answered by a single
 * query, and each key is fetched at most once per request. Resolvers reach media through
 * `ctx.loaders.media` (by AniList id) and `ctx.loaders.mediaByMal`; list entries reuse them.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Media, MediaType } from '../catalog/media.js'
import { loadMediaByIds, loadMediaByMalIds } from '../catalog/media-store.js'
import { createListLoaders, type ListLoaders } from './list-loaders.js'

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

export interface Loaders {
  /** Media by AniList id. */
  media: BatchLoader<number, Media>
  /** Media by MAL id: the lowest AniList id among the matches of that type (`ANY`: either type). */
  mediaByMal: BatchLoader<MalKey, Media>
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
  return { media, mediaByMal, lists: createListLoaders(db, (batch) => new BatchLoader(batch)) }
}
