/**
 * Resolvers for notifications: Page.notifications, Query.Notification, User.unreadNotificationCount
 * and the fields of each notification type. A user reads only their own notifications (a 401
 * without a token); `resetNotificationCount` marks them all read once the page has been read. Users
 * and works load through their modules' loaders, so a page of notifications costs one query of each.
 */
import type { User } from '../../../accounts/users.js'
import { countNotifications, listNotifications, markAllRead, type Notification } from '../../../social/notification-store.js'
import { isNotificationType, type NotificationType } from '../../../social/notification-types.js'
import { checkArguments } from '../../../query/caps.js'
import { NotFoundError, UnauthorizedError } from '../../../errors/refusals.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import type { PageRequest } from '../../server/page-request.js'
import { usersById } from '../users/loaders.js'
import { mediaById } from '../media/loaders.js'
import { AIRING_CONTEXTS, NOTIFICATION_CONTEXTS } from './contexts.js'
import { unreadNotifications } from './loaders.js'

/** The GraphQL type of each kind of notification Kiroku raises. */
export const NOTIFICATION_TYPE_NAMES: Readonly<Partial<Record<NotificationType, string>>> = {
  AIRING: 'AiringNotification',
  FOLLOWING: 'FollowingNotification',
  ACTIVITY_MESSAGE: 'ActivityMessageNotification',
  ACTIVITY_MENTION: 'ActivityMentionNotification',
  ACTIVITY_REPLY: 'ActivityReplyNotification',
  ACTIVITY_REPLY_SUBSCRIBED: 'ActivityReplySubscribedNotification',
  ACTIVITY_LIKE: 'ActivityLikeNotification',
  ACTIVITY_REPLY_LIKE: 'ActivityReplyLikeNotification',
  THREAD_COMMENT_MENTION: 'ThreadCommentMentionNotification',
  THREAD_COMMENT_REPLY: 'ThreadCommentReplyNotification',
  THREAD_SUBSCRIBED: 'ThreadCommentSubscribedNotification',
  THREAD_COMMENT_LIKE: 'ThreadCommentLikeNotification',
  THREAD_LIKE: 'ThreadLikeNotification',
  RELATED_MEDIA_ADDITION: 'RelatedMediaAdditionNotification',
  MEDIA_DATA_CHANGE: 'MediaDataChangeNotification',
  MEDIA_MERGE: 'MediaMergeNotification',
  MEDIA_DELETION: 'MediaDeletionNotification',
}

/** The kinds the union answers (the Thread* types and their fields are the forum module's). */
const SERVED_TYPES = Object.keys(NOTIFICATION_TYPE_NAMES) as NotificationType[]

export interface NotificationArgs {
  type?: string | null
  type_in?: ReadonlyArray<string | null> | null
  resetNotificationCount?: boolean | null
}

/**
 * The types asked for: `type` and `type_in` together keep only those in both; either alone is the
 * filter; neither, every type served. Only served types are read, so no row of a kind the union
 * cannot answer is ever resolved.
 */
export function typesOf(args: NotificationArgs): NotificationType[] {
  checkArguments(args)
  let types: readonly string[] = SERVED_TYPES
  if (args.type != null) types = types.filter((t) => t === args.type)
  if (args.type_in != null) {
    const wanted = new Set(args.type_in.filter((t): t is string => t !== null))
    types = types.filter((t) => wanted.has(t))
  }
  return types.filter(isNotificationType)
}

/** The viewer, or a 401: notifications are their recipient's alone. */
function recipientOf(ctx: GraphqlContext): number {
  const viewer = viewerId(ctx)
  if (viewer === null) throw new UnauthorizedError()
  return viewer
}

/** Marks everything read once the answer's notifications have been read, when asked to. */
async function resetIfAsked(args: NotificationArgs, userId: number, ctx: GraphqlContext): Promise<void> {
  if (args.resetNotificationCount !== true) return
  await markAllRead(ctx.kiroku.db, userId)
  ctx.loaders.of(unreadNotifications).forget(userId)
  ctx.loaders.of(unreadNotifications).prime(userId, 0)
}

