/**
 * Finding list entries: AniList's MediaList filter arguments and MediaListSort values over
 * `media_list`, a page (or a chunk) at a time, and the count that pageInfo reports. The operators,
 * null policy, sorts and caps are AniList's rules of query/; `notes_like` is the lists' own: it finds
 * the pattern anywhere in the notes, ignoring ASCII case.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely'
import type { MediaListTable, Tables } from '../storage/tables.js'
import type { MediaType } from '../catalog/media.js'
import { mediaValue, type MediaSortValue } from '../catalog/media-values.js'
import { MEDIA_LIST_STATUSES, type MediaListEntry } from './entry.js'
import { rowToEntry } from './entry-row.js'
import { MAX_NOTES_LENGTH } from './validation.js'
import { columnConditions, given, NOTHING, type FilterColumns, type List, type Maybe } from '../query/filters.js'
import { orderedBy, sortTerms, type OrderTerm, type SortKey } from '../query/sorts.js'
import { checkArguments, MAX_NAME_LENGTH } from '../query/caps.js'
import type { Window } from '../query/paging.js'


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
  /** Match nothing at all (isFollowing: true without a token, a user name that names no one). */
  none?: boolean
  /**
   * Other modules' conditions on `media_list` (isFollowing: only the users the viewer follows, a
   * condition social/ builds, since lists/ sits below it).
   */
  extraConditions?: readonly Expression<SqlBool>[]
}

export interface EntryQuery {
  filter: MediaListFilter
  access: EntryAccess
  sort?: ReadonlyArray<string | null> | null
}

/** The longest `notes_like` pattern. */
export const MAX_NOTES_PATTERN_LENGTH = 200

/** Arguments too large to run, refused with a 400 (query/caps.ts): notes are matched up to their own limits. */
export function checkEntryFilter(filter: MediaListFilter): void {
  // Notes are at most MAX_NOTES_LENGTH characters: a longer exact match can match nothing.
  checkArguments(filter, { text: MAX_NAME_LENGTH, byName: { notes_like: MAX_NOTES_PATTERN_LENGTH, notes: MAX_NOTES_LENGTH } })
}

type Column = keyof MediaListTable
const ref = (column: Column) => sql.ref(`media_list.${column}`)

/** Filters on one column, named by the argument's stem: `startedAt` → started_date, startedAt_greater… */
const COLUMNS: FilterColumns = {
  id: ref('id'), userId: ref('user_id'), type: ref('media_type'), status: ref('status'), mediaId: ref('media_id'), notes: ref('notes'),
  startedAt: ref('started_date'), completedAt: ref('completed_date'),
}

function conditions(query: EntryQuery): Expression<SqlBool>[] {
  const { filter, access } = query
  if (access.none) return [NOTHING]
  // notes_like is not the generic LIKE: it finds the pattern anywhere in the notes, ignoring case.
  const { notes_like: notesLike, ...columnFilters } = filter
  const out = columnConditions(columnFilters as Record<string, unknown>, COLUMNS)
  if (typeof notesLike === 'string') out.push(sql<SqlBool>`lower(${ref('notes')}) like ${`%${notesLike.toLowerCase()}%`}`)
  // A private entry is seen by its owner only.
  out.push(access.viewerId === null ? sql<SqlBool>`${ref('is_private')} = 0` : sql<SqlBool>`(${ref('is_private')} = 0 or ${ref('user_id')} = ${access.viewerId})`)
  if (given(access.alsoOnListOf)) {
    out.push(sql<SqlBool>`exists (select 1 from media_list mine where mine.user_id = ${access.alsoOnListOf} and mine.media_id = ${ref('media_id')})`)
  }
  out.push(...(access.extraConditions ?? []))
  return out
}

const mediaOf = (value: MediaSortValue) => mediaValue(value, ref('media_id'))

/** What each MediaListSort orders by: the entry's columns, its status's declared order, its media's titles. */
const SORT_KEYS: Readonly<Record<string, SortKey>> = {
  MEDIA_ID: ref('media_id'), SCORE: ref('score'), PROGRESS: ref('progress'), PROGRESS_VOLUMES: ref('progress_volumes'), REPEAT: ref('repeat'),
  PRIORITY: ref('priority'), STARTED_ON: ref('started_date'), FINISHED_ON: ref('completed_date'), ADDED_TIME: ref('created_at'),
  UPDATED_TIME: ref('updated_at'), STATUS: { column: ref('status'), values: MEDIA_LIST_STATUSES },
  MEDIA_TITLE_ROMAJI: mediaOf('title_romaji'), MEDIA_TITLE_ENGLISH: mediaOf('title_english'), MEDIA_TITLE_NATIVE: mediaOf('title_native'),
  MEDIA_POPULARITY: mediaOf('popularity'),
}

/** ORDER BY terms for a list of sorts; every order ends with the entry id, so pages never overlap. */
export function entryOrder(sorts: ReadonlyArray<string | null> | null | undefined): OrderTerm[] {
  return sortTerms(sorts, SORT_KEYS, ref('id'))
}

function filtered(db: Kysely<Tables>, query: EntryQuery) {
  return db.selectFrom('media_list').where(sql<SqlBool>`${sql.join(conditions(query), sql` and `)}`)
}

/** The entries matching a query, in its order, within the window (all of them without one). */
export async function findEntries(db: Kysely<Tables>, query: EntryQuery, window?: Window): Promise<MediaListEntry[]> {
  let select = orderedBy(filtered(db, query).selectAll('media_list'), entryOrder(query.sort))
  if (window) select = select.limit(window.limit).offset(window.offset)
  return (await select.execute()).map(rowToEntry)
}

/** How many entries match a query. */
export async function countEntries(db: Kysely<Tables>, query: EntryQuery): Promise<number> {
  const row = await filtered(db, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The users who have each of these works on their list with one of these statuses (private entries
 * too: only the owner is told), for the notifications about a work (social/): work id to user ids.
 */
export async function listHoldersOf(db: Kysely<Tables> | Transaction<Tables>, mediaIds: readonly number[], statuses: readonly string[] | null = null): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>()
  if (statuses !== null && statuses.length === 0) return out
  const ids = [...new Set(mediaIds)]
  for (let i = 0; i < ids.length; i += 500) {
    let q = db.selectFrom('media_list').select(['media_id', 'user_id']).where('media_id', 'in', ids.slice(i, i + 500))
    if (statuses !== null) q = q.where('status', 'in', [...statuses])
    for (const row of await q.orderBy('media_id').orderBy('user_id').execute()) out.set(row.media_id, [...(out.get(row.media_id) ?? []), row.user_id])
  }
  return out
}

/** Keeps the rows whose work column (`column`) names a work on the user's list (community/: recommendations' onList). */
export function onListCondition(db: Kysely<Tables> | Transaction<Tables>, userId: number, column: Expression<unknown>): Expression<SqlBool> {
  // No parentheses around the subquery: Kysely writes them (see social/follows.ts).
  return sql<SqlBool>`${column} in ${db.selectFrom('media_list').select('media_id').where('user_id', '=', userId)}`
}
