/**
 * What an import brings about a work besides its own row: studios, tags, external links, streaming
 * episodes and airings. Each part left out (undefined) keeps what is stored; a part given replaces
 * the stored list (airings merge by episode, since AniList pages them). Written after the media rows
 * exist, each work in one transaction; studios and tags are upserted first, as the links point at them.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { linkStudioMedia, loadStudiosByIds, setMediaStudios, upsertStudios, type StudioInput, type StudioMediaLink } from './studios.js'
import { loadTagsByIds, setMediaTags, upsertTags, type TagInput } from './tags.js'
import { setMediaExternalLinks, setMediaStreamingEpisodes, type ExternalLink, type StreamingEpisode } from './external-links.js'
import { mergeMediaAiring, type Airing } from './airing.js'

export interface MediaExtras {
  mediaId: number
  studios?: ReadonlyArray<{ studio: StudioInput; isMain: boolean }>
  tags?: ReadonlyArray<{ tag: TagInput; rank: number | null; isMediaSpoiler: boolean }>
  externalLinks?: readonly ExternalLink[]
  streamingEpisodes?: readonly StreamingEpisode[]
  airing?: ReadonlyArray<Omit<Airing, 'mediaId'>>
}

/** What an import of extras changed, for the import summary. */
export interface ExtrasResult {
  studios: { inserted: number; updated: number; unchanged: number }
  tags: { inserted: number; updated: number; unchanged: number }
  /** Works whose studio, tag, link or streaming-episode lists were replaced. */
  mediaListsChanged: number
  /** Airing rows written. */
  airingChanged: number
  /** Links between studios and works added or changed from the studios' side. */
  studioLinksChanged: number
}

export function emptyExtrasResult(): ExtrasResult {
  return { studios: { inserted: 0, updated: 0, unchanged: 0 }, tags: { inserted: 0, updated: 0, unchanged: 0 }, mediaListsChanged: 0, airingChanged: 0, studioLinksChanged: 0 }
}

const add = (into: { inserted: number; updated: number; unchanged: number }, more: typeof into) => {
  into.inserted += more.inserted
  into.updated += more.updated
  into.unchanged += more.unchanged
}

/** Studios on their own (a saved `Page.studios` response), with the works they link to; the works' rows first. */
export async function importStudios(db: Kysely<Tables>, clock: Clock, studios: readonly StudioInput[], links: readonly StudioMediaLink[] = [], result = emptyExtrasResult()): Promise<ExtrasResult> {
  await db.transaction().execute(async (trx) => {
    if (studios.length > 0) add(result.studios, await upsertStudios(trx, clock, studios))
    const byStudio = new Map<number, StudioMediaLink[]>()
    for (const link of links) byStudio.set(link.studioId, [...(byStudio.get(link.studioId) ?? []), link])
    for (const [studioId, list] of byStudio) result.studioLinksChanged += await linkStudioMedia(trx, studioId, list)
  })
  return result
}

/** Writes the extras of works already in the catalog; idempotent. */
export async function writeMediaExtras(db: Kysely<Tables>, clock: Clock, all: readonly MediaExtras[], onProgress?: (done: number, total: number) => void): Promise<ExtrasResult> {
  const result = emptyExtrasResult()
  let done = 0
  for (const extras of all) {
    await db.transaction().execute(async (trx) => {
      if (extras.studios) add(result.studios, await upsertStudios(trx, clock, extras.studios.map((s) => s.studio)))
      if (extras.tags) add(result.tags, await upsertTags(trx, extras.tags.map((t) => t.tag)))
      let changed = false
      // A studio or tag named by id alone that the catalog does not know yet cannot be linked: it is left out.
      if (extras.studios) {
        const known = await loadStudiosByIds(trx, extras.studios.map((s) => s.studio.id))
        const links = extras.studios.filter((s) => known.has(s.studio.id)).map((s) => ({ studioId: s.studio.id, isMain: s.isMain }))
        changed = (await setMediaStudios(trx, extras.mediaId, links)) || changed
      }
      if (extras.tags) {
        const known = await loadTagsByIds(trx, extras.tags.map((t) => t.tag.id))
        const links = extras.tags.filter((t) => known.has(t.tag.id)).map((t) => ({ tagId: t.tag.id, rank: t.rank, isMediaSpoiler: t.isMediaSpoiler }))
        changed = (await setMediaTags(trx, extras.mediaId, links)) || changed
      }
      if (extras.externalLinks) changed = (await setMediaExternalLinks(trx, extras.mediaId, extras.externalLinks)) || changed
      if (extras.streamingEpisodes) changed = (await setMediaStreamingEpisodes(trx, extras.mediaId, extras.streamingEpisodes)) || changed
      if (changed) result.mediaListsChanged++
      if (extras.airing) result.airingChanged += await mergeMediaAiring(trx, extras.mediaId, extras.airing)
    })
    onProgress?.(++done, all.length)
  }
  return result
}
