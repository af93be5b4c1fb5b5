/**
 * The media, character, staff and studio pages: `/anime/:id`, `/manga/:id`, `/character/:id`,
 * `/staff/:id` and `/studio/:id`, each also with the `/:slug` AniList's links carry (the slug is not
 * checked: the id names the page). These are the siteUrls the GraphQL API answers. A work asked for
 * under the other type moves (301) to its own address; an unknown or malformed id is the 404 page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { pageNumber, viewerOf } from './common.js'
import { rowIdFromPath } from '../../storage/row-ids.js'
import { loadMediaPage, mediaPath } from './media-page.js'
import { loadCharacterPage, loadStaffPage, loadStudioPage } from './people-pages.js'

type IdRequest = FastifyRequest<{ Params: { id: string; slug?: string } }>

const STYLES = ['site/media.css']

function notFound(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
}

/** Both the bare path and the path with a slug. */
function both(app: FastifyInstance, base: string, handler: (request: IdRequest, reply: FastifyReply) => Promise<FastifyReply>): void {
  app.get(`${base}/:id`, handler)
  app.get(`${base}/:id/:slug`, handler)
}

export function registerMediaRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  void sessions
  for (const type of ['ANIME', 'MANGA'] as const) {
    const section = type === 'ANIME' ? 'anime' : 'manga'
    both(app, `/${section}`, async (request, reply) => {
      const id = rowIdFromPath(request.params.id)
      if (id === null) return notFound(ctx, request, reply)
      const viewer = await viewerOf(ctx, request)
      const view = await loadMediaPage(ctx, id, viewer)
      if (!view) return notFound(ctx, request, reply)
      if (view.media.type !== type) return reply.redirect(mediaPath(view.media), 301)
      return ctx.views.page(request, reply, 'site/media/media', {
        title: view.title,
        wide: true,
        section: view.media.type === 'ANIME' ? 'anime' : 'manga',
        styles: STYLES,
        view,
        viewer,
        pagePath: view.path,
      })
    })
  }

  both(app, '/character', async (request, reply) => {
    const id = rowIdFromPath(request.params.id)
    if (id === null) return notFound(ctx, request, reply)
    const page = pageNumber(request.query)
    const view = await loadCharacterPage(ctx, id, await viewerOf(ctx, request), page)
    if (!view) return notFound(ctx, request, reply)
    return ctx.views.page(request, reply, 'site/media/character', { title: view.name, wide: true, styles: STYLES, view, pagePath: `/character/${id}` })
  })

  both(app, '/staff', async (request, reply) => {
    const id = rowIdFromPath(request.params.id)
    if (id === null) return notFound(ctx, request, reply)
    const page = pageNumber(request.query)
    const view = await loadStaffPage(ctx, id, await viewerOf(ctx, request), page)
    if (!view) return notFound(ctx, request, reply)
    return ctx.views.page(request, reply, 'site/media/staff', { title: view.name, wide: true, styles: STYLES, view, pagePath: `/staff/${id}` })
  })

  both(app, '/studio', async (request, reply) => {
    const id = rowIdFromPath(request.params.id)
    if (id === null) return notFound(ctx, request, reply)
    const page = pageNumber(request.query)
    const view = await loadStudioPage(ctx, id, await viewerOf(ctx, request), page)
    if (!view) return notFound(ctx, request, reply)
    return ctx.views.page(request, reply, 'site/media/studio', { title: view.studio.name, wide: true, styles: STYLES, view, pagePath: `/studio/${id}` })
  })
}
