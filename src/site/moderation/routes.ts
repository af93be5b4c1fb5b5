/**
 * The moderators' page on the site: what AniList keeps behind InternalPage (which nothing on its public
 * GraphQL schema reaches), Kiroku shows here to its moderators.
 *
 *   GET /moderation?page=P   the open reports, oldest first (each with a Clear button), then the
 *                            moderators' record, newest first, 50 a page: who acted, on whose post,
 *                            what was done (lock, sticky, deletion, a report cleared) and when
 *
 * A visitor is sent to log in; a user without the moderator role (`kiroku user role`) gets a 403 page.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { hasRole } from '../../accounts/roles.js'
import { findUsersByIds } from '../../accounts/users.js'
import { countModActions, listModActions, type ModAction } from '../../community/moderation/mod-actions.js'
import { countReports, listReports, type Report } from '../../community/moderation/reports.js'
import { requireLogin } from '../../web/login-redirect.js'
import { pageNumber } from '../media/common.js'
import { agoText } from '../social/notification-words.js'

export const MOD_ACTIONS_PER_PAGE = 50
/** Open reports the page lists, oldest first; the count says how many more wait. */
export const OPEN_REPORTS_SHOWN = 50

/** One record as the page shows it. */
interface ModActionRow {
  moderator: string | null
  author: string | null
  what: string
  object: { label: string; href: string | null }
  when: string
  datetime: string
}

/** The act in words: AniList's type and the change the record's data names. */
function describe(action: ModAction): string {
  if (action.type === 'DELETE') return 'deleted'
  if (action.type === 'REPORT') return 'cleared a report on'
  if (action.type !== 'EDIT' || action.data === null) return action.type.toLowerCase()
  try {
    const data = JSON.parse(action.data) as { locked?: unknown; sticky?: unknown }
    const parts: string[] = []
    if (typeof data.locked === 'boolean') parts.push(data.locked ? 'locked' : 'unlocked')
    if (typeof data.sticky === 'boolean') parts.push(data.sticky ? 'made sticky' : 'unstuck')
    return parts.length > 0 ? parts.join(' and ') : 'edited'
  } catch {
    return 'edited'
  }
}

function objectOf(action: Pick<ModAction, 'type' | 'objectId' | 'objectType'>): ModActionRow['object'] {
  const id = action.objectId
  if (action.objectType === 'Thread' && id !== null) return { label: `thread ${id}`, href: action.type === 'DELETE' ? null : `/forum/thread/${id}` }
  if (action.objectType === 'ThreadComment' && id !== null) return { label: `comment ${id}`, href: null }
  return { label: action.objectType ?? '—', href: null }
}

export function registerModerationRoutes(app: FastifyInstance, ctx: AppContext, _sessions: SessionControls): void {
  app.get('/moderation', async (request, reply) => {
    if (!requireLogin(request, reply, '/moderation')) return reply
    if (!(await hasRole(ctx.db, request.user!.id, 'moderator'))) {
      return ctx.views.page(request, reply, 'error', { title: 'Moderators only', heading: 'Moderators only', message: 'Only moderators see the moderation record.', parameter: null }, 403)
    }
    const page = pageNumber(request.query)
    const total = await countModActions(ctx.db, {})
    const pages = Math.max(1, Math.ceil(total / MOD_ACTIONS_PER_PAGE))
    if (page > pages) return ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
    const actions = await listModActions(ctx.db, {}, { limit: MOD_ACTIONS_PER_PAGE, offset: (page - 1) * MOD_ACTIONS_PER_PAGE })
    const [reports, openReports] = await Promise.all([listReports(ctx.db, { cleared: false }, { limit: OPEN_REPORTS_SHOWN, offset: 0 }), countReports(ctx.db, { cleared: false })])
    const ids = [...new Set([...actions.flatMap((a) => [a.modId, a.userId]), ...reports.flatMap((r) => [r.reporterId, r.reportedId])].filter((id): id is number => id !== null))]
    const names = new Map((await findUsersByIds(ctx.db, ids)).map((u) => [u.id, u.name]))
    const now = ctx.clock()
    const rows: ModActionRow[] = actions.map((a) => ({
      moderator: a.modId === null ? null : (names.get(a.modId) ?? null),
      author: a.userId === null ? null : (names.get(a.userId) ?? null),
      what: describe(a),
      object: objectOf(a),
      when: agoText(a.createdAt, now),
      datetime: new Date(a.createdAt * 1000).toISOString(),
    }))
    const reportRow = (r: Report) => ({
      id: r.id,
      reporter: r.reporterId === null ? null : (names.get(r.reporterId) ?? null),
      author: r.reportedId === null ? null : (names.get(r.reportedId) ?? null),
      object: objectOf({ type: 'REPORT', objectId: r.objectId, objectType: r.objectType }),
      reason: r.reason,
      when: agoText(r.createdAt, now),
      datetime: new Date(r.createdAt * 1000).toISOString(),
    })
    return ctx.views.page(request, reply, 'site/moderation/index', {
      title: 'Moderation',
      reports: reports.map(reportRow),
      openReports,
      rows,
      total,
      pager: { prev: page > 1 ? (page === 2 ? '/moderation' : `/moderation?page=${page - 1}`) : null, next: page < pages ? `/moderation?page=${page + 1}` : null },
    })
  })
}
