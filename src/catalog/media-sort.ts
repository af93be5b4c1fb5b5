/**
 * AniList's MediaSort values as SQL ORDER BY terms, by the rules of query/sorts.ts (unknown values
 * last, enums by declared order, the id last); SEARCH_MATCH is the catalog's own.
 */
import { sql } from 'kysely'
import type { MediaTable } from '../storage/tables.js'
import { MEDIA_FORMATS, MEDIA_STATUSES, MEDIA_TYPES } from './media.js'
import { normaliseForSearch } from './search-text.js'
import { sortTerms, type OrderTerm, type SortKey } from '../query/sorts.js'

export const MEDIA_SORTS = [
  'ID', 'ID_DESC', 'TITLE_ROMAJI', 'TITLE_ROMAJI_DESC', 'TITLE_ENGLISH', 'TITLE_ENGLISH_DESC', 'TITLE_NATIVE', 'TITLE_NATIVE_DESC',
  'TYPE', 'TYPE_DESC', 'FORMAT', 'FORMAT_DESC', 'START_DATE', 'START_DATE_DESC', 'END_DATE', 'END_DATE_DESC', 'SCORE', 'SCORE_DESC',
  'POPULARITY', 'POPULARITY_DESC', 'TRENDING', 'TRENDING_DESC', 'EPISODES', 'EPISODES_DESC', 'DURATION', 'DURATION_DESC',
  'STATUS', 'STATUS_DESC', 'CHAPTERS', 'CHAPTERS_DESC', 'VOLUMES', 'VOLUMES_DESC', 'UPDATED_AT', 'UPDATED_AT_DESC',
  'SEARCH_MATCH', 'FAVOURITES', 'FAVOURITES_DESC',
] as const

export type MediaSort = (typeof MEDIA_SORTS)[number]

type Column = keyof MediaTable

const ref = (column: Column) => sql.ref(`media.${column}`)

/** What each MediaSort orders by: a column, or an enum column's declared order. */
const SORT_KEYS: Readonly<Record<string, SortKey>> = {
  ID: ref('id'), TITLE_ROMAJI: ref('title_romaji'), TITLE_ENGLISH: ref('title_english'), TITLE_NATIVE: ref('title_native'),
  START_DATE: ref('start_date'), END_DATE: ref('end_date'), SCORE: ref('average_score'), POPULARITY: ref('popularity'),
  TRENDING: ref('trending'), EPISODES: ref('episodes'), DURATION: ref('duration'), CHAPTERS: ref('chapters'),
  VOLUMES: ref('volumes'), UPDATED_AT: ref('updated_at'), FAVOURITES: ref('favourites'),
  TYPE: { column: ref('type'), values: MEDIA_TYPES },
  FORMAT: { column: ref('format'), values: MEDIA_FORMATS },
  STATUS: { column: ref('status'), values: MEDIA_STATUSES },
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

/**
 * The ORDER BY terms for a list of sorts. With no sort, a search orders by match and anything else by
 * id. SEARCH_MATCH without a search adds nothing.
 */
export function mediaOrder(sorts: ReadonlyArray<string | null> | null | undefined, search: string | null | undefined): OrderTerm[] {
  const hasSearch = typeof search === 'string' && normaliseForSearch(search) !== ''
  const wanted = (sorts ?? []).filter((s): s is string => s !== null)
  const list = wanted.length > 0 ? wanted : hasSearch ? ['SEARCH_MATCH'] : []
  const special = (sort: string) => (sort === 'SEARCH_MATCH' ? (hasSearch ? searchMatch(search!) : []) : undefined)
  return sortTerms(list, SORT_KEYS, ref('id'), special)
}
