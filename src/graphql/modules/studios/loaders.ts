/** The studios module's loaders: studios by id, each work's studios, and the favourites of studios, each read once per request. */
import { loadStudiosByIds, studioMediaPages, studiosOfMedia, type MediaStudio, type Studio, type StudioMediaPage } from '../../../catalog/studios.js'
import { pageWindow } from '../../../query/paging.js'
import { mediaById } from '../media/loaders.js'
import { favouriteCounts, favouritesAmong } from '../../../accounts/favourites.js'
import { defineLoader } from '../../server/loaders.js'
import { onListCondition } from '../../../lists/on-list.js'

/** AniList's largest page of a studio's works: the default, and the most a page holds. */
export const MAX_STUDIO_MEDIA_PER_PAGE = 25

/** Studios by AniList id. */
export const studioById = defineLoader<number, Studio>('studioById', (ids, loaders) => loadStudiosByIds(loaders.db, ids))

/** Each work's studios, in AniList's order; primes studioById. */
export const studiosByMedia = defineLoader<number, MediaStudio[]>('studiosByMedia', async (ids, loaders) => {
  const out = await studiosOfMedia(loaders.db, ids)
  for (const list of out.values()) for (const { studio } of list) loaders.of(studioById).prime(studio.id, studio)
  return out
})

/** How many users marked each studio as a favourite: every studio of a request in one query. */
export const studioFavouriteCount = defineLoader<number, number>('studioFavouriteCount', (ids, loaders) => favouriteCounts(loaders.db, ['STUDIO'], ids))

/** A user and a studio: `userId:studioId`. */
export type UserStudioKey = `${number}:${number}`

/** Whether a user marked a studio (null: not a favourite); one query per user among the keys. */
export const studioFavourite = defineLoader<UserStudioKey, true>('studioFavourite', async (keys, loaders) => {
  const out = new Map<UserStudioKey, true>()
  const byUser = new Map<number, number[]>()
  for (const key of keys) {
    const [user, studio] = key.split(':').map(Number) as [number, number]
    byUser.set(user, [...(byUser.get(user) ?? []), studio])
  }
  for (const [userId, ids] of byUser) for (const id of await favouritesAmong(loaders.db, userId, ['STUDIO'], ids)) out.set(`${userId}:${id}`, true)
  return out
})

/** The page of a studio's works a field asks for: `studioId|` and the page's arguments as JSON (StudioMediaArgs). */
export type StudioMediaKey = `${number}|${string}`

/** Studio.media's arguments as a loader key carries them; `viewer` is whose list onList compares with (none without a token). */
export interface StudioMediaArgs {
  sort: ReadonlyArray<string | null> | null
  isMain: boolean | null
  onList: boolean | null
  viewer: number | null
  page: number
  perPage: number
}

/** The key of one studio's page. */
export const studioMediaKey = (studioId: number, args: StudioMediaArgs): StudioMediaKey => `${studioId}|${JSON.stringify(args)}`

/** Pages of studios' works; the studios asking for the same page (same arguments) are read in one query. Primes mediaById. */
export const studioMediaPage = defineLoader<StudioMediaKey, StudioMediaPage>('studioMediaPage', async (keys, loaders) => {
  const out = new Map<StudioMediaKey, StudioMediaPage>()
  const groups = new Map<string, number[]>()
  for (const key of keys) {
    const bar = key.indexOf('|')
    const args = key.slice(bar + 1)
    groups.set(args, [...(groups.get(args) ?? []), Number(key.slice(0, bar))])
  }
  for (const [json, ids] of groups) {
    const args = JSON.parse(json) as StudioMediaArgs
    const extraConditions = typeof args.onList === 'boolean' && args.viewer !== null ? [onListCondition(args.viewer, args.onList)] : []
    const window = pageWindow(args.page, args.perPage, MAX_STUDIO_MEDIA_PER_PAGE)
    for (const [id, page] of await studioMediaPages(loaders.db, ids, { sort: args.sort, isMain: args.isMain, extraConditions, window })) {
      for (const { media } of page.media) loaders.of(mediaById).prime(media.id, media)
      out.set(`${id}|${json}`, page)
    }
  }
  return out
})
