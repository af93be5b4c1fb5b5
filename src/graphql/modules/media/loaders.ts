/** The media module's loaders: works by AniList id and by MyAnimeList id, and each work's tags, links and streaming episodes, each read once per request. */
import type { Media, MediaType } from '../../../catalog/media.js'
import { loadMediaByIds, loadMediaByMalIds } from '../../../catalog/media-store.js'
import { defineLoader } from '../../server/loaders.js'
import { loadTagsByIds, tagsOfMedia, type MediaTag, type Tag } from '../../../catalog/tags.js'
import { externalLinksOfMedia, streamingEpisodesOfMedia, type ExternalLink, type StreamingEpisode } from '../../../catalog/external-links.js'

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

/** Each work's tags, for every work of a request at once. */
export const tagsByMedia = defineLoader<number, MediaTag[]>('tagsByMedia', (ids, loaders) => tagsOfMedia(loaders.db, ids))

/** Each work's external links, for every work of a request at once. */
export const linksByMedia = defineLoader<number, ExternalLink[]>('linksByMedia', (ids, loaders) => externalLinksOfMedia(loaders.db, ids))

/** Each work's streaming episodes, for every work of a request at once. */
export const streamingByMedia = defineLoader<number, StreamingEpisode[]>('streamingByMedia', (ids, loaders) => streamingEpisodesOfMedia(loaders.db, ids))

/** Tags by id (the statistics' tag rows). */
export const tagById = defineLoader<number, Tag>('tagById', (ids, loaders) => loadTagsByIds(loaders.db, ids))
