/**
 * Thread comments, nested: a comment on the thread has no parent, a reply names the comment it answers.
 * This module owns `forum_comments`. Replies nest at most MAX_COMMENT_DEPTH deep, and a comment's
 * tree of replies is read at most MAX_CHILD_COMMENTS at a time (childComments), so neither a deep
 * chain nor a busy thread makes one answer unbounded.
 */
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { ForumCommentsTable, Tables } from '../../storage/tables.js'
import type { Window } from '../../query/paging.js'
import { deleteLikesOf } from '../../social/likes.js'
import { refreshReplyFigures } from './thread-store.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** The deepest a reply may sit: a comment on the thread is depth 0, its reply 1, and so on. */
export const MAX_COMMENT_DEPTH = 5

/** The most replies one comment's childComments holds, all levels together (the oldest first). */
export const MAX_CHILD_COMMENTS = 100

/** One comment. `forumKind` tells it apart from other likeable items (LikeableUnion). */
export interface ThreadComment {
  forumKind: 'THREAD_COMMENT'
  id: number
  threadId: number
  userId: number
  parentId: number | null
  depth: number
  comment: string
  isLocked: boolean
  createdAt: number
  updatedAt: number
}

function fromRow(row: Selectable<ForumCommentsTable>): ThreadComment {
  return {
    forumKind: 'THREAD_COMMENT',
    id: row.id,
    threadId: row.thread_id,
    userId: row.user_id,
    parentId: row.parent_id,
    depth: Number(row.depth),
    comment: row.comment,
    isLocked: row.is_locked !== 0,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  }
}

export interface NewComment {
  threadId: number
  userId: number
  parent: ThreadComment | null
  comment: string
  isLocked: boolean
  createdAt: number
}

