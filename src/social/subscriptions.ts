/**
 * Activity subscriptions: who is told of new replies to an activity. This module owns
 * `activity_subscriptions`. The author is subscribed when the activity is made, a replier when they
 * reply; ToggleActivitySubscription sets it either way.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** Subscribes (true) or unsubscribes (false) the user. */
export async function setSubscription(db: Db, userId: number, activityId: number, subscribed: boolean): Promise<void> {
  if (subscribed) {
    await db.insertInto('activity_subscriptions').values({ user_id: userId, activity_id: activityId }).onConflict((oc) => oc.columns(['activity_id', 'user_id']).doNothing()).execute()
  } else {
    await db.deleteFrom('activity_subscriptions').where('user_id', '=', userId).where('activity_id', '=', activityId).execute()
  }
}

/** The users subscribed to an activity. */
export async function subscribersOf(db: Db, activityId: number): Promise<number[]> {
  return (await db.selectFrom('activity_subscriptions').select('user_id').where('activity_id', '=', activityId).orderBy('user_id').execute()).map((r) => r.user_id)
}

/** Which of these activities the user is subscribed to, in one query. */
export async function subscribedAmong(db: Db, userId: number, activityIds: readonly number[]): Promise<Set<number>> {
  if (activityIds.length === 0) return new Set()
  const rows = await db.selectFrom('activity_subscriptions').select('activity_id').where('user_id', '=', userId).where('activity_id', 'in', [...new Set(activityIds)]).execute()
  return new Set(rows.map((r) => r.activity_id))
}
