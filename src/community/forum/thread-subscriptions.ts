/** Who is told about new comments in a thread. This module owns `forum_subscriptions`. */
import type { Kysely, Transaction } from 'kysely'
import type { Tables } from '../../storage/tables.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** Subscribes (true) or unsubscribes (false) the user. */
export async function setThreadSubscription(db: Db, userId: number, threadId: number, on: boolean): Promise<void> {
  if (on) {
    await db.insertInto('forum_subscriptions').values({ user_id: userId, thread_id: threadId }).onConflict((oc) => oc.columns(['thread_id', 'user_id']).doNothing()).execute()
  } else {
    await db.deleteFrom('forum_subscriptions').where('user_id', '=', userId).where('thread_id', '=', threadId).execute()
  }
}

/** The users subscribed to a thread. */
export async function threadSubscribers(db: Db, threadId: number): Promise<number[]> {
  const rows = await db.selectFrom('forum_subscriptions').select('user_id').where('thread_id', '=', threadId).orderBy('user_id').execute()
  return rows.map((r) => r.user_id)
}

/** Which of these threads the user is subscribed to. */
export async function subscribedThreadsAmong(db: Db, userId: number, threadIds: readonly number[]): Promise<Set<number>> {
  if (threadIds.length === 0) return new Set()
  const rows = await db.selectFrom('forum_subscriptions').select('thread_id').where('user_id', '=', userId).where('thread_id', 'in', [...new Set(threadIds)]).execute()
  return new Set(rows.map((r) => r.thread_id))
}