/** Stores a comment and refreshes its thread's reply figures; run it in a transaction. */
export async function createComment(db: Db, input: NewComment): Promise<ThreadComment> {
  const row = await db
    .insertInto('forum_comments')
    .values({
      thread_id: input.threadId,
      user_id: input.userId,
      parent_id: input.parent?.id ?? null,
      depth: input.parent ? input.parent.depth + 1 : 0,
      comment: input.comment,
      is_locked: input.isLocked ? 1 : 0,
      created_at: input.createdAt,
      updated_at: input.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await refreshReplyFigures(db, input.threadId)
  return fromRow(row)
}

/** Changes a comment's text (the author's edit) or lock (a moderator's); returns it as it is now. */
export async function updateComment(db: Db, id: number, changes: { comment?: string; isLocked?: boolean }, now: number): Promise<ThreadComment | null> {
  const set: { comment?: string; is_locked?: number; updated_at?: number } = {}
  if (changes.comment !== undefined) {
    set.comment = changes.comment
    set.updated_at = now
  }
  if (changes.isLocked !== undefined) set.is_locked = changes.isLocked ? 1 : 0
  if (Object.keys(set).length > 0) await db.updateTable('forum_comments').set(set).where('id', '=', id).execute()
  return loadComment(db, id)
}

export async function loadCommentsByIds(db: Db, ids: readonly number[]): Promise<Map<number, ThreadComment>> {
  if (ids.length === 0) return new Map()
  const rows = await db.selectFrom('forum_comments').selectAll().where('id', 'in', [...new Set(ids)]).execute()
  return new Map(rows.map((r) => [r.id, fromRow(r)]))
}

export async function loadComment(db: Db, id: number): Promise<ThreadComment | null> {
  return (await loadCommentsByIds(db, [id])).get(id) ?? null
}

/** A comment and its replies, as childComments holds them. */
export interface CommentNode {
  comment: ThreadComment
  children: CommentNode[]
}

/**
 * Each comment's replies as trees, oldest first: one query per level (at most MAX_COMMENT_DEPTH),
 * whatever the number of comments; each tree stops at MAX_CHILD_COMMENTS replies.
 */
export async function replyTrees(db: Db, roots: readonly ThreadComment[]): Promise<Map<number, CommentNode[]>> {
  const out = new Map<number, CommentNode[]>(roots.map((r) => [r.id, []]))
  // Which root each comment of the current level belongs to, and where its replies go.
  let level = new Map<number, { root: number; into: CommentNode[] }>(roots.map((r) => [r.id, { root: r.id, into: out.get(r.id)! }]))
  const sizes = new Map<number, number>(roots.map((r) => [r.id, 0]))
  for (let depth = 0; depth < MAX_COMMENT_DEPTH && level.size > 0; depth++) {
    const rows = await db.selectFrom('forum_comments').selectAll().where('parent_id', 'in', [...level.keys()]).orderBy('id').execute()
    const next = new Map<number, { root: number; into: CommentNode[] }>()
    for (const row of rows) {
      const at = level.get(row.parent_id!)!
      const size = sizes.get(at.root)!
      if (size >= MAX_CHILD_COMMENTS) continue
      sizes.set(at.root, size + 1)
      const node: CommentNode = { comment: fromRow(row), children: [] }
      at.into.push(node)
      next.set(row.id, { root: at.root, into: node.children })
    }
    level = next
  }
  return out
}

/** AniList's Page.threadComments / Query.ThreadComment arguments. */
export interface CommentFilter {
  id?: number | null
  threadId?: number | null
  userId?: number | null
}

/**
 * The comments a filter names: by id, that comment; by user, their comments anywhere; by thread alone,
 * its comments on the thread itself (the replies come nested in childComments, as AniList answers).
 */
function filtered(db: Db, filter: CommentFilter) {
  let q = db.selectFrom('forum_comments')
  if (filter.id != null) q = q.where('id', '=', filter.id)
  if (filter.threadId != null) q = q.where('thread_id', '=', filter.threadId)
  if (filter.userId != null) q = q.where('user_id', '=', filter.userId)
  if (filter.id == null && filter.userId == null) q = q.where('parent_id', 'is', null)
  return q
}

export async function findComments(db: Db, filter: CommentFilter, sort: ReadonlyArray<string | null> | null | undefined, window: Window): Promise<ThreadComment[]> {
  const desc = (sort ?? []).find((s) => s !== null) === 'ID_DESC'
  const rows = await filtered(db, filter).selectAll().orderBy('id', desc ? 'desc' : 'asc').limit(window.limit).offset(window.offset).execute()
  return rows.map(fromRow)
}

export async function countComments(db: Db, filter: CommentFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The ids of a comment and of every reply below it. */
async function subtreeIds(db: Db, id: number): Promise<number[]> {
  const out = [id]
  let level = [id]
  // Depth is capped at creation, so this ends after MAX_COMMENT_DEPTH rounds; the bound guards it anyway.
  for (let i = 0; i <= MAX_COMMENT_DEPTH && level.length > 0; i++) {
    const rows = await db.selectFrom('forum_comments').select('id').where('parent_id', 'in', level).execute()
    level = rows.map((r) => r.id)
    out.push(...level)
  }
  return out
}

/** Deletes a comment with its replies (foreign key) and their likes, and refreshes the thread's figures. One transaction. */
export async function deleteComment(db: Kysely<Tables>, comment: ThreadComment): Promise<boolean> {
  return db.transaction().execute((trx) => deleteCommentIn(trx, comment))
}

/** deleteComment inside a transaction the caller holds (a moderator's deletion, with its record). */
export async function deleteCommentIn(trx: Transaction<Tables>, comment: ThreadComment): Promise<boolean> {
  await deleteLikesOf(trx, 'THREAD_COMMENT', await subtreeIds(trx, comment.id))
  const result = await trx.deleteFrom('forum_comments').where('id', '=', comment.id).executeTakeFirst()
  await refreshReplyFigures(trx, comment.threadId)
  return Number(result.numDeletedRows) > 0
}

/** A thread's comments on the thread itself (oldest first, within the window), each with its tree of replies: the thread page. */
/**
 * Where a comment stands among its thread's comments on the thread itself: the 0-based position of the
 * comment it replies to at the top (itself when it is one), in id order, the thread page's order.
 */
export async function rootPosition(db: Db, comment: ThreadComment): Promise<number> {
  let root: ThreadComment | null = comment
  // Depth is capped at creation: at most MAX_COMMENT_DEPTH steps up.
  for (let i = 0; root && root.parentId !== null && i <= MAX_COMMENT_DEPTH; i++) root = await loadComment(db, root.parentId)
  if (!root) return 0
  const row = await db
    .selectFrom('forum_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('thread_id', '=', root.threadId)
    .where('parent_id', 'is', null)
    .where('id', '<', root.id)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function threadCommentTree(db: Db, threadId: number, window: Window): Promise<CommentNode[]> {
  const roots = await findComments(db, { threadId }, null, window)
  const trees = await replyTrees(db, roots)
  return roots.map((comment) => ({ comment, children: trees.get(comment.id) ?? [] }))
}

/**
 * Deletes every comment of a user with the replies below them and their likes (an account's
 * deletion, in its transaction); returns the threads whose figures need refreshing.
 */
export async function deleteCommentsOfUser(trx: Transaction<Tables>, userId: number): Promise<number[]> {
  const own = await trx.selectFrom('forum_comments').select(['id', 'thread_id']).where('user_id', '=', userId).execute()
  const ids: number[] = []
  for (const c of own) ids.push(...(await subtreeIds(trx, c.id)))
  await deleteLikesOf(trx, 'THREAD_COMMENT', [...new Set(ids)])
  await trx.deleteFrom('forum_comments').where('user_id', '=', userId).execute()
  return [...new Set(own.map((c) => c.thread_id))]
}
