/**
 * The reviews module's loaders: reviews by id, their vote totals, the viewer's votes, and the
 * windows of reviews of many works at once (Media.reviews on a page of works), each one query per request.
 */
import { loadReviews, reviewCountsByMedia, reviewWindowsByMedia, voteTotals, votesOf, type Review, type StoredVote, type VoteTotals } from '../../../community/reviews/review-store.js'
import { defineLoader } from '../../server/loaders.js'
import type { Window } from '../../../query/paging.js'

/** Reviews by id, private ones included: resolvers check who may see them. */
export const reviewById = defineLoader<number, Review>('reviewById', (ids, loaders) => loadReviews(loaders.db, ids))

/** Each review's up votes and all votes. */
export const reviewVotes = defineLoader<number, VoteTotals>('reviewVotes', (ids, loaders) => voteTotals(loaders.db, ids))

/** The viewer's vote on each review: `viewerId:reviewId` (null: no vote). */
export const viewerReviewVote = defineLoader<`${number}:${number}`, StoredVote>('viewerReviewVote', async (keys, loaders) => {
  const byViewer = new Map<number, number[]>()
  for (const key of keys) {
    const [viewer, review] = key.split(':').map(Number) as [number, number]
    byViewer.set(viewer, [...(byViewer.get(viewer) ?? []), review])
  }
  const out = new Map<`${number}:${number}`, StoredVote>()
  for (const [viewer, ids] of byViewer) for (const [id, vote] of await votesOf(loaders.db, viewer, ids)) out.set(`${viewer}:${id}`, vote)
  return out
})

/** What one Media.reviews asks, but the work: the viewer (0 for none), the sort and the window. */
export interface ReviewWindowAsk {
  viewerId: number | null
  sort: ReadonlyArray<string | null> | null
  window: Window
}

/** A work's key in the windows loader: the ask, then `|` and the work's id, so that the works of one ask load together. */
export const reviewWindowKey = (ask: ReviewWindowAsk, mediaId: number): string => `${JSON.stringify(ask)}|${mediaId}`

function splitKey(key: string): { ask: string; mediaId: number } {
  const at = key.lastIndexOf('|')
  return { ask: key.slice(0, at), mediaId: Number(key.slice(at + 1)) }
}

function byAsk(keys: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const key of keys) {
    const { ask, mediaId } = splitKey(key)
    out.set(ask, [...(out.get(ask) ?? []), mediaId])
  }
  return out
}

/** One window of each work's reviews, one query per distinct ask (in practice one per request). */
export const reviewWindows = defineLoader<string, Review[]>('reviewWindows', async (keys, loaders) => {
  const out = new Map<string, Review[]>()
  for (const [askText, mediaIds] of byAsk(keys)) {
    const ask = JSON.parse(askText) as ReviewWindowAsk
    const windows = await reviewWindowsByMedia(loaders.db, mediaIds, ask.viewerId, ask.sort, ask.window)
    for (const [mediaId, reviews] of windows) {
      for (const r of reviews) loaders.of(reviewById).prime(r.id, r)
      out.set(`${askText}|${mediaId}`, reviews)
    }
  }
  return out
})

/** How many reviews of each work the viewer may see: `viewerId|mediaId` (viewer 0 for none). */
export const reviewCounts = defineLoader<`${number}|${number}`, number>('reviewCounts', async (keys, loaders) => {
  const byViewer = new Map<number, number[]>()
  for (const key of keys) {
    const [viewer, media] = key.split('|').map(Number) as [number, number]
    byViewer.set(viewer, [...(byViewer.get(viewer) ?? []), media])
  }
  const out = new Map<`${number}|${number}`, number>()
  for (const [viewer, mediaIds] of byViewer) for (const [id, n] of await reviewCountsByMedia(loaders.db, mediaIds, viewer === 0 ? null : viewer)) out.set(`${viewer}|${id}`, n)
  return out
})

/** The loaders a review change makes stale. */
export const REVIEW_LOADERS = [reviewById, reviewVotes, viewerReviewVote, reviewWindows, reviewCounts] as const
