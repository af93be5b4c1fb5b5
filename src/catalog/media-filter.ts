/**
 * AniList's Media filter arguments (the arguments of `Query.Media` and `Page.media`) turned into SQL
 * conditions on the `media` table. Operators follow AniList: `_not` and `_not_in` exclude values (a
 * media whose value is unknown is kept), `_in` keeps any listed value (an empty list keeps nothing),
 * `_greater` and `_lesser` are strict, `_like` is an SQL LIKE pattern on the YYYYMMDD date.
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import type { MediaTable } from '../storage/tables.js'
import { searchWords } from './search-text.js'

type Column = keyof MediaTable
type Maybe<T> = T | null | undefined
type List<T> = Maybe<ReadonlyArray<T | null>>

/** AniList's Media filter arguments, by their GraphQL names. */
export interface MediaFilter {
  id?: Maybe<number>
  idMal?: Maybe<number>
  startDate?: Maybe<number>
  endDate?: Maybe<number>
  season?: Maybe<string>
  seasonYear?: Maybe<number>
  type?: Maybe<string>
  format?: Maybe<string>
  status?: Maybe<string>
  episodes?: Maybe<number>
  duration?: Maybe<number>
  chapters?: Maybe<number>
  volumes?: Maybe<number>
  isAdult?: Maybe<boolean>
  genre?: Maybe<string>
  tag?: Maybe<string>
  minimumTagRank?: Maybe<number>
  tagCategory?: Maybe<string>
  licensedBy?: Maybe<string>
  licensedById?: Maybe<number>
  averageScore?: Maybe<number>
  popularity?: Maybe<number>
  source?: Maybe<string>
  countryOfOrigin?: Maybe<string>
  isLicensed?: Maybe<boolean>
  search?: Maybe<string>
  id_not?: Maybe<number>
  id_in?: List<number>
  id_not_in?: List<number>
  idMal_not?: Maybe<number>
  idMal_in?: List<number>
  idMal_not_in?: List<number>
  startDate_greater?: Maybe<number>
  startDate_lesser?: Maybe<number>
  startDate_like?: Maybe<string>
  endDate_greater?: Maybe<number>
  endDate_lesser?: Maybe<number>
  endDate_like?: Maybe<string>
  format_in?: List<string>
  format_not?: Maybe<string>
  format_not_in?: List<string>
  status_in?: List<string>
  status_not?: Maybe<string>
  status_not_in?: List<string>
  episodes_greater?: Maybe<number>
  episodes_lesser?: Maybe<number>
  duration_greater?: Maybe<number>
  duration_lesser?: Maybe<number>
  chapters_greater?: Maybe<number>
  chapters_lesser?: Maybe<number>
  volumes_greater?: Maybe<number>
  volumes_lesser?: Maybe<number>
  genre_in?: List<string>
  genre_not_in?: List<string>
  tag_in?: List<string>
  tag_not_in?: List<string>
  tagCategory_in?: List<string>
  tagCategory_not_in?: List<string>
  licensedBy_in?: List<string>
  licensedById_in?: List<number>
  averageScore_not?: Maybe<number>
  averageScore_greater?: Maybe<number>
  averageScore_lesser?: Maybe<number>
  popularity_not?: Maybe<number>
  popularity_greater?: Maybe<number>
  popularity_lesser?: Maybe<number>
  source_in?: List<string>
}

/** Filters on one column, named by the argument's stem: `episodes` → episodes, episodes_greater… */
const COLUMNS = {
  id: 'id', idMal: 'id_mal', startDate: 'start_date', endDate: 'end_date', season: 'season', seasonYear: 'season_year',
  type: 'type', format: 'format', status: 'status', episodes: 'episodes', duration: 'duration', chapters: 'chapters',
  volumes: 'volumes', averageScore: 'average_score', popularity: 'popularity', source: 'source', countryOfOrigin: 'country_of_origin',
} as const satisfies Record<string, Column>

const NOTHING = sql<SqlBool>`1 = 0`
const ref = (column: Column) => sql.ref(`media.${column}`)
const present = <T>(values: ReadonlyArray<T | null>) => values.filter((v): v is T => v !== null)

function isIn(column: Column, values: ReadonlyArray<unknown>): Expression<SqlBool> {
  if (values.length === 0) return NOTHING
  return sql<SqlBool>`${ref(column)} in (${sql.join(values)})`
}

function notIn(column: Column, values: ReadonlyArray<unknown>): Expression<SqlBool> {
  return sql<SqlBool>`(${ref(column)} is null or ${ref(column)} not in (${sql.join(values)}))`
}

