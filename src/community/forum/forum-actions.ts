/**
 * The rules of the forum's mutations, shared by the GraphQL API and the site: who may post, edit,
 * delete, lock and sticky, the posting limit, the sizes of what is written, and the notifications
 * each comment raises, written in the same transaction as the comment.
 *
 * - Title and body are required (capped); a new thread has one to MAX_CATEGORIES known categories and
 *   at most MAX_MEDIA_CATEGORIES works of the catalog.
 * - Only the author edits a thread or comment; the author or a moderator deletes it; only moderators
 *   lock and sticky (others get AniList's 401 "You do not have permission…", never silence).
 * - A locked thread takes no new comments; a locked comment locks its tree: neither it nor any reply
 *   below it takes replies or edits.
 * - Replies nest at most MAX_COMMENT_DEPTH deep.
 * - The author is subscribed to their thread. A comment tells the parent comment's author
 *   (THREAD_COMMENT_REPLY), the users it @names (THREAD_COMMENT_MENTION) and the subscribers
 *   (THREAD_SUBSCRIBED): each user once per comment, in that order, never the commenter.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors/refusals.js'
import { hasRole } from '../../accounts/roles.js'
import { recordModAction } from '../moderation/mod-actions.js'
import { findUsersByNames } from '../../accounts/user-query.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { findMentions } from '../../markdown/mentions.js'
import { checkPostingLimit } from '../../social/posting-limit.js'
import { raiseNotifications, wantsNotification, type NewNotification } from '../../social/notification-store.js'
import { getProfiles } from '../../accounts/profiles.js'
import type { SocialDeps } from '../../social/activity-actions.js'
import { categoryById } from './categories.js'
import { createThread, deleteThread, deleteThreadIn, loadThread, updateThread, type Thread, type ThreadChanges } from './thread-store.js'
import { createComment, deleteComment, deleteCommentIn, loadComment, MAX_COMMENT_DEPTH, updateComment, type ThreadComment } from './comment-store.js'
import { setThreadSubscription, subscribedThreadsAmong, threadSubscribers } from './thread-subscriptions.js'

/** What the forum's rules need from the server: the social layer's (database, clock, posting limit). */
export type ForumDeps = Pick<SocialDeps, 'db' | 'clock' | 'postingLimit'>

export const MAX_TITLE_LENGTH = 200
export const MAX_THREAD_BODY_LENGTH = 20_000
export const MAX_COMMENT_LENGTH = 10_000
export const MAX_CATEGORIES = 5
export const MAX_MEDIA_CATEGORIES = 10

function text(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError({ [field]: [`The ${field} field is required.`] })
  if (value.length > max) throw new ValidationError({ [field]: [`The ${field} may not be greater than ${max} characters.`] })
  return value
}

function requiredId(field: string, value: number | null | undefined): number {
  if (value == null) throw new ValidationError({ [field]: [`The ${field} field is required.`] })
  return value
}

const notYours = () => new ForbiddenError('You do not have permission to change this.')
const modsOnly = () => new ForbiddenError('Only moderators may lock or sticky.')

function categoryIds(value: ReadonlyArray<number | null> | null | undefined): number[] {
  const ids = [...new Set((value ?? []).filter((v): v is number => v !== null))]
  if (ids.length === 0) throw new ValidationError({ categories: ['The categories field is required.'] })
  if (ids.length > MAX_CATEGORIES) throw new ValidationError({ categories: [`The categories may not have more than ${MAX_CATEGORIES} items.`] })
  if (ids.some((id) => !categoryById(id))) throw new ValidationError({ categories: ['The selected categories is invalid.'] })
  return ids
}

async function mediaIds(db: Kysely<Tables>, value: ReadonlyArray<number | null> | null | undefined): Promise<number[]> {
  const ids = [...new Set((value ?? []).filter((v): v is number => v !== null))]
  if (ids.length > MAX_MEDIA_CATEGORIES) throw new ValidationError({ mediaCategories: [`The media categories may not have more than ${MAX_MEDIA_CATEGORIES} items.`] })
  const found = await loadMediaByIds(db, ids)
  if (ids.some((id) => !found.has(id))) throw new ValidationError({ mediaCategories: ['The selected media categories is invalid.'] })
  return ids
}

export const isModerator = (db: Kysely<Tables>, userId: number) => hasRole(db, userId, 'moderator')

async function existingThread(db: Kysely<Tables> | Transaction<Tables>, id: number): Promise<Thread> {
  const thread = await loadThread(db, id)
  if (!thread) throw new NotFoundError()
  return thread
}

export interface SaveThreadInput {
  id?: number | null
  title?: string | null
  body?: string | null
  categories?: ReadonlyArray<number | null> | null
  mediaCategories?: ReadonlyArray<number | null> | null
  sticky?: boolean | null
  locked?: boolean | null
}

