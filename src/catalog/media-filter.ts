/**
 * AniList's Media filter arguments (the arguments of `Query.Media` and `Page.media`) turned into SQL
 * conditions on the `media` table, with AniList's operators and null policy (query/filters.ts);
 * genres and search are the catalog's own; tags and licensing links have their own files.
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import type { MediaTable } from '../storage/tables.js'
import { searchWords } from './search-text.js'
import { columnConditions, NOTHING, present, type List, type Maybe } from '../query/filters.js'
import { tagConditions } from './tags.js'
import { licenseConditions } from './external-links.js'

type Column = keyof MediaTable

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

const ref = (column: Column) => sql.ref(`media.${column}`)
const COLUMN_REFS = Object.fromEntries(Object.entries(COLUMNS).map(([stem, column]) => [stem, ref(column)]))

function hasGenre(genreKey: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from media_genres g where g.media_id = media.id and g.genre_key = ${genreKey})`
}

/**
 * The SQL conditions for a filter, to be combined with AND. Tags and licensors are matched on their
 * own tables (catalog/tags.ts, catalog/external-links.ts).
 */
export function mediaConditions(filter: MediaFilter): Expression<SqlBool>[] {
  const out = columnConditions(filter as Record<string, unknown>, COLUMN_REFS, upperIfCountry)
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

  out.push(...tagConditions(filter), ...licenseConditions(filter))
  return out
}

function upperIfCountry(stem: string, value: unknown): unknown {
  return stem === 'countryOfOrigin' && typeof value === 'string' ? value.toUpperCase() : value
}
