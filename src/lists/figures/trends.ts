/**
 * Media trends (AniList's MediaTrend): one snapshot per media and day of its trending, popularity,
 * averageScore and how many users are watching or reading it, and the queries over them with
 * AniList's filters and MediaTrendSort. This file owns `media_trends`.
 *
 * Which media are snapshotted: those whose figures this server computes (listed or favourited here,
 * so with a row in media_figure_imports). A work that only carries imported figures would chart a
 * flat line of AniList's numbers from the day of its import, which says nothing.
 *
 * `episode` is the last episode that aired that day (UTC), from the work's airing schedule; null on
 * a day without one.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { lastEpisodeAiredBetween } from '../../catalog/airing.js'
import { allOf, columnConditions, given, type FilterColumns, type List, type Maybe } from '../../query/filters.js'
import { orderedBy, sortTerms, type OrderTerm, type SortKey } from '../../query/sorts.js'
import { checkArguments } from '../../query/caps.js'
import type { Window } from '../../query/paging.js'
import { DAY, dayStart } from './formulas.js'

const CHUNK = 500

/** One day's snapshot of a work, with the changes since its previous snapshot (null for the first). */
export interface MediaTrend {
  mediaId: number
  date: number
  trending: number
  averageScore: number | null
  popularity: number | null
  inProgress: number | null
  releasing: boolean
  episode: number | null
  averageScoreChange: number | null
  popularityChange: number | null
  inProgressChange: number | null
}

/** AniList's MediaTrend filter arguments. */
export interface MediaTrendFilter {
  mediaId?: Maybe<number>
  mediaId_not?: Maybe<number>
  mediaId_in?: List<number>
  mediaId_not_in?: List<number>
  date?: Maybe<number>
  date_greater?: Maybe<number>
  date_lesser?: Maybe<number>
  trending?: Maybe<number>
  trending_greater?: Maybe<number>
  trending_lesser?: Maybe<number>
  trending_not?: Maybe<number>
  averageScore?: Maybe<number>
  averageScore_greater?: Maybe<number>
  averageScore_lesser?: Maybe<number>
  averageScore_not?: Maybe<number>
  popularity?: Maybe<number>
  popularity_greater?: Maybe<number>
  popularity_lesser?: Maybe<number>
  popularity_not?: Maybe<number>
  episode?: Maybe<number>
  episode_greater?: Maybe<number>
  episode_lesser?: Maybe<number>
  episode_not?: Maybe<number>
  releasing?: Maybe<boolean>
}

const t = (column: string) => sql.ref(`t.${column}`)

const COLUMNS: FilterColumns = {
  mediaId: t('media_id'), date: t('date'), trending: t('trending'), averageScore: t('average_score'), popularity: t('popularity'), episode: t('episode'), releasing: t('releasing'),
}

/** What each MediaTrendSort orders by. A trend has no id of its own: ID is the media's id, as the row's key begins with it. */
const SORT_KEYS: Readonly<Record<string, SortKey>> = {
  ID: t('media_id'), MEDIA_ID: t('media_id'), DATE: t('date'), SCORE: t('average_score'), POPULARITY: t('popularity'), TRENDING: t('trending'), EPISODE: t('episode'),
}

/** ORDER BY terms: the sorts, then (media, date) so that pages never overlap. */
export function trendOrder(sorts: ReadonlyArray<string | null> | null | undefined): OrderTerm[] {
  return [...sortTerms(sorts, SORT_KEYS, t('media_id')), { expression: t('date'), direction: 'asc' }]
}

/** Refuses, with a 400, filters too large to run (query/caps.ts). */
export function checkTrendFilter(filter: MediaTrendFilter): void {
  checkArguments(filter)
}

function conditions(filter: MediaTrendFilter, mediaIds?: readonly number[]): Expression<SqlBool> | null {
  const out = columnConditions(filter as Record<string, unknown>, COLUMNS, (stem, v) => (stem === 'releasing' ? (v ? 1 : 0) : v))
  if (mediaIds) out.push(sql<SqlBool>`${t('media_id')} in (${sql.join([...mediaIds])})`)
  return allOf(out)
}

/** The previous snapshot's figures ride along: `p` is the same media's latest snapshot before this one. */
function withPrevious(db: Kysely<Tables>, where: Expression<SqlBool> | null) {
  const base = db
    .selectFrom('media_trends as t')
    .leftJoin('media_trends as p', (join) =>
      join.onRef('p.media_id', '=', 't.media_id').on(sql<SqlBool>`p.date = (select max(q.date) from media_trends q where q.media_id = t.media_id and q.date < t.date)`),
    )
    .select(['t.media_id', 't.date', 't.trending', 't.average_score', 't.popularity', 't.in_progress', 't.releasing', 't.episode'])
    .select(['p.average_score as prev_average_score', 'p.popularity as prev_popularity', 'p.in_progress as prev_in_progress'])
  return where === null ? base : base.where(where)
}

interface TrendRow {
  media_id: number
  date: number | string
  trending: number
  average_score: number | null
  popularity: number | null
  in_progress: number | null
  releasing: number
  episode: number | null
  prev_average_score: number | null
  prev_popularity: number | null
  prev_in_progress: number | null
}

