/**
 * AniList's MediaSort values as SQL ORDER BY terms. Unknown values (null scores, missing dates) sort
 * last in both directions on both databases, and every order ends with the id so that pages never
 * overlap. TYPE, FORMAT and STATUS sort by the enum's declared order, as AniList stores them.
 */
import { sql, type RawBuilder } from 'kysely'
import type { MediaTable } from '../storage/tables.js'
import { MEDIA_FORMATS, MEDIA_STATUSES, MEDIA_TYPES } from './media.js'
import { normaliseForSearch } from './search-text.js'

export const MEDIA_SORTS = [
  'ID', 'ID_DESC', 'TITLE_ROMAJI', 'TITLE_ROMAJI_DESC', 'TITLE_ENGLISH', 'TITLE_ENGLISH_DESC', 'TITLE_NATIVE', 'TITLE_NATIVE_DESC',
  'TYPE', 'TYPE_DESC', 'FORMAT', 'FORMAT_DESC', 'START_DATE', 'START_DATE_DESC', 'END_DATE', 'END_DATE_DESC', 'SCORE', 'SCORE_DESC',
  'POPULARITY', 'POPULARITY_DESC', 'TRENDING', 'TRENDING_DESC', 'EPISODES', 'EPISODES_DESC', 'DURATION', 'DURATION_DESC',
  'STATUS', 'STATUS_DESC', 'CHAPTERS', 'CHAPTERS_DESC', 'VOLUMES', 'VOLUMES_DESC', 'UPDATED_AT', 'UPDATED_AT_DESC',
  'SEARCH_MATCH', 'FAVOURITES', 'FAVOURITES_DESC',
] as const

export type MediaSort = (typeof MEDIA_SORTS)[number]

type Column = keyof MediaTable

const SORT_COLUMNS: Record<string, Column> = {
  ID: 'id', TITLE_ROMAJI: 'title_romaji', TITLE_ENGLISH: 'title_english', TITLE_NATIVE: 'title_native', START_DATE: 'start_date',
  END_DATE: 'end_date', SCORE: 'average_score', POPULARITY: 'popularity', TRENDING: 'trending', EPISODES: 'episodes',
  DURATION: 'duration', CHAPTERS: 'chapters', VOLUMES: 'volumes', UPDATED_AT: 'updated_at', FAVOURITES: 'favourites',
}

const ENUM_ORDERS: Record<string, { column: Column; values: readonly string[] }> = {
  TYPE: { column: 'type', values: MEDIA_TYPES },
  FORMAT: { column: 'format', values: MEDIA_FORMATS },
  STATUS: { column: 'status', values: MEDIA_STATUSES },
}

/** One ORDER BY term: an expression and its direction. */
export interface OrderTerm {
  expression: RawBuilder<unknown>
  direction: 'asc' | 'desc'
}

const ref = (column: Column) => sql.ref(`media.${column}`)

function enumPosition(column: Column, values: readonly string[]): RawBuilder<unknown> {
  const cases = values.map((v, i) => sql`when ${sql.lit(v)} then ${sql.lit(i)}`)
  return sql`case ${ref(column)} ${sql.join(cases, sql` `)} end`
}

/**
 * How well the search matched, best first: 0 when a whole title or synonym is the query, 1 when one
 * starts with it, 2 otherwise. Ties go to the more popular media.
 */
function searchMatch(search: string): OrderTerm[] {
  const query = normaliseForSearch(search)
  const rank = sql`case when ${ref('search_text')} like ${`%|${query}|%`} then 0 when ${ref('search_text')} like ${`%|${query}%`} then 1 else 2 end`
  return [{ expression: rank, direction: 'asc' }, { expression: sql`${ref('popularity')}`, direction: 'desc' }]
}

function nullsLast(expression: RawBuilder<unknown>, direction: 'asc' | 'desc'): OrderTerm[] {
  return [{ expression: sql`case when ${expression} is null then 1 else 0 end`, direction: 'asc' }, { expression, direction }]
}

/**
 * The ORDER BY terms for a list of sorts. With no sort, a search orders by match and anything else by
 * id. SEARCH_MATCH without a search adds nothing.
 */
export function mediaOrder(sorts: ReadonlyArray<string | null> | null | undefined, search: string | null | undefined): OrderTerm[] {
  const hasSearch = typeof search === 'string' && normaliseForSearch(search) !== ''
  const wanted = (sorts ?? []).filter((s): s is string => s !== null)
  const list = wanted.length > 0 ? wanted : hasSearch ? ['SEARCH_MATCH'] : []
  const terms: OrderTerm[] = []
  for (const sort of list) {
    if (sort === 'SEARCH_MATCH') {
      if (hasSearch) terms.push(...searchMatch(search!))
      continue
    }
    const desc = sort.endsWith('_DESC')
    const key = desc ? sort.slice(0, -'_DESC'.length) : sort
    const direction = desc ? 'desc' : 'asc'
    const enumOrder = ENUM_ORDERS[key]
    const column = SORT_COLUMNS[key]
    if (enumOrder) terms.push(...nullsLast(enumPosition(enumOrder.column, enumOrder.values), direction))
    else if (column) terms.push(...nullsLast(sql`${ref(column)}`, direction))
  }
  terms.push({ expression: sql`${ref('id')}`, direction: 'asc' })
  return terms
}
