/**
 * Follows: who follows whom. This module owns the `follows` table. Following is one-way, as on
 * AniList; following yourself is refused by the caller (the ToggleFollow rule), not stored.
 */
import type { Kysely, SelectQueryBuilder, Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'

type Db = Kysely<Tables> | Transaction<Tables>

/**
 * Follows the user, or stops following when the follower follows them already; returns true when the
 * follower now follows them. One transaction, so two toggles at once cannot store a duplicate.
 */
export async function toggleFollow(db: Kysely<Tables>, clock: Clock, followerId: number, followedId: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('follows').where('follower_id', '=', followerId).where('followed_id', '=', followedId).executeTakeFirst()
    if (Number(removed.numDeletedRows) > 0) return false
    await trx
      .insertInto('follows')
      .values({ follower_id: followerId, followed_id: followedId, created_at: clock() })
      .onConflict((oc) => oc.columns(['follower_id', 'followed_id']).doNothing())
      .execute()
    return true
  })
}

/** Whether the follower follows the user. */
export async function follows(db: Db, followerId: number, followedId: number): Promise<boolean> {
  const row = await db.selectFrom('follows').select('followed_id').where('follower_id', '=', followerId).where('followed_id', '=', followedId).executeTakeFirst()
  return row !== undefined
}

/** Which of these users the viewer follows (User.isFollowing for a whole request in one query). */
export async function followedAmong(db: Db, viewerId: number, userIds: readonly number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set()
  const rows = await db.selectFrom('follows').select('followed_id').where('follower_id', '=', viewerId).where('followed_id', 'in', [...new Set(userIds)]).execute()
  return new Set(rows.map((r) => r.followed_id))
}

/** Which of these users follow the viewer (User.isFollower). */
export async function followersAmong(db: Db, viewerId: number, userIds: readonly number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set()
  const rows = await db.selectFrom('follows').select('follower_id').where('followed_id', '=', viewerId).where('follower_id', 'in', [...new Set(userIds)]).execute()
  return new Set(rows.map((r) => r.follower_id))
}

/**
 * The ids of the users a user follows, as a subquery for other modules' filters (`isFollowing: true`
 * on entries and activities): `where('user_id', 'in', followedIdsOf(db, viewer))`.
 */
export function followedIdsOf(db: Db, followerId: number): SelectQueryBuilder<Tables, 'follows', { followed_id: number }> {
  return db.selectFrom('follows').select('followed_id').where('follower_id', '=', followerId)
}

/** The ids of a user's followers, as a subquery. */
export function followerIdsOf(db: Db, followedId: number): SelectQueryBuilder<Tables, 'follows', { follower_id: number }> {
  return db.selectFrom('follows').select('follower_id').where('followed_id', '=', followedId)
}

/** How many users follow each of these users, and how many each follows. */
export async function followCounts(db: Db, userIds: readonly number[]): Promise<Map<number, { followers: number; following: number }>> {
  const out = new Map(userIds.map((id) => [id, { followers: 0, following: 0 }]))
  if (userIds.length === 0) return out
  const ids = [...new Set(userIds)]
  const followers = await db.selectFrom('follows').select(['followed_id as id', (eb) => eb.fn.countAll<number>().as('n')]).where('followed_id', 'in', ids).groupBy('followed_id').execute()
  const following = await db.selectFrom('follows').select(['follower_id as id', (eb) => eb.fn.countAll<number>().as('n')]).where('follower_id', 'in', ids).groupBy('follower_id').execute()
  for (const r of followers) out.get(r.id)!.followers = Number(r.n)
  for (const r of following) out.get(r.id)!.following = Number(r.n)
  return out
}
