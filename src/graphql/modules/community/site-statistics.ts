/**
 * Query.SiteStatistics: an empty object whose fields each page through one kind's daily trends
 * (community/statistics/site-trends.ts), kept a minute (trend-cache.ts).
 */
import { sortSiteTrends, SITE_TREND_FIELDS, type SiteTrendField } from '../../../community/statistics/site-trends.js'
import { cachedSiteTrends } from '../../../community/statistics/trend-cache.js'
import { pageInfoOf, pageWindow } from '../../../query/paging.js'
import { checkArguments } from '../../../query/caps.js'
import type { GraphqlContext } from '../../server/context.js'

/** AniList's largest page of site trends, and the size when none is asked. */
export const MAX_SITE_TRENDS_PER_PAGE = 25

interface TrendArgs {
  sort?: ReadonlyArray<string | null> | null
  page?: number | null
  perPage?: number | null
}

async function connection(field: SiteTrendField, args: TrendArgs, ctx: GraphqlContext) {
  checkArguments(args)
  const sorted = sortSiteTrends(await cachedSiteTrends(ctx.kiroku.db, field, ctx.kiroku.clock()), args.sort)
  const window = pageWindow(args.page, args.perPage, MAX_SITE_TRENDS_PER_PAGE)
  const nodes = sorted.slice(window.offset, window.offset + window.limit)
  return { nodes, edges: nodes.map((node) => ({ node })), pageInfo: pageInfoOf(sorted.length, window) }
}

export const siteStatisticsResolvers = {
  Query: { SiteStatistics: () => ({}) },
  SiteStatistics: Object.fromEntries(
    SITE_TREND_FIELDS.map((field) => [field, (_parent: unknown, args: TrendArgs, ctx: GraphqlContext) => connection(field, args, ctx)]),
  ),
}
