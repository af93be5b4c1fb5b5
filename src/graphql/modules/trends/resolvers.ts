/** Resolvers of the trends module: Media.stats, Media.rankings, Media.trends, Query.MediaTrend, Page.mediaTrends. */
import type { Media } from '../../../catalog/media.js'
import { checkTrendFilter, countTrends, findTrends, type MediaTrend, type MediaTrendFilter } from '../../../lists/figures/trends.js'
import { pageInfoOf } from '../../../query/paging.js'
import { NotFoundError } from '../../../errors/refusals.js'
import type { GraphqlContext } from '../../server/context.js'
import type { PageRequest } from '../../server/page-request.js'
import type { TypeResolvers } from '../../server/module.js'
import { mediaById } from '../media/loaders.js'
import { mediaRankings, mediaStats, mediaTrendPages, trendPageKey } from './loaders.js'

type TrendArgs = MediaTrendFilter & { sort?: ReadonlyArray<string | null> | null }

function filterOf(args: TrendArgs): MediaTrendFilter {
  const { sort: _sort, ...filter } = args
  checkTrendFilter(args)
  return filter
}

const Query: TypeResolvers<'Query', unknown> = {
  async MediaTrend(_root, args, ctx) {
    const [trend] = await findTrends(ctx.kiroku.db, filterOf(args as TrendArgs), args.sort, { limit: 1, offset: 0 })
    if (!trend) throw new NotFoundError()
    return trend
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  mediaTrends: (page, args, ctx) => findTrends(ctx.kiroku.db, filterOf(args as TrendArgs), args.sort, page.window),
}

const MediaFields: TypeResolvers<'Media', Media> = {
  stats: (media, _args, ctx) => ctx.loaders.of(mediaStats).load(media.id),
  rankings: async (media, _args, ctx) => (await ctx.loaders.of(mediaRankings).load(media.id)) ?? [],
  async trends(media, args, ctx) {
    const found = await ctx.loaders.of(mediaTrendPages).load(trendPageKey(args, media.id))
    const trends = found?.trends ?? []
    const edges = trends.map((node) => ({ node }))
    return { edges, nodes: trends, pageInfo: pageInfoOf(found?.total ?? 0, found?.window ?? { page: 1, perPage: 1 }) }
  },
}

const MediaStats = {
  // AniList retired it for trends and answers an empty list.
  airingProgression: () => [],
}

const MediaTrendFields: TypeResolvers<'MediaTrend', MediaTrend> = {
  media: (trend, _args, ctx) => ctx.loaders.of(mediaById).load(trend.mediaId),
}

export const trendsResolvers = { Query, Page, Media: MediaFields, MediaStats, MediaTrend: MediaTrendFields }

/** How many snapshots Page.mediaTrends matches (pageInfo). */
export const countMatchingTrends = (args: Record<string, unknown>, ctx: GraphqlContext) => countTrends(ctx.kiroku.db, filterOf(args as TrendArgs))
