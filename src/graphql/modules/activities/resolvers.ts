/**
 * Resolvers for activities: Query.Activity, ActivityReply and Like, Page.activities, activityReplies
 * and likes, and the fields of the three activity types and of replies. Every list and count is read
 * through the request's loaders, so a page of 50 activities costs the same few statements as one.
 */
import { canSee, countActivities, findActivities, visibleActivityIds, type Activity, type ActivityFilter } from '../../../social/activity-store.js'
import { countReplies, findReplies, type ActivityReply } from '../../../social/reply-store.js'
import { countLikers, likersPage, type LikeableType } from '../../../social/likes.js'
import { likeableItem } from '../../../social/activity-actions.js'
import { checkArguments } from '../../../query/caps.js'
import { NotFoundError } from '../../../errors/refusals.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import type { PageRequest } from '../../server/page-request.js'
import { textAsHtml } from '../../server/text-html.js'
import { usersById } from '../users/loaders.js'
import { mediaById } from '../media/loaders.js'
import { activityById, likeableKey, likeCountOf, likedByViewer, likersOfItem, replyCountByActivity, repliesByActivity, subscribedByViewer } from './loaders.js'

type ActivityArgs = ActivityFilter & { sort?: ReadonlyArray<string | null> | null }

function activityQuery(args: ActivityArgs, ctx: GraphqlContext) {
  checkArguments(args)
  const { sort, ...filter } = args
  return { filter, sort: sort ?? null, viewerId: viewerId(ctx) }
}

/** An activity the viewer may see, through the request's loader; null otherwise. */
export async function visibleActivity(ctx: GraphqlContext, id: number | null | undefined): Promise<Activity | null> {
  if (id == null) return null
  const activity = await ctx.loaders.of(activityById).load(id)
  return activity && canSee(activity, viewerId(ctx)) ? activity : null
}

/** The GraphQL type of an activity. */
export const activityTypeName = (activity: Activity): 'TextActivity' | 'MessageActivity' | 'ListActivity' =>
  activity.type === 'TEXT' ? 'TextActivity' : activity.type === 'MESSAGE' ? 'MessageActivity' : 'ListActivity'

const isReply = (value: Activity | ActivityReply): value is ActivityReply => 'activityId' in value

/** A forum thread or comment (community/forum/), which tells its kind: the forum module's members of LikeableUnion. */
type ForumLikeable = { forumKind: 'THREAD' | 'THREAD_COMMENT' }
const isForumItem = (value: object): value is ForumLikeable => 'forumKind' in value

const Query: TypeResolvers<'Query', unknown> = {
  async Activity(_root, args: ActivityArgs, ctx) {
    const keys = Object.entries(args).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k)
    // By id alone: through the loader, so that aliased lookups cost one query.
    const found = keys.length === 1 && keys[0] === 'id' ? await visibleActivity(ctx, args.id) : (await findActivities(ctx.kiroku.db, activityQuery(args, ctx), { limit: 1, offset: 0 }))[0]
    if (!found) throw new NotFoundError()
    return found
  },
  async ActivityReply(_root, args: { id?: number | null; activityId?: number | null }, ctx) {
    const filter = { id: args.id ?? null, activityId: args.activityId ?? null, visibleActivities: visibleActivityIds(ctx.kiroku.db, viewerId(ctx)) }
    const [reply] = await findReplies(ctx.kiroku.db, filter, { limit: 1, offset: 0 })
    if (!reply) throw new NotFoundError()
    return reply
  },
  async Like(_root, args: { likeableId?: number | null; type?: LikeableType | null }, ctx) {
    const item = await likeableItem(ctx.kiroku.db, viewerId(ctx), args.type, args.likeableId, ctx.kiroku.likeableKinds)
    const [userId] = await likersPage(ctx.kiroku.db, item.type, args.likeableId!, { limit: 1, offset: 0 })
    return userId === undefined ? null : ctx.loaders.of(usersById).load(userId)
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async activities(page, args: ActivityArgs, ctx) {
    const activities = await findActivities(ctx.kiroku.db, activityQuery(args, ctx), page.window)
    for (const a of activities) ctx.loaders.of(activityById).prime(a.id, a)
    return activities
  },
  activityReplies(page, args: { id?: number | null; activityId?: number | null }, ctx) {
    return findReplies(ctx.kiroku.db, { id: args.id ?? null, activityId: args.activityId ?? null, visibleActivities: visibleActivityIds(ctx.kiroku.db, viewerId(ctx)) }, page.window)
  },
  async likes(page, args: { likeableId?: number | null; type?: LikeableType | null }, ctx) {
    const item = await likeableItem(ctx.kiroku.db, viewerId(ctx), args.type, args.likeableId, ctx.kiroku.likeableKinds)
    const ids = await likersPage(ctx.kiroku.db, item.type, args.likeableId!, page.window)
    return ctx.loaders.of(usersById).loadMany(ids)
  },
}

