/**
 * Resolvers for recommendations: Query.Recommendation, Page.recommendations, Media.recommendations,
 * SaveRecommendation and the fields of Recommendation. A Recommendation value is one side of a pair
 * (community/recommendations/recommendation-store.ts), so `media` is the work it is seen from.
 */
import type { Media } from '../../../catalog/media.js'
import { countRecommendations, findRecommendations, type Recommendation, type RecommendationFilter, type RecommendationQuery } from '../../../community/recommendations/recommendation-store.js'
import { recommendationRatingOf, saveRecommendation } from '../../../community/recommendations/recommendation-actions.js'
import { checkArguments } from '../../../query/caps.js'
import { pageInfoOf, pageWindow } from '../../../query/paging.js'
import { NotFoundError, UnauthorizedError } from '../../../errors/refusals.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import type { PageRequest } from '../../server/page-request.js'
import { usersById } from '../users/loaders.js'
import { mediaById } from '../media/loaders.js'
import { RECOMMENDATION_LOADERS, recommendationCounts, recommendationRating, recommendationWindowKey, recommendationWindows, viewerRecommendationVote } from './loaders.js'

/** AniList's page size for a work's recommendations: the default and the most. */
export const MAX_MEDIA_RECOMMENDATIONS_PER_PAGE = 25

type RecommendationArgs = RecommendationFilter & { sort?: ReadonlyArray<string | null> | null }

function recommendationQuery(args: RecommendationArgs, ctx: GraphqlContext): RecommendationQuery {
  checkArguments(args)
  const { sort, ...filter } = args
  return { filter, sort: sort ?? null, viewerId: viewerId(ctx) }
}

const Query: TypeResolvers<'Query', unknown> = {
  async Recommendation(_root, args: RecommendationArgs, ctx) {
    const [found] = await findRecommendations(ctx.kiroku.db, recommendationQuery(args, ctx), { limit: 1, offset: 0 })
    if (!found) throw new NotFoundError()
    return found
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  recommendations: (page, args: RecommendationArgs, ctx) => findRecommendations(ctx.kiroku.db, recommendationQuery(args, ctx), page.window),
}

const MediaFields: TypeResolvers<'Media', Media> = {
  async recommendations(media, args, ctx) {
    checkArguments(args)
    const window = pageWindow(args.page, args.perPage, MAX_MEDIA_RECOMMENDATIONS_PER_PAGE)
    const ask = { sort: args.sort ?? null, window: { limit: window.limit, offset: window.offset } }
    const [nodes, total] = await Promise.all([
      ctx.loaders.of(recommendationWindows).load(recommendationWindowKey(ask, media.id)),
      ctx.loaders.of(recommendationCounts).load(media.id),
    ])
    const list = nodes ?? []
    return { nodes: list, edges: list.map((node) => ({ node })), pageInfo: pageInfoOf(total ?? 0, window) }
  },
}

const Mutation: TypeResolvers<'Mutation', unknown> = {
  async SaveRecommendation(_root, args, ctx) {
    if (ctx.auth.state !== 'valid') throw new UnauthorizedError()
    const deps = { db: ctx.kiroku.db, clock: ctx.kiroku.clock, postingLimit: ctx.kiroku.postingLimit }
    try {
      return await saveRecommendation(deps, ctx.auth.token.userId, args)
    } finally {
      ctx.loaders.reset(...RECOMMENDATION_LOADERS)
    }
  },
}

const RecommendationFields: TypeResolvers<'Recommendation', Recommendation> = {
  rating: async (r, _args, ctx) => (await ctx.loaders.of(recommendationRating).load(r.id)) ?? 0,
  async userRating(r, _args, ctx) {
    const viewer = viewerId(ctx)
    return viewer === null ? 'NO_RATING' : recommendationRatingOf(await ctx.loaders.of(viewerRecommendationVote).load(`${viewer}:${r.id}`))
  },
  media: (r, _args, ctx) => ctx.loaders.of(mediaById).load(r.mediaId),
  mediaRecommendation: (r, _args, ctx) => ctx.loaders.of(mediaById).load(r.mediaRecommendationId),
  user: (r, _args, ctx) => (r.userId === null ? null : ctx.loaders.of(usersById).load(r.userId)),
}

export const recommendationResolvers = { Query, Page, Media: MediaFields, Mutation, Recommendation: RecommendationFields }

/** How many recommendations a Page.recommendations matches (for pageInfo). */
export const countMatchingRecommendations = (args: Record<string, unknown>, ctx: GraphqlContext) => countRecommendations(ctx.kiroku.db, recommendationQuery(args as RecommendationArgs, ctx))
