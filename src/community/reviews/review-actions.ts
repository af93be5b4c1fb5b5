/**
 * The rules of the review mutations, shared by the GraphQL API and the site's editor:
 *
 * - One review per user and work: a second new review of the same work is refused (edit the first).
 * - Only the author edits or deletes a review (AniList's 401); a review the asker may not see (someone
 *   else's private one) is not found.
 * - Nobody votes on their own review; a vote is UP_VOTE, DOWN_VOTE, or NO_VOTE to withdraw it.
 * - A new review counts against the posting limit, as every new post does; edits do not.
 *
 * AniList has no notification type for reviews (NotificationType names none), so nothing here raises
 * one: neither a new review nor a vote tells anybody.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors/refusals.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { checkPostingLimit, type PostingLimit } from '../../social/posting-limit.js'
import { canSeeReview, createReview, deleteReview, loadReview, reviewOf, setReviewVote, updateReview, type Review, type StoredVote } from './review-store.js'
import { checkReviewFields, type ReviewFields } from './review-rules.js'

/** What the rules need from the server. */
export interface ReviewDeps {
  db: Kysely<Tables>
  clock: Clock
  postingLimit: PostingLimit
}

/** AniList's ReviewRating. */
export const REVIEW_RATINGS = ['NO_VOTE', 'UP_VOTE', 'DOWN_VOTE'] as const
export type ReviewRating = (typeof REVIEW_RATINGS)[number]

export const ALREADY_REVIEWED = 'You have already reviewed this media: edit your review instead.'

const notYours = () => new ForbiddenError('You do not have permission to change this review.')

/** The review, if the viewer may see it; NotFoundError otherwise. */
async function visibleReview(deps: ReviewDeps, viewerId: number | null, id: number): Promise<Review> {
  const review = await loadReview(deps.db, id)
  if (!review || !canSeeReview(review, viewerId)) throw new NotFoundError()
  return review
}

export type SaveReviewInput = ReviewFields & { id?: number | null; mediaId?: number | null; private?: boolean | null }

/** SaveReview: a new review of a work (no id), or the author's edit of theirs. */
export async function saveReview(deps: ReviewDeps, viewerId: number, input: SaveReviewInput): Promise<Review> {
  if (input.id != null) {
    const review = await visibleReview(deps, viewerId, input.id)
    if (review.userId !== viewerId) throw notYours()
    const fields = checkReviewFields(input, false)
    return (await updateReview(deps.db, review.id, { ...fields, ...(input.private != null ? { isPrivate: input.private } : {}), updatedAt: deps.clock() }))!
  }
  if (input.mediaId == null) throw new ValidationError({ mediaId: ['The media id field is required.'] })
  const fields = checkReviewFields(input, true) as Required<ReturnType<typeof checkReviewFields>>
  const media = (await loadMediaByIds(deps.db, [input.mediaId])).get(input.mediaId)
  if (!media) throw new ValidationError({ mediaId: ['The selected media id is invalid.'] })
  if (await reviewOf(deps.db, viewerId, media.id)) throw new ValidationError({ mediaId: [ALREADY_REVIEWED] })
  await checkPostingLimit(deps.postingLimit, viewerId)
  try {
    return await createReview(deps.db, { userId: viewerId, mediaId: media.id, mediaType: media.type, ...fields, isPrivate: input.private === true, createdAt: deps.clock() })
  } catch (err) {
    // Two requests at once: the unique index refused the second; answer it as the rule does.
    if (await reviewOf(deps.db, viewerId, media.id)) throw new ValidationError({ mediaId: [ALREADY_REVIEWED] })
    throw err
  }
}

/** DeleteReview: the author deletes theirs (its votes go with it). */
export async function deleteReviewOf(deps: ReviewDeps, viewerId: number, id: number | null | undefined): Promise<boolean> {
  if (id == null) throw new ValidationError({ id: ['The id field is required.'] })
  const review = await visibleReview(deps, viewerId, id)
  if (review.userId !== viewerId) throw notYours()
  return deleteReview(deps.db, review.id)
}

const STORED: Record<ReviewRating, StoredVote | null> = { UP_VOTE: 1, DOWN_VOTE: -1, NO_VOTE: null }

/** RateReview: sets the viewer's vote on someone else's review, or withdraws it with NO_VOTE. */
export async function rateReview(deps: ReviewDeps, viewerId: number, reviewId: number | null | undefined, rating: ReviewRating | null | undefined): Promise<Review> {
  if (reviewId == null) throw new ValidationError({ reviewId: ['The review id field is required.'] })
  if (rating == null || !Object.hasOwn(STORED, rating)) throw new ValidationError({ rating: ['The rating field is required.'] })
  const review = await visibleReview(deps, viewerId, reviewId)
  if (review.userId === viewerId) throw new ValidationError({ reviewId: ['You cannot rate your own review.'] })
  await setReviewVote(deps.db, review.id, viewerId, STORED[rating], deps.clock())
  return review
}

/** How a stored vote reads as AniList's ReviewRating. */
export const ratingOf = (vote: StoredVote | null | undefined): ReviewRating => (vote === 1 ? 'UP_VOTE' : vote === -1 ? 'DOWN_VOTE' : 'NO_VOTE')
