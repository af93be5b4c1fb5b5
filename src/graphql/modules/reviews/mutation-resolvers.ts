/**
 * The review mutations. Each needs a token (401 "Unauthorized."); the rules are
 * community/reviews/review-actions.ts's, whose refusals are AniList's answers as they are. After a
 * change the request's review loaders are reset, so fields read after it see the change.
 */
import { deleteReviewOf, rateReview, saveReview, type ReviewDeps, type ReviewRating } from '../../../community/reviews/review-actions.js'
import { UnauthorizedError } from '../../../errors/refusals.js'
import type { GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import { REVIEW_LOADERS } from './loaders.js'

async function change<T>(ctx: GraphqlContext, run: (deps: ReviewDeps, viewer: number) => Promise<T>): Promise<T> {
  if (ctx.auth.state !== 'valid') throw new UnauthorizedError()
  const viewer = ctx.auth.token.userId
  try {
    return await run({ db: ctx.kiroku.db, clock: ctx.kiroku.clock, postingLimit: ctx.kiroku.postingLimit }, viewer)
  } finally {
    ctx.loaders.reset(...REVIEW_LOADERS)
  }
}

const Mutation: TypeResolvers<'Mutation', unknown> = {
  SaveReview: (_root, args, ctx) => change(ctx, (deps, viewer) => saveReview(deps, viewer, args)),
  DeleteReview: async (_root, args, ctx) => ({ deleted: await change(ctx, (deps, viewer) => deleteReviewOf(deps, viewer, args.id)) }),
  RateReview: (_root, args, ctx) => change(ctx, (deps, viewer) => rateReview(deps, viewer, args.reviewId, args.rating as ReviewRating | null | undefined)),
}

export const reviewMutationResolvers = { Mutation }
