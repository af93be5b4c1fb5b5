/** The studios module's loaders: studios by id, each work's studios, and the favourites of studios, each read once per request. */
import { loadStudiosByIds, studiosOfMedia, type MediaStudio, type Studio } from '../../../catalog/studios.js'
import { favouriteCounts, favouritesAmong } from '../../../accounts/favourites.js'
import { defineLoader } from '../../server/loaders.js'

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
