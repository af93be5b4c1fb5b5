/**
 * The rules of the activity mutations, shared by every way in (today the GraphQL API): who may post,
 * edit, delete, pin, lock, subscribe and like, the posting limit, the length of what is written,
 * and the notifications each change raises — written in the same transaction as the change.
 *
 * - An activity or reply the asker may not see (a private message of others) is not found.
 * - Only the author edits or deletes a text activity, list activity or reply; a message is edited by
 *   its messenger and deleted by its messenger or its recipient. Others get AniList's 401.
 * - A recipient with `restrictMessagesToFollowing` takes messages only from users they follow.
 * - A locked activity takes no more replies.
 * - Notifications: ACTIVITY_MESSAGE (the recipient), ACTIVITY_REPLY (the activity's owners),
 *   ACTIVITY_REPLY_SUBSCRIBED (other subscribers), ACTIVITY_MENTION (users @named), ACTIVITY_LIKE and
 *   ACTIVITY_REPLY_LIKE (the author); each user at most one per post, never about their own action.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors/refusals.js'
import { findUsersByNames } from '../accounts/user-query.js'
import { findUserById } from '../accounts/users.js'
import { getProfile } from '../accounts/profiles.js'
import { findMentions } from '../markdown/mentions.js'
import { canSee, createActivity, deleteActivity, loadActivity, setPinned, updateActivity, type Activity } from './activity-store.js'
import { createReply, deleteReply, loadReply, updateReplyText, type ActivityReply } from './reply-store.js'
import { toggleLike, type LikeableType } from './likes.js'
import { setSubscription, subscribersOf } from './subscriptions.js'
import { follows } from './follows.js'
import { hasEarlierNotification, raiseNotifications, type NewNotification } from './notification-store.js'
import type { NotificationType } from './notification-types.js'
import { checkPostingLimit, type PostingLimit } from './posting-limit.js'
import type { ForeignLikeable, LikeableKind } from './likeable-kinds.js'

/** What the rules need from the server. */
export interface SocialDeps {
  db: Kysely<Tables>
  clock: Clock
  postingLimit: PostingLimit
  /** The likeable items of layers above (the forum's), when the caller serves them. */
  likeableKinds?: readonly LikeableKind[]
}

/** The longest text activity, message or reply, in characters. */
export const MAX_POST_LENGTH = 10_000

/** A like renotifies its item's author only after this many seconds: unliking and liking again does not notify twice in a row. */
export const LIKE_RENOTIFY_SECONDS = 3600

/** The text of a post, checked: present, not blank, at most MAX_POST_LENGTH characters. */
function postText(field: string, value: string | null | undefined): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError({ [field]: [`The ${field} field is required.`] })
  if (value.length > MAX_POST_LENGTH) throw new ValidationError({ [field]: [`The ${field} may not be greater than ${MAX_POST_LENGTH} characters.`] })
  return value
}

function requiredId(field: string, value: number | null | undefined): number {
  if (value == null) throw new ValidationError({ [field]: [`The ${field} field is required.`] })
  return value
}

/** The activity, if the viewer may see it; NotFoundError otherwise. */
async function visibleActivity(db: Kysely<Tables> | Transaction<Tables>, viewerId: number, id: number): Promise<Activity> {
  const activity = await loadActivity(db, id)
  if (!activity || !canSee(activity, viewerId)) throw new NotFoundError()
  return activity
}

/** Who wrote the activity: the messenger of a message, the owner of anything else. */
export const authorOf = (activity: Activity): number => activity.messengerId ?? activity.userId

const notYours = () => new ForbiddenError('You do not have permission to change this.')

/** Each user once, the first notification given for them winning. */
function oncePerUser(notes: readonly NewNotification[]): NewNotification[] {
  const seen = new Set<number>()
  return notes.filter((n) => !seen.has(n.userId) && seen.add(n.userId))
}

