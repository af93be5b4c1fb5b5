/**
 * Follows: who follows whom. This module owns the `follows` table. Following is one-way, as on
 * AniList; following yourself is refused by the caller (the ToggleFollow rule), not stored.
 */
import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { User } from '../accounts/users.js'
import { countMatchingUsers, findUsers } from '../accounts/user-query.js'

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

/** Keeps the rows whose user column (`column`, e.g. `media_list.user_id`) names a user the follower follows. */
export function followedUsersCondition(db: Db, followerId: number, column: Expression<unknown>): Expression<SqlBool> {
  // No parentheses around the subquery: Kysely writes them, and SQLite reads `in ((select …))` as the first row only.
  return sql<SqlBool>`${column} in ${followedIdsOf(db, followerId)}`
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

/** Whose follows a page lists: the users `userId` follows, or the users who follow `userId`. */
export type FollowDirection = 'following' | 'followers'

/** The condition on `users.id` that keeps the users of one side of a user's follows. */
function followCondition(db: Db, direction: FollowDirection, userId: number): Expression<SqlBool> {
  return direction === 'following' ? sql<SqlBool>`users.id in ${followedIdsOf(db, userId)}` : sql<SqlBool>`users.id in ${followerIdsOf(db, userId)}`
}

/**
 * One page of the users a user follows (`following`) or of their followers, in AniList's UserSort
 * orders (accounts/user-query.ts; by id without a sort).
 */
export async function followPage(
  db: Kysely<Tables>,
  direction: FollowDirection,
  userId: number,
  sort: ReadonlyArray<string | null> | null | undefined,
  window: { limit: number; offset: number },
): Promise<User[]> {
  return findUsers(db, { filter: {}, sort, extraConditions: [followCondition(db, direction, userId)] }, window)
}

/** How many users a user follows, or how many follow them (pageInfo.total of followPage). */
export async function countFollowPage(db: Kysely<Tables>, direction: FollowDirection, userId: number): Promise<number> {
  return countMatchingUsers(db, {}, [followCondition(db, direction, userId)])
}

/** The ids of one page of a user's followers (or of the users they follow), the most recent follow first (the site's lists). */
export async function followIdsPage(db: Kysely<Tables>, userId: number, direction: FollowDirection, window: { limit: number; offset: number }): Promise<number[]> {
  if (direction === 'followers') {
    const rows = await followerIdsOf(db, userId).orderBy('created_at', 'desc').orderBy('follower_id', 'desc').limit(window.limit).offset(window.offset).execute()
    return rows.map((r) => r.follower_id)
  }
  const rows = await followedIdsOf(db, userId).orderBy('created_at', 'desc').orderBy('followed_id', 'desc').limit(window.limit).offset(window.offset).execute()
  return rows.map((r) => r.followed_id)
}