function hasGenre(genreKey: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from media_genres g where g.media_id = media.id and g.genre_key = ${genreKey})`
}

/** Limits that keep one filter within the databases' bound-parameter limits and cheap to run. */
export const MAX_LIST_VALUES = 500
export const MAX_SEARCH_LENGTH = 200
/** The longest genre, tag, category or licensor name accepted (AniList's longest is about 30). */
export const MAX_NAME_LENGTH = 200
/**
 * The longest `_like` pattern on a date: the date is 8 characters (YYYYMMDD), so a longer pattern can
 * only add wildcards; SQLite refuses patterns over 50,000 bytes outright.
 */
export const MAX_DATE_PATTERN_LENGTH = 32

/** What makes a filter too large to run, or null when it is fine. */
export function filterProblem(filter: MediaFilter): string | null {
  for (const [name, value] of Object.entries(filter)) {
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST_VALUES) return `${name} accepts at most ${MAX_LIST_VALUES} values.`
      if (value.some((v) => typeof v === 'string' && v.length > MAX_NAME_LENGTH)) return `${name} accepts values of at most ${MAX_NAME_LENGTH} characters.`
    } else if (typeof value === 'string') {
      const max = name === 'search' ? MAX_SEARCH_LENGTH : name.endsWith('_like') ? MAX_DATE_PATTERN_LENGTH : MAX_NAME_LENGTH
      if (value.length > max) return `${name} accepts at most ${max} characters.`
    }
  }
  return null
}

/**
 * The SQL conditions for a filter, to be combined with AND. Kiroku keeps no tags and no licensing
 * links, so a tag, tag category or licensor that must be present matches no media, and one that must
 * be absent excludes none; `minimumTagRank` only tunes tag filters and so changes nothing.
 */
export function mediaConditions(filter: MediaFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = []
  for (const [stem, column] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, Column]>) {
    const f = filter as Record<string, unknown>
    const eq = f[stem]
    if (eq !== undefined && eq !== null) out.push(sql<SqlBool>`${ref(column)} = ${upperIfCountry(stem, eq)}`)
    const not = f[`${stem}_not`]
    if (not !== undefined && not !== null) out.push(sql<SqlBool>`(${ref(column)} is null or ${ref(column)} <> ${not})`)
    const inList = f[`${stem}_in`] as List<unknown>
    if (inList) out.push(isIn(column, present(inList)))
    const notInList = f[`${stem}_not_in`] as List<unknown>
    if (notInList && present(notInList).length > 0) out.push(notIn(column, present(notInList)))
    const greater = f[`${stem}_greater`]
    if (greater !== undefined && greater !== null) out.push(sql<SqlBool>`${ref(column)} > ${greater}`)
    const lesser = f[`${stem}_lesser`]
    if (lesser !== undefined && lesser !== null) out.push(sql<SqlBool>`${ref(column)} < ${lesser}`)
    const like = f[`${stem}_like`]
    if (typeof like === 'string') out.push(sql<SqlBool>`cast(${ref(column)} as text) like ${like}`)
  }
  if (typeof filter.isAdult === 'boolean') out.push(sql<SqlBool>`${ref('is_adult')} = ${filter.isAdult ? 1 : 0}`)
  if (typeof filter.isLicensed === 'boolean') out.push(sql<SqlBool>`${ref('is_licensed')} = ${filter.isLicensed ? 1 : 0}`)

  if (typeof filter.genre === 'string') out.push(hasGenre(filter.genre.toLowerCase()))
  // Every listed genre must be there: each one narrows the result, as on AniList's search page.
  if (filter.genre_in) {
    const genres = present(filter.genre_in)
    if (genres.length === 0) out.push(NOTHING)
    for (const genre of genres) out.push(hasGenre(genre.toLowerCase()))
  }
  if (filter.genre_not_in) {
    const keys = present(filter.genre_not_in).map((g) => g.toLowerCase())
    if (keys.length > 0) out.push(sql<SqlBool>`not exists (select 1 from media_genres g where g.media_id = media.id and g.genre_key in (${sql.join(keys)}))`)
  }

  if (typeof filter.search === 'string') {
    for (const word of searchWords(filter.search)) out.push(sql<SqlBool>`${ref('search_text')} like ${`%${word}%`}`)
  }

  const required = [filter.tag, filter.tagCategory, filter.licensedBy, filter.licensedById]
  const requiredLists = [filter.tag_in, filter.tagCategory_in, filter.licensedBy_in, filter.licensedById_in]
  if (required.some((v) => v !== undefined && v !== null) || requiredLists.some((v) => v !== undefined && v !== null)) out.push(NOTHING)
  return out
}

function upperIfCountry(stem: string, value: unknown): unknown {
  return stem === 'countryOfOrigin' && typeof value === 'string' ? value.toUpperCase() : value
}