/** The mention notifications of a text: the users it @names, who may see it (`allowed`; everyone when null). */
async function mentionsIn(db: Transaction<Tables>, text: string, actorId: number, activityId: number, allowed: ReadonlySet<number> | null): Promise<NewNotification[]> {
  const names = findMentions(text)
  if (names.length === 0) return []
  const users = await findUsersByNames(db, names)
  return [...users.values()].filter((u) => allowed === null || allowed.has(u.id)).map((u) => ({ userId: u.id, type: 'ACTIVITY_MENTION' as NotificationType, actorId, activityId }))
}

/** SaveTextActivity: a new text activity (no id), or the author's edit of theirs. */
export async function saveTextActivity(deps: SocialDeps, viewerId: number, input: { id?: number | null; text?: string | null; locked?: boolean | null }): Promise<Activity> {
  const text = postText('text', input.text)
  if (input.id != null) {
    const activity = await visibleActivity(deps.db, viewerId, input.id)
    if (activity.type !== 'TEXT') throw new NotFoundError()
    if (activity.userId !== viewerId) throw notYours()
    return (await updateActivity(deps.db, activity.id, { text, ...(input.locked != null ? { isLocked: input.locked } : {}) }))!
  }
  await checkPostingLimit(deps.postingLimit, viewerId)
  return deps.db.transaction().execute(async (trx) => {
    const activity = await createActivity(trx, { type: 'TEXT', userId: viewerId, text, isLocked: input.locked === true, createdAt: deps.clock() })
    await setSubscription(trx, viewerId, activity.id, true)
    await raiseNotifications(trx, deps.clock, await mentionsIn(trx, text, viewerId, activity.id, null))
    return activity
  })
}

/** SaveMessageActivity: a message on the recipient's profile (no id), or the messenger's edit of theirs. */
export async function saveMessageActivity(
  deps: SocialDeps,
  viewerId: number,
  input: { id?: number | null; message?: string | null; recipientId?: number | null; private?: boolean | null; locked?: boolean | null },
): Promise<Activity> {
  const message = postText('message', input.message)
  if (input.id != null) {
    const activity = await visibleActivity(deps.db, viewerId, input.id)
    if (activity.type !== 'MESSAGE') throw new NotFoundError()
    if (activity.messengerId !== viewerId) throw notYours()
    const changes = { text: message, ...(input.private != null ? { isPrivate: input.private } : {}), ...(input.locked != null ? { isLocked: input.locked } : {}) }
    return (await updateActivity(deps.db, activity.id, changes))!
  }
  const recipientId = requiredId('recipientId', input.recipientId)
  const recipient = await findUserById(deps.db, recipientId)
  if (!recipient) throw new NotFoundError()
  if (recipientId !== viewerId) {
    const { options } = await getProfile(deps.db, recipientId)
    if (options.restrictMessagesToFollowing && !(await follows(deps.db, recipientId, viewerId))) throw new ForbiddenError('This user only takes messages from users they follow.')
  }
  await checkPostingLimit(deps.postingLimit, viewerId)
  const isPrivate = input.private === true
  return deps.db.transaction().execute(async (trx) => {
    const activity = await createActivity(trx, { type: 'MESSAGE', userId: recipientId, messengerId: viewerId, text: message, isPrivate, isLocked: input.locked === true, createdAt: deps.clock() })
    await setSubscription(trx, viewerId, activity.id, true)
    // A private message is seen by its two users alone: nobody else is told of it.
    const mentions = await mentionsIn(trx, message, viewerId, activity.id, isPrivate ? new Set([recipientId]) : null)
    await raiseNotifications(trx, deps.clock, oncePerUser([{ userId: recipientId, type: 'ACTIVITY_MESSAGE', actorId: viewerId, activityId: activity.id }, ...mentions]))
    return activity
  })
}

/** SaveListActivity: the author locks or unlocks their list activity (nothing else of it can change). */
export async function lockListActivity(deps: SocialDeps, viewerId: number, input: { id?: number | null; locked?: boolean | null }): Promise<Activity> {
  const activity = await visibleActivity(deps.db, viewerId, requiredId('id', input.id))
  if (activity.type !== 'ANIME_LIST' && activity.type !== 'MANGA_LIST') throw new NotFoundError()
  if (activity.userId !== viewerId) throw notYours()
  return input.locked == null ? activity : (await updateActivity(deps.db, activity.id, { isLocked: input.locked }))!
}

