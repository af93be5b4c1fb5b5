/**
 * The ids behind `kiroku pull media --search / --season --year / --popular`: pages of Page.media
 * asked for ids only, which the detail pull (pull-media.ts) then asks for in full, 50 at a time.
 */
import { MEDIA_IDS } from './queries.js'
import type { RemoteClient } from './remote.js'

export interface FindOptions {
  search?: string
  season?: string
  year?: number
  /** The N most popular works (of `type` when given). */
  popular?: number
  type?: 'ANIME' | 'MANGA'
  /** At most this many works (a search or a season of a busy year can be long). */
  limit?: number
}

const PER_PAGE = 50

/** The ids that match, in the remote's order. */
export async function findMediaIds(remote: RemoteClient, options: FindOptions): Promise<number[]> {
  const limit = options.popular ?? options.limit ?? Number.POSITIVE_INFINITY
  const variables: Record<string, unknown> = {
    perPage: PER_PAGE,
    ...(options.search !== undefined ? { search: options.search } : {}),
    ...(options.season !== undefined ? { season: options.season } : {}),
    ...(options.year !== undefined ? { seasonYear: options.year } : {}),
    ...(options.type !== undefined ? { type: options.type } : {}),
    // A search comes in the remote's best-match order; anything else, most popular first.
    sort: options.search !== undefined ? ['SEARCH_MATCH'] : ['POPULARITY_DESC'],
  }
  const ids: number[] = []
  for (let page = 1; ids.length < limit; page++) {
    const data = await remote.query<{ Page?: { pageInfo?: { hasNextPage?: unknown }; media?: unknown } }>(MEDIA_IDS, { ...variables, page })
    const media = Array.isArray(data.Page?.media) ? (data.Page.media as unknown[]) : []
    for (const m of media) {
      const id = typeof m === 'object' && m !== null ? (m as { id?: unknown }).id : undefined
      if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0 && !ids.includes(id)) ids.push(id)
    }
    if (media.length === 0 || data.Page?.pageInfo?.hasNextPage !== true) break
  }
  return ids.slice(0, limit === Number.POSITIVE_INFINITY ? undefined : limit)
}
