/**
 * Activities: what users post on their profiles and in the feed — list activities (a list change),
 * text activities and messages (a post on another user's profile). This module owns `activities`;
 * deleting one removes its replies, its subscriptions and its notifications (foreign keys) and the
 * likes of it and of its replies (reply-store.ts, likes.ts: likes have no foreign key).
 *
 * Visibility: a private message is seen by its messenger and its recipient only; to everyone else
 * it does not exist. Everything else is public.
 */
import { sql, type Expression, type Kysely, type Selectable, type SelectQueryBuilder, type SqlBool, type Transaction } from 'kysely'
import type { ActivitiesTable, Tables } from '../storage/tables.js'
import { allOf, columnConditions, given, isIn, NOTHING, present, type FilterColumns, type List, type Maybe } from '../query/filters.js'
import { orderedBy, sortTerms, type OrderTerm, type SortKey } from '../query/sorts.js'
import type { Window } from '../query/paging.js'
import { followedIdsOf } from './follows.js'
import { deleteLikesOf } from './likes.js'
import { replyIdsOfActivity } from './reply-store.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** The types an activity is stored with (AniList's ActivityType but MEDIA_LIST, which is only a filter). */
export const ACTIVITY_TYPES = ['TEXT', 'ANIME_LIST', 'MANGA_LIST', 'MESSAGE'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

/** One activity, of any type. */
export interface Activity {
  id: number
  type: ActivityType
  /** The author of a text or list activity; the recipient of a message. */
  userId: number
  /** Who wrote a message; null for other types. */
  messengerId: number | null
  mediaId: number | null
  /** A list activity's wording ("watched episode") and progress ("4", "1 - 4"). */
  status: string | null
  progress: string | null
  /** The markdown of a text activity or message. */
  text: string | null
  isPrivate: boolean
  isLocked: boolean
  /** When its owner pinned it (Unix seconds), or null. */
  pinnedAt: number | null
  createdAt: number
}

/** A new activity; the store fills in the id. */
export interface NewActivity {
  type: ActivityType
  userId: number
  messengerId?: number | null
  mediaId?: number | null
  status?: string | null
  progress?: string | null
  text?: string | null
  isPrivate?: boolean
  isLocked?: boolean
  createdAt: number
}

type ActivityRow = Selectable<ActivitiesTable>

function fromRow(row: ActivityRow): Activity {
  return {
    id: row.id,
    type: row.type as ActivityType,
    userId: row.user_id,
    messengerId: row.messenger_id,
    mediaId: row.media_id,
    status: row.status,
    progress: row.progress,
    text: row.text,
    isPrivate: row.is_private !== 0,
    isLocked: row.is_locked !== 0,
    pinnedAt: row.pinned_at === null ? null : Number(row.pinned_at),
    createdAt: Number(row.created_at),
  }
}

/** Whether the viewer (null: anonymous) may see the activity: a private message is its two users' alone. */
export function canSee(activity: Activity, viewerId: number | null): boolean {
  return !activity.isPrivate || (viewerId !== null && (viewerId === activity.userId || viewerId === activity.messengerId))
}

/** The ids of the activities the viewer may see, as a subquery for the replies' and likes' filters. */
export function visibleActivityIds(db: Db, viewerId: number | null): SelectQueryBuilder<Tables, 'activities', { id: number }> {
  const q = db.selectFrom('activities').select('id')
  if (viewerId === null) return q.where('is_private', '=', 0)
  return q.where((eb) => eb.or([eb('is_private', '=', 0), eb('user_id', '=', viewerId), eb('messenger_id', '=', viewerId)]))
}

/** Stores a new activity and returns it. */
export async function createActivity(db: Db, input: NewActivity): Promise<Activity> {
  const row = await db
    .insertInto('activities')
    .values({
      type: input.type,
      user_id: input.userId,
      messenger_id: input.messengerId ?? null,
      media_id: input.mediaId ?? null,
      status: input.status ?? null,
      progress: input.progress ?? null,
      text: input.text ?? null,
      is_private: input.isPrivate ? 1 : 0,
      is_locked: input.isLocked ? 1 : 0,
      pinned_at: null,
      created_at: input.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return fromRow(row)
}

/** Activities by id, whoever may see them (the caller applies canSee). */
export async function loadActivitiesByIds(db: Db, ids: readonly number[]): Promise<Map<number, Activity>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('activities').selectAll().where('id', 'in', [...new Set(ids)]).execute()
  return new Map(rows.map((r) => [r.id, fromRow(r)]))
}

/** One activity by id, or null. */
export async function loadActivity(db: Db, id: number): Promise<Activity | null> {
  return (await loadActivitiesByIds(db, [id])).get(id) ?? null
}

/** What an edit may change. */
export interface ActivityChanges {
  text?: string
  isPrivate?: boolean
  isLocked?: boolean
}

/** Changes an activity's text, privacy or lock; returns it as it is now (null when gone). */
export async function updateActivity(db: Db, id: number, changes: ActivityChanges): Promise<Activity | null> {
  const set: { text?: string; is_private?: number; is_locked?: number } = {}
  if (changes.text !== undefined) set.text = changes.text
  if (changes.isPrivate !== undefined) set.is_private = changes.isPrivate ? 1 : 0
  if (changes.isLocked !== undefined) set.is_locked = changes.isLocked ? 1 : 0
  if (Object.keys(set).length > 0) await db.updateTable('activities').set(set).where('id', '=', id).execute()
  return loadActivity(db, id)
}

/**
 * Pins the activity to its owner's profile (unpinning the one pinned before: one per user, as on
 * AniList) or unpins it. One transaction.
 */
export async function setPinned(db: Kysely<Tables>, activity: Activity, pinned: boolean, now: number): Promise<Activity> {
  return db.transaction().execute(async (trx) => {
    if (pinned) {
      await trx.updateTable('activities').set({ pinned_at: null }).where('user_id', '=', activity.userId).where('pinned_at', 'is not', null).where('id', '<>', activity.id).execute()
      await trx.updateTable('activities').set({ pinned_at: now }).where('id', '=', activity.id).execute()
    } else {
      await trx.updateTable('activities').set({ pinned_at: null }).where('id', '=', activity.id).execute()
    }
    return (await loadActivity(trx, activity.id))!
  })
}

/** Deletes an activity with everything that hangs on it; true when it existed. One transaction. */
export async function deleteActivity(db: Kysely<Tables>, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await deleteLikesOf(trx, 'ACTIVITY_REPLY', await replyIdsOfActivity(trx, id))
    await deleteLikesOf(trx, 'ACTIVITY', [id])
    const result = await trx.deleteFrom('activities').where('id', '=', id).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  })
}

