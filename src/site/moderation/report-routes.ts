/**
 * Reporting a forum post to the moderators.
 *
 *   GET  /forum/report?thread=N | ?comment=N   the report form: what is reported, a reason
 *   POST /forum/report                          files it (type, id, reason), back to the thread with a flash
 *   POST /moderation/reports/:id/clear          a moderator clears it (kept in the moderators' record)
 *
 * Logged-in users only; the forms are CSRF-checked; a new report counts against the posting limit, like a
 * post, so that reports cannot flood the queue. The rules are community/moderation/reports.ts's.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { hasRole } from '../../accounts/roles.js'
import { loadThread } from '../../community/forum/thread-store.js'
import { loadComment } from '../../community/forum/comment-store.js'
import { clearReport, fileReport, MAX_REPORT_REASON, type ReportableType } from '../../community/moderation/reports.js'
import { checkPostingLimit, PostingLimitError } from '../../social/posting-limit.js'
import { ValidationError } from '../../errors/refusals.js'
import { rowIdFromPath } from '../../storage/row-ids.js'
import { formField, FormFieldError } from '../../web/params.js'
import { requireLogin } from '../../web/login-redirect.js'
import { flashes } from '../flash.js'

/** What a report names, read from the forum: its kind, id, author, the thread it is on and a line to show. */
interface Reported {
  type: ReportableType
  id: number
  authorId: number
  threadId: number
  quote: string
}

const QUOTE_LENGTH = 200

/** The post `thread=N` or `comment=N` names (GET's query or POST's type and id), or null. */
async function findReported(ctx: AppContext, type: string | undefined, rawId: string | undefined): Promise<Reported | null> {
  const id = rawId === undefined ? null : rowIdFromPath(rawId)
  if (id === null) return null
  if (type === 'Thread') {
    const thread = await loadThread(ctx.db, id)
    return thread && { type, id, authorId: thread.userId, threadId: thread.id, quote: thread.title }
  }
  if (type === 'ThreadComment') {
    const comment = await loadComment(ctx.db, id)
    return comment && { type, id, authorId: comment.userId, threadId: comment.threadId, quote: comment.comment.slice(0, QUOTE_LENGTH) }
  }
  return null
}

export function registerReportRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const flash = flashes(ctx.config.publicUrl)
  const notFound = (request: FastifyRequest, reply: FastifyReply) => ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
  const formPage = (request: FastifyRequest, reply: FastifyReply, target: Reported, reason: string, error: string | null, status = 200) =>
    ctx.views.page(request, reply, 'site/moderation/report', { title: 'Report', target, reason, error, maxLength: MAX_REPORT_REASON, threadHref: `/forum/thread/${target.threadId}` }, status)

  app.get('/forum/report', async (request, reply) => {
    if (!requireLogin(request, reply, '/forum')) return reply
    const thread = formField(request.query, 'thread')
    const comment = formField(request.query, 'comment')
    const target = thread !== undefined ? await findReported(ctx, 'Thread', thread) : await findReported(ctx, 'ThreadComment', comment)
    if (!target) return notFound(request, reply)
    return formPage(request, reply, target, '', null)
  })

  app.post('/forum/report', async (request, reply) => {
    if (!requireLogin(request, reply, '/forum')) return reply
    sessions.checkCsrf(request)
    const target = await findReported(ctx, formField(request.body, 'type'), formField(request.body, 'id'))
    if (!target) return notFound(request, reply)
    const reason = formField(request.body, 'reason') ?? ''
    if (reason.includes('\u0000')) throw new FormFieldError('reason', 'The reason must not contain the character U+0000.')
    try {
      await checkPostingLimit(ctx.postingLimit, request.user!.id)
      await fileReport(ctx.db, ctx.clock, { reporterId: request.user!.id, reportedId: target.authorId, objectType: target.type, objectId: target.id, reason })
    } catch (error) {
      const kept = reason.slice(0, MAX_REPORT_REASON * 2)
      if (error instanceof ValidationError) return formPage(request, reply, target, kept, Object.values(error.fields).flat().join(' '), 400)
      if (error instanceof PostingLimitError) return formPage(request, reply, target, kept, 'You are sending too fast. Wait a minute, then send it again.', 429)
      throw error
    }
    const back = `/forum/thread/${target.threadId}`
    flash.set(reply, back, 'reported')
    return reply.redirect(back, 303)
  })

  app.post<{ Params: { id: string } }>('/moderation/reports/:id/clear', async (request, reply) => {
    if (!requireLogin(request, reply, '/moderation')) return reply
    sessions.checkCsrf(request)
    if (!(await hasRole(ctx.db, request.user!.id, 'moderator'))) {
      return ctx.views.page(request, reply, 'error', { title: 'Moderators only', heading: 'Moderators only', message: 'Only moderators clear reports.', parameter: null }, 403)
    }
    const id = rowIdFromPath(request.params.id)
    if (id === null || !(await clearReport(ctx.db, ctx.clock, id, request.user!.id))) return notFound(request, reply)
    flash.set(reply, '/moderation', 'report-cleared')
    return reply.redirect('/moderation', 303)
  })
}
