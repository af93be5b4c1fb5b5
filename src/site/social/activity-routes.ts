/**
 * The social pages, part two: activities on the site.
 *
 *   GET  /activity/:id?page=P      one activity (a private message only for its two users, else 404),
 *                                  its replies 50 a page (rendered markdown), like counts, Like / Unlike,
 *                                  the reply form (on the last page, where a new reply lands)
 *   POST /activity/:id/like        like=1 likes, like=0 takes it back; reply=ID for one of its replies
 *   POST /activity/:id/replies     text: a reply (refusals — locked, too long, posting limit — shown beside the form)
 *   GET  /activity/:id/delete      the confirmation step; POST deletes it (its author; a message's recipient too)
 *   POST /activity/reply/:id/delete  the viewer's own reply, back to its activity
 *   POST /activity                 text: a status (the home feed's form), back to the home page
 *   GET  /user/:name/activity      the profile's Activity tab, 20 a page, with the Send message form
 *   POST /user/:name/message       message, private=1: a message on their profile
 *
 * Every POST is CSRF-checked and answered with a redirect (Post/Redirect/Get, with a flash); the rules
 * are social/activity-actions.ts's, the same as GraphQL's mutations. A form states the state it wants
 * (like=1), so that a resent form leaves the like in place rather than toggling it back.
 * A like or reply form sent by activity.js with `Accept: application/json` is answered with JSON
 * instead of the redirect: the like's new state and count, or the new reply's list item and the reply
 * count (a refusal: its status and `{ error }`, the words shown beside the form).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import type { User } from '../../accounts/users.js'
import { canSee, countActivities, findActivities, loadActivity, type Activity } from '../../social/activity-store.js'
import { deleteActivityOf, deleteActivityReplyOf, MAX_POST_LENGTH, saveActivityReply, saveMessageActivity, saveTextActivity, toggleLikeOf, type SocialDeps } from '../../social/activity-actions.js'
import { loadReply, replyCounts, replyPosition, repliesOfActivity, type ActivityReply } from '../../social/reply-store.js'
import { likeCounts, likedAmong } from '../../social/likes.js'
import { follows } from '../../social/follows.js'
import { ForbiddenError, NotFoundError } from '../../errors/refusals.js'
import { rowIdFromPath } from '../../storage/row-ids.js'
import { formField, FormFieldError } from '../../web/params.js'
import { requireLogin } from '../../web/login-redirect.js'
import { findProfileOwner, profileView } from '../profile/profile-data.js'
import { redirectRenamedProfile } from '../profile/renamed-profile.js'
import { profileHead } from '../profile/routes.js'
import { viewerPrefs } from '../browse/viewer-prefs.js'
import { pageNumber } from '../media/common.js'
import { flashes } from '../flash.js'
import { refusalText, withoutNul } from '../post-refusals.js'
import { profilePath } from './follow-bar.js'
import { activityCards, peopleOf, postHtml, type CardDeps, type PersonView } from './activity-cards.js'
import { agoText, DEFAULT_AVATAR_MEDIUM } from './notification-words.js'

type IdParams = { Params: { id: string } }
type NameParams = { Params: { name: string } }

export const STYLES = ['site/social.css']
/** Activities on one page of a profile's Activity tab. */
export const ACTIVITIES_PER_PAGE = 20
/** Replies an activity's page shows; more go on further pages (?page=N). */
export const REPLIES_PER_PAGE = 50

const wantsJson = (request: FastifyRequest) => /\bapplication\/json\b/.test(String(request.headers.accept ?? ''))

/**
 * The text field of a post form: a string (empty when absent; blank or too long is the rules'
 * refusal; a NUL, withoutNul's, where the post is saved).
 */
function postField(body: unknown, name: string): string {
  return formField(body, name) ?? ''
}

/** Where a visitor's form sends them back after login: the activity the path names, or home. */
function backTo(request: FastifyRequest<IdParams>): string {
  const id = rowIdFromPath(request.params.id)
  return id === null ? '/' : `/activity/${id}`
}

