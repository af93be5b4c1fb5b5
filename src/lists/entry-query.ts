/**
 * Finding list entries: AniList's MediaList filter arguments and MediaListSort values over
 * `media_list`, a page (or a chunk) at a time, and the count that pageInfo reports. Operators follow
 * AniList and the catalog: `_in` keeps any listed value (an empty list keeps nothing), `_not` and
 * `_not_in` exclude, `_greater`/`_lesser` are strict, a date's `_like` is an SQL LIKE pattern on its
 * YYYYMMDD form, and `notes_like` finds the pattern anywhere in the notes, ignoring ASCII case.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { MediaListTable, Tables } from '../storage/tables.js'
import type { MediaType } from '../catalog/media.js'
import { mediaValue, type MediaSortValue } from '../catalog/media-values.js'
import { MEDIA_LIST_STATUSES, type MediaListEntry } from './entry.js'
import { rowToEntry } from './entry-row.js'
import { MAX_NOTES_LENGTH } from './validation.js'

type Maybe<T> = T | null | undefined
type List<T> = Maybe<ReadonlyArray<T | null>>

/** AniList's MediaList filter arguments (userName already turned into a user id by the caller). */
export interface MediaListFilter {
  id?: Maybe<number>
  userId?: Maybe<number>
  userId_in?: List<number>
  type?: Maybe<MediaType | string>
  status?: Maybe<string>
  status_in?: List<string>
  status_not?: Maybe<string>
  status_not_in?: List<string>
  mediaId?: Maybe<number>
  mediaId_in?: List<number>
  mediaId_not_in?: List<number>
  notes?: Maybe<string>
  notes_like?: Maybe<string>
  startedAt?: Maybe<number>
  startedAt_greater?: Maybe<number>
  startedAt_lesser?: Maybe<number>
  startedAt_like?: Maybe<string>
  completedAt?: Maybe<number>
  completedAt_greater?: Maybe<number>
  completedAt_lesser?: Maybe<number>
  completedAt_like?: Maybe<string>
}

/** Who is asking, and the filters that depend on it. */
export interface EntryAccess {
  /** The viewer's user id, or null without a token: private entries are theirs alone. */
  viewerId: number | null
  /** Only entries whose media is also on this user's list (compareWithAuthList). */
  alsoOnListOf?: number | null
  /** Match nothing at all (isFollowing: true, as Kiroku has no follows). */
  none?: boolean
}

export interface EntryQuery {
  filter: MediaListFilter
  access: EntryAccess
  sort?: ReadonlyArray<string | null> | null
}

export interface Window {
  limit: number
  offset: number
}

/** Limits that keep one filter within the databases' bound-parameter limits and cheap to run. */
export const MAX_LIST_VALUES = 500
export const MAX_NOTES_PATTERN_LENGTH = 200
/** The longest `_like` pattern on a date (YYYYMMDD, 8 characters): longer ones only add wildcards. */
export const MAX_DATE_PATTERN_LENGTH = 32

/** What makes a filter too large to run, or null when it is fine. */
export function entryFilterProblem(filter: MediaListFilter): string | null {
  for (const [name, value] of Object.entries(filter)) {
    if (Array.isArray(value) && value.length > MAX_LIST_VALUES) return `${name} accepts at most ${MAX_LIST_VALUES} values.`
  }
  if (typeof filter.notes_like === 'string' && filter.notes_like.length > MAX_NOTES_PATTERN_LENGTH) return `notes_like accepts at most ${MAX_NOTES_PATTERN_LENGTH} characters.`
  // Notes are at most MAX_NOTES_LENGTH characters: a longer exact match can match nothing.
  if (typeof filter.notes === 'string' && filter.notes.length > MAX_NOTES_LENGTH) return `notes accepts at most ${MAX_NOTES_LENGTH} characters.`
  for (const name of ['startedAt_like', 'completedAt_like'] as const) {
    const pattern = filter[name]
    if (typeof pattern === 'string' && pattern.length > MAX_DATE_PATTERN_LENGTH) return `${name} accepts at most ${MAX_DATE_PATTERN_LENGTH} characters.`
  }
  return null
}

type Column = keyof MediaListTable
const NOTHING = sql<SqlBool>`1 = 0`
const ref = (column: Column) => sql.ref(`media_list.${column}`)
const present = <T>(values: ReadonlyArray<T | null>) => values.filter((v): v is T => v !== null)
const given = <T>(value: Maybe<T>): value is T => value !== undefined && value !== null

/** Filters on one column, named by the argument's stem: `startedAt` → started_date, startedAt_greater… */
const COLUMNS = {
  id: 'id', userId: 'user_id', type: 'media_type', status: 'status', mediaId: 'media_id', notes: 'notes',
  startedAt: 'started_date', completedAt: 'completed_date',
} as const satisfies Record<string, Column>

