/**
 * Profiles, as AniList's: GET /user/:name (overview with statistics), /user/:name/animelist and
 * /mangalist (the lists grouped by status, `?status=CURRENT` to show one status), /user/:name/favorites.
 * /user/:name/stats leads to the overview's statistics. A name is looked up ignoring case; a name no
 * account can have, or that nobody has, is the 404 page, unless someone gave it up in a rename and nobody
 * took it since: then the page of the same path under their current name (renamed-profile.ts). Private entries are shown to their owner only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import type { User } from '../../accounts/users.js'
import type { MediaType } from '../../catalog/media.js'
import { RenderBudget } from '../../markdown/render-budget.js'
import { formField, FormFieldError } from '../../web/params.js'
import { DEFAULT_AVATAR_LARGE, localPicture } from './pictures.js'
import { aboutHtml } from './about-html.js'
import { favouritesOf, findProfileOwner, profileView, visibleList, type ProfileView } from './profile-data.js'
import { typeStatistics } from './profile-stats.js'
import { FILTER_STATUSES, isListStatus, listSections, statusFilters } from './list-rows.js'
import { displayTitle, fuzzyDateText, localImage } from '../view-helpers.js'
import { statusListName } from '../../lists/collection.js'
import { followBarOf } from '../social/follow-bar.js'
import { redirectRenamedProfile } from './renamed-profile.js'

type NameParams = { Params: { name: string } }

const STYLES = ['site/profile.css', 'site/social.css']

/** What every profile page's head (banner, avatar, name, follow bar, tabs) needs. */
export async function profileHead(ctx: AppContext, view: ProfileView, tab: string, viewer: User | null) {
  const base = `/user/${encodeURIComponent(view.owner.name)}`
  return {
    wide: true,
    section: 'profile',
    styles: STYLES,
    follow: await followBarOf(ctx.db, view.owner, viewer),
    ownerName: view.owner.name,
    isOwner: view.isOwner,
    avatar: localPicture(view.profile.avatar, ctx.config.publicUrl) ?? DEFAULT_AVATAR_LARGE,
    banner: localPicture(view.profile.bannerImage, ctx.config.publicUrl),
    tab,
    tabs: [
      { id: 'overview', name: 'Overview', href: base },
      { id: 'animelist', name: 'Anime list', href: `${base}/animelist` },
      { id: 'mangalist', name: 'Manga list', href: `${base}/mangalist` },
      { id: 'favorites', name: 'Favourites', href: `${base}/favorites` },
      { id: 'activity', name: 'Activity', href: `${base}/activity` },
    ],
    base,
  }
}

