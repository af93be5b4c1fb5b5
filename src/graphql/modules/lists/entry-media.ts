/**
 * Loading the media of many list entries at once. Up to a batch's worth of ids go through the
 * request's media loader (one query); a larger list (a whole MediaListCollection, statistics) loads
 * its media with one catalog query for "every media on this user's list of this type" (asked once per
 * request, see loaders.ts), so that the number of statements stays the same however long
 * the list is. Either way the media loader is primed, so `MediaList.media` then costs nothing.
 */
import type { Media, MediaType } from '../../../catalog/media.js'
import type { MediaListEntry } from '../../../lists/entry.js'
import type { GraphqlContext } from '../../server/context.js'
import { mediaById } from '../media/loaders.js'
import { listMedia } from './loaders.js'

/** Ids the media loader fetches in one statement (catalog/media-store.ts reads 500 per query). */
const ONE_BATCH = 500

/** The media of one user's entries of one type, by id. */
export async function mediaOfEntries(ctx: GraphqlContext, userId: number, type: MediaType, entries: readonly MediaListEntry[]): Promise<Map<number, Media>> {
  const ids = [...new Set(entries.map((e) => e.mediaId))]
  const out = new Map<number, Media>()
  if (ids.length <= ONE_BATCH) {
    const found = await ctx.loaders.of(mediaById).loadMany(ids)
    found.forEach((m) => m && out.set(m.id, m))
    return out
  }
  const all = (await ctx.loaders.of(listMedia).load(`${userId}:${type}`)) ?? new Map<number, Media>()
  for (const id of ids) {
    const m = all.get(id)
    if (!m) continue
    ctx.loaders.of(mediaById).prime(id, m)
    out.set(id, m)
  }
  return out
}

/** An entry as resolvers hand it on, with a way to load its whole list's media together. */
export type ListedEntry = MediaListEntry & { loadListMedia?: () => Promise<Map<number, Media>> }

/** Marks entries of one user and type as loading their media together, once, when the first asks. */
export function withSharedMedia(ctx: GraphqlContext, userId: number, type: MediaType, entries: readonly MediaListEntry[]): { entries: ListedEntry[]; loadListMedia: () => Promise<Map<number, Media>> } {
  let loading: Promise<Map<number, Media>> | undefined
  const loadListMedia = () => (loading ??= mediaOfEntries(ctx, userId, type, entries))
  return { entries: entries.map((e) => ({ ...e, loadListMedia })), loadListMedia }
}
