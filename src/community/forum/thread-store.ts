/**
 * Forum threads: their rows, categories and linked works (mediaCategories), and AniList's Page.threads
 * filters and sorts. This module owns `forum_threads`, `forum_thread_categories` and
 * `forum_thread_media`. A thread's reply figures are its newest comment's, rewritten by
 * refreshReplyFigures whenever a comment comes or goes (comment-store.ts calls it in the same transaction).
 */
import { sql, type Expression, type Kysely, type Selectable, type SqlBool, type Transaction } from 'kysely'
import type { ForumThreadsTable, Tables } from '../../storage/tables.js'
import { allOf, given, isIn, NOTHING, present, type List, type Maybe } from '../../query/filters.js'
import { orderedBy, sortTerms, type OrderTerm, type SortKey } from '../../query/sorts.js'
import type { Window } from '../../query/paging.js'
import { deleteLikesOf } from '../../social/likes.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** One forum thread. `forumKind` tells it apart from other likeable items (LikeableUnion). */
export interface Thread {
  forumKind: 'THREAD'
  id: number
  userId: number
  title: string
  body: string
  isLocked: boolean
  isSticky: boolean
  viewCount: number
  replyCount: number
  replyUserId: number | null
  replyCommentId: number | null
  repliedAt: number | null
  createdAt: number
  updatedAt: number
}