function conditions(query: EntryQuery): Expression<SqlBool>[] {
  const { filter, access } = query
  if (access.none) return [NOTHING]
  const out: Expression<SqlBool>[] = []
  const f = filter as Record<string, unknown>
  for (const [stem, column] of Object.entries(COLUMNS) as Array<[string, Column]>) {
    const eq = f[stem]
    if (given(eq)) out.push(sql<SqlBool>`${ref(column)} = ${eq}`)
    const not = f[`${stem}_not`]
    if (given(not)) out.push(sql<SqlBool>`${ref(column)} <> ${not}`)
    const inList = f[`${stem}_in`] as List<unknown>
    if (inList) {
      const values = present(inList)
      out.push(values.length === 0 ? NOTHING : sql<SqlBool>`${ref(column)} in (${sql.join(values)})`)
    }
    const notInList = f[`${stem}_not_in`] as List<unknown>
    if (notInList && present(notInList).length > 0) out.push(sql<SqlBool>`${ref(column)} not in (${sql.join(present(notInList))})`)
    const greater = f[`${stem}_greater`]
    if (given(greater)) out.push(sql<SqlBool>`${ref(column)} > ${greater}`)
    const lesser = f[`${stem}_lesser`]
    if (given(lesser)) out.push(sql<SqlBool>`${ref(column)} < ${lesser}`)
    const like = f[`${stem}_like`]
    if (typeof like === 'string' && stem !== 'notes') out.push(sql<SqlBool>`cast(${ref(column)} as text) like ${like}`)
  }
  if (typeof filter.notes_like === 'string') out.push(sql<SqlBool>`lower(${ref('notes')}) like ${`%${filter.notes_like.toLowerCase()}%`}`)
  // A private entry is seen by its owner only.
  out.push(access.viewerId === null ? sql<SqlBool>`${ref('is_private')} = 0` : sql<SqlBool>`(${ref('is_private')} = 0 or ${ref('user_id')} = ${access.viewerId})`)
  if (given(access.alsoOnListOf)) {
    out.push(sql<SqlBool>`exists (select 1 from media_list mine where mine.user_id = ${access.alsoOnListOf} and mine.media_id = ${ref('media_id')})`)
  }
  return out
}

const SORT_COLUMNS: Record<string, Column> = {
  MEDIA_ID: 'media_id', SCORE: 'score', PROGRESS: 'progress', PROGRESS_VOLUMES: 'progress_volumes', REPEAT: 'repeat',
  PRIORITY: 'priority', STARTED_ON: 'started_date', FINISHED_ON: 'completed_date', ADDED_TIME: 'created_at', UPDATED_TIME: 'updated_at',
}

const MEDIA_SORT_VALUES: Record<string, MediaSortValue> = {
  MEDIA_TITLE_ROMAJI: 'title_romaji', MEDIA_TITLE_ENGLISH: 'title_english', MEDIA_TITLE_NATIVE: 'title_native', MEDIA_POPULARITY: 'popularity',
}

interface OrderTerm {
  expression: RawBuilder<unknown>
  direction: 'asc' | 'desc'
}

// Unknown values (no date, a media without an English title) sort last either way, on both databases.
function nullsLast(expression: RawBuilder<unknown>, direction: 'asc' | 'desc'): OrderTerm[] {
  return [{ expression: sql`case when ${expression} is null then 1 else 0 end`, direction: 'asc' }, { expression, direction }]
}

/** ORDER BY terms for a list of sorts; every order ends with the entry id, so pages never overlap. */
export function entryOrder(sorts: ReadonlyArray<string | null> | null | undefined): OrderTerm[] {
  const terms: OrderTerm[] = []
  for (const sort of sorts ?? []) {
    if (sort === null) continue
    const desc = sort.endsWith('_DESC')
    const key = desc ? sort.slice(0, -'_DESC'.length) : sort
    const direction = desc ? 'desc' : 'asc'
    const column = SORT_COLUMNS[key]
    const mediaColumn = MEDIA_SORT_VALUES[key]
    if (key === 'STATUS') {
      // The enum's declared order, as AniList stores statuses.
      const cases = MEDIA_LIST_STATUSES.map((s, i) => sql`when ${sql.lit(s)} then ${sql.lit(i)}`)
      terms.push({ expression: sql`case ${ref('status')} ${sql.join(cases, sql` `)} end`, direction })
    } else if (column) terms.push(...nullsLast(sql`${ref(column)}`, direction))
    else if (mediaColumn) terms.push(...nullsLast(mediaValue(mediaColumn, ref('media_id')), direction))
  }
  terms.push({ expression: sql`${ref('id')}`, direction: 'asc' })
  return terms
}

function filtered(db: Kysely<Tables>, query: EntryQuery) {
  return db.selectFrom('media_list').where(sql<SqlBool>`${sql.join(conditions(query), sql` and `)}`)
}

/** The entries matching a query, in its order, within the window (all of them without one). */
export async function findEntries(db: Kysely<Tables>, query: EntryQuery, window?: Window): Promise<MediaListEntry[]> {
  let select = filtered(db, query).selectAll('media_list')
  for (const term of entryOrder(query.sort)) select = select.orderBy(term.expression, term.direction)
  if (window) select = select.limit(window.limit).offset(window.offset)
  return (await select.execute()).map(rowToEntry)
}

/** How many entries match a query. */
export async function countEntries(db: Kysely<Tables>, query: EntryQuery): Promise<number> {
  const row = await filtered(db, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
