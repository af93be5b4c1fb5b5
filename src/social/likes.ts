/**
 * Likes of activities and replies, and of forum threads and comments (community/forum/, through
 * likeable-kinds.ts). This module owns
 * `likes`; the rows name their item by type and id without a foreign key, so the stores of the items
 * delete an item's likes with it (deleteLikesOf). Counts are counted from the rows, one query per request.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Window } from '../query/paging.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** What can be liked: AniList's LikeableType. THREAD and THREAD_COMMENT are the forum's (community/forum/forum-likes.ts). */
export const LIKEABLE_TYPES = ['THREAD', 'THREAD_COMMENT', 'ACTIVITY', 'ACTIVITY_REPLY'] as const
export type LikeableType = (typeof LIKEABLE_TYPES)[number]

/** Most likers an item's `likes` field lists (the newest first); Page.likes pages through all of them. */
export const MAX_LISTED_LIKERS = 25

/** Likes the item, or takes the like back when the user liked it already; true when the user now likes it. Run it in a transaction. */
export async function toggleLike(trx: Transaction<Tables>, type: LikeableType, id: number, userId: number, now: number): Promise<boolean> {
  const removed = await trx.deleteFrom('likes').where('likeable_type', '=', type).where('likeable_id', '=', id).where('user_id', '=', userId).executeTakeFirst()
  if (Number(removed.numDeletedRows) > 0) return false
  await trx
    .insertInto('likes')
    .values({ likeable_type: type, likeable_id: id, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(['likeable_type', 'likeable_id', 'user_id']).doNothing())
    .execute()
  return true
}

/** How many likes each item of one type has, in one query. */
export async function likeCounts(db: Db, type: LikeableType, ids: readonly number[]): Promise<Map<number, number>> {
  const out = new Map(ids.map((id) => [id, 0]))
  if (ids.length === 0) return out
  const rows = await db
    .selectFrom('likes')
    .select(['likeable_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('likeable_type', '=', type)
    .where('likeable_id', 'in', [...new Set(ids)])
    .groupBy('likeable_id')
    .execute()
  for (const r of rows) out.set(r.likeable_id, Number(r.n))
  return out
}

/** Which of these items the user liked. */
export async function likedAmong(db: Db, userId: number, type: LikeableType, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set()
  const rows = await db.selectFrom('likes').select('likeable_id').where('user_id', '=', userId).where('likeable_type', '=', type).where('likeable_id', 'in', [...new Set(ids)]).execute()
  return new Set(rows.map((r) => r.likeable_id))
}

/** Each item's likers (user ids, newest like first, at most MAX_LISTED_LIKERS each), in one query. */
export async function likersOf(db: Db, type: LikeableType, ids: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return out
  const rows = await db
    .selectFrom('likes')
    .select(['likeable_id', 'user_id'])
    .where('likeable_type', '=', type)
    .where('likeable_id', 'in', [...new Set(ids)])
    .orderBy('likeable_id')
    .orderBy('created_at', 'desc')
    .orderBy('user_id')
    .execute()
  for (const r of rows) {
    const list = out.get(r.likeable_id)!
    if (list.length < MAX_LISTED_LIKERS) list.push(r.user_id)
  }
  return out
}

/** Page.likes: one item's likers (user ids), newest like first. */
export async function likersPage(db: Db, type: LikeableType, id: number, window: Window): Promise<number[]> {
  const rows = await db
    .selectFrom('likes')
    .select('user_id')
    .where('likeable_type', '=', type)
    .where('likeable_id', '=', id)
    .orderBy('created_at', 'desc')
    .orderBy('user_id')
    .limit(window.limit)
    .offset(window.offset)
    .execute()
  return rows.map((r) => r.user_id)
}

/** How many users like one item. */
export async function countLikers(db: Db, type: LikeableType, id: number): Promise<number> {
  return (await likeCounts(db, type, [id])).get(id)!
}

/** Removes the likes of deleted items. */
export async function deleteLikesOf(db: Db, type: LikeableType, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) await db.deleteFrom('likes').where('likeable_type', '=', type).where('likeable_id', 'in', ids.slice(i, i + 500)).execute()
}