function fromRow(row: Selectable<ForumThreadsTable>): Thread {
  return {
    forumKind: 'THREAD',
    id: row.id,
    userId: row.user_id,
    title: row.title,
    body: row.body,
    isLocked: row.is_locked !== 0,
    isSticky: row.is_sticky !== 0,
    viewCount: Number(row.view_count),
    replyCount: Number(row.reply_count),
    replyUserId: row.reply_user_id,
    replyCommentId: row.reply_comment_id,
    repliedAt: row.replied_at === null ? null : Number(row.replied_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  }
}

export interface NewThread {
  userId: number
  title: string
  body: string
  categoryIds: readonly number[]
  mediaIds: readonly number[]
  isLocked: boolean
  isSticky: boolean
  createdAt: number
}

async function setLinks(db: Db, threadId: number, categoryIds: readonly number[] | undefined, mediaIds: readonly number[] | undefined): Promise<void> {
  if (categoryIds !== undefined) {
    await db.deleteFrom('forum_thread_categories').where('thread_id', '=', threadId).execute()
    if (categoryIds.length > 0) await db.insertInto('forum_thread_categories').values([...new Set(categoryIds)].map((category_id) => ({ thread_id: threadId, category_id }))).execute()
  }
  if (mediaIds !== undefined) {
    await db.deleteFrom('forum_thread_media').where('thread_id', '=', threadId).execute()
    if (mediaIds.length > 0) await db.insertInto('forum_thread_media').values([...new Set(mediaIds)].map((media_id) => ({ thread_id: threadId, media_id }))).execute()
  }
}

/** Stores a new thread with its categories and works; run it in a transaction. */
export async function createThread(db: Db, input: NewThread): Promise<Thread> {
  const row = await db
    .insertInto('forum_threads')
    .values({
      user_id: input.userId,
      title: input.title,
      body: input.body,
      is_locked: input.isLocked ? 1 : 0,
      is_sticky: input.isSticky ? 1 : 0,
      reply_user_id: null,
      reply_comment_id: null,
      replied_at: null,
      created_at: input.createdAt,
      updated_at: input.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await setLinks(db, row.id, input.categoryIds, input.mediaIds)
  return fromRow(row)
}

/** What an edit may change; absent fields stay. */
export interface ThreadChanges {
  title?: string
  body?: string
  categoryIds?: readonly number[]
  mediaIds?: readonly number[]
  isLocked?: boolean
  isSticky?: boolean
}

/** Changes a thread; returns it as it is now. Run it in a transaction. */
export async function updateThread(db: Db, id: number, changes: ThreadChanges, now: number): Promise<Thread | null> {
  const set: { title?: string; body?: string; is_locked?: number; is_sticky?: number; updated_at?: number } = {}
  if (changes.title !== undefined) set.title = changes.title
  if (changes.body !== undefined) set.body = changes.body
  if (changes.isLocked !== undefined) set.is_locked = changes.isLocked ? 1 : 0
  if (changes.isSticky !== undefined) set.is_sticky = changes.isSticky ? 1 : 0
  // Only what the author writes moves updatedAt; a moderator's lock or sticky does not.
  if (changes.title !== undefined || changes.body !== undefined || changes.categoryIds !== undefined || changes.mediaIds !== undefined) set.updated_at = now
  if (Object.keys(set).length > 0) await db.updateTable('forum_threads').set(set).where('id', '=', id).execute()
  await setLinks(db, id, changes.categoryIds, changes.mediaIds)
  return loadThread(db, id)
}

/** Threads by id. */
export async function loadThreadsByIds(db: Db, ids: readonly number[]): Promise<Map<number, Thread>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('forum_threads').selectAll().where('id', 'in', [...new Set(ids)]).execute()
  return new Map(rows.map((r) => [r.id, fromRow(r)]))
}

export async function loadThread(db: Db, id: number): Promise<Thread | null> {
  return (await loadThreadsByIds(db, [id])).get(id) ?? null
}

/** Each thread's category ids, in one query. */
export async function categoriesOfThreads(db: Db, ids: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return out
  const rows = await db.selectFrom('forum_thread_categories').selectAll().where('thread_id', 'in', [...new Set(ids)]).orderBy('thread_id').orderBy('category_id').execute()
  for (const r of rows) out.get(r.thread_id)?.push(r.category_id)
  return out
}

/** Each thread's linked works (ids), in one query. */
export async function mediaOfThreads(db: Db, ids: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(ids.map((id) => [id, []]))
  if (ids.length === 0) return out
  const rows = await db.selectFrom('forum_thread_media').selectAll().where('thread_id', 'in', [...new Set(ids)]).orderBy('thread_id').orderBy('media_id').execute()
  for (const r of rows) out.get(r.thread_id)?.push(r.media_id)
  return out
}

/**
 * Rewrites a thread's reply figures from its comments: how many there are, and the newest one's id,
 * author and time (none: null). Called in the transaction that adds or removes comments.
 */
export async function refreshReplyFigures(db: Db, threadId: number): Promise<void> {
  const count = await db.selectFrom('forum_comments').select((eb) => eb.fn.countAll<number>().as('n')).where('thread_id', '=', threadId).executeTakeFirstOrThrow()
  const newest = await db.selectFrom('forum_comments').select(['id', 'user_id', 'created_at']).where('thread_id', '=', threadId).orderBy('id', 'desc').limit(1).executeTakeFirst()
  await db
    .updateTable('forum_threads')
    .set({ reply_count: Number(count.n), reply_comment_id: newest?.id ?? null, reply_user_id: newest?.user_id ?? null, replied_at: newest ? Number(newest.created_at) : null })
    .where('id', '=', threadId)
    .execute()
}

/** Adds views to threads: one UPDATE for all the threads one request showed. */
export async function addViews(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('forum_threads').set((eb) => ({ view_count: eb('view_count', '+', 1) })).where('id', 'in', [...new Set(ids)]).execute()
}

/** Deletes a thread with everything on it (comments, categories, links, subscriptions and notifications by foreign key; likes here). */
export async function deleteThread(db: Kysely<Tables>, id: number): Promise<boolean> {
  return db.transaction().execute((trx) => deleteThreadIn(trx, id))
}

/** deleteThread inside a transaction the caller holds (a moderator's deletion, with its record). */
export async function deleteThreadIn(trx: Transaction<Tables>, id: number): Promise<boolean> {
  const comments = await trx.selectFrom('forum_comments').select('id').where('thread_id', '=', id).execute()
  await deleteLikesOf(trx, 'THREAD_COMMENT', comments.map((c) => c.id))
  await deleteLikesOf(trx, 'THREAD', [id])
  const result = await trx.deleteFrom('forum_threads').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Deletes every thread of a user with everything on it (an account's deletion, in its transaction). */
export async function deleteThreadsOfUser(trx: Transaction<Tables>, userId: number): Promise<void> {
  const ids = (await trx.selectFrom('forum_threads').select('id').where('user_id', '=', userId).execute()).map((t) => t.id)
  if (ids.length === 0) return
  const comments = await trx.selectFrom('forum_comments').select('id').where('thread_id', 'in', ids).execute()
  await deleteLikesOf(trx, 'THREAD_COMMENT', comments.map((c) => c.id))
  await deleteLikesOf(trx, 'THREAD', ids)
  await trx.deleteFrom('forum_threads').where('id', 'in', ids).execute()
}

/** AniList's Page.threads / Query.Thread arguments. */
export interface ThreadFilter {
  id?: Maybe<number>
  userId?: Maybe<number>
  replyUserId?: Maybe<number>
  subscribed?: Maybe<boolean>
  categoryId?: Maybe<number>
  mediaCategoryId?: Maybe<number>
  search?: Maybe<string>
  id_in?: List<number>
}

export interface ThreadQuery {
  filter: ThreadFilter
  /** Who asks: `subscribed` is theirs (nothing without a viewer). */
  viewerId: number | null
  sort?: ReadonlyArray<string | null> | null
}

const ref = (column: keyof ForumThreadsTable) => sql.ref(`forum_threads.${column}`)

/** A LIKE pattern that finds `text` anywhere, its wildcards taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

function conditions(db: Db, query: ThreadQuery): Expression<SqlBool>[] {
  const { filter, viewerId } = query
  const out: Expression<SqlBool>[] = []
  if (given(filter.id)) out.push(sql<SqlBool>`${ref('id')} = ${filter.id}`)
  if (Array.isArray(filter.id_in)) out.push(isIn(ref('id'), present(filter.id_in)))
  if (given(filter.userId)) out.push(sql<SqlBool>`${ref('user_id')} = ${filter.userId}`)
  if (given(filter.replyUserId)) out.push(sql<SqlBool>`${ref('reply_user_id')} = ${filter.replyUserId}`)
  if (given(filter.categoryId)) out.push(sql<SqlBool>`${ref('id')} in (${db.selectFrom('forum_thread_categories').select('thread_id').where('category_id', '=', filter.categoryId)})`)
  if (given(filter.mediaCategoryId)) out.push(sql<SqlBool>`${ref('id')} in (${db.selectFrom('forum_thread_media').select('thread_id').where('media_id', '=', filter.mediaCategoryId)})`)
  if (filter.subscribed === true) {
    out.push(viewerId === null ? NOTHING : sql<SqlBool>`${ref('id')} in (${db.selectFrom('forum_subscriptions').select('thread_id').where('user_id', '=', viewerId)})`)
  }
  if (typeof filter.search === 'string' && filter.search.trim() !== '') {
    const pattern = containing(filter.search.trim())
    out.push(sql<SqlBool>`(lower(${ref('title')}) like ${pattern} escape '\\' or lower(${ref('body')}) like ${pattern} escape '\\')`)
  }
  return out
}

/** A thread's last activity: its newest reply, or its creation when nobody has replied. */
const LAST_ACTIVITY = sql`coalesce(${ref('replied_at')}, ${ref('created_at')})`

const SORT_KEYS: Readonly<Record<string, SortKey>> = {
  TITLE: ref('title'),
  CREATED_AT: ref('created_at'),
  UPDATED_AT: ref('updated_at'),
  REPLIED_AT: LAST_ACTIVITY,
  REPLY_COUNT: ref('reply_count'),
  VIEW_COUNT: ref('view_count'),
}

/** AniList's forum order when no sort is given: sticky threads first, then the newest reply. */
export const DEFAULT_THREAD_SORT = ['IS_STICKY', 'REPLIED_AT_DESC'] as const

function threadOrder(query: ThreadQuery): OrderTerm[] {
  const sorts = query.sort && query.sort.some((s) => s !== null) ? query.sort : DEFAULT_THREAD_SORT
  const search = typeof query.filter.search === 'string' ? query.filter.search.trim() : ''
  return sortTerms(sorts, SORT_KEYS, ref('id'), (sort) => {
    if (sort === 'ID' || sort === 'ID_DESC') return [{ expression: ref('id'), direction: sort === 'ID' ? 'asc' : 'desc' }]
    // IS_STICKY has no _DESC in AniList's enum: it puts the sticky threads first.
    if (sort === 'IS_STICKY') return [{ expression: ref('is_sticky'), direction: 'desc' }]
    // Threads whose title matches before those matched by their body alone.
    if (sort === 'SEARCH_MATCH') return search === '' ? [] : [{ expression: sql`case when lower(${ref('title')}) like ${containing(search)} escape '\\' then 0 else 1 end`, direction: 'asc' }]
    return undefined
  })
}

function filtered(db: Db, query: ThreadQuery) {
  const where = allOf(conditions(db, query))
  const q = db.selectFrom('forum_threads')
  return where ? q.where(where) : q
}

/** The threads matching a query, in its order, within the window. */
export async function findThreads(db: Db, query: ThreadQuery, window: Window): Promise<Thread[]> {
  const rows = await orderedBy(filtered(db, query).selectAll('forum_threads'), threadOrder(query)).limit(window.limit).offset(window.offset).execute()
  return rows.map(fromRow)
}

/** How many threads match a query (pageInfo.total). */
export async function countThreads(db: Db, query: ThreadQuery): Promise<number> {
  const row = await filtered(db, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
