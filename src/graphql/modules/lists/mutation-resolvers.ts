/**
 * The list mutations: SaveMediaListEntry, UpdateMediaListEntries, DeleteMediaListEntry, DeleteCustomList. Each needs a
 * token (401 "Unauthorized."); the work itself is lists/save.ts, whose refusals (validation 400, an
 * unknown entry or media 404, another user's entry 401) are AniList's answers as they are.
 */
import type { MediaListEntry } from '../../../lists/entry.js'
import type { MediaType } from '../../../catalog/media.js'
import { deleteCustomList } from '../../../lists/custom-lists.js'
import { deleteOwnEntry, saveEntry, updateEntries, type SaveRequest } from '../../../lists/save.js'
import type { EntryInput } from '../../../lists/validation.js'
import type { GraphqlContext } from '../../server/context.js'
import { UnauthorizedError } from '../../../errors/refusals.js'
import type { TypeResolvers } from '../../server/module.js'
import { LIST_LOADERS } from './loaders.js'

function viewerOf(ctx: GraphqlContext): number {
  if (ctx.auth.state !== 'valid') throw new UnauthorizedError()
  return ctx.auth.token.userId
}

/** Runs a change, then drops the request's cached list entries so that fields read after it see the change. */
async function change<T>(ctx: GraphqlContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } finally {
    ctx.loaders.reset(...LIST_LOADERS)
  }
}

const Mutation: TypeResolvers<'Mutation', unknown> = {
  SaveMediaListEntry(_root: unknown, args: SaveRequest, ctx: GraphqlContext): Promise<MediaListEntry> {
    const viewer = viewerOf(ctx)
    return change(ctx, () => saveEntry(ctx.kiroku.db, ctx.kiroku.clock, viewer, args, ctx.kiroku.entryListeners))
  },
  UpdateMediaListEntries(_root: unknown, args: EntryInput & { ids?: ReadonlyArray<number | null> | null }, ctx: GraphqlContext): Promise<MediaListEntry[]> {
    const viewer = viewerOf(ctx)
    const { ids, ...input } = args
    return change(ctx, () => updateEntries(ctx.kiroku.db, ctx.kiroku.clock, viewer, ids, input, ctx.kiroku.entryListeners))
  },
  async DeleteCustomList(_root: unknown, args: { customList?: string | null; type?: MediaType | null }, ctx: GraphqlContext) {
    const viewer = viewerOf(ctx)
    return { deleted: await change(ctx, () => deleteCustomList(ctx.kiroku.db, ctx.kiroku.clock, viewer, args.customList, args.type)) }
  },
  async DeleteMediaListEntry(_root: unknown, args: { id?: number | null }, ctx: GraphqlContext) {
    const viewer = viewerOf(ctx)
    return { deleted: await change(ctx, () => deleteOwnEntry(ctx.kiroku.db, ctx.kiroku.clock, viewer, args.id)) }
  },
}

/** The resolvers of the list mutations. */
export const mutationResolvers = { Mutation }
