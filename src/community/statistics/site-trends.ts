/**
 * AniList's SiteStatistics from this server's own rows: for each day (UTC), how many rows of a kind
 * existed at its end and how many more (or fewer) than the day before.
 *
 * Only what the rows say is counted; no history is made up. Each day's new rows are counted by one
 * grouped query per kind (`GROUP BY` the day of the row's time), and the running total is summed over
 * those days, not over rows. Days without a new row are filled in (their change is 0) from the first
 * day a row is dated to today, as AniList answers one trend per day. Rows deleted since are gone from
 * every day: Kiroku keeps no record of deletions, so a trend shows the rows that exist now, by the day
 * they arrived.
 *
 * This file reads counts of other modules' tables (aggregates only, never their rows): the sources are
 * one list so that a new kind is one line.
 */
import { sql, type Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'

const DAY = 86_400

/** Where one SiteStatistics field counts from: a table, the column dating each row, and an optional filter on `type`. */
export interface SiteTrendSource {
  table: keyof Tables
  /** Unix seconds: when the row came to be, as near as the table knows. */
  createdAt: string
  /** For media: only rows of this type. */
  mediaType?: 'ANIME' | 'MANGA'
}

/**
 * The fields of SiteStatistics and where each counts from.
 *
 * `users` are dated by their sign-up (`users.created_at`). The catalog's tables (media, characters,
 * staff, studios) have no creation time: their `updated_at` is the closest Kiroku keeps, the time of the
 * row's last write by an import (or AniList's own updatedAt when the imported file gave one), so a
 * catalog row is counted from the day it was last imported or changed, not from the day it first
 * arrived. `reviews` are dated by when they were written.
 */
export const SITE_TREND_SOURCES = {
  users: { table: 'users', createdAt: 'created_at' },
  anime: { table: 'media', createdAt: 'updated_at', mediaType: 'ANIME' },
  manga: { table: 'media', createdAt: 'updated_at', mediaType: 'MANGA' },
  characters: { table: 'characters', createdAt: 'updated_at' },
  staff: { table: 'staff', createdAt: 'updated_at' },
  studios: { table: 'studios', createdAt: 'updated_at' },
  reviews: { table: 'reviews', createdAt: 'created_at' },
} satisfies Record<string, SiteTrendSource>

/** The SiteStatistics fields; those without a source answer no trends. */
export const SITE_TREND_FIELDS = ['users', 'anime', 'manga', 'characters', 'staff', 'studios', 'reviews'] as const
export type SiteTrendField = (typeof SITE_TREND_FIELDS)[number]

/** AniList's SiteTrend: `date` is the Unix second the day (UTC) starts. */
export interface SiteTrend {
  date: number
  count: number
  change: number
}

/** The start (UTC) of the day holding `seconds`. */
export function dayOf(seconds: number): number {
  return Math.floor(seconds / DAY) * DAY
}

/** How many rows of a source are dated to each day, by day. One grouped query. */
async function newRowsPerDay(db: Kysely<Tables>, source: SiteTrendSource): Promise<Map<number, number>> {
  // Times are integers on both databases and the divisor a literal (a bound JS number is a REAL to
  // SQLite), so the division is an integer division: the day's number.
  const day = sql<number>`(${sql.ref(source.createdAt)} / ${sql.lit(DAY)})`
  let query = db
    .selectFrom(source.table)
    .select([day.as('day'), sql<number>`count(*)`.as('n')])
    .groupBy(day)
  if (source.mediaType) query = query.where(sql.ref('type'), '=', source.mediaType)
  const rows = await query.execute()
  return new Map(rows.map((r) => [Number(r.day) * DAY, Number(r.n)]))
}

/** Every day's trend of one field, oldest first, from the first dated row to `now`'s day; empty without rows or a source. */
export async function siteTrends(db: Kysely<Tables>, field: SiteTrendField, now: number): Promise<SiteTrend[]> {
  const source: SiteTrendSource | undefined = (SITE_TREND_SOURCES as Record<string, SiteTrendSource>)[field]
  if (!source) return []
  const perDay = await newRowsPerDay(db, source)
  if (perDay.size === 0) return []
  // Rows dated after today (a clock set wrong where they were made) exist now: they count on today.
  // Rows dated before 1970 count on its first day. So the days run from 1970 at the earliest to today.
  const today = dayOf(now)
  const bounded = new Map<number, number>()
  for (const [date, n] of perDay) {
    const day = Math.min(today, Math.max(0, date))
    bounded.set(day, (bounded.get(day) ?? 0) + n)
  }
  const first = Math.min(...bounded.keys())
  const trends: SiteTrend[] = []
  let count = 0
  for (let date = first; date <= today; date += DAY) {
    const change = bounded.get(date) ?? 0
    count += change
    trends.push({ date, count, change })
  }
  return trends
}

export const SITE_TREND_SORTS = ['DATE', 'DATE_DESC', 'COUNT', 'COUNT_DESC', 'CHANGE', 'CHANGE_DESC'] as const
export type SiteTrendSort = (typeof SITE_TREND_SORTS)[number]

/**
 * Trends in the order asked: each sort in turn, ties broken by date (newest first); without a sort,
 * newest day first, as AniList's site statistics page reads them.
 */
export function sortSiteTrends(trends: readonly SiteTrend[], sorts: ReadonlyArray<string | null> | null | undefined): SiteTrend[] {
  const keys = (sorts ?? []).filter((s): s is SiteTrendSort => s !== null && (SITE_TREND_SORTS as readonly string[]).includes(s))
  const order = keys.length > 0 ? keys : ['DATE_DESC']
  return [...trends].sort((a, b) => {
    for (const key of order) {
      const desc = key.endsWith('_DESC')
      const column = key.replace('_DESC', '').toLowerCase() as 'date' | 'count' | 'change'
      const d = a[column] - b[column]
      if (d !== 0) return desc ? -d : d
    }
    return b.date - a.date
  })
}