/** The fields every activity type shares, from its stored values and the request's loaders. */
const shared = {
  replyCount: (a: Activity, _args: unknown, ctx: GraphqlContext) => ctx.loaders.of(replyCountByActivity).load(a.id).then((n) => n ?? 0),
  likeCount: (a: Activity, _args: unknown, ctx: GraphqlContext) => ctx.loaders.of(likeCountOf).load(likeableKey('ACTIVITY', a.id)).then((n) => n ?? 0),
  async isLiked(a: Activity, _args: unknown, ctx: GraphqlContext) {
    const viewer = viewerId(ctx)
    return viewer !== null && (await ctx.loaders.of(likedByViewer).load(`${viewer}|${likeableKey('ACTIVITY', a.id)}`)) !== null
  },
  async isSubscribed(a: Activity, _args: unknown, ctx: GraphqlContext) {
    const viewer = viewerId(ctx)
    return viewer !== null && (await ctx.loaders.of(subscribedByViewer).load(`${viewer}:${a.id}`)) !== null
  },
  isLocked: (a: Activity) => a.isLocked,
  siteUrl: (a: Activity, _args: unknown, ctx: GraphqlContext) => `${ctx.kiroku.config.publicUrl}/activity/${a.id}`,
  replies: (a: Activity, _args: unknown, ctx: GraphqlContext) => ctx.loaders.of(repliesByActivity).load(a.id).then((r) => r ?? []),
  async likes(a: Activity, _args: unknown, ctx: GraphqlContext) {
    return ctx.loaders.of(usersById).loadMany((await ctx.loaders.of(likersOfItem).load(likeableKey('ACTIVITY', a.id))) ?? [])
  },
}

const ListActivity: TypeResolvers<'ListActivity', Activity> = {
  ...shared,
  isPinned: (a) => a.pinnedAt !== null,
  user: (a, _args, ctx) => ctx.loaders.of(usersById).load(a.userId),
  media: (a, _args, ctx) => (a.mediaId === null ? null : ctx.loaders.of(mediaById).load(a.mediaId)),
}

const TextActivity: TypeResolvers<'TextActivity', Activity> = {
  ...shared,
  isPinned: (a) => a.pinnedAt !== null,
  text: (a, args, ctx) => (a.text !== null && args.asHtml ? textAsHtml(ctx, 'markdown', a.text) : a.text),
  user: (a, _args, ctx) => ctx.loaders.of(usersById).load(a.userId),
}

const MessageActivity: TypeResolvers<'MessageActivity', Activity> = {
  ...shared,
  recipientId: (a) => a.userId,
  message: (a, args, ctx) => (a.text !== null && args.asHtml ? textAsHtml(ctx, 'markdown', a.text) : a.text),
  recipient: (a, _args, ctx) => ctx.loaders.of(usersById).load(a.userId),
  messenger: (a, _args, ctx) => (a.messengerId === null ? null : ctx.loaders.of(usersById).load(a.messengerId)),
}

const ActivityReplyFields: TypeResolvers<'ActivityReply', ActivityReply> = {
  text: (r, args, ctx) => (args.asHtml ? textAsHtml(ctx, 'markdown', r.text) : r.text),
  likeCount: (r, _args, ctx) => ctx.loaders.of(likeCountOf).load(likeableKey('ACTIVITY_REPLY', r.id)).then((n) => n ?? 0),
  async isLiked(r, _args, ctx) {
    const viewer = viewerId(ctx)
    return viewer !== null && (await ctx.loaders.of(likedByViewer).load(`${viewer}|${likeableKey('ACTIVITY_REPLY', r.id)}`)) !== null
  },
  user: (r, _args, ctx) => ctx.loaders.of(usersById).load(r.userId),
  async likes(r, _args, ctx) {
    return ctx.loaders.of(usersById).loadMany((await ctx.loaders.of(likersOfItem).load(likeableKey('ACTIVITY_REPLY', r.id))) ?? [])
  },
}

/** The unions: an activity by its type, a liked item by its kind (`resolveType`, as Mercurius names it). */
const unions = {
  ActivityUnion: { resolveType: (a: Activity) => activityTypeName(a) },
  LikeableUnion: {
    resolveType: (v: Activity | ActivityReply | ForumLikeable) =>
      isForumItem(v) ? (v.forumKind === 'THREAD' ? 'Thread' : 'ThreadComment') : isReply(v) ? 'ActivityReply' : activityTypeName(v),
  },
}

/**
 * The activity fields of the notifications (notification-fields.graphql, not loaded yet): the activity
 * a notification names, when it still exists and the viewer may see it.
 */
export const notificationActivityResolvers = {
  ActivityMessageNotification: { message: (n: { activityId: number | null }, _args: unknown, ctx: GraphqlContext) => visibleActivity(ctx, n.activityId) },
  ...Object.fromEntries(
    ['ActivityReplyNotification', 'ActivityMentionNotification', 'ActivityReplySubscribedNotification', 'ActivityLikeNotification', 'ActivityReplyLikeNotification'].map((type) => [
      type,
      { activity: (n: { activityId: number | null }, _args: unknown, ctx: GraphqlContext) => visibleActivity(ctx, n.activityId) },
    ]),
  ),
}

export const activityResolvers = { Query, Page, ListActivity, TextActivity, MessageActivity, ActivityReply: ActivityReplyFields, ...unions }

/** How many activities Page.activities matches. */
export const countMatchingActivities = (args: Record<string, unknown>, ctx: GraphqlContext) => countActivities(ctx.kiroku.db, activityQuery(args as ActivityArgs, ctx))

/** How many replies Page.activityReplies matches. */
export const countMatchingReplies = (args: Record<string, unknown>, ctx: GraphqlContext) =>
  countReplies(ctx.kiroku.db, { id: (args.id as number | null) ?? null, activityId: (args.activityId as number | null) ?? null, visibleActivities: visibleActivityIds(ctx.kiroku.db, viewerId(ctx)) })

/** How many users like the item Page.likes names. */
export async function countMatchingLikers(args: Record<string, unknown>, ctx: GraphqlContext): Promise<number> {
  const item = await likeableItem(ctx.kiroku.db, viewerId(ctx), args.type as LikeableType | null, args.likeableId as number | null, ctx.kiroku.likeableKinds)
  return countLikers(ctx.kiroku.db, item.type, args.likeableId as number)
}
