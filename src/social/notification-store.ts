/**
 * Notifications: what a user is told about others' actions and their works. This module owns the
 * `notifications` table. Raising honours the recipient's settings (a type switched off in
 * `notificationOptions`, `airingNotifications` off) and never notifies users of their own actions.
 */
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { getProfiles, type UserOptions } from '../accounts/profiles.js'
import type { NotificationType } from './notification-types.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** One notification to raise. */
export interface NewNotification {
  userId: number
  type: NotificationType
  /** Who caused it; null for airing and media notifications. */
  actorId?: number | null
  activityId?: number | null
  mediaId?: number | null
  episode?: number | null
  context?: string | null
  reason?: string | null
  deletedTitles?: readonly string[] | null
  /** The forum thread and comment of a thread notification (raised by community/forum/). */
  threadId?: number | null
  threadCommentId?: number | null
}

/** A stored notification. */
export interface Notification {
  id: number
  userId: number
  type: NotificationType
  actorId: number | null
  activityId: number | null
  mediaId: number | null
  episode: number | null
  context: string | null
  reason: string | null
  deletedTitles: string[] | null
  threadId: number | null
  threadCommentId: number | null
  isRead: boolean
  createdAt: number
}

/** Whether the user's settings let this type through (AniList's options: enabled unless switched off). */
export function wantsNotification(options: UserOptions, type: NotificationType): boolean {
  if (type === 'AIRING' && !options.airingNotifications) return false
  const option = options.notificationOptions.find((o) => o.type === type)
  return option === undefined || option.enabled !== false
}

/**
 * Stores the notifications their recipients want (see wantsNotification), skipping any whose actor is
 * the recipient; returns how many were stored. Recipients' settings are read in one query.
 */
export async function raiseNotifications(db: Db, clock: Clock, notes: readonly NewNotification[]): Promise<number> {
  const candidates = notes.filter((n) => n.actorId == null || n.actorId !== n.userId)
  if (candidates.length === 0) return 0
  const profiles = await getProfiles(db, candidates.map((n) => n.userId))
  const now = clock()
  const rows = candidates
    .filter((n) => wantsNotification(profiles.get(n.userId)!.options, n.type))
    .map((n) => ({
      user_id: n.userId,
      type: n.type,
      actor_id: n.actorId ?? null,
      activity_id: n.activityId ?? null,
      media_id: n.mediaId ?? null,
      episode: n.episode ?? null,
      context: n.context ?? null,
      reason: n.reason ?? null,
      deleted_titles: n.deletedTitles ? JSON.stringify(n.deletedTitles) : null,
      thread_id: n.threadId ?? null,
      thread_comment_id: n.threadCommentId ?? null,
      created_at: now,
    }))
  // Chunked: a media change may notify every user with the work on a list.
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('notifications').values(rows.slice(i, i + 500)).execute()
  return rows.length
}

type NotificationRow = Selectable<Tables['notifications']>

function fromRow(row: NotificationRow): Notification {
  return {
    id: row.id,
    userId: row.user_id,
    type: row.type as NotificationType,
    actorId: row.actor_id,
    activityId: row.activity_id,
    mediaId: row.media_id,
    episode: row.episode,
    context: row.context,
    reason: row.reason,
    deletedTitles: row.deleted_titles === null ? null : (JSON.parse(row.deleted_titles) as string[]),
    threadId: row.thread_id,
    threadCommentId: row.thread_comment_id,
    isRead: row.is_read === 1,
    createdAt: Number(row.created_at),
  }
}

/** A user's notifications of the given types (all types without), newest first, a page at a time. */
export async function listNotifications(db: Db, userId: number, types: readonly NotificationType[] | null, window: { limit: number; offset: number }): Promise<Notification[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId)
  if (types !== null) {
    if (types.length === 0) return []
    q = q.where('type', 'in', types)
  }
  const rows = await q.orderBy('id', 'desc').limit(window.limit).offset(window.offset).execute()
  return rows.map((r) => fromRow(r))
}

/** How many notifications of these types (all without) the user has. */
export async function countNotifications(db: Db, userId: number, types: readonly NotificationType[] | null): Promise<number> {
  if (types !== null && types.length === 0) return 0
  let q = db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId)
  if (types !== null) q = q.where('type', 'in', types)
  return Number((await q.executeTakeFirst())?.n ?? 0)
}

/** How many unread notifications each user has (User.unreadNotificationCount), in one query. */
export async function unreadCounts(db: Db, userIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map(userIds.map((id) => [id, 0]))
  if (userIds.length === 0) return out
  const rows = await db
    .selectFrom('notifications')
    .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('user_id', 'in', [...new Set(userIds)])
    .where('is_read', '=', 0)
    .groupBy('user_id')
    .execute()
  for (const r of rows) out.set(r.user_id, Number(r.n))
  return out
}

/** Marks every notification of the user read (resetNotificationCount); returns how many were unread. */
export async function markAllRead(db: Db, userId: number): Promise<number> {
  const result = await db.updateTable('notifications').set({ is_read: 1 }).where('user_id', '=', userId).where('is_read', '=', 0).executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** One notification by id, only the user's own (null otherwise). */
export async function findNotification(db: Db, userId: number, id: number): Promise<Notification | null> {
  const row = await db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
  return row ? fromRow(row) : null
}

/** Which earlier notification counts as "already told": the same recipient, type and actor (and activity, thread or comment, when given). */
export interface EarlierNotification {
  userId: number
  type: NotificationType
  actorId: number
  activityId?: number
  threadId?: number
  threadCommentId?: number
  /** Only one still unread. */
  unread?: boolean
  /** Only one raised after this time (Unix seconds). */
  after?: number
}

/** Whether such a notification exists: a follow or like given again is not told twice (follow-user.ts, activity-actions.ts). */
export async function hasEarlierNotification(db: Db, earlier: EarlierNotification): Promise<boolean> {
  let q = db.selectFrom('notifications').select('id').where('user_id', '=', earlier.userId).where('type', '=', earlier.type).where('actor_id', '=', earlier.actorId)
  if (earlier.activityId !== undefined) q = q.where('activity_id', '=', earlier.activityId)
  if (earlier.threadId !== undefined) q = q.where('thread_id', '=', earlier.threadId)
  if (earlier.threadCommentId !== undefined) q = q.where('thread_comment_id', '=', earlier.threadCommentId)
  if (earlier.unread) q = q.where('is_read', '=', 0)
  if (earlier.after !== undefined) q = q.where('created_at', '>', earlier.after)
  return (await q.executeTakeFirst()) !== undefined
}
