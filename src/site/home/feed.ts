/**
 * The home page's activity feed: the newest activities of the users the viewer follows and their own
 * ("following"), or of everyone ("global"). Messages stay on the profiles they were sent to; private
 * ones are their two users' alone either way (the activity store's rule).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import { findActivities, type Activity } from '../../social/activity-store.js'

export const FEEDS = ['following', 'global'] as const
export type Feed = (typeof FEEDS)[number]

/** Activities the home feed shows. */
export const FEED_SIZE = 20

/** The feed's newest FEED_SIZE activities: two statements for the following feed, one for the global. */
export async function feedActivities(db: Kysely<Tables>, feed: Feed, viewerId: number | null): Promise<Activity[]> {
  const filter = { type_not: 'MESSAGE', ...(feed === 'following' ? { isFollowing: true } : {}) }
  return findActivities(db, { filter, viewerId, sort: ['ID_DESC'] }, { limit: FEED_SIZE, offset: 0 })
}
