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
import { rowIdFromPath } from '../../storage/row-ids.js'
import { loginPath } from '../../web/login-redirect.js'
import { NotInProgressError, plusOne } from '../../lists/plus-one.js'
import { NotFoundError, ValidationError } from '../../errors/refusals.js'
import { formField } from '../../web/params.js'
import { safeNext } from '../../web/safe-next.js'
import { viewerPrefs } from '../browse/viewer-prefs.js'
import { catalogSections, inProgress } from './sections.js'
import { FormFieldError } from '../../web/params.js'
import { MAX_POST_LENGTH } from '../../social/activity-actions.js'
import { feedActivities, FEEDS, type Feed } from './feed.js'
import { activityCards } from '../social/activity-cards.js'

const wantsJson = (request: FastifyRequest) => /\bapplication\/json\b/.test(String(request.headers.accept ?? ''))

export function registerHomeRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  app.get('/', async (request, reply) => {
    const user = request.user
    // The feed switch is checked before anything is read; a visitor always sees the global feed.
    const asked = formField(request.query, 'feed')
    if (asked !== undefined && asked !== '' && !(FEEDS as readonly string[]).includes(asked)) throw new FormFieldError('feed', `The feed must be one of ${FEEDS.join(', ')}.`)
    const feed: Feed = !user ? 'global' : asked === 'global' ? 'global' : 'following'
    const prefs = await viewerPrefs(ctx.db, user)
    const publicUrl = ctx.config.publicUrl
    const [sections, anime, manga, activities] = await Promise.all([
      catalogSections(ctx.db, ctx.clock(), prefs, publicUrl),
      user ? inProgress(ctx.db, user.id, 'ANIME', prefs, publicUrl) : [],
      user ? inProgress(ctx.db, user.id, 'MANGA', prefs, publicUrl) : [],
      feedActivities(ctx.db, feed, user?.id ?? null),
    ])
    const cards = await activityCards({ db: ctx.db, textRenderer: ctx.textRenderer, publicUrl, now: ctx.clock() }, activities, user?.id ?? null, prefs.titleLanguage)
    return ctx.views.page(request, reply, 'site/browse/home', {
      title: 'Home',
      wide: true,
      styles: ['site/browse.css', 'site/social.css'],
      publicUrl,
      sections,
      feed: {
        current: feed,
        cards,
        maxLength: MAX_POST_LENGTH,
        tabs: user ? FEEDS.map((id) => ({ id, name: id === 'following' ? 'Following' : 'Global', href: `/?feed=${id}`, current: id === feed })) : null,
      },
      progress: user ? [
        { id: 'anime', heading: 'Anime', cards: anime, list: `/user/${encodeURIComponent(user.name)}/animelist` },
        { id: 'manga', heading: 'Manga', cards: manga, list: `/user/${encodeURIComponent(user.name)}/mangalist` },
      ] : null,
    })
  })

  app.post<{ Params: { mediaId: string } }>('/list/:mediaId/plus-one', async (request, reply) => {
    const json = wantsJson(request)
    // A refusal the page can explain: JSON for the script, else the error or not-found page.
    const refuse = (status: number, message: string) => {
      if (json) return reply.code(status).send({ error: message })
      if (status === 404) return ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
      return ctx.views.page(request, reply, 'error', { title: 'Not changed', heading: 'Not changed', message, parameter: null }, status)
    }
    if (!request.user) return json ? refuse(401, 'Log in to change your list.') : reply.redirect(loginPath('/'), 303)
    sessions.checkCsrf(request)
    const next = safeNext(formField(request.body, 'next'))
    const { mediaId: idText } = request.params
    const mediaId = rowIdFromPath(idText)
    if (mediaId === null) return refuse(404, 'Not found.')
    const { options } = await getProfile(ctx.db, request.user.id)
    try {
      const entry = await plusOne(ctx.db, ctx.clock, request.user.id, mediaId, options.timezone, ctx.entryListeners)
      return json ? reply.send({ progress: entry.progress, status: entry.status }) : reply.redirect(next, 303)
    } catch (error) {
      if (error instanceof NotFoundError) return refuse(404, 'This work is not on your list.')
      if (error instanceof NotInProgressError) return refuse(409, error.message)
      // The list's own limits (a progress past 65,535), worded by the list's validation.
      if (error instanceof ValidationError) return refuse(400, Object.values(error.fields).flat().join(' '))
      throw error
    }
  })
}
