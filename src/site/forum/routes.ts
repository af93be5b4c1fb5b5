/**
 * The forum on the site.
 *
 *   GET  /forum                          the categories and the most recent threads (sticky first)
 *   GET  /forum/recent?category=N&page=P threads, all or of one category, 20 a page
 *   GET  /forum/new                      the new-thread form (title, body, categories); POST creates it
 *   GET  /forum/thread/:id?page=P        the thread, 50 of its comments a page as trees with a reply form under
 *                                        each, likes, the subscription toggle, and for moderators
 *                                        lock / sticky; delete for the author or a moderator
 *   POST /forum/thread/:id/comments      comment, parent=ID for a reply
 *   POST /forum/thread/:id/like          like=1 / like=0, comment=ID for a comment's like
 *   POST /forum/thread/:id/subscribe     subscribe=1 / subscribe=0
 *   POST /forum/thread/:id/moderate      locked=1|0 and/or sticky=1|0 (moderators)
 *   POST /forum/thread/:id/delete        the thread (its author or a moderator)
 *   POST /forum/comment/:id/delete       a comment with its replies (its author or a moderator)
 *
 * Every POST is CSRF-checked and answered with a redirect and a flash (Post/Redirect/Get); the rules
 * are community/forum/forum-actions.ts's, the same as GraphQL's. A refused comment or thread is
 * shown again with its text and the reason beside the form. Forms state the state they want (like=1),
 * so a resent form changes nothing twice.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { FORUM_CATEGORIES, categoryById } from '../../community/forum/categories.js'
import { addViews, categoriesOfThreads, countThreads, findThreads, loadThread, type Thread } from '../../community/forum/thread-store.js'
import { loadComment } from '../../community/forum/comment-store.js'
import {
  deleteThreadCommentOf, deleteThreadOf, isModerator, MAX_COMMENT_LENGTH, MAX_THREAD_BODY_LENGTH, MAX_TITLE_LENGTH, saveThread, saveThreadComment,
  toggleThreadSubscription, type ForumDeps,
} from '../../community/forum/forum-actions.js'
import { FORUM_LIKEABLE_KINDS } from '../../community/forum/forum-likes.js'
import { toggleLikeOf } from '../../social/activity-actions.js'
import { likedAmong, type LikeableType } from '../../social/likes.js'
import { ForbiddenError, NotFoundError } from '../../errors/refusals.js'
import { rowIdFromPath } from '../../storage/row-ids.js'
import { formField, FormFieldError } from '../../web/params.js'
import { requireLogin } from '../../web/login-redirect.js'
import { pageNumber } from '../media/common.js'
import { flashes } from '../flash.js'
import { peopleOf } from '../social/activity-cards.js'
import { agoText } from '../social/notification-words.js'
import { refusalText } from '../post-refusals.js'
import { categoryField, flag, textField } from './forum-forms.js'
import { pagePath, STYLES, threadPages, threadPath, UNKNOWN_USER, type CommentForm } from './thread-page.js'

type IdParams = { Params: { id: string } }

export const THREADS_PER_PAGE = 20

export function registerForumRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const flash = flashes(ctx.config.publicUrl)
  const deps = (): ForumDeps => ({ db: ctx.db, clock: ctx.clock, postingLimit: ctx.postingLimit })
  const notFound = (request: FastifyRequest, reply: FastifyReply) => ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
  const { threadPage, pageOf } = threadPages(ctx, notFound)

  async function threadOf(request: FastifyRequest<IdParams>): Promise<Thread | null> {
    const id = rowIdFromPath(request.params.id)
    return id === null ? null : loadThread(ctx.db, id)
  }

  /** Threads as the lists show them: title, author, categories, replies, last activity. */
  async function threadRows(threads: readonly Thread[]) {
    const [people, categories] = await Promise.all([
      peopleOf(ctx.db, threads.flatMap((t) => (t.replyUserId === null ? [t.userId] : [t.userId, t.replyUserId])), ctx.config.publicUrl),
      categoriesOfThreads(ctx.db, threads.map((t) => t.id)),
    ])
    const now = ctx.clock()
    return threads.map((t) => {
      const last = t.repliedAt ?? t.createdAt
      return {
        id: t.id,
        href: threadPath(t.id),
        title: t.title,
        isSticky: t.isSticky,
        isLocked: t.isLocked,
        user: people.get(t.userId) ?? UNKNOWN_USER,
        replyUser: t.replyUserId === null ? null : (people.get(t.replyUserId) ?? UNKNOWN_USER),
        replies: t.replyCount,
        views: t.viewCount,
        categories: (categories.get(t.id) ?? []).map((id) => categoryById(id)).filter((c) => c !== undefined),
        when: agoText(last, now),
        datetime: new Date(last * 1000).toISOString(),
      }
    })
  }

  app.get('/forum', async (request, reply) => {
    const threads = await findThreads(ctx.db, { filter: {}, viewerId: request.user?.id ?? null }, { limit: THREADS_PER_PAGE, offset: 0 })
    return ctx.views.page(request, reply, 'site/forum/index', { title: 'Forum', styles: STYLES, section: 'forum', categories: FORUM_CATEGORIES, threads: await threadRows(threads) })
  })

  app.get('/forum/recent', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>
    const rawCategory = typeof query.category === 'string' && query.category !== '' ? query.category : null
    const category = rawCategory === null ? null : categoryById(/^\d{1,3}$/.test(rawCategory) ? Number(rawCategory) : -1)
    if (rawCategory !== null && !category) return notFound(request, reply)
    const page = pageNumber(request.query)
    const threadQuery = { filter: category ? { categoryId: category.id } : {}, viewerId: request.user?.id ?? null }
    const total = await countThreads(ctx.db, threadQuery)
    const pages = Math.max(1, Math.ceil(total / THREADS_PER_PAGE))
    if (page > pages) return notFound(request, reply)
    const threads = await findThreads(ctx.db, threadQuery, { limit: THREADS_PER_PAGE, offset: (page - 1) * THREADS_PER_PAGE })
    const base = category ? `/forum/recent?category=${category.id}` : '/forum/recent'
    const join = category ? '&' : '?'
    return ctx.views.page(request, reply, 'site/forum/recent', {
      title: category ? `Forum: ${category.name}` : 'Recent threads',
      styles: STYLES,
      section: 'forum',
      category,
      categories: FORUM_CATEGORIES,
      threads: await threadRows(threads),
      pager: { page, pages, prev: page > 1 ? (page === 2 ? base : `${base}${join}page=${page - 1}`) : null, next: page < pages ? `${base}${join}page=${page + 1}` : null },
    })
  })

  type ThreadForm = { title: string; body: string; categories: number[]; error: string | null }
  const newThreadPage = (request: FastifyRequest, reply: FastifyReply, form: ThreadForm, status = 200) =>
    ctx.views.page(request, reply, 'site/forum/new', {
      title: 'New thread',
      styles: STYLES,
      section: 'forum',
      categories: FORUM_CATEGORIES,
      form,
      maxTitle: MAX_TITLE_LENGTH,
      maxBody: MAX_THREAD_BODY_LENGTH,
    }, status)

  app.get('/forum/new', async (request, reply) => {
    if (!requireLogin(request, reply, '/forum/new')) return reply
    const query = (request.query ?? {}) as Record<string, unknown>
    const preset = typeof query.category === 'string' && categoryById(Number(query.category)) ? [Number(query.category)] : []
    return newThreadPage(request, reply, { title: '', body: '', categories: preset, error: null })
  })

  app.post('/forum/new', async (request, reply) => {
    if (!requireLogin(request, reply, '/forum/new')) return reply
    sessions.checkCsrf(request)
    const form: ThreadForm = { title: '', body: '', categories: [], error: null }
    try {
      form.title = textField(request.body, 'title')
      form.body = textField(request.body, 'body')
      form.categories = categoryField(request.body)
      const thread = await saveThread(deps(), request.user!.id, { title: form.title, body: form.body, categories: form.categories })
      flash.set(reply, threadPath(thread.id), 'posted')
      return reply.redirect(threadPath(thread.id), 303)
    } catch (error) {
      const refusal = refusalText(error)
      if (!refusal) throw error
      const keep = { title: form.title.slice(0, MAX_TITLE_LENGTH * 2), body: form.body.slice(0, MAX_THREAD_BODY_LENGTH * 2), categories: form.categories.filter((id) => categoryById(id)) }
      return newThreadPage(request, reply, { ...keep, error: refusal.message }, refusal.status)
    }
  })

  app.get<IdParams>('/forum/thread/:id', async (request, reply) => {
    const thread = await threadOf(request)
    if (!thread) return notFound(request, reply)
    const page = pageNumber(request.query)
    // One view per page shown: one UPDATE, as Query.Thread counts its own.
    await addViews(ctx.db, [thread.id])
    return threadPage(request, reply, { ...thread, viewCount: thread.viewCount + 1 }, page)
  })

  /** The thread a POST names, after login and CSRF; null (answered 404) when it does not exist. */
  async function postedThread(request: FastifyRequest<IdParams>, reply: FastifyReply): Promise<Thread | null | 'login'> {
    const id = rowIdFromPath(request.params.id)
    if (!requireLogin(request, reply, id === null ? '/forum' : threadPath(id))) return 'login'
    sessions.checkCsrf(request)
    const thread = await threadOf(request)
    if (!thread) notFound(request, reply)
    return thread
  }

  app.post<IdParams>('/forum/thread/:id/comments', async (request, reply) => {
    const thread = await postedThread(request, reply)
    if (thread === 'login' || thread === null) return reply
    const rawParent = formField(request.body, 'parent')
    const parent = rawParent === undefined || rawParent === '' ? null : rowIdFromPath(rawParent)
    if (rawParent && parent === null) throw new FormFieldError('parent', 'The parent field must be a comment id.')
    const form: CommentForm = { parent, text: '', error: null }
    try {
      form.text = textField(request.body, 'comment')
      const made = await saveThreadComment(deps(), request.user!.id, { threadId: thread.id, parentCommentId: parent, comment: form.text })
      // The new comment is on the page of the comment it answers (a new one on the thread: the last page).
      const path = pagePath(thread.id, await pageOf(made.id))
      flash.set(reply, path, 'replied')
      return reply.redirect(`${path}#comment-${made.id}`, 303)
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(request, reply)
      const refusal = refusalText(error)
      if (!refusal) throw error
      const page = parent === null ? 1 : await pageOf(parent)
      return threadPage(request, reply, thread, page, { ...form, text: form.text.slice(0, MAX_COMMENT_LENGTH * 2), error: refusal.message }, refusal.status)
    }
  })

  app.post<IdParams>('/forum/thread/:id/like', async (request, reply) => {
    const thread = await postedThread(request, reply)
    if (thread === 'login' || thread === null) return reply
    const wanted = flag(request.body, 'like')
    if (wanted === undefined) throw new FormFieldError('like', 'The like field must be 1 (like) or 0 (take the like back).')
    const rawComment = formField(request.body, 'comment')
    let type: LikeableType = 'THREAD'
    let itemId = thread.id
    if (rawComment !== undefined && rawComment !== '') {
      const commentId = rowIdFromPath(rawComment)
      const target = commentId === null ? null : await loadComment(ctx.db, commentId)
      if (!target || target.threadId !== thread.id) return notFound(request, reply)
      type = 'THREAD_COMMENT'
      itemId = target.id
    }
    const viewerId = request.user!.id
    const now = (await likedAmong(ctx.db, viewerId, type, [itemId])).has(itemId)
    if (now !== wanted) await toggleLikeOf({ ...deps(), likeableKinds: FORUM_LIKEABLE_KINDS }, viewerId, type, itemId)
    return reply.redirect(type === 'THREAD' ? threadPath(thread.id) : `${pagePath(thread.id, await pageOf(itemId))}#comment-${itemId}`, 303)
  })

  app.post<IdParams>('/forum/thread/:id/subscribe', async (request, reply) => {
    const thread = await postedThread(request, reply)
    if (thread === 'login' || thread === null) return reply
    const wanted = flag(request.body, 'subscribe')
    if (wanted === undefined) throw new FormFieldError('subscribe', 'The subscribe field must be 1 or 0.')
    await toggleThreadSubscription(deps(), request.user!.id, thread.id, wanted)
    flash.set(reply, threadPath(thread.id), wanted ? 'forum-subscribed' : 'forum-unsubscribed')
    return reply.redirect(threadPath(thread.id), 303)
  })

  app.post<IdParams>('/forum/thread/:id/moderate', async (request, reply) => {
    const thread = await postedThread(request, reply)
    if (thread === 'login' || thread === null) return reply
    const locked = flag(request.body, 'locked')
    const sticky = flag(request.body, 'sticky')
    if (!(await isModerator(ctx.db, request.user!.id))) {
      return ctx.views.page(request, reply, 'error', { title: 'Not changed', heading: 'Not changed', message: 'Only moderators may lock or sticky threads.', parameter: null }, 403)
    }
    await saveThread(deps(), request.user!.id, { id: thread.id, locked: locked ?? null, sticky: sticky ?? null })
    flash.set(reply, threadPath(thread.id), 'saved')
    return reply.redirect(threadPath(thread.id), 303)
  })

  const refusedDelete = (request: FastifyRequest, reply: FastifyReply, what: string) =>
    ctx.views.page(request, reply, 'error', { title: 'Not deleted', heading: 'Not deleted', message: `Only its author or a moderator can delete this ${what}.`, parameter: null }, 403)

  app.post<IdParams>('/forum/thread/:id/delete', async (request, reply) => {
    const thread = await postedThread(request, reply)
    if (thread === 'login' || thread === null) return reply
    try {
      await deleteThreadOf(deps(), request.user!.id, thread.id)
    } catch (error) {
      if (error instanceof ForbiddenError) return refusedDelete(request, reply, 'thread')
      throw error
    }
    flash.set(reply, '/forum', 'forum-thread-deleted')
    return reply.redirect('/forum', 303)
  })

  app.post<IdParams>('/forum/comment/:id/delete', async (request, reply) => {
    const id = rowIdFromPath(request.params.id)
    const comment = id === null ? null : await loadComment(ctx.db, id)
    if (!requireLogin(request, reply, comment ? threadPath(comment.threadId) : '/forum')) return reply
    sessions.checkCsrf(request)
    if (!comment) return notFound(request, reply)
    try {
      await deleteThreadCommentOf(deps(), request.user!.id, comment.id)
    } catch (error) {
      if (error instanceof ForbiddenError) return refusedDelete(request, reply, 'comment')
      throw error
    }
    flash.set(reply, threadPath(comment.threadId), 'forum-comment-deleted')
    return reply.redirect(threadPath(comment.threadId), 303)
  })
}
