/**
 * Resolvers for the forum: Query.Thread and ThreadComment, Page.threads and threadComments, the
 * fields of Thread, ThreadCategory and ThreadComment, and the five thread notifications. Every list,
 * count and user is read through the request's loaders, so a page of threads costs a few statements
 * whatever its size.
 */
import { countThreads, findThreads, type Thread, type ThreadFilter, type ThreadQuery } from '../../../community/forum/thread-store.js'
import { countComments, findComments, type CommentFilter, type CommentNode, type ThreadComment } from '../../../community/forum/comment-store.js'
import { categoryById, type ThreadCategory } from '../../../community/forum/categories.js'
import type { Notification } from '../../../social/notification-store.js'
import { checkArguments } from '../../../query/caps.js'
import { MAX_PER_PAGE } from '../../../query/paging.js'
import { NotFoundError } from '../../../errors/refusals.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import type { PageRequest } from '../../server/page-request.js'
import { textAsHtml } from '../../server/text-html.js'
import { usersById } from '../users/loaders.js'
import { mediaById } from '../media/loaders.js'
import { NOTIFICATION_CONTEXTS } from '../notifications/contexts.js'
import { likeableKey, likeCountOf, likedByViewer, likersOfItem } from '../activities/loaders.js'
import { categoryIdsOfThread, commentById, mediaIdsOfThread, replyTreeOf, threadById, threadSubscribedByViewer, threadView } from './loaders.js'

/** Query.ThreadComment answers a list without paging: at most this many comments. */
export const MAX_QUERIED_COMMENTS = MAX_PER_PAGE

type ThreadArgs = ThreadFilter & { sort?: ReadonlyArray<string | null> | null }
type CommentArgs = CommentFilter & { sort?: ReadonlyArray<string | null> | null }

function threadQuery(args: ThreadArgs, ctx: GraphqlContext): ThreadQuery {
  checkArguments(args)
  const { sort, ...filter } = args
  return { filter, sort: sort ?? null, viewerId: viewerId(ctx) }
}

function commentFilter(args: CommentArgs): CommentFilter {
  checkArguments(args)
  return { id: args.id ?? null, threadId: args.threadId ?? null, userId: args.userId ?? null }
}

const Query: TypeResolvers<'Query', unknown> = {
  async Thread(_root, args: ThreadArgs, ctx) {
    const keys = Object.entries(args).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k)
    const found = keys.length === 1 && keys[0] === 'id' ? await ctx.loaders.of(threadById).load(args.id!) : (await findThreads(ctx.kiroku.db, threadQuery(args, ctx), { limit: 1, offset: 0 }))[0]
    if (!found) throw new NotFoundError()
    // Opening a thread is a view: counted once per request (loaders/threadView).
    await ctx.loaders.of(threadView).load(found.id)
    return found
  },
  async ThreadComment(_root, args: CommentArgs, ctx) {
    const found = await findComments(ctx.kiroku.db, commentFilter(args), args.sort, { limit: MAX_QUERIED_COMMENTS, offset: 0 })
    for (const c of found) ctx.loaders.of(commentById).prime(c.id, c)
    return found
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async threads(page, args: ThreadArgs, ctx) {
    const threads = await findThreads(ctx.kiroku.db, threadQuery(args, ctx), page.window)
    for (const t of threads) ctx.loaders.of(threadById).prime(t.id, t)
    return threads
  },
  async threadComments(page, args: CommentArgs, ctx) {
    const found = await findComments(ctx.kiroku.db, commentFilter(args), args.sort, page.window)
    for (const c of found) ctx.loaders.of(commentById).prime(c.id, c)
    return found
  },
}

async function isLikedBy(ctx: GraphqlContext, key: ReturnType<typeof likeableKey>): Promise<boolean> {
  const viewer = viewerId(ctx)
  return viewer !== null && (await ctx.loaders.of(likedByViewer).load(`${viewer}|${key}`)) !== null
}

async function likersAsUsers(ctx: GraphqlContext, key: ReturnType<typeof likeableKey>) {
  return ctx.loaders.of(usersById).loadMany((await ctx.loaders.of(likersOfItem).load(key)) ?? [])
}

export const threadUrl = (ctx: GraphqlContext, id: number) => `${ctx.kiroku.config.publicUrl}/forum/thread/${id}`

const ThreadFields: TypeResolvers<'Thread', Thread> = {
  body: (t, args, ctx) => (args.asHtml ? textAsHtml(ctx, 'markdown', t.body) : t.body),
  likeCount: (t, _args, ctx) => ctx.loaders.of(likeCountOf).load(likeableKey('THREAD', t.id)).then((n) => n ?? 0),
  isLiked: (t, _args, ctx) => isLikedBy(ctx, likeableKey('THREAD', t.id)),
  async isSubscribed(t, _args, ctx) {
    const viewer = viewerId(ctx)
    return viewer !== null && (await ctx.loaders.of(threadSubscribedByViewer).load(`${viewer}:${t.id}`)) !== null
  },
  user: (t, _args, ctx) => ctx.loaders.of(usersById).load(t.userId),
  replyUser: (t, _args, ctx) => (t.replyUserId === null ? null : ctx.loaders.of(usersById).load(t.replyUserId)),
  likes: (t, _args, ctx) => likersAsUsers(ctx, likeableKey('THREAD', t.id)),
  siteUrl: (t, _args, ctx) => threadUrl(ctx, t.id),
  async categories(t, _args, ctx) {
    const ids = (await ctx.loaders.of(categoryIdsOfThread).load(t.id)) ?? []
    return ids.map((id) => categoryById(id)).filter((c): c is ThreadCategory => c !== undefined)
  },
  async mediaCategories(t, _args, ctx) {
    const media = await ctx.loaders.of(mediaById).loadMany((await ctx.loaders.of(mediaIdsOfThread).load(t.id)) ?? [])
    return media.filter((m) => m !== null)
  },
}