const Query: TypeResolvers<'Query', unknown> = {
  async Notification(_root, args: NotificationArgs, ctx) {
    const userId = recipientOf(ctx)
    const [first] = await listNotifications(ctx.kiroku.db, userId, typesOf(args), { limit: 1, offset: 0 })
    await resetIfAsked(args, userId, ctx)
    if (!first) throw new NotFoundError()
    return first
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async notifications(page, args: NotificationArgs, ctx) {
    const userId = recipientOf(ctx)
    const found = await listNotifications(ctx.kiroku.db, userId, typesOf(args), page.window)
    await resetIfAsked(args, userId, ctx)
    return found
  },
}

const UserFields: TypeResolvers<'User', User> = {
  /** The viewer's own count; null on anyone else, as the count is private. */
  unreadNotificationCount: (user, _args, ctx) => (viewerId(ctx) === user.id ? ctx.loaders.of(unreadNotifications).load(user.id) : null),
}

/** The fields every notification type shares, by the stored row. */
const common = {
  id: (n: Notification) => n.id,
  type: (n: Notification) => n.type,
  createdAt: (n: Notification) => n.createdAt,
}

/** The fields of the notifications a user caused (follow, message, reply, like, mention). */
const fromUser = {
  ...common,
  userId: (n: Notification) => n.actorId,
  activityId: (n: Notification) => n.activityId,
  context: (n: Notification) => NOTIFICATION_CONTEXTS[n.type] ?? null,
  user: (n: Notification, _args: unknown, ctx: GraphqlContext) => (n.actorId === null ? null : ctx.loaders.of(usersById).load(n.actorId)),
}

/** The fields of the notifications about a work (airing, addition, change, merge, deletion). */
const aboutMedia = {
  ...common,
  mediaId: (n: Notification) => n.mediaId,
  context: (n: Notification) => n.context ?? NOTIFICATION_CONTEXTS[n.type] ?? null,
  reason: (n: Notification) => n.reason,
  media: (n: Notification, _args: unknown, ctx: GraphqlContext) => (n.mediaId === null ? null : ctx.loaders.of(mediaById).load(n.mediaId)),
}

const AiringNotification = {
  ...common,
  animeId: (n: Notification) => n.mediaId,
  episode: (n: Notification) => n.episode,
  contexts: () => AIRING_CONTEXTS,
  media: aboutMedia.media,
}

const FollowingNotification = { ...common, userId: fromUser.userId, context: fromUser.context, user: fromUser.user }

const MediaMergeNotification = { ...aboutMedia, deletedMediaTitles: (n: Notification) => n.deletedTitles ?? [] }

const MediaDeletionNotification = {
  ...common,
  context: aboutMedia.context,
  reason: aboutMedia.reason,
  deletedMediaTitle: (n: Notification) => n.deletedTitles?.[0] ?? null,
}

export const notificationResolvers = {
  Query,
  Page,
  User: UserFields,
  // Mercurius reads a union's `resolveType` (not `__resolveType`).
  NotificationUnion: { resolveType: (n: Notification) => NOTIFICATION_TYPE_NAMES[n.type] ?? null },
  AiringNotification,
  FollowingNotification,
  ActivityMessageNotification: fromUser,
  ActivityMentionNotification: fromUser,
  ActivityReplyNotification: fromUser,
  ActivityReplySubscribedNotification: fromUser,
  ActivityLikeNotification: fromUser,
  ActivityReplyLikeNotification: fromUser,
  RelatedMediaAdditionNotification: { ...common, mediaId: aboutMedia.mediaId, context: aboutMedia.context, media: aboutMedia.media },
  MediaDataChangeNotification: aboutMedia,
  MediaMergeNotification,
  MediaDeletionNotification,
}

/** How many notifications the viewer's Page.notifications matches (for pageInfo); 401 without a token. */
export const countViewerNotifications = (args: Record<string, unknown>, ctx: GraphqlContext) =>
  countNotifications(ctx.kiroku.db, recipientOf(ctx), typesOf(args as NotificationArgs))