/** DeleteActivity: the author's (a message: its messenger's or its recipient's). */
export async function deleteActivityOf(deps: SocialDeps, viewerId: number, id: number | null | undefined): Promise<boolean> {
  const activity = await visibleActivity(deps.db, viewerId, requiredId('id', id))
  if (activity.userId !== viewerId && activity.messengerId !== viewerId) throw notYours()
  return deleteActivity(deps.db, activity.id)
}

/** ToggleActivityPin: the owner pins (true), unpins (false) or flips (null) their text or list activity. */
export async function toggleActivityPin(deps: SocialDeps, viewerId: number, id: number | null | undefined, pinned: boolean | null | undefined): Promise<Activity> {
  const activity = await visibleActivity(deps.db, viewerId, requiredId('id', id))
  if (activity.type === 'MESSAGE' || activity.userId !== viewerId) throw notYours()
  return setPinned(deps.db, activity, pinned ?? activity.pinnedAt === null, deps.clock())
}

/** ToggleActivitySubscription: the viewer subscribes (true), unsubscribes (false) or flips (null). */
export async function toggleActivitySubscription(deps: SocialDeps, viewerId: number, activityId: number | null | undefined, subscribe: boolean | null | undefined): Promise<Activity> {
  const activity = await visibleActivity(deps.db, viewerId, requiredId('activityId', activityId))
  const on = subscribe ?? !(await subscribersOf(deps.db, activity.id)).includes(viewerId)
  await setSubscription(deps.db, viewerId, activity.id, on)
  return activity
}

/** SaveActivityReply: a new reply to an activity that is not locked (no id), or the author's edit of theirs. */
export async function saveActivityReply(deps: SocialDeps, viewerId: number, input: { id?: number | null; activityId?: number | null; text?: string | null }): Promise<ActivityReply> {
  const text = postText('text', input.text)
  if (input.id != null) {
    const reply = await loadReply(deps.db, input.id)
    if (!reply) throw new NotFoundError()
    await visibleActivity(deps.db, viewerId, reply.activityId)
    if (reply.userId !== viewerId) throw notYours()
    return (await updateReplyText(deps.db, reply.id, text))!
  }
  const activity = await visibleActivity(deps.db, viewerId, requiredId('activityId', input.activityId))
  if (activity.isLocked) throw new ForbiddenError('This activity is locked.')
  await checkPostingLimit(deps.postingLimit, viewerId)
  return deps.db.transaction().execute(async (trx) => {
    const reply = await createReply(trx, { activityId: activity.id, userId: viewerId, text, createdAt: deps.clock() })
    const subscribers = await subscribersOf(trx, activity.id)
    await setSubscription(trx, viewerId, activity.id, true)
    const owners = [activity.userId, ...(activity.messengerId !== null ? [activity.messengerId] : [])]
    const allowed = activity.isPrivate ? new Set(owners) : null
    const notes: NewNotification[] = [
      ...owners.map((userId) => ({ userId, type: 'ACTIVITY_REPLY' as NotificationType, actorId: viewerId, activityId: activity.id })),
      ...(await mentionsIn(trx, text, viewerId, activity.id, allowed)),
      ...subscribers.filter((u) => allowed === null || allowed.has(u)).map((userId) => ({ userId, type: 'ACTIVITY_REPLY_SUBSCRIBED' as NotificationType, actorId: viewerId, activityId: activity.id })),
    ]
    await raiseNotifications(trx, deps.clock, oncePerUser(notes))
    return reply
  })
}

/** DeleteActivityReply: the reply's author's. */
export async function deleteActivityReplyOf(deps: SocialDeps, viewerId: number, id: number | null | undefined): Promise<boolean> {
  const reply = await loadReply(deps.db, requiredId('id', id))
  if (!reply) throw new NotFoundError()
  await visibleActivity(deps.db, viewerId, reply.activityId)
  if (reply.userId !== viewerId) throw notYours()
  return deleteReply(deps.db, reply.id)
}

