/**
 * The recommendations module: Recommendation (one side of a pair of works) and its votes,
 * Query.Recommendation, Page.recommendations, Media.recommendations and SaveRecommendation, over
 * community/recommendations/.
 */
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { PAGE, pageOf } from '../../server/list-sizes.js'
import { countMatchingRecommendations, MAX_MEDIA_RECOMMENDATIONS_PER_PAGE, recommendationResolvers } from './resolvers.js'

export const recommendationsModule: GraphqlModule = {
  name: 'recommendations',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(recommendationResolvers),
  pageCounters: { recommendations: countMatchingRecommendations },
  listRules: {
    'Page.recommendations': PAGE,
    'RecommendationConnection.nodes': PAGE,
    'RecommendationConnection.edges': PAGE,
  },
  scopeOpeners: { 'Media.recommendations': pageOf(MAX_MEDIA_RECOMMENDATIONS_PER_PAGE) },
}
