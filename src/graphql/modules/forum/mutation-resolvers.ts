/**
 * The forum mutations. Each needs a token (401 "Unauthorized."); the rules are
 * community/forum/forum-actions.ts, whose refusals are AniList's answers as they are. After a change
 * the request's forum loaders are reset, so fields read after it see the change.
 */
import {
  deleteThreadCommentOf, deleteThreadOf, saveThread, saveThreadComment, toggleThreadSubscription, type ForumDeps,
} from '../../../community/forum/forum-actions.js'
import { UnauthorizedError } from '../../../errors/refusals.js'
import type { GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import { ACTIVITY_LOADERS } from '../activities/loaders.js'
import { FORUM_LOADERS } from './loaders.js'

async function change<T>(ctx: GraphqlContext, run: (deps: ForumDeps, viewer: number) => Promise<T>): Promise<T> {
  if (ctx.auth.state !== 'valid') throw new UnauthorizedError()
  try {
    return await run({ db: ctx.kiroku.db, clock: ctx.kiroku.clock, postingLimit: ctx.kiroku.postingLimit }, ctx.auth.token.userId)
  } finally {
    // Likes are counted by the activities module's loaders: a deleted thread takes its likes.
    ctx.loaders.reset(...FORUM_LOADERS, ...ACTIVITY_LOADERS)
  }
}

const Mutation: TypeResolvers<'Mutation', unknown> = {
  SaveThread: (_root, args, ctx) => change(ctx, (deps, viewer) => saveThread(deps, viewer, args)),
  DeleteThread: async (_root, args, ctx) => ({ deleted: await change(ctx, (deps, viewer) => deleteThreadOf(deps, viewer, args.id)) }),
  ToggleThreadSubscription: (_root, args, ctx) => change(ctx, (deps, viewer) => toggleThreadSubscription(deps, viewer, args.threadId, args.subscribe)),
  SaveThreadComment: (_root, args, ctx) => change(ctx, (deps, viewer) => saveThreadComment(deps, viewer, args)),
  DeleteThreadComment: async (_root, args, ctx) => ({ deleted: await change(ctx, (deps, viewer) => deleteThreadCommentOf(deps, viewer, args.id)) }),
}

export const forumMutationResolvers = { Mutation }