const change = (now: number | null, before: number | null) => (now === null || before === null ? null : now - before)

function rowToTrend(r: TrendRow): MediaTrend {
  return {
    mediaId: r.media_id, date: Number(r.date), trending: r.trending, averageScore: r.average_score, popularity: r.popularity, inProgress: r.in_progress,
    releasing: r.releasing === 1, episode: r.episode,
    averageScoreChange: change(r.average_score, r.prev_average_score), popularityChange: change(r.popularity, r.prev_popularity), inProgressChange: change(r.in_progress, r.prev_in_progress),
  }
}

/** The trends matching a filter, in its order, within the window. */
export async function findTrends(db: Kysely<Tables>, filter: MediaTrendFilter, sort: ReadonlyArray<string | null> | null | undefined, window: Window): Promise<MediaTrend[]> {
  const rows = await orderedBy(withPrevious(db, conditions(filter)), trendOrder(sort)).limit(window.limit).offset(window.offset).execute()
  return (rows as TrendRow[]).map(rowToTrend)
}

/** How many trends match a filter. */
export async function countTrends(db: Kysely<Tables>, filter: MediaTrendFilter): Promise<number> {
  const where = conditions(filter)
  const base = db.selectFrom('media_trends as t').select((eb) => eb.fn.countAll<number | string>().as('n'))
  const row = await (where === null ? base : base.where(where)).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * A page of trends for each of several media (Media.trends on a page of works), in one query: each
 * media's trends are numbered in the requested order, and the window is cut from that numbering.
 * Also returns how many each media has in all, for its pageInfo.
 */
export async function trendsOfMedia(
  db: Kysely<Tables>,
  mediaIds: readonly number[],
  options: { releasing?: boolean | null; sort?: ReadonlyArray<string | null> | null },
  window: Window,
): Promise<Map<number, { trends: MediaTrend[]; total: number }>> {
  const out = new Map<number, { trends: MediaTrend[]; total: number }>(mediaIds.map((id) => [id, { trends: [], total: 0 }]))
  const filter: MediaTrendFilter = given(options.releasing) ? { releasing: options.releasing } : {}
  const order = sql.join(trendOrder(options.sort).map((term) => sql`${term.expression} ${sql.raw(term.direction)}`))
  const unique = [...new Set(mediaIds)]
  for (let start = 0; start < unique.length; start += CHUNK) {
    const inner = withPrevious(db, conditions(filter, unique.slice(start, start + CHUNK)))
      .select([sql<number>`row_number() over (partition by t.media_id order by ${order})`.as('rn'), sql<number | string>`count(*) over (partition by t.media_id)`.as('total')])
    const rows = await db
      .selectFrom(inner.as('ranked'))
      .selectAll()
      .where('rn', '>', window.offset)
      .where('rn', '<=', window.offset + window.limit)
      .orderBy('media_id')
      .orderBy('rn')
      .execute()
    for (const r of rows as Array<TrendRow & { total: number | string }>) {
      const slot = out.get(r.media_id)!
      slot.trends.push(rowToTrend(r))
      slot.total = Number(r.total)
    }
  }
  // A media whose page is past its last trend still needs its total.
  const missing = unique.filter((id) => out.get(id)!.trends.length === 0)
  if (missing.length > 0 && window.offset > 0) {
    const where = conditions(filter, missing)
    const base = db.selectFrom('media_trends as t').select(['t.media_id', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('t.media_id')
    for (const r of await (where === null ? base : base.where(where)).execute()) out.get(r.media_id)!.total = Number(r.n)
  }
  return out
}

/**
 * Today's snapshot of every work whose figures this server computes. Runs its inserts ON CONFLICT
 * DO NOTHING on (media, date): a second run the same day, here or on another instance, writes
 * nothing. Returns how many snapshots it wrote.
 */
export async function snapshotTrends(db: Kysely<Tables>, clock: Clock): Promise<number> {
  const date = dayStart(clock())
  const ids = (await db.selectFrom('media_figure_imports').select('media_id').orderBy('media_id').execute()).map((r) => r.media_id)
  let written = 0
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK)
    const media = await loadMediaByIds(db, chunk)
    const watching = await db
      .selectFrom('media_list')
      .select(['media_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('media_id', 'in', chunk)
      .where('status', 'in', ['CURRENT', 'REPEATING'])
      .groupBy('media_id')
      .execute()
    const inProgress = new Map(watching.map((r) => [r.media_id, Number(r.n)]))
    const episodes = await lastEpisodeAiredBetween(db, chunk, date, date + DAY)
    const rows = [...media.values()].map((m) => ({
      media_id: m.id, date, trending: m.trending, popularity: m.popularity, average_score: m.averageScore, in_progress: inProgress.get(m.id) ?? 0,
      releasing: m.status === 'RELEASING' ? 1 : 0, episode: episodes.get(m.id) ?? null,
    }))
    if (rows.length === 0) continue
    const result = await db.insertInto('media_trends').values(rows).onConflict((oc) => oc.columns(['media_id', 'date']).doNothing()).executeTakeFirst()
    written += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return written
}