/** A liked item: an activity, a reply, or an item of a layer above (a forum thread or comment), with what the answer shows of it. */
export type LikedItem =
  | { type: 'ACTIVITY'; activity: Activity }
  | { type: 'ACTIVITY_REPLY'; reply: ActivityReply }
  | { type: 'THREAD' | 'THREAD_COMMENT'; id: number; foreign: ForeignLikeable }

/** The item a like names, if the viewer may see it; NotFoundError for anything else (a forum item without its kind in `kinds`). */
export async function likeableItem(db: Kysely<Tables>, viewerId: number | null, type: LikeableType | null | undefined, id: number | null | undefined, kinds: readonly LikeableKind[] = []): Promise<LikedItem> {
  if (id == null || type == null) throw new NotFoundError()
  if (type === 'THREAD' || type === 'THREAD_COMMENT') {
    const foreign = await kinds.find((k) => k.type === type)?.find(db, viewerId, id)
    if (!foreign) throw new NotFoundError()
    return { type, id, foreign }
  }
  if (type === 'ACTIVITY') {
    const activity = await loadActivity(db, id)
    if (!activity || !canSee(activity, viewerId)) throw new NotFoundError()
    return { type, activity }
  }
  const reply = await loadReply(db, id)
  const activity = reply && (await loadActivity(db, reply.activityId))
  if (!reply || !activity || !canSee(activity, viewerId)) throw new NotFoundError()
  return { type, reply }
}

/** The id of a liked item. */
export const likedItemId = (item: LikedItem): number => (item.type === 'ACTIVITY' ? item.activity.id : item.type === 'ACTIVITY_REPLY' ? item.reply.id : item.id)

/** What the API answers with for a liked item. */
export const likedItemValue = (item: LikedItem): object => (item.type === 'ACTIVITY' ? item.activity : item.type === 'ACTIVITY_REPLY' ? item.reply : item.foreign.value)

/** Who a like tells, and what its notification names. */
function likeNotification(item: LikedItem): { authorId: number; note: Omit<NewNotification, 'userId' | 'actorId'> } {
  if (item.type === 'ACTIVITY') return { authorId: authorOf(item.activity), note: { type: 'ACTIVITY_LIKE', activityId: item.activity.id } }
  // The notification of a reply's like names its activity.
  if (item.type === 'ACTIVITY_REPLY') return { authorId: item.reply.userId, note: { type: 'ACTIVITY_REPLY_LIKE', activityId: item.reply.activityId } }
  return { authorId: item.foreign.authorId, note: item.foreign.notification }
}

/**
 * ToggleLike: the viewer likes the item or takes the like back. A new like tells the item's author,
 * unless the same like told them less than LIKE_RENOTIFY_SECONDS ago.
 */
export async function toggleLikeOf(deps: SocialDeps, viewerId: number, type: LikeableType | null | undefined, id: number | null | undefined): Promise<LikedItem> {
  const item = await likeableItem(deps.db, viewerId, type, id, deps.likeableKinds)
  const { authorId, note } = likeNotification(item)
  const now = deps.clock()
  await deps.db.transaction().execute(async (trx) => {
    const liked = await toggleLike(trx, item.type, likedItemId(item), viewerId, now)
    if (!liked || authorId === viewerId) return
    // Liking, unliking and liking again is one like to the author.
    const recent = await hasEarlierNotification(trx, {
      userId: authorId,
      type: note.type,
      actorId: viewerId,
      ...(note.activityId != null ? { activityId: note.activityId } : {}),
      ...(note.threadId != null ? { threadId: note.threadId } : {}),
      ...(note.threadCommentId != null ? { threadCommentId: note.threadCommentId } : {}),
      after: now - LIKE_RENOTIFY_SECONDS,
    })
    if (!recent) await raiseNotifications(trx, deps.clock, [{ ...note, userId: authorId, actorId: viewerId }])
  })
  return item
}
