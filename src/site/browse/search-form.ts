/**
 * The search pages' GET form: its fields read strictly from the query string, and turned into the
 * catalog's MediaQuery (the filter `Page.media` takes). A value a person could not have picked from
 * the form (an unknown format, a year that is not a number, a field sent twice, a search longer than
 * the catalog accepts) is a problem named by field, for the page to show with a 400; nothing is
 * guessed at or coerced.
 */
import { MEDIA_FORMATS, MEDIA_SEASONS, MEDIA_STATUSES, type MediaFormat, type MediaSeason, type MediaType } from '../../catalog/media.js'
import type { MediaFilter } from '../../catalog/media-filter.js'
import type { MediaQuery } from '../../catalog/media-query.js'
import type { TitleLanguage } from '../../catalog/titles.js'
import { MAX_SEARCH_LENGTH } from '../../query/caps.js'
import { normaliseForSearch } from '../../catalog/search-text.js'
import { isRecord } from '../../web/params.js'

/** Works per results page. */
export const RESULTS_PER_PAGE = 30
/** The furthest page a link can ask for: far past any catalog's last page, well within an OFFSET. */
export const MAX_PAGE = 10_000
export const MIN_YEAR = 1900
export const MAX_YEAR = 2100

/** The formats each search page offers: AniList's anime formats, and its manga formats. */
export const FORMATS_BY_TYPE: Readonly<Record<MediaType, readonly MediaFormat[]>> = {
  ANIME: MEDIA_FORMATS.filter((f) => f !== 'MANGA' && f !== 'NOVEL' && f !== 'ONE_SHOT'),
  MANGA: ['MANGA', 'NOVEL', 'ONE_SHOT'],
}

/** The sorts the form offers, with their labels. TITLE follows the viewer's title language. */
export const SORT_OPTIONS = [
  { value: 'SEARCH_MATCH', label: 'Best match' },
  { value: 'POPULARITY_DESC', label: 'Popularity' },
  { value: 'TRENDING_DESC', label: 'Trending' },
  { value: 'SCORE_DESC', label: 'Average score' },
  { value: 'FAVOURITES_DESC', label: 'Favourites' },
  { value: 'START_DATE_DESC', label: 'Newest' },
  { value: 'START_DATE', label: 'Oldest' },
  { value: 'TITLE', label: 'Title' },
] as const

export type SortOption = (typeof SORT_OPTIONS)[number]['value']

/** What the form shows in its fields: exactly what was sent (so a refused value can be corrected). */
export interface SearchValues {
  search: string
  season: string
  year: string
  format: string
  status: string
  genre: string
  tag: string
  sort: string
}

export const SEARCH_FIELDS = ['search', 'season', 'year', 'format', 'status', 'genre', 'tag', 'sort'] as const satisfies ReadonlyArray<keyof SearchValues>

/** What the catalog offers the selects: its genres and (visible) tag names. */
export interface SearchChoices {
  genres: readonly string[]
  tags: readonly string[]
}

export interface SearchContext {
  type: MediaType
  choices: SearchChoices
  titleLanguage: TitleLanguage
  /** Whether adult works may appear (the viewer's displayAdultContent option). */
  showAdult: boolean
}

export interface ParsedSearch {
  values: SearchValues
  page: number
  /** Problems by field name ('page' included); empty when the search can run. */
  problems: Record<string, string>
  /** The query to run; null when there are problems. */
  query: MediaQuery | null
  /** Whether any filter or text was given (a bare page shows the most popular works). */
  filtered: boolean
}

const TITLE_SORT: Readonly<Record<TitleLanguage, string>> = {
  ROMAJI: 'TITLE_ROMAJI', ROMAJI_STYLISED: 'TITLE_ROMAJI', ENGLISH: 'TITLE_ENGLISH', ENGLISH_STYLISED: 'TITLE_ENGLISH', NATIVE: 'TITLE_NATIVE', NATIVE_STYLISED: 'TITLE_NATIVE',
}

const LABELS: Readonly<Record<keyof SearchValues | 'page', string>> = {
  search: 'search text', season: 'season', year: 'year', format: 'format', status: 'status', genre: 'genre', tag: 'tag', sort: 'sort', page: 'page',
}

/** One query-string value as text: '' when absent; a problem when repeated, not text, or holding U+0000. */
function rawValue(query: unknown, field: string, problems: Record<string, string>): string {
  const value = isRecord(query) && Object.hasOwn(query, field) ? query[field] : undefined
  if (value === undefined || value === null) return ''
  const label = LABELS[field as keyof typeof LABELS] ?? field
  if (Array.isArray(value)) {
    problems[field] = `Choose one ${label}: the field was sent more than once.`
    return ''
  }
  if (typeof value !== 'string') {
    problems[field] = `The ${label} must be text.`
    return ''
  }
  if (value.includes('\u0000')) {
    problems[field] = `The ${label} must not contain the character U+0000.`
    return ''
  }
  return value.trim()
}

