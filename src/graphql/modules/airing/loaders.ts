/** The airing module's loaders: each work's next airing and a page of its schedule, for every work of a request at once. */
import { airingPagesOf, nextAiringOf, type Airing, type AiringPage } from '../../../catalog/airing.js'
import { pageWindow } from '../../../query/paging.js'
import { defineLoader } from '../../server/loaders.js'

/** AniList's largest page of a work's schedule: the default, and the most a page holds. */
export const MAX_AIRING_PER_PAGE = 25

/** A work's next airing after an instant: `mediaId:now`. */
export type NextAiringKey = `${number}:${number}`

/** Each work's next airing after `now`; the works of one instant (in practice, of one request) in one query. */
export const nextAiring = defineLoader<NextAiringKey, Airing>('nextAiring', async (keys, loaders) => {
  const out = new Map<NextAiringKey, Airing>()
  const byNow = new Map<number, number[]>()
  for (const key of keys) {
    const [mediaId, now] = key.split(':').map(Number) as [number, number]
    byNow.set(now, [...(byNow.get(now) ?? []), mediaId])
  }
  for (const [now, mediaIds] of byNow) {
    for (const [mediaId, airing] of await nextAiringOf(loaders.db, mediaIds, now)) out.set(`${mediaId}:${now}`, airing)
  }
  return out
})

/** Which page of whose schedule: `mediaId:notYetAired:page:perPage:now`. */
export type AiringPageKey = `${number}:${'true' | 'false' | 'any'}:${number}:${number}:${number}`

/** One page of each work's schedule; the works asking for the same page are read in one query. */
export const airingPages = defineLoader<AiringPageKey, AiringPage>('airingPages', async (keys, loaders) => {
  const out = new Map<AiringPageKey, AiringPage>()
  const groups = new Map<string, number[]>()
  for (const key of keys) {
    const [mediaId, ...rest] = key.split(':')
    const group = rest.join(':')
    groups.set(group, [...(groups.get(group) ?? []), Number(mediaId)])
  }
  for (const [group, mediaIds] of groups) {
    const [aired, page, perPage, now] = group.split(':')
    const notYetAired = aired === 'any' ? null : aired === 'true'
    const window = pageWindow(Number(page), Number(perPage), MAX_AIRING_PER_PAGE)
    for (const [mediaId, result] of await airingPagesOf(loaders.db, mediaIds, { notYetAired, now: Number(now), window })) {
      out.set(`${mediaId}:${aired}:${page}:${perPage}:${now}` as AiringPageKey, result)
    }
  }
  return out
})
