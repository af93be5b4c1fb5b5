/**
 * GET /: the home page (trending, this season, next season; a logged-in user's in-progress entries
 * first), and POST /list/:mediaId/plus-one, the in-progress cards' +1. The +1 is a plain form
 * (CSRF token, Post/Redirect/Get back to `next`); plus-one.js sends the same form with fetch and
 * `Accept: application/json`, and is answered `{ progress, status }` instead of the redirect.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { getProfile } from '../../accounts/profiles.js'
import { isRowId } from '../../storage/row-ids.js'
import { plusOne } from '../../lists/plus-one.js'
import { KirokuError } from '../../errors/kiroku-error.js'
import { formField } from '../../web/params.js'
import { safeNext } from '../../web/safe-next.js'
import { viewerPrefs } from '../browse/viewer-prefs.js'
import { catalogSections, inProgress } from './sections.js'

const wantsJson = (request: FastifyRequest) => /\bapplication\/json\b/.test(String(request.headers.accept ?? ''))

export function registerHomeRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  app.get('/', async (request, reply) => {
    const user = request.user
    const prefs = await viewerPrefs(ctx.db, user)
    const publicUrl = ctx.config.publicUrl
    const [sections, anime, manga] = await Promise.all([
      catalogSections(ctx.db, ctx.clock(), prefs, publicUrl),
      user ? inProgress(ctx.db, user.id, 'ANIME', prefs, publicUrl) : [],
      user ? inProgress(ctx.db, user.id, 'MANGA', prefs, publicUrl) : [],
    ])
    return ctx.views.page(request, reply, 'site/browse/home', {
      title: 'Home',
      wide: true,
      styles: ['site/browse.css'],
      publicUrl,
      sections,
      progress: user ? [
        { id: 'anime', heading: 'Anime', cards: anime, list: `/user/${encodeURIComponent(user.name)}/animelist` },
        { id: 'manga', heading: 'Manga', cards: manga, list: `/user/${encodeURIComponent(user.name)}/mangalist` },
      ] : null,
    })
  })

  app.post('/list/:mediaId/plus-one', async (request, reply) => {
    const json = wantsJson(request)
    const answerError = (status: number, message: string) => (json ? reply.code(status).send({ error: message }) : null)
    if (!request.user) {
      if (json) return reply.code(401).send({ error: 'Log in to change your list.' })
      return reply.redirect('/login?next=%2F', 303)
    }
    sessions.checkCsrf(request)
    const next = safeNext(formField(request.body, 'next'))
    const mediaId = Number((request.params as { mediaId: string }).mediaId)
    if (!/^[1-9][0-9]{0,9}$/.test((request.params as { mediaId: string }).mediaId) || !isRowId(mediaId)) {
      return answerError(404, 'Not found.') ?? ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
    }
    const { options } = await getProfile(ctx.db, request.user.id)
    try {
      const entry = await plusOne(ctx.db, ctx.clock, request.user.id, mediaId, options.timezone)
      if (json) return reply.send({ progress: entry.progress, status: entry.status })
      return reply.redirect(next, 303)
    } catch (error) {
      if (error instanceof KirokuError && error.status === 404) {
        return answerError(404, 'This work is not on your list.') ?? ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
      }
      if (json && error instanceof KirokuError && error.status < 500) return reply.code(error.status).send({ error: error.message })
      throw error
    }
  })
}