/** A value the form offers (matched ignoring case), returned in the catalog's spelling; undefined when not offered. */
function pick<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  const key = value.toLowerCase()
  return allowed.find((a) => a.toLowerCase() === key)
}

/** A sent value inside a message: quoted, and cut short when long. */
function quoted(value: string): string {
  return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`
}

function wholeNumber(value: string): number | null {
  return /^\d{1,6}$/.test(value) ? Number(value) : null
}

/** Reads the search form of one media type from a query string. */
export function parseSearch(query: unknown, context: SearchContext): ParsedSearch {
  const problems: Record<string, string> = {}
  const sent = {} as SearchValues
  for (const field of SEARCH_FIELDS) sent[field] = rawValue(query, field, problems)
  const pageText = rawValue(query, 'page', problems)
  // What the fields show: a value that is too long is cut, so the page does not echo a megabyte.
  const values = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, sent[f].slice(0, MAX_SEARCH_LENGTH + 1)])) as unknown as SearchValues
  const filter: MediaFilter = { type: context.type }

  if (sent.search !== '') {
    if (sent.search.length > MAX_SEARCH_LENGTH) problems.search = `The search text must be at most ${MAX_SEARCH_LENGTH} characters.`
    else filter.search = sent.search
  }
  // Text without a letter or digit ("!!!") matches every work: it is no search to rank by.
  const searching = typeof filter.search === 'string' && normaliseForSearch(filter.search) !== ''

  let season: MediaSeason | undefined
  if (sent.season !== '') {
    season = context.type === 'ANIME' ? pick(sent.season, MEDIA_SEASONS) : undefined
    if (!season) problems.season = context.type === 'ANIME' ? `${quoted(sent.season)} is not a season: choose one from the list.` : 'Manga have no season: leave the season out.'
  }

  let year: number | undefined
  if (sent.year !== '') {
    const n = wholeNumber(sent.year)
    if (n === null || n < MIN_YEAR || n > MAX_YEAR) problems.year = `The year must be a number from ${MIN_YEAR} to ${MAX_YEAR}.`
    else year = n
  }
  if (season && year !== undefined) {
    filter.season = season
    filter.seasonYear = year
  } else if (season) {
    filter.season = season
  } else if (year !== undefined) {
    // A year alone: an anime's season year (AniList's search page), a manga's start year.
    if (context.type === 'ANIME') filter.seasonYear = year
    else {
      filter.startDate_greater = year * 10_000 - 1
      filter.startDate_lesser = (year + 1) * 10_000
    }
  }

  if (sent.format !== '') {
    const format = pick(sent.format, FORMATS_BY_TYPE[context.type])
    if (format) filter.format = format
    else problems.format = `${quoted(sent.format)} is not ${context.type === 'ANIME' ? 'an anime' : 'a manga'} format: choose one from the list.`
  }

  if (sent.status !== '') {
    const status = pick(sent.status, MEDIA_STATUSES)
    if (status) filter.status = status
    else problems.status = `${quoted(sent.status)} is not a release status: choose one from the list.`
  }

  if (sent.genre !== '') {
    const genre = pick(sent.genre, context.choices.genres)
    if (genre) filter.genre = genre
    else problems.genre = `This catalog has no genre ${quoted(sent.genre)}: choose one from the list.`
  }

  if (sent.tag !== '') {
    const tag = pick(sent.tag, context.choices.tags)
    if (tag) filter.tag = tag
    else problems.tag = `This catalog has no tag ${quoted(sent.tag)}: choose one from the list.`
  }

  let sorts: string[] = []
  if (sent.sort !== '') {
    const option = pick(sent.sort, SORT_OPTIONS.map((o) => o.value))
    if (!option) problems.sort = `${quoted(sent.sort)} is not a sort this page offers: choose one from the list.`
    else sorts = option === 'TITLE' ? [TITLE_SORT[context.titleLanguage], 'POPULARITY_DESC'] : option === 'SEARCH_MATCH' && !searching ? ['POPULARITY_DESC'] : [option]
  } else {
    // Best match when searching (the catalog's default then), else the most popular first.
    sorts = searching ? ['SEARCH_MATCH'] : ['POPULARITY_DESC']
  }

  let page = 1
  if (pageText !== '') {
    const n = wholeNumber(pageText)
    if (n === null || n < 1 || n > MAX_PAGE) problems.page = `The page must be a number from 1 to ${MAX_PAGE}.`
    else page = n
  }

  if (!context.showAdult) filter.isAdult = false
  const filtered = SEARCH_FIELDS.some((f) => f !== 'sort' && sent[f] !== '')
  const ok = Object.keys(problems).length === 0
  return { values, page, problems, query: ok ? { filter, sort: sorts } : null, filtered }
}

/** The query string of a search with these values (empty fields left out) on `page`. */
export function searchQueryString(values: SearchValues, page = 1): string {
  const params = new URLSearchParams()
  for (const field of SEARCH_FIELDS) if (values[field] !== '') params.set(field, values[field])
  if (page > 1) params.set('page', String(page))
  const text = params.toString()
  return text === '' ? '' : `?${text}`
}
