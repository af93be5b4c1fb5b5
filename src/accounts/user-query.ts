/**
 * Finding users by AniList's User filters (id, name, isModerator, search) in AniList's UserSort orders.
 * Part of accounts/, which owns `users`. Names are letters and digits only, so a search is reduced to
 * those too: no LIKE wildcard can come from a client.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { User } from './users.js'
import { orderedBy, sortTerms, type OrderTerm, type SortKey } from '../query/sorts.js'

export interface UserFilter {
  id?: number | null
  name?: string | null
  isModerator?: boolean | null
  search?: string | null
}

/** AniList's UserSort values. WATCHED_TIME and CHAPTERS_READ need list totals and are not honoured here. */
export const USER_SORTS = ['ID', 'ID_DESC', 'USERNAME', 'USERNAME_DESC', 'WATCHED_TIME', 'WATCHED_TIME_DESC', 'CHAPTERS_READ', 'CHAPTERS_READ_DESC', 'SEARCH_MATCH'] as const

/** A search reduced to what a name can hold: lower-case letters and digits. */
function searchKey(search: string): string {
  return search.toLowerCase().replace(/[^a-z0-9]/g, '')
}

function conditions(filter: UserFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = []
  if (filter.id !== undefined && filter.id !== null) out.push(sql<SqlBool>`users.id = ${filter.id}`)
  if (typeof filter.name === 'string') out.push(sql<SqlBool>`users.name_key = ${filter.name.trim().toLowerCase()}`)
  // Kiroku has no moderators: asking for them finds no one; asking for non-moderators excludes no one.
  if (filter.isModerator === true) out.push(sql<SqlBool>`1 = 0`)
  if (typeof filter.search === 'string') {
    const key = searchKey(filter.search)
    out.push(key === '' ? sql<SqlBool>`1 = 0` : sql<SqlBool>`users.name_key like ${`%${key}%`}`)
  }
  return out
}

const USER_SORT_KEYS: Readonly<Record<string, SortKey>> = { ID: sql`users.id`, USERNAME: sql`users.name_key` }

/**
 * ORDER BY terms for a list of sorts, ending with the id so pages never overlap. With no sort, a
 * search orders by match and anything else by id. Sorts on list totals add nothing.
 */
function orderTerms(sorts: ReadonlyArray<string | null> | null | undefined, search: string | null | undefined): OrderTerm[] {
  const key = typeof search === 'string' ? searchKey(search) : ''
  const wanted = (sorts ?? []).filter((s): s is string => s !== null)
  const list = wanted.length > 0 ? wanted : key !== '' ? ['SEARCH_MATCH'] : []
  const searchMatch = (sort: string): OrderTerm[] | undefined => {
    if (sort !== 'SEARCH_MATCH') return undefined
    if (key === '') return []
    return [{ expression: sql`case when users.name_key = ${key} then 0 when users.name_key like ${`${key}%`} then 1 else 2 end`, direction: 'asc' }]
  }
  return sortTerms(list, USER_SORT_KEYS, sql`users.id`, searchMatch)
}

/**
 * The users matching a filter, in the order asked for, one window (LIMIT/OFFSET) of them.
 * `extraConditions` are other modules' conditions on `users.id` (a user's followers, from social/).
 */
export async function findUsers(
  db: Kysely<Tables>,
  query: { filter: UserFilter; sort?: ReadonlyArray<string | null> | null; extraConditions?: readonly Expression<SqlBool>[] },
  window: { limit: number; offset: number },
): Promise<User[]> {
  let q = db.selectFrom('users').select(['id', 'name', 'email', 'created_at', 'updated_at'])
  for (const condition of [...conditions(query.filter), ...(query.extraConditions ?? [])]) q = q.where(condition)
  q = orderedBy(q, orderTerms(query.sort, query.filter.search))
  const rows = await q.limit(window.limit).offset(window.offset).execute()
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) }))
}

/** Users by name in any letter case, several at once (batched loading): lower-cased name to user. */
export async function findUsersByNames(db: Kysely<Tables>, names: readonly string[]): Promise<Map<string, User>> {
  const keys = [...new Set(names.map((n) => n.trim().toLowerCase()))]
  if (keys.length === 0) return new Map()
  const rows = await db.selectFrom('users').select(['id', 'name', 'name_key', 'email', 'created_at', 'updated_at']).where('name_key', 'in', keys).execute()
  return new Map(rows.map((r) => [r.name_key, { id: r.id, name: r.name, email: r.email, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) }]))
}

/** How many users match a filter and the other modules' conditions on `users` (for pageInfo.total). */
export async function countMatchingUsers(db: Kysely<Tables>, filter: UserFilter, extraConditions: readonly Expression<SqlBool>[] = []): Promise<number> {
  let q = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n'))
  for (const condition of [...conditions(filter), ...extraConditions]) q = q.where(condition)
  return Number((await q.executeTakeFirstOrThrow()).n)
}