export function registerActivityRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const flash = flashes(ctx.config.publicUrl)
  const deps = (): SocialDeps => ({ db: ctx.db, clock: ctx.clock, postingLimit: ctx.postingLimit })
  const cardDeps = (): CardDeps => ({ db: ctx.db, textRenderer: ctx.textRenderer, publicUrl: ctx.config.publicUrl, now: ctx.clock() })
  const notFound = (request: FastifyRequest, reply: FastifyReply) => ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)

  /** The activity the path names, if the viewer may see it. */
  async function visible(request: FastifyRequest<IdParams>): Promise<Activity | null> {
    const id = rowIdFromPath(request.params.id)
    if (id === null) return null
    const activity = await loadActivity(ctx.db, id)
    return activity && canSee(activity, request.user?.id ?? null) ? activity : null
  }

  /** One reply as reply-item.eta shows it. */
  const replyView = (r: ActivityReply, user: PersonView | undefined, likes: number, liked: boolean, now: number, viewerId: number | null) => ({
    id: r.id,
    /** The viewer wrote it: it gets a Delete button. */
    mine: viewerId === r.userId,
    user: user ?? { name: 'A deleted user', href: '/', avatar: DEFAULT_AVATAR_MEDIUM },
    html: postHtml({ textRenderer: ctx.textRenderer, publicUrl: ctx.config.publicUrl }, r.text),
    likes,
    liked,
    when: agoText(r.createdAt, now),
    datetime: new Date(r.createdAt * 1000).toISOString(),
  })

  /** The page of an activity's replies that shows this reply. */
  const pageOfReply = async (r: ActivityReply) => Math.floor((await replyPosition(ctx.db, r)) / REPLIES_PER_PAGE) + 1
  const activityPagePath = (activityId: number, page: number) => (page > 1 ? `/activity/${activityId}?page=${page}` : `/activity/${activityId}`)

  /**
   * A page of the activity: the card and REPLIES_PER_PAGE of its replies, oldest first (page 0: the
   * last page, where a refused reply's form is shown again). `form` keeps a refused reply's text and says
   * why beside the form.
   */
  async function activityPage(request: FastifyRequest, reply: FastifyReply, activity: Activity, requested: number, form: { text: string; error: string | null } = { text: '', error: null }, status = 200) {
    const viewer = request.user
    const prefs = await viewerPrefs(ctx.db, viewer)
    const total = (await replyCounts(ctx.db, [activity.id])).get(activity.id) ?? 0
    const pages = Math.max(1, Math.ceil(total / REPLIES_PER_PAGE))
    const page = requested === 0 ? pages : requested
    if (page > pages) return notFound(request, reply)
    const [cards, list] = await Promise.all([
      activityCards(cardDeps(), [activity], viewer?.id ?? null, prefs.titleLanguage),
      repliesOfActivity(ctx.db, activity.id, { limit: REPLIES_PER_PAGE, offset: (page - 1) * REPLIES_PER_PAGE }),
    ])
    const card = cards[0]!
    const replyIds = list.map((r) => r.id)
    const [people, likes, liked] = await Promise.all([
      peopleOf(ctx.db, list.map((r) => r.userId), ctx.config.publicUrl),
      likeCounts(ctx.db, 'ACTIVITY_REPLY', replyIds),
      viewer ? likedAmong(ctx.db, viewer.id, 'ACTIVITY_REPLY', replyIds) : Promise.resolve(new Set<number>()),
    ])
    const now = ctx.clock()
    const path = `/activity/${activity.id}`
    return ctx.views.page(
      request,
      reply,
      'site/social/activity',
      {
        title: card.kind === 'list' ? `${card.user.name}'s activity` : card.kind === 'message' ? `Message from ${card.user.name}` : `${card.user.name}'s status`,
        styles: STYLES,
        card,
        path,
        loginHref: `/login?next=${encodeURIComponent(path)}`,
        maxLength: MAX_POST_LENGTH,
        form,
        replies: list.map((r) => replyView(r, people.get(r.userId), likes.get(r.id) ?? 0, liked.has(r.id), now, viewer?.id ?? null)),
        replyTotal: total,
        paging: { page, pages },
        lastPage: page === pages,
        lastPagePath: `${activityPagePath(activity.id, pages)}#replies`,
      },
      status,
    )
  }

  app.get<IdParams>('/activity/:id', async (request, reply) => {
    const activity = await visible(request)
    if (!activity) return notFound(request, reply)
    return activityPage(request, reply, activity, pageNumber(request.query))
  })

  app.post<IdParams>('/activity/:id/like', async (request, reply) => {
    const json = wantsJson(request)
    if (!request.user) return json ? reply.code(401).send({ error: 'Log in to like activities.' }) : requireLogin(request, reply, backTo(request)) && reply
    sessions.checkCsrf(request)
    const wanted = formField(request.body, 'like')
    if (wanted !== '1' && wanted !== '0') throw new FormFieldError('like', 'The like field must be 1 (like) or 0 (take the like back).')
    const replyText = formField(request.body, 'reply')
    const activity = await visible(request)
    if (!activity) return json ? reply.code(404).send({ error: 'Not found.' }) : notFound(request, reply)
    let type: 'ACTIVITY' | 'ACTIVITY_REPLY' = 'ACTIVITY'
    let itemId = activity.id
    if (replyText !== undefined && replyText !== '') {
      const replyId = rowIdFromPath(replyText)
      const target = replyId === null ? null : await loadReply(ctx.db, replyId)
      if (!target || target.activityId !== activity.id) return json ? reply.code(404).send({ error: 'Not found.' }) : notFound(request, reply)
      type = 'ACTIVITY_REPLY'
      itemId = target.id
    }
    const viewerId = request.user.id
    const now = (await likedAmong(ctx.db, viewerId, type, [itemId])).has(itemId)
    if (now !== (wanted === '1')) await toggleLikeOf(deps(), viewerId, type, itemId)
    if (json) return reply.send({ liked: wanted === '1', likes: (await likeCounts(ctx.db, type, [itemId])).get(itemId) ?? 0 })
    if (type === 'ACTIVITY') return reply.redirect(`/activity/${activity.id}`, 303)
    return reply.redirect(`${activityPagePath(activity.id, await pageOfReply((await loadReply(ctx.db, itemId))!))}#reply-${itemId}`, 303)
  })

  app.post<IdParams>('/activity/:id/replies', async (request, reply) => {
    const json = wantsJson(request)
    if (!request.user && json) return reply.code(401).send({ error: 'Log in to reply.' })
    if (!requireLogin(request, reply, backTo(request))) return reply
    sessions.checkCsrf(request)
    const text = postField(request.body, 'text')
    const activity = await visible(request)
    if (!activity) return json ? reply.code(404).send({ error: 'Not found.' }) : notFound(request, reply)
    const viewer = request.user!
    try {
      const made = await saveActivityReply(deps(), viewer.id, { activityId: activity.id, text: withoutNul('text', text) })
      const target = `/activity/${activity.id}`
      if (json) {
        // activity.js adds the reply to the page: its list item, as the page renders it, and the new count.
        const [people, counts] = await Promise.all([peopleOf(ctx.db, [viewer.id], ctx.config.publicUrl), replyCounts(ctx.db, [activity.id])])
        const html = ctx.views.render('site/social/reply-item', { title: '', r: replyView(made, people.get(viewer.id), 0, false, ctx.clock(), viewer.id), path: target, viewerName: viewer.name, csrfToken: request.session?.csrfToken ?? null })
        return reply.send({ id: made.id, replies: counts.get(activity.id) ?? 0, html })
      }
      const landing = activityPagePath(activity.id, await pageOfReply(made))
      flash.set(reply, landing, 'replied')
      return reply.redirect(`${landing}#reply-${made.id}`, 303)
    } catch (error) {
      const refusal = refusalText(error)
      if (!refusal) throw error
      if (json) return reply.code(refusal.status).send({ error: refusal.message })
      return activityPage(request, reply, activity, 0, { text: text.slice(0, MAX_POST_LENGTH * 2), error: refusal.message }, refusal.status)
    }
  })

  /** The activity if the viewer may delete it (its author; a message's recipient too), else why not. */
  async function deletable(request: FastifyRequest<IdParams>): Promise<Activity | 'not-found' | 'not-yours'> {
    const activity = await visible(request)
    if (!activity) return 'not-found'
    const viewerId = request.user!.id
    return activity.userId === viewerId || activity.messengerId === viewerId ? activity : 'not-yours'
  }
  const refuseDelete = (request: FastifyRequest, reply: FastifyReply, why: 'not-found' | 'not-yours') =>
    why === 'not-found'
      ? notFound(request, reply)
      : ctx.views.page(request, reply, 'error', { title: 'Not deleted', heading: 'Not deleted', message: 'Only its author can delete this activity.', parameter: null }, 403)

  app.get<IdParams>('/activity/:id/delete', async (request, reply) => {
    if (!requireLogin(request, reply, backTo(request))) return reply
    const activity = await deletable(request)
    if (typeof activity === 'string') return refuseDelete(request, reply, activity)
    return ctx.views.page(request, reply, 'site/social/activity-delete', { title: 'Delete this activity?', styles: STYLES, path: `/activity/${activity.id}` })
  })

  app.post<IdParams>('/activity/:id/delete', async (request, reply) => {
    if (!requireLogin(request, reply, backTo(request))) return reply
    sessions.checkCsrf(request)
    const activity = await deletable(request)
    if (typeof activity === 'string') return refuseDelete(request, reply, activity)
    await deleteActivityOf(deps(), request.user!.id, activity.id)
    const target = `${profilePath(request.user!.name)}/activity`
    flash.set(reply, target, 'activity-deleted')
    return reply.redirect(target, 303)
  })

  app.post<IdParams>('/activity/reply/:id/delete', async (request, reply) => {
    if (!requireLogin(request, reply, '/')) return reply
    sessions.checkCsrf(request)
    const id = rowIdFromPath(request.params.id)
    const target = id === null ? null : await loadReply(ctx.db, id)
    if (!target) return notFound(request, reply)
    try {
      await deleteActivityReplyOf(deps(), request.user!.id, target.id)
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(request, reply)
      if (error instanceof ForbiddenError) return ctx.views.page(request, reply, 'error', { title: 'Not deleted', heading: 'Not deleted', message: 'Only its author can delete this reply.', parameter: null }, 403)
      throw error
    }
    const back = `/activity/${target.activityId}`
    flash.set(reply, back, 'reply-deleted')
    return reply.redirect(`${back}#replies`, 303)
  })

  app.post('/activity', async (request, reply) => {
    if (!requireLogin(request, reply, '/')) return reply
    sessions.checkCsrf(request)
    const text = postField(request.body, 'text')
    try {
      const made = await saveTextActivity(deps(), request.user!.id, { text: withoutNul('text', text) })
      flash.set(reply, '/', 'posted')
      return reply.redirect(`/?feed=following#activity-${made.id}`, 303)
    } catch (error) {
      const refusal = refusalText(error)
      if (!refusal) throw error
      return ctx.views.page(request, reply, 'error', { title: 'Not posted', heading: 'Not posted', message: refusal.message, parameter: null }, refusal.status)
    }
  })

  app.get<NameParams>('/user/:name/activity', async (request, reply) => {
    const page = pageNumber(request.query)
    const owner: User | null = await findProfileOwner(ctx.db, request.params.name)
    if (!owner) return (await redirectRenamedProfile(ctx, request, reply, request.params.name)) ? reply : notFound(request, reply)
    const viewer = request.user
    const view = await profileView(ctx.db, owner, viewer)
    // The owner's pinned activity first, as on AniList's profiles; then newest first.
    const query = { filter: { userId: owner.id }, viewerId: viewer?.id ?? null, sort: ['PINNED', 'ID_DESC'] }
    const total = await countActivities(ctx.db, query)
    const pages = Math.max(1, Math.ceil(total / ACTIVITIES_PER_PAGE))
    if (page > pages) return notFound(request, reply)
    const activities = await findActivities(ctx.db, query, { limit: ACTIVITIES_PER_PAGE, offset: (page - 1) * ACTIVITIES_PER_PAGE })
    const cards = await activityCards(cardDeps(), activities, viewer?.id ?? null, view.titleLanguage)
    // The message form: someone else's profile whose owner takes messages from the viewer.
    const canMessage = viewer !== null && viewer.id !== owner.id && (!view.profile.options.restrictMessagesToFollowing || (await follows(ctx.db, owner.id, viewer.id)))
    const top = await profileHead(ctx, view, 'activity', viewer)
    const path = `${top.base}/activity`
    return ctx.views.page(request, reply, 'site/profile/activity', {
      title: `${owner.name}'s activity`,
      ...top,
      cards,
      messageForm: canMessage ? { action: `${top.base}/message` } : null,
      maxLength: MAX_POST_LENGTH,
      pager: { page, pages, prev: page > 1 ? (page === 2 ? path : `${path}?page=${page - 1}`) : null, next: page < pages ? `${path}?page=${page + 1}` : null },
    })
  })

  app.post<NameParams>('/user/:name/message', async (request, reply) => {
    if (!request.user) {
      const owner = await findProfileOwner(ctx.db, request.params.name)
      return owner ? requireLogin(request, reply, `${profilePath(owner.name)}/activity`) && reply : notFound(request, reply)
    }
    sessions.checkCsrf(request)
    const message = postField(request.body, 'message')
    const privately = formField(request.body, 'private')
    if (privately !== undefined && privately !== '1') throw new FormFieldError('private', 'The private field must be 1 when given.')
    const owner = await findProfileOwner(ctx.db, request.params.name)
    if (!owner) return notFound(request, reply)
    if (owner.id === request.user.id) throw new FormFieldError('message', 'Post a status instead of a message to yourself.')
    try {
      const made = await saveMessageActivity(deps(), request.user.id, { recipientId: owner.id, message: withoutNul('message', message), private: privately === '1' })
      const target = `${profilePath(owner.name)}/activity`
      flash.set(reply, target, 'message-sent')
      return reply.redirect(`${target}#activity-${made.id}`, 303)
    } catch (error) {
      if (error instanceof NotFoundError) return notFound(request, reply)
      const refusal = refusalText(error)
      if (!refusal) throw error
      return ctx.views.page(request, reply, 'error', { title: 'Not sent', heading: 'Not sent', message: refusal.message, parameter: null }, refusal.status)
    }
  })
}
