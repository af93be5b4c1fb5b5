/**
 * The list mutations: SaveMediaListEntry, UpdateMediaListEntries, DeleteMediaListEntry. Each needs a
 * token (401 "Unauthorized."); the work itself is lists/save.ts, whose refusals become AniList's
 * answers here: validation 400, an unknown entry or media 404, another user's entry 401.
 */
import type { MediaListEntry } from '../../lists/entry.js'
import { ListError } from '../../lists/errors.js'
import { deleteOwnEntry, saveEntry, updateEntries, type SaveRequest } from '../../lists/save.js'
import type { EntryInput } from '../../lists/validation.js'
import type { GraphqlContext } from '../context.js'
import { AniListError, notFound, unauthorized, validationError } from '../errors.js'
import { createListLoaders } from '../list-loaders.js'
import { BatchLoader } from '../loaders.js'

function viewerOf(ctx: GraphqlContext): number {
  if (ctx.auth.state !== 'valid') throw unauthorized()
  return ctx.auth.token.userId
}

function asAniListError(error: unknown): unknown {
  if (!(error instanceof ListError)) return error
  if (error.code === 'validation') return validationError(error.problems)
  if (error.code === 'not_found') return notFound()
  return new AniListError(error.message, 401)
}

/** Runs a change, then drops the request's cached list entries so that fields read after it see the change. */
async function change<T>(ctx: GraphqlContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw asAniListError(error)
  } finally {
    const { users, profiles } = ctx.loaders.lists
    ctx.loaders.lists = createListLoaders(ctx.kiroku.db, (batch) => new BatchLoader(batch), { users, profiles })
  }
}

export const mediaListMutationResolvers = {
  Mutation: {
    SaveMediaListEntry(_root: unknown, args: SaveRequest, ctx: GraphqlContext): Promise<MediaListEntry> {
      const viewer = viewerOf(ctx)
      return change(ctx, () => saveEntry(ctx.kiroku.db, ctx.kiroku.clock, viewer, args))
    },
    UpdateMediaListEntries(_root: unknown, args: EntryInput & { ids?: ReadonlyArray<number | null> | null }, ctx: GraphqlContext): Promise<MediaListEntry[]> {
      const viewer = viewerOf(ctx)
      const { ids, ...input } = args
      return change(ctx, () => updateEntries(ctx.kiroku.db, ctx.kiroku.clock, viewer, ids, input))
    },
    async DeleteMediaListEntry(_root: unknown, args: { id?: number | null }, ctx: GraphqlContext) {
      const viewer = viewerOf(ctx)
      return { deleted: await change(ctx, () => deleteOwnEntry(ctx.kiroku.db, viewer, args.id)) }
    },
  },
}
