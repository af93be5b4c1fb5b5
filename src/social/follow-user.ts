/**
 * The one rule for following someone, shared by the API (ToggleFollow) and the site's Follow button:
 * toggle the follow and, when it is new, tell the followed user — once: unfollowing and following
 * again while the first notification is still unread raises no second one.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { toggleFollow } from './follows.js'
import { hasEarlierNotification, raiseNotifications } from './notification-store.js'

/** Follows or unfollows; returns true when the follower now follows the user. Following yourself is the caller's refusal. */
export async function toggleFollowOf(db: Kysely<Tables>, clock: Clock, followerId: number, followedId: number): Promise<boolean> {
  const following = await toggleFollow(db, clock, followerId, followedId)
  if (!following) return false
  const unread = await hasEarlierNotification(db, { userId: followedId, type: 'FOLLOWING', actorId: followerId, unread: true })
  if (!unread) await raiseNotifications(db, clock, [{ userId: followedId, type: 'FOLLOWING', actorId: followerId }])
  return true
}