/** The user's newest list activity of a work: the one a new change may merge into. */
export async function latestListActivity(db: Db, userId: number, mediaId: number): Promise<Activity | null> {
  const row = await db
    .selectFrom('activities')
    .selectAll()
    .where('user_id', '=', userId)
    .where('media_id', '=', mediaId)
    .where('type', 'in', ['ANIME_LIST', 'MANGA_LIST'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? fromRow(row) : null
}

/** Merges a list change into a list activity: its new progress, and the time of the change. */
export async function mergeListActivity(db: Db, id: number, progress: string | null, now: number): Promise<void> {
  await db.updateTable('activities').set({ progress, created_at: now }).where('id', '=', id).execute()
}

/** AniList's Page.activities / Query.Activity filter arguments. */
export interface ActivityFilter {
  id?: Maybe<number>
  id_not?: Maybe<number>
  id_in?: List<number>
  id_not_in?: List<number>
  userId?: Maybe<number>
  userId_not?: Maybe<number>
  userId_in?: List<number>
  userId_not_in?: List<number>
  messengerId?: Maybe<number>
  messengerId_not?: Maybe<number>
  messengerId_in?: List<number>
  messengerId_not_in?: List<number>
  mediaId?: Maybe<number>
  mediaId_not?: Maybe<number>
  mediaId_in?: List<number>
  mediaId_not_in?: List<number>
  type?: Maybe<string>
  type_not?: Maybe<string>
  type_in?: List<string>
  type_not_in?: List<string>
  isFollowing?: Maybe<boolean>
  hasReplies?: Maybe<boolean>
  hasRepliesOrTypeText?: Maybe<boolean>
  createdAt?: Maybe<number>
  createdAt_greater?: Maybe<number>
  createdAt_lesser?: Maybe<number>
}

export interface ActivityQuery {
  filter: ActivityFilter
  /** Who is asking (null: anonymous): isFollowing and private messages depend on it. */
  viewerId: number | null
  sort?: ReadonlyArray<string | null> | null
}

const ref = (column: keyof ActivitiesTable) => sql.ref(`activities.${column}`)

const COLUMNS: FilterColumns = { id: ref('id'), userId: ref('user_id'), messengerId: ref('messenger_id'), mediaId: ref('media_id'), createdAt: ref('created_at') }

/** The stored types an ActivityType names: MEDIA_LIST is both list types. */
function storedTypes(type: string): string[] {
  return type === 'MEDIA_LIST' ? ['ANIME_LIST', 'MANGA_LIST'] : [type]
}

const hasReply = sql<SqlBool>`exists (select 1 from activity_replies r where r.activity_id = ${ref('id')})`

function conditions(db: Db, query: ActivityQuery, plan: FeedPlan): Expression<SqlBool>[] {
  const { filter, viewerId } = query
  const out = columnConditions(filter as Record<string, unknown>, COLUMNS)
  const type = ref('type')
  if (given(filter.type)) out.push(isIn(type, storedTypes(filter.type)))
  if (given(filter.type_not)) out.push(sql<SqlBool>`${type} not in (${sql.join(storedTypes(filter.type_not))})`)
  if (Array.isArray(filter.type_in)) out.push(isIn(type, present(filter.type_in).flatMap(storedTypes)))
  if (Array.isArray(filter.type_not_in) && present(filter.type_not_in).length > 0) out.push(sql<SqlBool>`${type} not in (${sql.join(present(filter.type_not_in).flatMap(storedTypes))})`)
  if (filter.isFollowing === true) {
    // The viewer's own and those of the users they follow; nobody's without a viewer.
    if (viewerId === null) out.push(NOTHING)
    else if (plan.manyFollowed) {
      // Checked row by row, newest first: the database walks the primary key and stops at the page's
      // end. The unary + is SQLite's documented way to keep a term off an index (here activities_by_user,
      // which would read every followed user's rows and sort them); it changes nothing on PostgreSQL.
      out.push(sql<SqlBool>`(+${ref('user_id')} in ${followedIdsOf(db, viewerId)} or +${ref('user_id')} = ${viewerId})`)
    } else {
      // Each followed user's activities through activities_by_user, then ordered: few users, few rows.
      out.push(sql<SqlBool>`(${ref('user_id')} in ${followedIdsOf(db, viewerId)} or ${ref('user_id')} = ${viewerId})`)
    }
  }
  if (filter.hasReplies === true) out.push(hasReply)
  if (filter.hasReplies === false) out.push(sql<SqlBool>`not ${hasReply}`)
  if (filter.hasRepliesOrTypeText === true) out.push(sql<SqlBool>`(${type} = 'TEXT' or ${hasReply})`)
  if (filter.hasRepliesOrTypeText === false) out.push(sql<SqlBool>`(${type} <> 'TEXT' and not ${hasReply})`)
  // A private message is its messenger's and its recipient's alone.
  out.push(viewerId === null ? sql<SqlBool>`${ref('is_private')} = 0` : sql<SqlBool>`(${ref('is_private')} = 0 or ${ref('user_id')} = ${viewerId} or ${ref('messenger_id')} = ${viewerId})`)
  return out
}

/** What each ActivitySort orders by; PINNED puts the pinned activity first. */
const SORT_KEYS: Readonly<Record<string, SortKey>> = { PINNED: ref('pinned_at') }
const ID = ref('id')

/**
 * The ORDER BY terms of the sorts (ID when none is given). ID is ordered by the bare id, never null,
 * so the database walks the primary key instead of sorting every match (the feed's hot path); the
 * id tiebreak query/ appends is left out once an id term decides the order.
 */
function activityOrder(sorts: ReadonlyArray<string | null> | null | undefined): OrderTerm[] {
  const chosen = sorts && sorts.some((s) => s !== null) ? sorts : ['ID']
  const terms = sortTerms(chosen, SORT_KEYS, ID, (sort) => (sort === 'ID' || sort === 'ID_DESC' ? [{ expression: ID, direction: sort === 'ID' ? 'asc' : 'desc' }] : undefined))
  return terms.slice(0, -1).some((t) => t.expression === ID) ? terms.slice(0, -1) : terms
}

/** How the following feed is read, chosen by how many users the viewer follows. */
interface FeedPlan {
  manyFollowed: boolean
}

/**
 * From this many followed users on, the following feed walks the activities newest first and checks
 * each one's author (most rows match, a page ends soon); below it, it reads each followed user's
 * activities by index and orders them. Measured with bench/feed.mjs (500 followed users of 1,000,
 * 100,000 activities on SQLite): the walk reads a page in about a millisecond where the index read
 * and sort took 170 ms, and counts 5,000 matches in 2 ms instead of 27; for a user following nobody the
 * walk would read every row (70 ms) and the index reads a hundred.
 */
export const MANY_FOLLOWED = 50

async function feedPlan(db: Db, query: ActivityQuery): Promise<FeedPlan> {
  if (query.filter.isFollowing !== true || query.viewerId === null) return { manyFollowed: false }
  const row = await db.selectFrom(followedIdsOf(db, query.viewerId).limit(MANY_FOLLOWED).as('f')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return { manyFollowed: Number(row.n) >= MANY_FOLLOWED }
}

function filtered(db: Db, query: ActivityQuery, plan: FeedPlan) {
  return db.selectFrom('activities').where(allOf(conditions(db, query, plan))!)
}

/** The activities matching a query in its order (ID when none is given), within the window. */
export async function findActivities(db: Db, query: ActivityQuery, window: Window): Promise<Activity[]> {
  const select = orderedBy(filtered(db, query, await feedPlan(db, query)).selectAll('activities'), activityOrder(query.sort))
  return (await select.limit(window.limit).offset(window.offset).execute()).map(fromRow)
}

/**
 * The most activities pageInfo counts, as AniList (whose totals stop at 5,000): the following feed of a
 * busy user matches tens of thousands, and counting them all would cost more than the page itself.
 */
export const MAX_COUNTED_ACTIVITIES = 5000

/** How many activities match a query (pageInfo.total), at most MAX_COUNTED_ACTIVITIES. */
export async function countActivities(db: Db, query: ActivityQuery): Promise<number> {
  const matching = filtered(db, query, await feedPlan(db, query)).select(sql.lit(1).as('one')).limit(MAX_COUNTED_ACTIVITIES)
  const row = await db.selectFrom(matching.as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Whether any of these users owns or wrote an activity (the demo seeds its feed only once). */
export async function anyActivityOf(db: Db, userIds: readonly number[]): Promise<boolean> {
  if (userIds.length === 0) return false
  const row = await db
    .selectFrom('activities')
    .select('id')
    .where((eb) => eb.or([eb('user_id', 'in', [...userIds]), eb('messenger_id', 'in', [...userIds])]))
    .limit(1)
    .executeTakeFirst()
  return row !== undefined
}
