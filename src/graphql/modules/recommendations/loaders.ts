/** The recommendations module's loaders: ratings, the viewer's votes and each work's window of recommendations, one query per request. */
import { recommendationCountsByMedia, recommendationRatings, recommendationVotesOf, recommendationWindowsByMedia, type Recommendation, type StoredVote } from '../../../community/recommendations/recommendation-store.js'
import { defineLoader } from '../../server/loaders.js'
import type { Window } from '../../../query/paging.js'

/** Each pair's rating. */
export const recommendationRating = defineLoader<number, number>('recommendationRating', (ids, loaders) => recommendationRatings(loaders.db, ids))

/** The viewer's vote on each pair: `viewerId:pairId`. */
export const viewerRecommendationVote = defineLoader<`${number}:${number}`, StoredVote>('viewerRecommendationVote', async (keys, loaders) => {
  const byViewer = new Map<number, number[]>()
  for (const key of keys) {
    const [viewer, id] = key.split(':').map(Number) as [number, number]
    byViewer.set(viewer, [...(byViewer.get(viewer) ?? []), id])
  }
  const out = new Map<`${number}:${number}`, StoredVote>()
  for (const [viewer, ids] of byViewer) for (const [id, vote] of await recommendationVotesOf(loaders.db, viewer, ids)) out.set(`${viewer}:${id}`, vote)
  return out
})

/** What one Media.recommendations asks, but the work. */
export interface RecommendationWindowAsk {
  sort: ReadonlyArray<string | null> | null
  window: Window
}

/** A work's key: the ask, `|`, the work's id, so that the works of one ask load together. */
export const recommendationWindowKey = (ask: RecommendationWindowAsk, mediaId: number): string => `${JSON.stringify(ask)}|${mediaId}`

/** One window of each work's recommendations, one query per distinct ask. */
export const recommendationWindows = defineLoader<string, Recommendation[]>('recommendationWindows', async (keys, loaders) => {
  const byAsk = new Map<string, number[]>()
  for (const key of keys) {
    const at = key.lastIndexOf('|')
    const ask = key.slice(0, at)
    byAsk.set(ask, [...(byAsk.get(ask) ?? []), Number(key.slice(at + 1))])
  }
  const out = new Map<string, Recommendation[]>()
  for (const [askText, mediaIds] of byAsk) {
    const ask = JSON.parse(askText) as RecommendationWindowAsk
    for (const [mediaId, list] of await recommendationWindowsByMedia(loaders.db, mediaIds, ask.sort, ask.window)) out.set(`${askText}|${mediaId}`, list)
  }
  return out
})

/** How many recommendations each work has. */
export const recommendationCounts = defineLoader<number, number>('recommendationCounts', (ids, loaders) => recommendationCountsByMedia(loaders.db, ids))

/** The loaders a vote makes stale. */
export const RECOMMENDATION_LOADERS = [recommendationRating, viewerRecommendationVote, recommendationWindows, recommendationCounts] as const