/** A reply as childComments holds it: its own fields, its author, and its replies below. */
interface ChildComment {
  id: number
  userId: number
  threadId: number
  comment: string
  likeCount: number
  isLiked: boolean
  isLocked: boolean
  siteUrl: string
  createdAt: number
  updatedAt: number
  user: { id: number; name: string } | null
  childComments: ChildComment[]
}

async function childCommentsOf(c: ThreadComment, ctx: GraphqlContext): Promise<ChildComment[]> {
  const trees = (await ctx.loaders.of(replyTreeOf).load(c.id)) ?? []
  const all: ThreadComment[] = []
  const walk = (nodes: CommentNode[]) => nodes.forEach((n) => (all.push(n.comment), walk(n.children)))
  walk(trees)
  const [users, counts, liked] = await Promise.all([
    ctx.loaders.of(usersById).loadMany(all.map((r) => r.userId)),
    ctx.loaders.of(likeCountOf).loadMany(all.map((r) => likeableKey('THREAD_COMMENT', r.id))),
    Promise.all(all.map((r) => isLikedBy(ctx, likeableKey('THREAD_COMMENT', r.id)))),
  ])
  const facts = new Map(all.map((r, i) => [r.id, { user: users[i], likeCount: counts[i] ?? 0, isLiked: liked[i]! }]))
  const toJson = (n: CommentNode): ChildComment => {
    const r = n.comment
    const f = facts.get(r.id)!
    return {
      id: r.id,
      userId: r.userId,
      threadId: r.threadId,
      comment: r.comment,
      likeCount: f.likeCount,
      isLiked: f.isLiked,
      isLocked: r.isLocked,
      siteUrl: `${threadUrl(ctx, r.threadId)}/comment/${r.id}`,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      user: f.user ? { id: f.user.id, name: f.user.name } : null,
      childComments: n.children.map(toJson),
    }
  }
  return trees.map(toJson)
}

const ThreadCommentFields: TypeResolvers<'ThreadComment', ThreadComment> = {
  comment: (c, args, ctx) => (args.asHtml ? textAsHtml(ctx, 'markdown', c.comment) : c.comment),
  likeCount: (c, _args, ctx) => ctx.loaders.of(likeCountOf).load(likeableKey('THREAD_COMMENT', c.id)).then((n) => n ?? 0),
  isLiked: (c, _args, ctx) => isLikedBy(ctx, likeableKey('THREAD_COMMENT', c.id)),
  siteUrl: (c, _args, ctx) => `${threadUrl(ctx, c.threadId)}/comment/${c.id}`,
  thread: (c, _args, ctx) => ctx.loaders.of(threadById).load(c.threadId),
  user: (c, _args, ctx) => ctx.loaders.of(usersById).load(c.userId),
  likes: (c, _args, ctx) => likersAsUsers(ctx, likeableKey('THREAD_COMMENT', c.id)),
  childComments: (c, _args, ctx) => childCommentsOf(c, ctx),
}

/** The fields the five thread notifications share. */
const threadNotification = {
  id: (n: Notification) => n.id,
  type: (n: Notification) => n.type,
  createdAt: (n: Notification) => n.createdAt,
  userId: (n: Notification) => n.actorId,
  commentId: (n: Notification) => n.threadCommentId,
  threadId: (n: Notification) => n.threadId,
  context: (n: Notification) => NOTIFICATION_CONTEXTS[n.type] ?? null,
  thread: (n: Notification, _args: unknown, ctx: GraphqlContext) => (n.threadId === null ? null : ctx.loaders.of(threadById).load(n.threadId)),
  comment: (n: Notification, _args: unknown, ctx: GraphqlContext) => (n.threadCommentId === null ? null : ctx.loaders.of(commentById).load(n.threadCommentId)),
  user: (n: Notification, _args: unknown, ctx: GraphqlContext) => (n.actorId === null ? null : ctx.loaders.of(usersById).load(n.actorId)),
}
const { threadId: _threadId, ...commentNotification } = threadNotification
const { commentId: _commentId, ...threadLikeNotification } = threadNotification

export const forumResolvers = {
  Query,
  Page,
  Thread: ThreadFields,
  ThreadComment: ThreadCommentFields,
  ThreadCommentMentionNotification: commentNotification,
  ThreadCommentReplyNotification: commentNotification,
  ThreadCommentSubscribedNotification: commentNotification,
  ThreadCommentLikeNotification: commentNotification,
  ThreadLikeNotification: threadLikeNotification,
}

export const countMatchingThreads = (args: Record<string, unknown>, ctx: GraphqlContext) => countThreads(ctx.kiroku.db, threadQuery(args as ThreadArgs, ctx))

export const countMatchingComments = (args: Record<string, unknown>, ctx: GraphqlContext) => countComments(ctx.kiroku.db, commentFilter(args as CommentArgs))
