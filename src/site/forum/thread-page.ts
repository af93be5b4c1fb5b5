/**
 * The forum's thread page (site/forum/routes.ts serves it): the thread, a page of its comments on the
 * thread itself with their replies as trees, and the forms under each. Split from the routes so that they
 * only parse, call and redirect.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import { categoryById } from '../../community/forum/categories.js'
import { categoriesOfThreads, type Thread } from '../../community/forum/thread-store.js'
import { countComments, loadComment, MAX_COMMENT_DEPTH, rootPosition, threadCommentTree, type CommentNode } from '../../community/forum/comment-store.js'
import { subscribedThreadsAmong } from '../../community/forum/thread-subscriptions.js'
import { isModerator, MAX_COMMENT_LENGTH } from '../../community/forum/forum-actions.js'
import { likeCounts, likedAmong } from '../../social/likes.js'
import { peopleOf, postHtml, type PersonView } from '../social/activity-cards.js'
import { agoText, DEFAULT_AVATAR_MEDIUM } from '../social/notification-words.js'

export const STYLES = ['site/social.css', 'site/forum.css']
/** Comments on the thread itself one page shows, each with its replies; more go on further pages (?page=N). */
export const ROOT_COMMENTS_SHOWN = 50

export const UNKNOWN_USER: PersonView = { name: 'A deleted user', href: '/', avatar: DEFAULT_AVATAR_MEDIUM }

/** A refused comment's text and why, shown again under the comment it replied to (parent null: the thread). */
export type CommentForm = { parent: number | null; text: string; error: string | null }

/** One comment as thread.eta shows it, with its replies below. */
interface CommentView {
  id: number
  user: PersonView
  html: string
  likes: number
  liked: boolean
  isLocked: boolean
  canReply: boolean
  canDelete: boolean
  when: string
  datetime: string
  form: CommentForm | null
  children: CommentView[]
}

export const threadPath = (id: number) => `/forum/thread/${id}`
export const pagePath = (threadId: number, page: number) => (page > 1 ? `${threadPath(threadId)}?page=${page}` : threadPath(threadId))

/** The thread page and where a comment is on it, for the routes of one server. */
export function threadPages(ctx: AppContext, notFound: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> | FastifyReply) {
  /** The page of the thread that shows a comment (the page of the comment on the thread it sits under). */
  const pageOf = async (commentId: number): Promise<number> => {
    const comment = await loadComment(ctx.db, commentId)
    return comment ? Math.floor((await rootPosition(ctx.db, comment)) / ROOT_COMMENTS_SHOWN) + 1 : 1
  }

  /**
   * A page of the thread: ROOT_COMMENTS_SHOWN comments on the thread itself, each with its replies.
   * `form` keeps a refused comment's text and says why beside its form (on the page holding its parent).
   */
  async function threadPage(request: FastifyRequest, reply: FastifyReply, thread: Thread, page: number, form: CommentForm | null = null, status = 200) {
    const viewer = request.user
    const roots = await countComments(ctx.db, { threadId: thread.id })
    const pages = Math.max(1, Math.ceil(roots / ROOT_COMMENTS_SHOWN))
    if (page > pages) return notFound(request, reply)
    const tree = await threadCommentTree(ctx.db, thread.id, { limit: ROOT_COMMENTS_SHOWN, offset: (page - 1) * ROOT_COMMENTS_SHOWN })
    const all: CommentNode[] = []
    const walk = (nodes: CommentNode[]) => nodes.forEach((n) => (all.push(n), walk(n.children)))
    walk(tree)
    const commentIds = all.map((n) => n.comment.id)
    const [people, categories, threadLikes, commentLikes, likedThread, likedComments, subscribed, moderator] = await Promise.all([
      peopleOf(ctx.db, [thread.userId, ...all.map((n) => n.comment.userId)], ctx.config.publicUrl),
      categoriesOfThreads(ctx.db, [thread.id]),
      likeCounts(ctx.db, 'THREAD', [thread.id]),
      likeCounts(ctx.db, 'THREAD_COMMENT', commentIds),
      viewer ? likedAmong(ctx.db, viewer.id, 'THREAD', [thread.id]) : Promise.resolve(new Set<number>()),
      viewer ? likedAmong(ctx.db, viewer.id, 'THREAD_COMMENT', commentIds) : Promise.resolve(new Set<number>()),
      viewer ? subscribedThreadsAmong(ctx.db, viewer.id, [thread.id]) : Promise.resolve(new Set<number>()),
      viewer ? isModerator(ctx.db, viewer.id) : Promise.resolve(false),
    ])
    const now = ctx.clock()
    const renderer = { textRenderer: ctx.textRenderer, publicUrl: ctx.config.publicUrl }
    // A locked comment locks the replies below it too (forum-actions.ts).
    const commentView = (n: CommentNode, lockedAbove = false): CommentView => {
      const c = n.comment
      const locked = lockedAbove || c.isLocked
      return {
        id: c.id,
        user: people.get(c.userId) ?? UNKNOWN_USER,
        html: postHtml(renderer, c.comment),
        likes: commentLikes.get(c.id) ?? 0,
        liked: likedComments.has(c.id),
        isLocked: c.isLocked,
        canReply: !thread.isLocked && !locked && c.depth < MAX_COMMENT_DEPTH,
        canDelete: viewer !== null && (viewer.id === c.userId || moderator),
        when: agoText(c.createdAt, now),
        datetime: new Date(c.createdAt * 1000).toISOString(),
        form: form && form.parent === c.id ? form : null,
        children: n.children.map((child) => commentView(child, locked)),
      }
    }
    const path = threadPath(thread.id)
    return ctx.views.page(request, reply, 'site/forum/thread', {
      title: thread.title,
      styles: STYLES,
      section: 'forum',
      path,
      loginHref: `/login?next=${encodeURIComponent(path)}`,
      maxLength: MAX_COMMENT_LENGTH,
      thread: {
        id: thread.id,
        title: thread.title,
        html: postHtml(renderer, thread.body),
        user: people.get(thread.userId) ?? UNKNOWN_USER,
        categories: (categories.get(thread.id) ?? []).map((id) => categoryById(id)).filter((c) => c !== undefined),
        isLocked: thread.isLocked,
        isSticky: thread.isSticky,
        replies: thread.replyCount,
        views: thread.viewCount,
        likes: threadLikes.get(thread.id) ?? 0,
        liked: likedThread.has(thread.id),
        subscribed: subscribed.has(thread.id),
        when: agoText(thread.createdAt, now),
        datetime: new Date(thread.createdAt * 1000).toISOString(),
      },
      moderator,
      canDelete: viewer !== null && (viewer.id === thread.userId || moderator),
      rootForm: form && form.parent === null ? form : { parent: null, text: '', error: null },
      comments: tree.map((n) => commentView(n)),
      paging: { page, pages },
    }, status)
  }

  return { threadPage, pageOf }
}
