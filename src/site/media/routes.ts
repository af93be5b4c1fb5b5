/**
 * The media, character, staff and studio pages: `/anime/:id`, `/manga/:id`, `/character/:id`,
 * `/staff/:id` and `/studio/:id`, each also with the `/:slug` AniList's links carry (the slug is not
 * checked: the id names the page). These are the siteUrls the GraphQL API answers. A work asked for
 * under the other type moves (301) to its own address; an unknown or malformed id is the 404 page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { pageNumber, titleLanguageOf, viewerOf } from './common.js'
import { loadMediaCommunity } from '../community/media-sections.js'
import { rowIdFromPath } from '../../storage/row-ids.js'
import { loadMediaPage, mediaPath } from './media-page.js'
import { loadCharacterPage, loadStaffPage, loadStudioPage } from './people-pages.js'

type IdRequest = FastifyRequest<{ Params: { id: string; slug?: string } }>

const STYLES = ['site/media.css']
const MEDIA_STYLES = [...STYLES, 'site/community.css']

function notFound(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
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
        styles: MEDIA_STYLES,
        view,
        community: await loadMediaCommunity(ctx, view.media, request.user?.id ?? null, titleLanguageOf(viewer)),
        viewer,
        pagePath: view.path,
      })
    })
  }

  // Character, staff and studio pages: the same steps, each with its own loader, title and template.
  type Loaded = { view: object; title: string } | null
  const people: Array<{ kind: string; load: (id: number, viewer: Awaited<ReturnType<typeof viewerOf>>, page: number) => Promise<Loaded> }> = [
    { kind: 'character', load: async (id, viewer, page) => titled(await loadCharacterPage(ctx, id, viewer, page), (v) => v.name) },
    { kind: 'staff', load: async (id, viewer, page) => titled(await loadStaffPage(ctx, id, viewer, page), (v) => v.name) },
    { kind: 'studio', load: async (id, viewer, page) => titled(await loadStudioPage(ctx, id, viewer, page), (v) => v.studio.name) },
  ]
  for (const { kind, load } of people) {
    both(app, `/${kind}`, async (request, reply) => {
      const id = rowIdFromPath(request.params.id)
      if (id === null) return notFound(ctx, request, reply)
      const loaded = await load(id, await viewerOf(ctx, request), pageNumber(request.query))
      if (!loaded) return notFound(ctx, request, reply)
      return ctx.views.page(request, reply, `site/media/${kind}`, { title: loaded.title, wide: true, styles: STYLES, view: loaded.view, pagePath: `/${kind}/${id}` })
    })
  }
}

/** A loaded page with its title, or null when nothing was found. */
function titled<V extends object>(view: V | null, title: (view: V) => string): { view: V; title: string } | null {
  return view ? { view, title: title(view) } : null
}
