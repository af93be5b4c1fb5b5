/**
 * The community sections of a work's page: its top reviews (summary, score, author, votes) and its
 * recommendations (cards of the recommended works with their rating and the viewer's vote). Read in
 * a fixed handful of statements, through the same community/ functions as the GraphQL API.
 */
import type { AppContext } from '../../app/app-context.js'
import type { Media } from '../../catalog/media.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { countReviews, findReviews, reviewOf, voteTotals } from '../../community/reviews/review-store.js'
import { countRecommendations, findRecommendations, recommendationRatings, recommendationVotesOf } from '../../community/recommendations/recommendation-store.js'
import { peopleOf, type PersonView } from '../social/activity-cards.js'
import { DEFAULT_AVATAR_MEDIUM } from '../social/notification-words.js'
import { displayTitle, localImage } from '../view-helpers.js'
import type { TitleLanguage } from '../../accounts/profiles.js'

/** How many reviews and recommendations the work's page shows. */
export const REVIEWS_SHOWN = 3
export const RECOMMENDATIONS_SHOWN = 12

export interface ReviewSummaryView {
  href: string
  summary: string
  score: number
  up: number
  votes: number
  author: PersonView
}

export interface RecommendationCardView {
  href: string
  image: string
  title: string
  otherId: number
  rating: number
  /** The viewer's vote: 1, -1 or 0. */
  vote: number
}

export interface MediaCommunityView {
  mediaId: number
  reviews: ReviewSummaryView[]
  reviewTotal: number
  /** Where the viewer writes (or edits) their review. */
  writeHref: string
  writeLabel: string
  recommendations: RecommendationCardView[]
  recommendationTotal: number
}

const NOBODY: PersonView = { name: 'A deleted user', href: '/', avatar: DEFAULT_AVATAR_MEDIUM }

const workPath = (m: Pick<Media, 'id' | 'type'>) => `/${m.type === 'ANIME' ? 'anime' : 'manga'}/${m.id}`

export async function loadMediaCommunity(ctx: AppContext, media: Media, viewerId: number | null, language: TitleLanguage): Promise<MediaCommunityView> {
  const reviewQuery = { filter: { mediaId: media.id }, sort: ['RATING_DESC', 'ID'], viewerId }
  const recommendationQuery = { filter: { mediaId: media.id }, sort: ['RATING_DESC', 'ID'], viewerId }
  const [reviews, reviewTotal, own, recommendations, recommendationTotal] = await Promise.all([
    findReviews(ctx.db, reviewQuery, { limit: REVIEWS_SHOWN, offset: 0 }),
    countReviews(ctx.db, reviewQuery),
    viewerId === null ? Promise.resolve(null) : reviewOf(ctx.db, viewerId, media.id),
    findRecommendations(ctx.db, recommendationQuery, { limit: RECOMMENDATIONS_SHOWN, offset: 0 }),
    countRecommendations(ctx.db, recommendationQuery),
  ])
  const pairIds = recommendations.map((r) => r.id)
  const [votes, people, works, ratings, myVotes] = await Promise.all([
    voteTotals(ctx.db, reviews.map((r) => r.id)),
    peopleOf(ctx.db, reviews.map((r) => r.userId), ctx.config.publicUrl),
    loadMediaByIds(ctx.db, recommendations.map((r) => r.mediaRecommendationId)),
    recommendationRatings(ctx.db, pairIds),
    viewerId === null ? Promise.resolve(new Map<number, number>()) : recommendationVotesOf(ctx.db, viewerId, pairIds),
  ])
  return {
    mediaId: media.id,
    reviews: reviews.map((r) => ({
      href: `/review/${r.id}`, summary: r.summary, score: r.score, up: votes.get(r.id)?.up ?? 0, votes: votes.get(r.id)?.all ?? 0, author: people.get(r.userId) ?? NOBODY,
    })),
    reviewTotal,
    writeHref: own ? `/review/${own.id}/edit` : `/review/new?mediaId=${media.id}`,
    writeLabel: own ? 'Edit your review' : 'Write a review',
    recommendations: recommendations.flatMap((r) => {
      const work = works.get(r.mediaRecommendationId)
      if (!work) return []
      return [{
        href: workPath(work), image: localImage(work.coverImage.large ?? work.coverImage.medium ?? work.coverImage.extraLarge, ctx.config.publicUrl, 'media', work.id), title: displayTitle(work.title, language),
        otherId: work.id, rating: ratings.get(r.id) ?? 0, vote: myVotes.get(r.id) ?? 0,
      }]
    }),
    recommendationTotal,
  }
}
