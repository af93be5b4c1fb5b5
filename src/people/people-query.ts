/**
 * Finding characters and staff for `Page.characters`, `Page.staff`, `Query.Character` and
 * `Query.Staff`: AniList's arguments (id and its operators, search by any name form, isBirthday) and
 * sorts (CharacterSort, StaffSort), by the rules of query/ (operators, NULLs last, the id as the
 * tiebreak, argument caps), a page at a time, and the count pageInfo reports.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type { Tables } from '../storage/tables.js'
import { allOf, columnConditions, type List, type Maybe } from '../query/filters.js'
import { sortTerms, orderedBy, type OrderTerm, type SortKey } from '../query/sorts.js'
import { checkArguments } from '../query/caps.js'
import type { Window } from '../query/paging.js'
import { normaliseForSearch, searchWords } from '../catalog/search-text.js'
import type { Character, Staff } from './people.js'
import { rowToCharacter, rowToStaff } from './person-rows.js'

export const CHARACTER_SORTS = ['ID', 'ID_DESC', 'ROLE', 'ROLE_DESC', 'SEARCH_MATCH', 'FAVOURITES', 'FAVOURITES_DESC', 'RELEVANCE'] as const
export const STAFF_SORTS = ['ID', 'ID_DESC', 'ROLE', 'ROLE_DESC', 'LANGUAGE', 'LANGUAGE_DESC', 'SEARCH_MATCH', 'FAVOURITES', 'FAVOURITES_DESC', 'RELEVANCE'] as const

/** The arguments of Query.Character / Page.characters and Query.Staff / Page.staff, by their GraphQL names. */
export interface PeopleFilter {
  id?: Maybe<number>
  id_not?: Maybe<number>
  id_in?: List<number>
  id_not_in?: List<number>
  search?: Maybe<string>
  isBirthday?: Maybe<boolean>
}

export interface PeopleQuery {
  filter: PeopleFilter
  sort?: ReadonlyArray<string | null> | null
  /** Today's month and day, for isBirthday (the server's clock, in UTC as AniList's site). */
  today: { month: number; day: number }
}

/** Refuses, with a 400, arguments too large to run (thousands of ids, a page of text as a search). */
export function checkPeopleFilter<F extends PeopleFilter>(filter: F): F {
  checkArguments(filter)
  return filter
}

type Table = 'characters' | 'staff'
const FAVOURITE_TYPE: Record<Table, string> = { characters: 'CHARACTER', staff: 'STAFF' }

function conditions(table: Table, query: PeopleQuery): Expression<SqlBool>[] {
  const { filter } = query
  const out = columnConditions(filter as Record<string, unknown>, { id: sql.ref(`${table}.id`) })
  if (typeof filter.search === 'string') {
    for (const word of searchWords(filter.search)) out.push(sql<SqlBool>`${sql.ref(`${table}.search_text`)} like ${`%${word}%`}`)
  }
  const birthday = sql<SqlBool>`${sql.ref(`${table}.birth_month`)} = ${query.today.month} and ${sql.ref(`${table}.birth_day`)} = ${query.today.day}`
  if (filter.isBirthday === true) out.push(birthday)
  // Not a birthday today: the unknown birthdays too, as they are not known to be today.
  if (filter.isBirthday === false) out.push(sql<SqlBool>`not coalesce(${birthday}, false)`)
  return out
}

/**
 * How many users marked each row as a favourite: the count the FAVOURITES sorts order by. The
 * favourites table belongs to accounts/favourites.ts; this reads it inside the ORDER BY only, since
 * a sort over every character cannot be batched through that module's functions.
 */
function favouriteCount(table: Table): RawBuilder<unknown> {
  return sql`(select count(*) from favourites f where f.item_type = ${FAVOURITE_TYPE[table]} and f.item_id = ${sql.ref(`${table}.id`)})`
}

/** 0 when a whole name is the query, 1 when a name starts with it, 2 otherwise; ties by id. */
function searchMatch(table: Table, search: string): OrderTerm[] {
  const q = normaliseForSearch(search)
  const text = sql.ref(`${table}.search_text`)
  return [{ expression: sql`case when ${text} like ${`%|${q}|%`} then 0 when ${text} like ${`%|${q}%`} then 1 else 2 end`, direction: 'asc' }]
}

function order(table: Table, query: PeopleQuery): OrderTerm[] {
  const search = query.filter.search
  const hasSearch = typeof search === 'string' && normaliseForSearch(search) !== ''
  const wanted = (query.sort ?? []).filter((s): s is string => s !== null)
  const list = wanted.length > 0 ? wanted : hasSearch ? ['SEARCH_MATCH'] : []
  const keys: Record<string, SortKey> = { ID: sql.ref(`${table}.id`), FAVOURITES: favouriteCount(table) }
  if (table === 'staff') keys.LANGUAGE = sql.ref('staff.language_v2')
  // ROLE has no meaning outside a work's cast; RELEVANCE is the search's match, or nothing.
  const special = (sort: string) => (sort === 'SEARCH_MATCH' || sort === 'RELEVANCE' ? (hasSearch ? searchMatch(table, search!) : []) : sort.startsWith('ROLE') ? [] : undefined)
  return sortTerms(list, keys, sql.ref(`${table}.id`), special)
}

function filtered(db: Kysely<Tables>, table: Table, query: PeopleQuery) {
  const condition = allOf(conditions(table, query))
  const base = db.selectFrom(table)
  return condition === null ? base : base.where(condition)
}

/** The characters matching a query, in its order, within the window. */
export async function findCharacters(db: Kysely<Tables>, query: PeopleQuery, window: Window): Promise<Character[]> {
  const condition = allOf(conditions('characters', query))
  const base = db.selectFrom('characters').selectAll('characters')
  const rows = await orderedBy(condition === null ? base : base.where(condition), order('characters', query)).limit(window.limit).offset(window.offset).execute()
  return rows.map(rowToCharacter)
}

/** The staff matching a query, in its order, within the window. */
export async function findStaff(db: Kysely<Tables>, query: PeopleQuery, window: Window): Promise<Staff[]> {
  const condition = allOf(conditions('staff', query))
  const base = db.selectFrom('staff').selectAll('staff')
  const rows = await orderedBy(condition === null ? base : base.where(condition), order('staff', query)).limit(window.limit).offset(window.offset).execute()
  return rows.map(rowToStaff)
}

/** How many characters match a query. */
export async function countCharacters(db: Kysely<Tables>, query: PeopleQuery): Promise<number> {
  const row = await filtered(db, 'characters', query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** How many staff match a query. */
export async function countStaff(db: Kysely<Tables>, query: PeopleQuery): Promise<number> {
  const row = await filtered(db, 'staff', query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Today's month and day in UTC, from a clock in Unix seconds. */
export function monthDayOf(seconds: number): { month: number; day: number } {
  const date = new Date(seconds * 1000)
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}