/** SaveThread: a new thread (no id), the author's edit, or a moderator's lock and sticky. */
export async function saveThread(deps: ForumDeps, viewerId: number, input: SaveThreadInput): Promise<Thread> {
  const { db, clock } = deps
  if (input.id != null) {
    const thread = await existingThread(db, input.id)
    const changes: ThreadChanges = {}
    const writes = input.title != null || input.body != null || input.categories != null || input.mediaCategories != null
    if (writes && thread.userId !== viewerId) throw notYours()
    if (input.title != null) changes.title = text('title', input.title, MAX_TITLE_LENGTH)
    if (input.body != null) changes.body = text('body', input.body, MAX_THREAD_BODY_LENGTH)
    if (input.categories != null) changes.categoryIds = categoryIds(input.categories)
    if (input.mediaCategories != null) changes.mediaIds = await mediaIds(db, input.mediaCategories)
    const lockChange = input.locked != null && input.locked !== thread.isLocked
    const stickyChange = input.sticky != null && input.sticky !== thread.isSticky
    if (lockChange || stickyChange) {
      if (!(await isModerator(db, viewerId))) throw modsOnly()
      if (lockChange) changes.isLocked = input.locked!
      if (stickyChange) changes.isSticky = input.sticky!
    }
    if (!writes && !lockChange && !stickyChange && thread.userId !== viewerId && !(await isModerator(db, viewerId))) throw notYours()
    return db.transaction().execute(async (trx) => {
      // A lock or sticky is a moderator's act: the moderators' record (InternalPage.modActions) keeps it.
      if (lockChange || stickyChange) {
        const data = JSON.stringify({ ...(lockChange ? { locked: input.locked } : {}), ...(stickyChange ? { sticky: input.sticky } : {}) })
        await recordModAction(trx, clock, { modId: viewerId, userId: thread.userId, type: 'EDIT', objectId: thread.id, objectType: 'Thread', data })
      }
      return (await updateThread(trx, thread.id, changes, clock()))!
    })
  }
  const title = text('title', input.title, MAX_TITLE_LENGTH)
  const body = text('body', input.body, MAX_THREAD_BODY_LENGTH)
  const categories = categoryIds(input.categories)
  const media = await mediaIds(db, input.mediaCategories)
  if ((input.locked === true || input.sticky === true) && !(await isModerator(db, viewerId))) throw modsOnly()
  await checkPostingLimit(deps.postingLimit, viewerId)
  return db.transaction().execute(async (trx) => {
    const thread = await createThread(trx, { userId: viewerId, title, body, categoryIds: categories, mediaIds: media, isLocked: input.locked === true, isSticky: input.sticky === true, createdAt: clock() })
    await setThreadSubscription(trx, viewerId, thread.id, true)
    return thread
  })
}

/** DeleteThread: the author's or a moderator's. */
export async function deleteThreadOf(deps: ForumDeps, viewerId: number, id: number | null | undefined): Promise<boolean> {
  const thread = await existingThread(deps.db, requiredId('id', id))
  if (thread.userId === viewerId) return deleteThread(deps.db, thread.id)
  if (!(await isModerator(deps.db, viewerId))) throw notYours()
  // A moderator deleting someone else's thread: the record keeps its title, so the act can be told later.
  return deps.db.transaction().execute(async (trx) => {
    await recordModAction(trx, deps.clock, { modId: viewerId, userId: thread.userId, type: 'DELETE', objectId: thread.id, objectType: 'Thread', data: JSON.stringify({ title: thread.title }) })
    return deleteThreadIn(trx, thread.id)
  })
}

/** ToggleThreadSubscription: subscribes (true), unsubscribes (false) or flips (null). */
export async function toggleThreadSubscription(deps: ForumDeps, viewerId: number, threadId: number | null | undefined, subscribe: boolean | null | undefined): Promise<Thread> {
  const thread = await existingThread(deps.db, requiredId('threadId', threadId))
  const on = subscribe ?? !(await subscribedThreadsAmong(deps.db, viewerId, [thread.id])).has(thread.id)
  await setThreadSubscription(deps.db, viewerId, thread.id, on)
  return thread
}

/** Whether the comment or one above it is locked (a locked comment locks its whole tree). At most MAX_COMMENT_DEPTH reads. */
async function inLockedTree(db: Kysely<Tables>, comment: ThreadComment): Promise<boolean> {
  let at: ThreadComment | null = comment
  for (let i = 0; at && i <= MAX_COMMENT_DEPTH; i++) {
    if (at.isLocked) return true
    at = at.parentId === null ? null : await loadComment(db, at.parentId)
  }
  return false
}

export interface SaveCommentInput {
  id?: number | null
  threadId?: number | null
  parentCommentId?: number | null
  comment?: string | null
  locked?: boolean | null
}

