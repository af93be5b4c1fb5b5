/**
 * The social pages, part one: following people from their profiles, the follower lists, and the
 * viewer's notifications, with the unread count in every page's header.
 *
 *   POST /user/:name/follow       follow=1 follows, follow=0 stops (CSRF-checked; then back to the profile)
 *   GET  /user/:name/followers    who follows them, 50 a page, the latest follow first
 *   GET  /user/:name/following    whom they follow, the same way
 *   GET  /notifications           the viewer's notifications, newest first, 50 a page, ?group= one kind;
 *                                 viewing it marks them all read
 *
 * Following goes through social/follow-user.ts (toggleFollowOf), the same rule as GraphQL's
 * ToggleFollow. The form says which state it wants, so that sending it twice (two tabs, a resubmitted
 * form) leaves the user followed rather than toggling back.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import { findUsersByIds } from '../../accounts/users.js'
import { getProfiles } from '../../accounts/profiles.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { followCounts, follows } from '../../social/follows.js'
import { toggleFollowOf } from '../../social/follow-user.js'
import { followIdsPage, type FollowDirection } from '../../social/follows.js'
import { countNotifications, listNotifications, markAllRead, unreadCounts } from '../../social/notification-store.js'
import { formField, FormFieldError } from '../../web/params.js'
import { redirectToLogin } from '../../web/login-redirect.js'
import { findProfileOwner } from '../profile/profile-data.js'
import { redirectRenamedProfile } from '../profile/renamed-profile.js'
import { localPicture } from '../profile/pictures.js'
import { pageNumber } from '../media/common.js'
import { flashes } from '../flash.js'
import { profilePath } from './follow-bar.js'
import { DEFAULT_AVATAR_MEDIUM, NOTIFICATION_GROUPS, notificationGroup, notificationView } from './notification-words.js'

type NameParams = { Params: { name: string } }

export const STYLES = ['site/social.css']
/** Users on one page of a follower list. */
export const USERS_PER_PAGE = 50
/** Notifications on one page. */
export const NOTIFICATIONS_PER_PAGE = 50

/** The links between pages: `href(n)` makes page n's address. */
function pagerOf(page: number, pages: number, href: (n: number) => string) {
  return { page, pages, prev: page > 1 ? href(page - 1) : null, next: page < pages ? href(page + 1) : null }
}

