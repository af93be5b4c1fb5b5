/**
 * Favourites: the works a user marked, in the order they were added. This module owns the
 * `favourites` table. It stores ids only; whether an id names a work of the right type is the
 * caller's check (the catalog's), made before toggling.
 */
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'

/** The kinds of item a user can mark, AniList's five. */
export const FAVOURITE_TYPES = ['ANIME', 'MANGA', 'CHARACTER', 'STAFF', 'STUDIO'] as const
export type FavouriteType = (typeof FAVOURITE_TYPES)[number]

/**
 * Marks the item as a favourite, or unmarks it when it is one already; returns true when it is now a
 * favourite. A new favourite goes last. Runs in one transaction, so two toggles at once cannot leave
 * a duplicate.
 */
export async function toggleFavourite(db: Kysely<Tables>, clock: Clock, userId: number, type: FavouriteType, itemId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('favourites').where('user_id', '=', userId).where('item_type', '=', type).where('item_id', '=', itemId).executeTakeFirst()
    if (Number(removed.numDeletedRows) > 0) return false
    const last = await trx
      .selectFrom('favourites')
      .select((eb) => eb.fn.max('position').as('position'))
      .where('user_id', '=', userId)
      .where('item_type', '=', type)
      .executeTakeFirst()
    const position = Number(last?.position ?? 0) + 1
    await trx
      .insertInto('favourites')
      .values({ user_id: userId, item_type: type, item_id: itemId, position, created_at: clock() })
      .onConflict((oc) => oc.columns(['user_id', 'item_type', 'item_id']).doNothing())
      .execute()
    return true
  })
}

/** Each user's favourite ids of one type, in favourite order, for several users in one query. */
export async function favouriteIdsOf(db: Kysely<Tables>, userIds: readonly number[], type: FavouriteType): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(userIds.map((id) => [id, []]))
  if (userIds.length === 0) return out
  const rows = await db
    .selectFrom('favourites')
    .select(['user_id', 'item_id'])
    .where('user_id', 'in', [...new Set(userIds)])
    .where('item_type', '=', type)
    .orderBy('user_id')
    .orderBy('position')
    .orderBy('item_id')
    .execute()
  for (const row of rows) out.get(row.user_id)!.push(row.item_id)
  return out
}

/**
 * Which of these items the user has marked as favourites, in one query. Anime and manga share one id
 * space (AniList's media ids), so `types` may name both.
 */
export async function favouritesAmong(db: Kysely<Tables>, userId: number, types: readonly FavouriteType[], itemIds: readonly number[]): Promise<Set<number>> {
  if (itemIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('favourites')
    .select('item_id')
    .where('user_id', '=', userId)
    .where('item_type', 'in', [...types])
    .where('item_id', 'in', [...new Set(itemIds)])
    .execute()
  return new Set(rows.map((r) => r.item_id))
}

/** How many users marked each of these items (0 for none), in one query: the `favourites` count AniList shows. */
export async function favouriteCounts(db: Kysely<Tables>, types: readonly FavouriteType[], itemIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(itemIds.map((id) => [id, 0]))
  if (itemIds.length === 0) return out
  const rows = await db
    .selectFrom('favourites')
    .select((eb) => ['item_id', eb.fn.countAll<number | string>().as('count')])
    .where('item_type', 'in', [...types])
    .where('item_id', 'in', [...new Set(itemIds)])
    .groupBy('item_id')
    .execute()
  for (const row of rows) out.set(row.item_id, Number(row.count))
  return out
}

/**
 * How many users marked the item whose id is `itemId` (an expression of the caller's query), as a
 * correlated subquery: for sorting others' lists by favourites (StudioSort FAVOURITES) in one query.
 */
export function favouriteCountOf(type: FavouriteType, itemId: Expression<unknown>): RawBuilder<unknown> {
  return sql`(select count(*) from favourites f where f.item_type = ${type} and f.item_id = ${itemId})`
}

/** Every item of these types that at least one user marked (for a full recount of favourites). */
export async function favouritedItemIds(db: Kysely<Tables>, types: readonly FavouriteType[]): Promise<number[]> {
  const rows = await db.selectFrom('favourites').select('item_id').distinct().where('item_type', 'in', [...types]).execute()
  return rows.map((r) => r.item_id)
}

/** Why a new favourite order was refused: an id that is not among the user's favourites of the type, a duplicate, or lists of different lengths. */
export type ReorderProblem = 'unknown_id' | 'duplicate_id' | 'length_mismatch'

/**
 * UpdateFavouriteOrder for one type: `ids[i]` goes to the place `order[i]` asks (ascending; ties keep
 * the order given), and favourites not named follow in their current order. Positions are renumbered
 * from 1 in one transaction. Returns the problem instead of changing anything when the input is wrong.
 */
export async function reorderFavourites(
  db: Kysely<Tables>,
  userId: number,
  type: FavouriteType,
  ids: readonly number[],
  order: readonly number[],
): Promise<ReorderProblem | null> {
  if (ids.length !== order.length) return 'length_mismatch'
  if (new Set(ids).size !== ids.length) return 'duplicate_id'
  return db.transaction().execute(async (trx) => {
    const current = (await favouriteIdsOf(trx, [userId], type)).get(userId) ?? []
    const owned = new Set(current)
    if (ids.some((id) => !owned.has(id))) return 'unknown_id'
    const named = ids.map((id, i) => ({ id, at: order[i]!, i })).sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.id)
    const listed = new Set(named)
    const next = [...named, ...current.filter((id) => !listed.has(id))]
    for (const [i, id] of next.entries()) {
      await trx.updateTable('favourites').set({ position: i + 1 }).where('user_id', '=', userId).where('item_type', '=', type).where('item_id', '=', id).execute()
    }
    return null
  })
}

/** Removes every favourite of a user (the account is deleted). */
export async function deleteFavouritesOf(db: Kysely<Tables>, userId: number): Promise<void> {
  await db.deleteFrom('favourites').where('user_id', '=', userId).execute()
}
