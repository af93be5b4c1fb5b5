/**
 * A user's followers and the users they follow, a page at a time, newest follow first (the site's
 * /user/:name/followers and /following). Built on follows.ts' subqueries, so that the `follows` table
 * is still read only through that module's queries; the primary key and `follows_by_followed` index
 * find the rows, and a page sorts only that user's follows.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import { followedIdsOf, followerIdsOf } from './follows.js'

/** Which side of a user's follows: who follows them, or whom they follow. */
export type FollowDirection = 'followers' | 'following'

/** The ids of one page of a user's followers (or followed users), the most recent follow first. */
export async function followIdsPage(db: Kysely<Tables>, userId: number, direction: FollowDirection, window: { limit: number; offset: number }): Promise<number[]> {
  if (direction === 'followers') {
    const rows = await followerIdsOf(db, userId).orderBy('created_at', 'desc').orderBy('follower_id', 'desc').limit(window.limit).offset(window.offset).execute()
    return rows.map((r) => r.follower_id)
  }
  const rows = await followedIdsOf(db, userId).orderBy('created_at', 'desc').orderBy('followed_id', 'desc').limit(window.limit).offset(window.offset).execute()
  return rows.map((r) => r.followed_id)
}
