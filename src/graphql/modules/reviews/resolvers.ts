/**
 * Resolvers for reviews: Query.Review, Page.reviews, Media.reviews and the fields of Review. Lists and
 * counts go through the request's loaders, so a page of works with their reviews costs a few
 * statements, not one per work.
 */
import type { Media } from '../../../catalog/media.js'
import { canSeeReview, countReviews, findReviews, type Review, type ReviewFilter, type ReviewQuery } from '../../../community/reviews/review-store.js'
import { ratingOf } from '../../../community/reviews/review-actions.js'
import { checkArguments } from '../../../query/caps.js'
import { pageInfoOf, pageWindow } from '../../../query/paging.js'
import { NotFoundError } from '../../../errors/refusals.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import type { PageRequest } from '../../server/page-request.js'
import { textAsHtml } from '../../server/text-html.js'
import { usersById } from '../users/loaders.js'
import { mediaById } from '../media/loaders.js'
import { reviewById, reviewCounts, reviewVotes, reviewWindowKey, reviewWindows, viewerReviewVote } from './loaders.js'

/** AniList's page size for a work's reviews: the default and the most. */
export const MAX_MEDIA_REVIEWS_PER_PAGE = 25

type ReviewArgs = ReviewFilter & { sort?: ReadonlyArray<string | null> | null }

function reviewQuery(args: ReviewArgs, ctx: GraphqlContext): ReviewQuery {
  checkArguments(args)
  const { sort, ...filter } = args
  return { filter, sort: sort ?? null, viewerId: viewerId(ctx) }
}

/** A review the viewer may see, through the request's loader; null otherwise. */
export async function visibleReview(ctx: GraphqlContext, id: number): Promise<Review | null> {
  const review = await ctx.loaders.of(reviewById).load(id)
  return review && canSeeReview(review, viewerId(ctx)) ? review : null
}

const Query: TypeResolvers<'Query', unknown> = {
  async Review(_root, args: ReviewArgs, ctx) {
    const keys = Object.entries(args).filter(([, v]) => v != null).map(([k]) => k)
    // By id alone: through the loader, so that aliased lookups cost one query.
    const found = keys.length === 1 && keys[0] === 'id' ? await visibleReview(ctx, args.id!) : (await findReviews(ctx.kiroku.db, reviewQuery(args, ctx), { limit: 1, offset: 0 }))[0]
    if (!found) throw new NotFoundError()
    return found
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async reviews(page, args: ReviewArgs, ctx) {
    const reviews = await findReviews(ctx.kiroku.db, reviewQuery(args, ctx), page.window)
    for (const r of reviews) ctx.loaders.of(reviewById).prime(r.id, r)
    return reviews
  },
}

const MediaFields: TypeResolvers<'Media', Media> = {
  async reviews(media, args, ctx) {
    checkArguments(args)
    const window = pageWindow(args.page, args.perPage ?? args.limit, MAX_MEDIA_REVIEWS_PER_PAGE)
    const viewer = viewerId(ctx)
    const ask = { viewerId: viewer, sort: args.sort ?? null, window: { limit: window.limit, offset: window.offset } }
    const [nodes, total] = await Promise.all([
      ctx.loaders.of(reviewWindows).load(reviewWindowKey(ask, media.id)),
      ctx.loaders.of(reviewCounts).load(`${viewer ?? 0}|${media.id}`),
    ])
    const list = nodes ?? []
    return { nodes: list, edges: list.map((node) => ({ node })), pageInfo: pageInfoOf(total ?? 0, window) }
  },
}

const ReviewFields: TypeResolvers<'Review', Review> = {
  body: (r, args, ctx) => (args.asHtml ? textAsHtml(ctx, 'markdown', r.body) : r.body),
  rating: async (r, _args, ctx) => (await ctx.loaders.of(reviewVotes).load(r.id))?.up ?? 0,
  ratingAmount: async (r, _args, ctx) => (await ctx.loaders.of(reviewVotes).load(r.id))?.all ?? 0,
  async userRating(r, _args, ctx) {
    const viewer = viewerId(ctx)
    return viewer === null ? 'NO_VOTE' : ratingOf(await ctx.loaders.of(viewerReviewVote).load(`${viewer}:${r.id}`))
  },
  private: (r) => r.isPrivate,
  siteUrl: (r, _args, ctx) => `${ctx.kiroku.config.publicUrl}/review/${r.id}`,
  user: (r, _args, ctx) => ctx.loaders.of(usersById).load(r.userId),
  media: (r, _args, ctx) => ctx.loaders.of(mediaById).load(r.mediaId),
}

/** The resolvers of reviews (the mutations are mutation-resolvers.ts). */
export const reviewResolvers = { Query, Page, Media: MediaFields, Review: ReviewFields }

/** How many reviews a Page.reviews matches (for pageInfo). */
export const countMatchingReviews = (args: Record<string, unknown>, ctx: GraphqlContext) => countReviews(ctx.kiroku.db, reviewQuery(args as ReviewArgs, ctx))