function joinedText(seconds: number): string {
  const d = new Date(seconds * 1000)
  return fuzzyDateText({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
}

export function registerProfileRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  void sessions
  const notFound = async (request: FastifyRequest<NameParams>, reply: FastifyReply) => {
    if (await redirectRenamedProfile(ctx, request, reply, request.params.name)) return reply
    return ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
  }

  /** The profile the URL names as the viewer sees it, or null (the caller answers 404). */
  async function viewOf(request: FastifyRequest<NameParams>): Promise<ProfileView | null> {
    const owner: User | null = await findProfileOwner(ctx.db, request.params.name)
    return owner ? profileView(ctx.db, owner, request.user) : null
  }

  app.get<NameParams>('/user/:name', async (request, reply) => {
    const view = await viewOf(request)
    if (!view) return notFound(request, reply)
    const list = await visibleList(ctx.db, view)
    const now = ctx.clock()
    const format = list.options.scoreFormat
    const about = view.profile.about
    // The about is at most MAX_ABOUT_LENGTH characters (accounts/profile-input.ts): no budget to keep.
    const rendered = about ? ctx.textRenderer.render('markdown', about, new RenderBudget(0)) : null
    return ctx.views.page(request, reply, 'site/profile/overview', {
      title: view.owner.name,
      ...(await profileHead(ctx, view, 'overview', request.user)),
      aboutHtml: rendered === null ? null : aboutHtml(rendered, ctx.config.publicUrl),
      joined: joinedText(view.owner.createdAt),
      scoreFormat: format,
      anime: typeStatistics('ANIME', list.entries, list.media, format, now),
      manga: typeStatistics('MANGA', list.entries, list.media, format, now),
    })
  })

  app.get<NameParams>('/user/:name/stats', async (request, reply) => {
    const owner = await findProfileOwner(ctx.db, request.params.name)
    if (!owner) return notFound(request, reply)
    return reply.redirect(`/user/${encodeURIComponent(owner.name)}#statistics`, 302)
  })

  const listPage = (type: MediaType) => async (request: FastifyRequest<NameParams>, reply: FastifyReply) => {
    // The filter is checked before anything is read: one string, one of the list statuses.
    const given = formField(request.query, 'status')
    if (given !== undefined && given !== '' && !isListStatus(given)) {
      throw new FormFieldError('status', `The status must be one of ${FILTER_STATUSES.join(', ')}.`)
    }
    const status = given && isListStatus(given) ? given : null
    const view = await viewOf(request)
    if (!view) return notFound(request, reply)
    const list = await visibleList(ctx.db, view, type)
    const sections = listSections(list.entries, { type, options: list.options, media: list.media, titleLanguage: view.titleLanguage, publicUrl: ctx.config.publicUrl, status })
    const tab = type === 'ANIME' ? 'animelist' : 'mangalist'
    const noun = type === 'ANIME' ? 'Anime' : 'Manga'
    const top = await profileHead(ctx, view, tab, request.user)
    return ctx.views.page(request, reply, 'site/profile/list', {
      title: `${view.owner.name}'s ${noun.toLowerCase()} list`,
      ...top,
      noun,
      listHref: `${top.base}/${tab}`,
      status,
      statusName: status ? statusListName(status, type) : null,
      filters: statusFilters(list.entries, type),
      total: list.entries.length,
      sections,
    })
  }
  app.get<NameParams>('/user/:name/animelist', listPage('ANIME'))
  app.get<NameParams>('/user/:name/mangalist', listPage('MANGA'))

  app.get<NameParams>('/user/:name/favorites', async (request, reply) => {
    const view = await viewOf(request)
    if (!view) return notFound(request, reply)
    const favourites = await favouritesOf(ctx.db, view.owner.id)
    const publicUrl = ctx.config.publicUrl
    const media = (kind: 'anime' | 'manga') => (m: (typeof favourites.anime)[number]) => ({
      href: `/${kind}/${m.id}`,
      image: localImage(m.coverImage.large ?? m.coverImage.medium, publicUrl, 'media', m.id),
      title: displayTitle(m.title, view.titleLanguage),
    })
    const person = (kind: 'character' | 'staff') => (p: { id: number; name: { full: string | null; native: string | null }; image: { large: string | null; medium: string | null } }) => ({
      href: `/${kind}/${p.id}`,
      image: localImage(p.image.large ?? p.image.medium, publicUrl, kind, p.id),
      title: p.name.full ?? p.name.native ?? 'Unnamed',
    })
    const groups = [
      { id: 'anime', name: 'Anime', cards: favourites.anime.map(media('anime')) },
      { id: 'manga', name: 'Manga', cards: favourites.manga.map(media('manga')) },
      { id: 'characters', name: 'Characters', cards: favourites.characters.map(person('character')) },
      { id: 'staff', name: 'Staff', cards: favourites.staff.map(person('staff')) },
      { id: 'studios', name: 'Studios', cards: favourites.studios.map((s) => ({ href: `/studio/${s.id}`, image: localImage(null, publicUrl, 'studio', s.id), title: s.name })) },
    ]
    return ctx.views.page(request, reply, 'site/profile/favorites', {
      title: `${view.owner.name}'s favourites`,
      ...(await profileHead(ctx, view, 'favorites', request.user)),
      groups,
    })
  })
}
