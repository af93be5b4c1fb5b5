/**
 * SaveRecommendation's rules, shared by the API and the site: the viewer's vote on a pair of works.
 *
 * - Both works must exist, and a work cannot recommend itself.
 * - RATE_UP and RATE_DOWN set the viewer's vote (+1/-1), creating the pair when it is new (its `user`
 *   is whoever suggested it first; a new pair counts against the posting limit); NO_RATING withdraws
 *   the vote and never creates a pair (the answer is then null when there was none).
 *
 * AniList has no notification type for recommendations, so none is raised.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import { ValidationError } from '../../errors/refusals.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { checkPostingLimit, type PostingLimit } from '../../social/posting-limit.js'
import { createPair, findPair, setRecommendationVote, type Recommendation, type StoredVote } from './recommendation-store.js'

export interface RecommendationDeps {
  db: Kysely<Tables>
  clock: Clock
  postingLimit: PostingLimit
}

/** AniList's RecommendationRating. */
export const RECOMMENDATION_RATINGS = ['NO_RATING', 'RATE_UP', 'RATE_DOWN'] as const
export type RecommendationRating = (typeof RECOMMENDATION_RATINGS)[number]

const STORED: Record<RecommendationRating, StoredVote | null> = { RATE_UP: 1, RATE_DOWN: -1, NO_RATING: null }

export interface SaveRecommendationInput {
  mediaId?: number | null
  mediaRecommendationId?: number | null
  rating?: string | null
}

/** SaveRecommendation: sets or withdraws the viewer's vote; answers the pair seen from mediaId (null when withdrawn from no pair). */
export async function saveRecommendation(deps: RecommendationDeps, viewerId: number, input: SaveRecommendationInput): Promise<Recommendation | null> {
  const { mediaId, mediaRecommendationId: otherId, rating } = input
  if (mediaId == null) throw new ValidationError({ mediaId: ['The media id field is required.'] })
  if (otherId == null) throw new ValidationError({ mediaRecommendationId: ['The media recommendation id field is required.'] })
  if (rating == null || !Object.hasOwn(STORED, rating)) throw new ValidationError({ rating: ['The rating field is required.'] })
  if (mediaId === otherId) throw new ValidationError({ mediaRecommendationId: ['A work cannot recommend itself.'] })
  const works = await loadMediaByIds(deps.db, [mediaId, otherId])
  if (!works.has(mediaId)) throw new ValidationError({ mediaId: ['The selected media id is invalid.'] })
  if (!works.has(otherId)) throw new ValidationError({ mediaRecommendationId: ['The selected media recommendation id is invalid.'] })
  const vote = STORED[rating as RecommendationRating]
  let pair = await findPair(deps.db, mediaId, otherId)
  if (!pair) {
    if (vote === null) return null
    await checkPostingLimit(deps.postingLimit, viewerId)
  }
  return deps.db.transaction().execute(async (trx) => {
    pair ??= await createPair(trx, mediaId, otherId, viewerId, deps.clock())
    await setRecommendationVote(trx, pair.id, viewerId, vote, deps.clock())
    return pair
  })
}

/** How a stored vote reads as AniList's RecommendationRating. */
export const recommendationRatingOf = (vote: StoredVote | null | undefined): RecommendationRating => (vote === 1 ? 'RATE_UP' : vote === -1 ? 'RATE_DOWN' : 'NO_RATING')
