/**
 * The trends module's loaders: a page of works asks for their stats, rankings and trends in one
 * statement each, however many works the page holds.
 */
import { statsOf, type MediaStats } from '../../../lists/figures/media-stats.js'
import { rankingsOf, type MediaRank } from '../../../lists/figures/rankings.js'
import { trendsOfMedia, type MediaTrend } from '../../../lists/figures/trends.js'
import { pageWindow, type PageWindow } from '../../../query/paging.js'
import { defineLoader } from '../../server/loaders.js'

/** Media.stats by media id. */
export const mediaStats = defineLoader<number, MediaStats>('mediaStats', (ids, loaders) => statsOf(loaders.db, ids))

/** Media.rankings by media id. */
export const mediaRankings = defineLoader<number, MediaRank[]>('mediaRankings', (ids, loaders) => rankingsOf(loaders.db, ids))

/** What Media.trends was asked for, besides the work. */
export interface TrendPageArgs {
  sort?: ReadonlyArray<string | null> | null
  releasing?: boolean | null
  page?: number | null
  perPage?: number | null
}

/** A work's page of trends: `<arguments as JSON>|<media id>`, so works asked alike share one statement. */
export type TrendPageKey = `${string}|${number}`

export const trendPageKey = (args: TrendPageArgs, mediaId: number): TrendPageKey =>
  `${JSON.stringify([args.sort ?? null, args.releasing ?? null, args.page ?? null, args.perPage ?? null])}|${mediaId}`

/** Newest first when no sort is given: what a chart of a work's recent days wants. */
const DEFAULT_SORT = ['DATE_DESC']

export interface TrendPage {
  trends: MediaTrend[]
  total: number
  window: PageWindow
}

export const mediaTrendPages = defineLoader<TrendPageKey, TrendPage>('mediaTrendPages', async (keys, loaders) => {
  const groups = new Map<string, number[]>()
  for (const key of keys) {
    const bar = key.lastIndexOf('|')
    const args = key.slice(0, bar)
    groups.set(args, [...(groups.get(args) ?? []), Number(key.slice(bar + 1))])
  }
  const out = new Map<TrendPageKey, TrendPage>()
  for (const [json, ids] of groups) {
    const [sort, releasing, page, perPage] = JSON.parse(json) as [string[] | null, boolean | null, number | null, number | null]
    const window = pageWindow(page, perPage)
    const found = await trendsOfMedia(loaders.db, ids, { releasing, sort: sort && sort.length > 0 ? sort : DEFAULT_SORT }, window)
    for (const [id, { trends, total }] of found) out.set(`${json}|${id}`, { trends, total, window })
  }
  return out
})
