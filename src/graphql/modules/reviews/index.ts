/**
 * The reviews module: Review and its votes, Query.Review, Page.reviews, Media.reviews and the
 * SaveReview, DeleteReview and RateReview mutations, over community/reviews/.
 */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { PAGE, pageOf } from '../../server/list-sizes.js'
import { countMatchingReviews, MAX_MEDIA_REVIEWS_PER_PAGE, reviewResolvers } from './resolvers.js'
import { reviewMutationResolvers } from './mutation-resolvers.js'

export const reviewsModule: GraphqlModule = {
  name: 'reviews',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(reviewResolvers, reviewMutationResolvers),
  pageCounters: { reviews: countMatchingReviews },
  listRules: {
    'Page.reviews': PAGE,
    'ReviewConnection.nodes': PAGE,
    'ReviewConnection.edges': PAGE,
  },
  // Media.reviews pages with perPage, or with AniList's older `limit` when perPage is absent.
  scopeOpeners: { 'Media.reviews': (args) => pageOf(MAX_MEDIA_REVIEWS_PER_PAGE)({ perPage: args.perPage ?? args.limit }) },
}
