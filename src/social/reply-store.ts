/**
 * Replies to activities. This module owns `activity_replies`; a reply goes with its activity (foreign
 * key) and takes its likes with it when deleted alone (likes.ts). Reply counts are counted, not stored.
 */
import { sql, type Kysely, type Selectable, type SelectQueryBuilder, type Transaction } from 'kysely'
import type { ActivityRepliesTable, Tables } from '../storage/tables.js'
import type { Window } from '../query/paging.js'
import { deleteLikesOf } from './likes.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** Most replies Activity.replies returns (the oldest first): a busy thread is paged with Page.activityReplies. */
export const MAX_ACTIVITY_REPLIES = 50

export interface ActivityReply {
  id: number
  activityId: number
  userId: number
  text: string
  createdAt: number
}

const fromRow = (row: Selectable<ActivityRepliesTable>): ActivityReply => ({ id: row.id, activityId: row.activity_id, userId: row.user_id, text: row.text, createdAt: Number(row.created_at) })

/** Stores a reply and returns it. */
export async function createReply(db: Db, input: { activityId: number; userId: number; text: string; createdAt: number }): Promise<ActivityReply> {
  const row = await db
    .insertInto('activity_replies')
    .values({ activity_id: input.activityId, user_id: input.userId, text: input.text, created_at: input.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow()
  return fromRow(row)
}

/** Replies by id. */
export async function loadRepliesByIds(db: Db, ids: readonly number[]): Promise<Map<number, ActivityReply>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('activity_replies').selectAll().where('id', 'in', [...new Set(ids)]).execute()
  return new Map(rows.map((r) => [r.id, fromRow(r)]))
}

/** One reply by id, or null. */
export async function loadReply(db: Db, id: number): Promise<ActivityReply | null> {
  return (await loadRepliesByIds(db, [id])).get(id) ?? null
}

/** Changes a reply's text; returns it as it is now. */
export async function updateReplyText(db: Db, id: number, text: string): Promise<ActivityReply | null> {
  await db.updateTable('activity_replies').set({ text }).where('id', '=', id).execute()
  return loadReply(db, id)
}

/** Deletes a reply and its likes; true when it existed. */
export async function deleteReply(db: Kysely<Tables>, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await deleteLikesOf(trx, 'ACTIVITY_REPLY', [id])
    const result = await trx.deleteFrom('activity_replies').where('id', '=', id).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  })
}

/** The ids of an activity's replies. */
export async function replyIdsOfActivity(db: Db, activityId: number): Promise<number[]> {
  return (await db.selectFrom('activity_replies').select('id').where('activity_id', '=', activityId).execute()).map((r) => r.id)
}

/** Each activity's first MAX_ACTIVITY_REPLIES replies, oldest first: every activity of a request in one query. */
export async function repliesOfActivities(db: Db, activityIds: readonly number[]): Promise<Map<number, ActivityReply[]>> {
  const out = new Map<number, ActivityReply[]>(activityIds.map((id) => [id, []]))
  if (activityIds.length === 0) return out
  const numbered = db
    .selectFrom('activity_replies')
    .selectAll()
    .select(sql<number>`row_number() over (partition by activity_id order by id)`.as('n'))
    .where('activity_id', 'in', [...new Set(activityIds)])
  const rows = await db.selectFrom(numbered.as('r')).selectAll().where('r.n', '<=', MAX_ACTIVITY_REPLIES).orderBy('r.activity_id').orderBy('r.id').execute()
  for (const row of rows) out.get(row.activity_id)!.push(fromRow(row))
  return out
}

/** One activity's replies, oldest first, within the window (the activity page, a page at a time). */
export async function repliesOfActivity(db: Db, activityId: number, window: Window): Promise<ActivityReply[]> {
  const rows = await db.selectFrom('activity_replies').selectAll().where('activity_id', '=', activityId).orderBy('id').limit(window.limit).offset(window.offset).execute()
  return rows.map(fromRow)
}

/** How many replies to the same activity come before this one (its 0-based place, oldest first). */
export async function replyPosition(db: Db, reply: ActivityReply): Promise<number> {
  const row = await db.selectFrom('activity_replies').select((eb) => eb.fn.countAll<number>().as('n')).where('activity_id', '=', reply.activityId).where('id', '<', reply.id).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** How many replies each activity has, in one query. */
export async function replyCounts(db: Db, activityIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map(activityIds.map((id) => [id, 0]))
  if (activityIds.length === 0) return out
  const rows = await db
    .selectFrom('activity_replies')
    .select(['activity_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('activity_id', 'in', [...new Set(activityIds)])
    .groupBy('activity_id')
    .execute()
  for (const r of rows) out.set(r.activity_id, Number(r.n))
  return out
}

/** Page.activityReplies' arguments, and the activities the asker may see (activity-store.ts visibleActivityIds). */
export interface ReplyFilter {
  id?: number | null
  activityId?: number | null
  visibleActivities: SelectQueryBuilder<Tables, 'activities', { id: number }>
}

function filtered(db: Db, filter: ReplyFilter) {
  let q = db.selectFrom('activity_replies').where('activity_id', 'in', filter.visibleActivities)
  if (filter.id != null) q = q.where('id', '=', filter.id)
  if (filter.activityId != null) q = q.where('activity_id', '=', filter.activityId)
  return q
}

/** Page.activityReplies: the replies matching the filter, oldest first. */
export async function findReplies(db: Db, filter: ReplyFilter, window: Window): Promise<ActivityReply[]> {
  return (await filtered(db, filter).selectAll().orderBy('id').limit(window.limit).offset(window.offset).execute()).map(fromRow)
}

/** How many replies match the filter. */
export async function countReplies(db: Db, filter: ReplyFilter): Promise<number> {
  return Number((await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
}
