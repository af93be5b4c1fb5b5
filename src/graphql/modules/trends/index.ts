/**
 * The trends module: the figures computed from this server's lists (lists/figures/) as GraphQL:
 * Media.stats, Media.rankings, Media.trends, Query.MediaTrend and Page.mediaTrends. Everything a page
 * of works asks for loads in one statement per kind (loaders.ts).
 */
import { MAX_PER_PAGE } from '../../../query/paging.js'
import { DISTRIBUTION_STATUSES } from '../../../lists/figures/media-stats.js'
import { readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { most, PAGE, pageOf } from '../../server/list-sizes.js'
import { countMatchingTrends, trendsResolvers } from './resolvers.js'

export const trendsModule: GraphqlModule = {
  name: 'trends',
  sdl: readModuleSdl(import.meta.url),
  resolvers: trendsResolvers,
  pageCounters: { mediaTrends: countMatchingTrends },
  listRules: {
    'Page.mediaTrends': PAGE,
    'MediaTrendConnection.edges': PAGE,
    'MediaTrendConnection.nodes': PAGE,
    'Media.rankings': most(6, 'rated and popular, each all time, in its year and in its season'),
    'MediaStats.scoreDistribution': most(10, 'ten score buckets'),
    'MediaStats.statusDistribution': most(DISTRIBUTION_STATUSES.length, 'one row per list status'),
    'MediaStats.airingProgression': most(0, 'always empty: AniList retired it'),
  },
  scopeOpeners: { 'Media.trends': pageOf(MAX_PER_PAGE) },
}
