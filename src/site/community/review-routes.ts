/**
 * The review pages:
 *
 *   GET  /review/:id              the review (rendered markdown), its votes, Helpful / Not helpful buttons
 *                                 for signed-in users who are not its author, Edit / Delete for its author
 *   GET  /review/new?mediaId=N    the editor for a new review (the viewer's own review's editor if they have one)
 *   POST /review/new              mediaId, summary, body, score, private=1: writes it
 *   GET  /review/:id/edit         the editor of the author's review; POST saves it
 *   POST /review/:id/vote         rating=UP_VOTE|DOWN_VOTE|NO_VOTE
 *   GET  /review/:id/delete       the confirmation step; POST deletes it and goes back to the work
 *
 * Every POST is CSRF-checked and answered with a redirect and a flash (Post/Redirect/Get); a refused
 * form is shown again with each problem beside its field. The rules are
 * community/reviews/review-actions.ts's, the same as the GraphQL mutations'.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { SessionControls } from '../../accounts/session-cookies.js'
import type { Media } from '../../catalog/media.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { canSeeReview, loadReview, reviewOf, voteTotals, votesOf, type Review } from '../../community/reviews/review-store.js'
import { deleteReviewOf, rateReview, ratingOf, REVIEW_RATINGS, saveReview, type ReviewDeps, type ReviewRating } from '../../community/reviews/review-actions.js'
import { MAX_BODY_LENGTH, MAX_SUMMARY_LENGTH, MIN_BODY_LENGTH, MIN_SUMMARY_LENGTH } from '../../community/reviews/review-rules.js'
import { PostingLimitError } from '../../social/posting-limit.js'
import { POSTING_TOO_FAST } from '../post-refusals.js'
import { ValidationError, type FieldProblems } from '../../errors/refusals.js'
import { rowIdFromPath } from '../../storage/row-ids.js'
import { formField, FormFieldError } from '../../web/params.js'
import { requireLogin } from '../../web/login-redirect.js'
import { peopleOf, postHtml } from '../social/activity-cards.js'
import { DEFAULT_AVATAR_MEDIUM } from '../social/notification-words.js'
import { viewerOf, titleLanguageOf } from '../media/common.js'
import { mediaPath } from '../media/media-page.js'
import { displayTitle } from '../view-helpers.js'
import { flashes } from '../flash.js'
import { EMPTY_REVIEW_FORM, readReviewForm, reviewInput, type ReviewFormValues } from './review-form.js'

type IdParams = { Params: { id: string } }

const STYLES = ['site/community.css']

export function registerReviewRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionControls): void {
  const flash = flashes(ctx.config.publicUrl)
  const deps = (): ReviewDeps => ({ db: ctx.db, clock: ctx.clock, postingLimit: ctx.postingLimit })
  const notFound = (request: FastifyRequest, reply: FastifyReply) => ctx.views.page(request, reply, 'not-found', { title: 'Not found' }, 404)
  const notYours = (request: FastifyRequest, reply: FastifyReply) =>
    ctx.views.page(request, reply, 'error', { title: 'Not yours', heading: 'Not yours', message: 'Only its author can change this review.', parameter: null }, 403)

  /** The review the path names, if the viewer may see it. */
  async function visible(request: FastifyRequest<IdParams>): Promise<Review | null> {
    const id = rowIdFromPath(request.params.id)
    const review = id === null ? null : await loadReview(ctx.db, id)
    return review && canSeeReview(review, request.user?.id ?? null) ? review : null
  }

  async function workOf(id: number): Promise<Media | null> {
    return (await loadMediaByIds(ctx.db, [id])).get(id) ?? null
  }

  /** The editor: blank for a new review, the review's values for an edit, or what was sent with its problems. */
  async function editor(request: FastifyRequest, reply: FastifyReply, media: Media, action: string, values: ReviewFormValues, problems: FieldProblems = {}, status = 200) {
    const language = titleLanguageOf(await viewerOf(ctx, request))
    return ctx.views.page(request, reply, 'site/community/review-edit', {
      title: action.endsWith('/new') ? 'Write a review' : 'Edit your review',
      styles: STYLES,
      action,
      media: { id: media.id, title: displayTitle(media.title, language), href: mediaPath(media) },
      values,
      problems,
      limits: { minSummary: MIN_SUMMARY_LENGTH, maxSummary: MAX_SUMMARY_LENGTH, minBody: MIN_BODY_LENGTH, maxBody: MAX_BODY_LENGTH },
    }, status)
  }

  /** Saves the editor's form; a refusal shows it again with its problems. */
  async function save(request: FastifyRequest, reply: FastifyReply, media: Media, action: string, id: number | null) {
    const values = readReviewForm(request.body)
    try {
      const input = reviewInput(values)
      const saved = await saveReview(deps(), request.user!.id, { id, mediaId: media.id, summary: input.summary, body: input.body, score: input.score, private: input.private })
      flash.set(reply, `/review/${saved.id}`, id === null ? 'posted' : 'saved')
      return reply.redirect(`/review/${saved.id}`, 303)
    } catch (error) {
      if (error instanceof ValidationError) return editor(request, reply, media, action, values, error.fields, 400)
      if (error instanceof PostingLimitError) return editor(request, reply, media, action, values, { form: [POSTING_TOO_FAST] }, 429)
      throw error
    }
  }

  app.get<IdParams>('/review/:id', async (request, reply) => {
    if (request.params.id === 'new') return newReview(request, reply)
    const review = await visible(request)
    if (!review) return notFound(request, reply)
    const viewer = request.user ?? null
    const [media, people, totals, mine] = await Promise.all([
      workOf(review.mediaId),
      peopleOf(ctx.db, [review.userId], ctx.config.publicUrl),
      voteTotals(ctx.db, [review.id]),
      viewer ? votesOf(ctx.db, viewer.id, [review.id]) : Promise.resolve(new Map()),
    ])
    const language = titleLanguageOf(await viewerOf(ctx, request))
    const path = `/review/${review.id}`
    return ctx.views.page(request, reply, 'site/community/review', {
      title: review.summary,
      styles: STYLES,
      path,
      review: { id: review.id, summary: review.summary, score: review.score, isPrivate: review.isPrivate, html: postHtml({ textRenderer: ctx.textRenderer, publicUrl: ctx.config.publicUrl }, review.body) },
      media: media ? { title: displayTitle(media.title, language), href: mediaPath(media) } : null,
      author: people.get(review.userId) ?? { name: 'A deleted user', href: '/', avatar: DEFAULT_AVATAR_MEDIUM },
      up: totals.get(review.id)?.up ?? 0,
      votes: totals.get(review.id)?.all ?? 0,
      userRating: ratingOf(mine.get(review.id)),
      isAuthor: viewer?.id === review.userId,
      loginHref: `/login?next=${encodeURIComponent(path)}`,
    })
  })

  /** GET /review/new?mediaId=N (Fastify's /review/:id route meets it first). */
  async function newReview(request: FastifyRequest, reply: FastifyReply) {
    if (!requireLogin(request, reply, '/')) return reply
    const mediaId = rowIdFromPath(formField(request.query, 'mediaId') ?? '')
    const media = mediaId === null ? null : await workOf(mediaId)
    if (!media) return notFound(request, reply)
    const own = await reviewOf(ctx.db, request.user!.id, media.id)
    if (own) return reply.redirect(`/review/${own.id}/edit`, 303)
    return editor(request, reply, media, '/review/new', EMPTY_REVIEW_FORM)
  }

  app.post('/review/new', async (request, reply) => {
    if (!requireLogin(request, reply, '/')) return reply
    sessions.checkCsrf(request)
    const mediaId = rowIdFromPath(formField(request.body, 'mediaId') ?? '')
    const media = mediaId === null ? null : await workOf(mediaId)
    if (!media) return notFound(request, reply)
    return save(request, reply, media, '/review/new', null)
  })

  /** The review the path names if the viewer wrote it; otherwise the page that says why not, already sent. */
  async function ownReview(request: FastifyRequest<IdParams>, reply: FastifyReply): Promise<{ review: Review; media: Media } | null> {
    const review = await visible(request)
    const media = review && review.userId === request.user!.id ? await workOf(review.mediaId) : null
    if (review && media) return { review, media }
    await (review && review.userId !== request.user!.id ? notYours(request, reply) : notFound(request, reply))
    return null
  }

  const backTo = (request: FastifyRequest<IdParams>) => {
    const id = rowIdFromPath(request.params.id)
    return id === null ? '/' : `/review/${id}`
  }

  app.get<IdParams>('/review/:id/edit', async (request, reply) => {
    if (!requireLogin(request, reply, backTo(request))) return reply
    const own = await ownReview(request, reply)
    if (!own) return reply
    const { review, media } = own
    return editor(request, reply, media, `/review/${review.id}/edit`, { summary: review.summary, body: review.body, score: String(review.score), private: review.isPrivate })
  })

  app.post<IdParams>('/review/:id/edit', async (request, reply) => {
    if (!requireLogin(request, reply, backTo(request))) return reply
    sessions.checkCsrf(request)
    const own = await ownReview(request, reply)
    if (!own) return reply
    return save(request, reply, own.media, `/review/${own.review.id}/edit`, own.review.id)
  })

  app.post<IdParams>('/review/:id/vote', async (request, reply) => {
    if (!requireLogin(request, reply, backTo(request))) return reply
    sessions.checkCsrf(request)
    const rating = formField(request.body, 'rating')
    if (!(REVIEW_RATINGS as readonly string[]).includes(rating ?? '')) throw new FormFieldError('rating', 'The rating field must be UP_VOTE, DOWN_VOTE or NO_VOTE.')
    const review = await visible(request)
    if (!review) return notFound(request, reply)
    if (review.userId === request.user!.id) return ctx.views.page(request, reply, 'error', { title: 'Not voted', heading: 'Not voted', message: 'You cannot vote on your own review.', parameter: null }, 403)
    await rateReview(deps(), request.user!.id, review.id, rating as ReviewRating)
    return reply.redirect(`/review/${review.id}`, 303)
  })

  app.get<IdParams>('/review/:id/delete', async (request, reply) => {
    if (!requireLogin(request, reply, backTo(request))) return reply
    const own = await ownReview(request, reply)
    if (!own) return reply
    return ctx.views.page(request, reply, 'site/community/review-delete', { title: 'Delete this review?', styles: STYLES, path: `/review/${own.review.id}` })
  })

  app.post<IdParams>('/review/:id/delete', async (request, reply) => {
    if (!requireLogin(request, reply, backTo(request))) return reply
    sessions.checkCsrf(request)
    const own = await ownReview(request, reply)
    if (!own) return reply
    await deleteReviewOf(deps(), request.user!.id, own.review.id)
    const target = mediaPath(own.media)
    flash.set(reply, target, 'review-deleted')
    return reply.redirect(target, 303)
  })
}