export function registerSocialRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const flash = flashes(ctx.config.publicUrl)
  const notFound = (request: FastifyRequest, reply: FastifyReply) => ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)

  // The header's badge: one indexed count (notifications_unread), made only when a page renders for a
  // logged-in viewer (web/views.ts calls it), never for a redirect or an answer that is no page.
  app.decorateRequest('unreadNotifications', async function (this: FastifyRequest): Promise<number> {
    const user = this.user
    if (!user) return 0
    return (await unreadCounts(ctx.db, [user.id])).get(user.id) ?? 0
  })

  app.post<NameParams>('/user/:name/follow', async (request, reply) => {
    // A visitor is sent to log in and back to the profile, where the button is then theirs to press.
    if (!request.user) {
      const owner = await findProfileOwner(ctx.db, request.params.name)
      return owner ? redirectToLogin(reply, profilePath(owner.name)) : notFound(request, reply)
    }
    sessions.checkCsrf(request)
    const wanted = formField(request.body, 'follow')
    if (wanted !== '1' && wanted !== '0') throw new FormFieldError('follow', 'The follow field must be 1 (follow) or 0 (stop following).')
    const owner = await findProfileOwner(ctx.db, request.params.name)
    if (!owner) return notFound(request, reply)
    if (owner.id === request.user.id) throw new FormFieldError('follow', 'You cannot follow yourself.')
    const target = profilePath(owner.name)
    const now = await follows(ctx.db, request.user.id, owner.id)
    if (now !== (wanted === '1')) await toggleFollowOf(ctx.db, ctx.clock, request.user.id, owner.id)
    flash.set(reply, target, wanted === '1' ? 'followed' : 'unfollowed')
    return reply.redirect(target, 303)
  })

  const followList = (direction: FollowDirection) => async (request: FastifyRequest<NameParams>, reply: FastifyReply) => {
    const page = pageNumber(request.query)
    const owner = await findProfileOwner(ctx.db, request.params.name)
    if (!owner) return (await redirectRenamedProfile(ctx, request, reply, request.params.name)) ? reply : notFound(request, reply)
    const base = profilePath(owner.name)
    const counts = (await followCounts(ctx.db, [owner.id])).get(owner.id)!
    const total = direction === 'followers' ? counts.followers : counts.following
    const pages = Math.max(1, Math.ceil(total / USERS_PER_PAGE))
    if (page > pages) return notFound(request, reply)
    const ids = await followIdsPage(ctx.db, owner.id, direction, { limit: USERS_PER_PAGE, offset: (page - 1) * USERS_PER_PAGE })
    const [users, profiles] = await Promise.all([findUsersByIds(ctx.db, ids), getProfiles(ctx.db, ids)])
    const byId = new Map(users.map((u) => [u.id, u]))
    const people = ids.flatMap((id) => {
      const user = byId.get(id)
      if (!user) return []
      return [{ name: user.name, href: profilePath(user.name), avatar: localPicture(profiles.get(id)!.avatar, ctx.config.publicUrl) ?? DEFAULT_AVATAR_MEDIUM }]
    })
    const path = `${base}/${direction}`
    return ctx.views.page(request, reply, 'site/social/people', {
      title: direction === 'followers' ? `${owner.name}'s followers` : `Followed by ${owner.name}`,
      section: 'profile',
      wide: true,
      styles: STYLES,
      ownerName: owner.name,
      profileHref: base,
      direction,
      tabs: [
        { id: 'followers', name: 'Followers', count: counts.followers, href: `${base}/followers` },
        { id: 'following', name: 'Following', count: counts.following, href: `${base}/following` },
      ],
      total,
      people,
      pager: pagerOf(page, pages, (n) => (n === 1 ? path : `${path}?page=${n}`)),
    })
  }
  app.get<NameParams>('/user/:name/followers', followList('followers'))
  app.get<NameParams>('/user/:name/following', followList('following'))

  app.get('/notifications', async (request, reply) => {
    // The query is checked before anything is read: `group` one of the chips, `page` a page number.
    const given = formField(request.query, 'group')
    const group = given === undefined || given === '' ? NOTIFICATION_GROUPS[0]! : notificationGroup(given)
    if (!group) throw new FormFieldError('group', `The group must be one of ${NOTIFICATION_GROUPS.map((g) => g.id).join(', ')}.`)
    const page = pageNumber(request.query)
    if (!request.user) return redirectToLogin(reply, request.url)
    const viewer = request.user
    const total = await countNotifications(ctx.db, viewer.id, group.types)
    const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE))
    if (page > pages) return notFound(request, reply)
    const notes = await listNotifications(ctx.db, viewer.id, group.types, { limit: NOTIFICATIONS_PER_PAGE, offset: (page - 1) * NOTIFICATIONS_PER_PAGE })
    const actorIds = [...new Set(notes.flatMap((n) => (n.actorId === null ? [] : [n.actorId])))]
    const mediaIds = [...new Set(notes.flatMap((n) => (n.mediaId === null ? [] : [n.mediaId])))]
    const [actors, profiles, media] = await Promise.all([findUsersByIds(ctx.db, actorIds), getProfiles(ctx.db, [viewer.id, ...actorIds]), loadMediaByIds(ctx.db, mediaIds)])
    const users = new Map(actors.map((u) => [u.id, { name: u.name, avatar: profiles.get(u.id)!.avatar }]))
    const subjects = { users, media, titleLanguage: profiles.get(viewer.id)!.options.titleLanguage, publicUrl: ctx.config.publicUrl }
    const now = ctx.clock()
    const items = notes.map((n) => notificationView(n, subjects, now))
    // Seen: every notification is read now (AniList's resetNotificationCount), whichever group is shown.
    // A HEAD request shows nothing, so it marks nothing.
    if (request.method === 'GET') await markAllRead(ctx.db, viewer.id)
    const href = (g: string, n: number) => {
      const query = new URLSearchParams()
      if (g !== 'all') query.set('group', g)
      if (n > 1) query.set('page', String(n))
      const q = query.toString()
      return q ? `/notifications?${q}` : '/notifications'
    }
    return ctx.views.page(request, reply, 'site/social/notifications', {
      title: 'Notifications',
      section: 'notifications',
      styles: STYLES,
      unreadNotifications: request.method === 'GET' ? 0 : null,
      groups: NOTIFICATION_GROUPS.map((g) => ({ id: g.id, name: g.name, href: href(g.id, 1), current: g.id === group.id })),
      group: group.id,
      groupName: group.name,
      total,
      items,
      pager: pagerOf(page, pages, (n) => href(group.id, n)),
    })
  })
}