/**
 * The notifications of a new comment: the parent's author, the @named, the subscribers; each user once,
 * by the first of those kinds they have not switched off (a subscriber who turned replies off is still
 * told as a subscriber).
 */
async function commentNotifications(trx: Transaction<Tables>, thread: Thread, comment: ThreadComment, parent: ThreadComment | null): Promise<NewNotification[]> {
  const about = { actorId: comment.userId, threadId: thread.id, threadCommentId: comment.id }
  const notes: NewNotification[] = []
  if (parent) notes.push({ ...about, userId: parent.userId, type: 'THREAD_COMMENT_REPLY' })
  const names = findMentions(comment.comment)
  if (names.length > 0) for (const user of (await findUsersByNames(trx, names)).values()) notes.push({ ...about, userId: user.id, type: 'THREAD_COMMENT_MENTION' })
  for (const userId of await threadSubscribers(trx, thread.id)) notes.push({ ...about, userId, type: 'THREAD_SUBSCRIBED' })
  const others = notes.filter((n) => n.userId !== comment.userId)
  const profiles = await getProfiles(trx, others.map((n) => n.userId))
  const seen = new Set<number>()
  return others.filter((n) => wantsNotification(profiles.get(n.userId)!.options, n.type) && !seen.has(n.userId) && seen.add(n.userId))
}

/** SaveThreadComment: a new comment or reply (no id), the author's edit, or a moderator's lock. */
export async function saveThreadComment(deps: ForumDeps, viewerId: number, input: SaveCommentInput): Promise<ThreadComment> {
  const { db, clock } = deps
  if (input.id != null) {
    const existing = await loadComment(db, input.id)
    if (!existing) throw new NotFoundError()
    const changes: { comment?: string; isLocked?: boolean } = {}
    if (input.comment != null) {
      if (existing.userId !== viewerId) throw notYours()
      if (await inLockedTree(db, existing)) throw new ForbiddenError('This comment is locked.')
      changes.comment = text('comment', input.comment, MAX_COMMENT_LENGTH)
    }
    if (input.locked != null && input.locked !== existing.isLocked) {
      if (!(await isModerator(db, viewerId))) throw modsOnly()
      changes.isLocked = input.locked
    }
    if (Object.keys(changes).length === 0 && existing.userId !== viewerId) throw notYours()
    if (changes.isLocked === undefined) return (await updateComment(db, existing.id, changes, clock()))!
    return db.transaction().execute(async (trx) => {
      await recordModAction(trx, clock, { modId: viewerId, userId: existing.userId, type: 'EDIT', objectId: existing.id, objectType: 'ThreadComment', data: JSON.stringify({ locked: changes.isLocked }) })
      return (await updateComment(trx, existing.id, changes, clock()))!
    })
  }
  const comment = text('comment', input.comment, MAX_COMMENT_LENGTH)
  let parent: ThreadComment | null = null
  let threadId = input.threadId
  if (input.parentCommentId != null) {
    parent = await loadComment(db, input.parentCommentId)
    if (!parent || (threadId != null && parent.threadId !== threadId)) throw new NotFoundError()
    threadId = parent.threadId
    if (parent.depth + 1 > MAX_COMMENT_DEPTH) throw new ValidationError({ parentCommentId: [`Replies may nest at most ${MAX_COMMENT_DEPTH} deep.`] })
    if (await inLockedTree(db, parent)) throw new ForbiddenError('This comment is locked.')
  }
  const thread = await existingThread(db, requiredId('threadId', threadId))
  if (thread.isLocked) throw new ForbiddenError('This thread is locked.')
  if (input.locked === true && !(await isModerator(db, viewerId))) throw modsOnly()
  await checkPostingLimit(deps.postingLimit, viewerId)
  return db.transaction().execute(async (trx) => {
    const saved = await createComment(trx, { threadId: thread.id, userId: viewerId, parent, comment, isLocked: input.locked === true, createdAt: clock() })
    await raiseNotifications(trx, clock, await commentNotifications(trx, thread, saved, parent))
    return saved
  })
}

/** DeleteThreadComment: the author's or a moderator's; its replies go with it. */
export async function deleteThreadCommentOf(deps: ForumDeps, viewerId: number, id: number | null | undefined): Promise<boolean> {
  const comment = await loadComment(deps.db, requiredId('id', id))
  if (!comment) throw new NotFoundError()
  if (comment.userId === viewerId) return deleteComment(deps.db, comment)
  if (!(await isModerator(deps.db, viewerId))) throw notYours()
  return deps.db.transaction().execute(async (trx) => {
    await recordModAction(trx, deps.clock, { modId: viewerId, userId: comment.userId, type: 'DELETE', objectId: comment.id, objectType: 'ThreadComment', data: JSON.stringify({ threadId: comment.threadId }) })
    return deleteCommentIn(trx, comment)
  })
}
