/**
 * The activity mutations. Each needs a token (401 "Unauthorized."); the rules — who may change what,
 * the posting limit, lengths, notifications — are social/activity-actions.ts, whose refusals are
 * AniList's answers as they are. After a change the request's activity loaders are reset, so fields
 * read after it see the change.
 */
import {
  deleteActivityOf, deleteActivityReplyOf, lockListActivity, saveActivityReply, saveMessageActivity, saveTextActivity, toggleActivityPin,
  toggleActivitySubscription, toggleLikeOf, likedItemId, likedItemValue, type SocialDeps,
} from '../../../social/activity-actions.js'
import type { LikeableType } from '../../../social/likes.js'
import { UnauthorizedError } from '../../../errors/refusals.js'
import type { GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import { usersById } from '../users/loaders.js'
import { ACTIVITY_LOADERS, likeableKey, likersOfItem } from './loaders.js'

function viewerOf(ctx: GraphqlContext): number {
  if (ctx.auth.state !== 'valid') throw new UnauthorizedError()
  return ctx.auth.token.userId
}

const depsOf = (ctx: GraphqlContext): SocialDeps => ({ db: ctx.kiroku.db, clock: ctx.kiroku.clock, postingLimit: ctx.kiroku.postingLimit, likeableKinds: ctx.kiroku.likeableKinds })

/** Runs a change for the viewer, then drops the request's cached activities, replies, likes and subscriptions. */
async function change<T>(ctx: GraphqlContext, run: (deps: SocialDeps, viewer: number) => Promise<T>): Promise<T> {
  const viewer = viewerOf(ctx)
  try {
    return await run(depsOf(ctx), viewer)
  } finally {
    ctx.loaders.reset(...ACTIVITY_LOADERS)
  }
}

const Mutation: TypeResolvers<'Mutation', unknown> = {
  SaveTextActivity: (_root, args, ctx) => change(ctx, (deps, viewer) => saveTextActivity(deps, viewer, args)),
  SaveMessageActivity: (_root, args, ctx) => change(ctx, (deps, viewer) => saveMessageActivity(deps, viewer, args)),
  SaveListActivity: (_root, args, ctx) => change(ctx, (deps, viewer) => lockListActivity(deps, viewer, args)),
  DeleteActivity: async (_root, args, ctx) => ({ deleted: await change(ctx, (deps, viewer) => deleteActivityOf(deps, viewer, args.id)) }),
  ToggleActivityPin: (_root, args, ctx) => change(ctx, (deps, viewer) => toggleActivityPin(deps, viewer, args.id, args.pinned)),
  ToggleActivitySubscription: (_root, args, ctx) => change(ctx, (deps, viewer) => toggleActivitySubscription(deps, viewer, args.activityId, args.subscribe)),
  SaveActivityReply: (_root, args, ctx) => change(ctx, (deps, viewer) => saveActivityReply(deps, viewer, args)),
  DeleteActivityReply: async (_root, args, ctx) => ({ deleted: await change(ctx, (deps, viewer) => deleteActivityReplyOf(deps, viewer, args.id)) }),
  async ToggleLike(_root, args, ctx) {
    const liked = await change(ctx, (deps, viewer) => toggleLikeOf(deps, viewer, args.type as LikeableType | null, args.id))
    const likers = (await ctx.loaders.of(likersOfItem).load(likeableKey(liked.type, likedItemId(liked)))) ?? []
    return ctx.loaders.of(usersById).loadMany(likers)
  },
  async ToggleLikeV2(_root, args, ctx) {
    return likedItemValue(await change(ctx, (deps, viewer) => toggleLikeOf(deps, viewer, args.type as LikeableType | null, args.id)))
  },
}

/** The resolvers of the activity mutations. */
export const mutationResolvers = { Mutation }
