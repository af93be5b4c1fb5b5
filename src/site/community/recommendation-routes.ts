/**
 * The recommendation form of a work's page:
 *
 *   POST /recommendation   mediaId, and otherId (a vote button) or work (the "Recommend another work"
 *                          field: an id, or a title the catalog's search finds), rating=RATE_UP|RATE_DOWN|NO_RATING
 *
 * CSRF-checked, answered with a redirect back to the work's Recommendations section (Post/Redirect/
 * Get); a refusal (the work itself, a work not found) is an error page that says why. The rules are
 * community/recommendations/recommendation-actions.ts's, the same as SaveRecommendation's.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { findMedia } from '../../catalog/media-query.js'
import { saveRecommendation } from '../../community/recommendations/recommendation-actions.js'
import { PostingLimitError } from '../../social/posting-limit.js'
import { POSTING_TOO_FAST } from '../post-refusals.js'
import { ValidationError } from '../../errors/refusals.js'
import { MAX_SEARCH_LENGTH } from '../../query/caps.js'
import { rowIdFromPath } from '../../storage/row-ids.js'
import { formField } from '../../web/params.js'
import { requireLogin } from '../../web/login-redirect.js'
import { mediaPath } from '../media/media-page.js'

export function registerRecommendationRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  app.post('/recommendation', async (request, reply) => {
    if (!requireLogin(request, reply, '/')) return reply
    sessions.checkCsrf(request)
    const mediaId = rowIdFromPath(formField(request.body, 'mediaId') ?? '')
    const media = mediaId === null ? null : (await loadMediaByIds(ctx.db, [mediaId])).get(mediaId)
    if (!media) return ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
    const refuse = (message: string, status = 400) => ctx.views.page(request, reply, 'error', { title: 'Not recommended', heading: 'Not recommended', message, parameter: null }, status)
    // A vote button names the other work by id; the form's field takes an id or a title.
    const work = (formField(request.body, 'otherId') ?? formField(request.body, 'work') ?? '').trim()
    let otherId = rowIdFromPath(work)
    if (otherId === null && work !== '' && work.length <= MAX_SEARCH_LENGTH && !work.includes('\u0000')) {
      otherId = (await findMedia(ctx.db, { filter: { search: work }, sort: ['SEARCH_MATCH'] }, { limit: 1, offset: 0 }))[0]?.id ?? null
    }
    if (otherId === null) return refuse(work === '' ? 'Name the work to recommend: its id or its title.' : 'No work in the catalog matches that id or title.')
    try {
      await saveRecommendation({ db: ctx.db, clock: ctx.clock, postingLimit: ctx.postingLimit }, request.user!.id, { mediaId: media.id, mediaRecommendationId: otherId, rating: formField(request.body, 'rating') ?? null })
    } catch (error) {
      if (error instanceof ValidationError) return refuse(Object.values(error.fields).flat().join(' '))
      if (error instanceof PostingLimitError) return refuse(POSTING_TOO_FAST, 429)
      throw error
    }
    return reply.redirect(`${mediaPath(media)}#recommendation-${otherId}`, 303)
  })
}
