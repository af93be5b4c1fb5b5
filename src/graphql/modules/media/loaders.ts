/** The media module's loaders: works by AniList id and by MyAnimeList id, each read once per request. */
import type { Media, MediaType } from '../../../catalog/media.js'
import { loadMediaByIds, loadMediaByMalIds } from '../../../catalog/media-store.js'
import { defineLoader } from '../../server/loaders.js'

/** A MyAnimeList id, optionally limited to one type (MAL numbers anime and manga separately). */
export type MalKey = `${MediaType | 'ANY'}:${number}`

/** Works by AniList id. */
export const mediaById = defineLoader<number, Media>('mediaById', (ids, loaders) => loadMediaByIds(loaders.db, ids))

/** Works by MAL id: the lowest AniList id among the matches of that type (`ANY`: either type); each primes mediaById. */
export const mediaByMal = defineLoader<MalKey, Media>('mediaByMal', async (keys, loaders) => {
  const out = new Map<MalKey, Media>()
  const byType = new Map<MediaType | 'ANY', number[]>()
  for (const key of keys) {
    const [type, id] = key.split(':') as [MediaType | 'ANY', string]
    byType.set(type, [...(byType.get(type) ?? []), Number(id)])
  }
  for (const [type, ids] of byType) {
    const found = await loadMediaByMalIds(loaders.db, ids, type === 'ANY' ? undefined : type)
    for (const [idMal, list] of found) {
      out.set(`${type}:${idMal}`, list[0]!)
      for (const m of list) loaders.of(mediaById).prime(m.id, m)
    }
  }
  return out
})
