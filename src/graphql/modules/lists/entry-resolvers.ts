/**
 * Resolvers for list entries: `Query.MediaList`, `Page.mediaList`, `Media.mediaListEntry` and the
 * fields of MediaList that are computed (scores in a format, custom lists, advanced scores) or point
 * elsewhere (media, user), all through the request's batching loaders.
 */
import type { Media } from '../../../catalog/media.js'
import { typeOptions, type MediaListOptions } from '../../../lists/list-options.js'
import { countEntries, findEntries } from '../../../lists/entry-query.js'
import { fromRawScore } from '../../../lists/score-format.js'
import { NotFoundError } from '../../../errors/refusals.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { PageRequest } from '../../server/page-request.js'
import type { TypeResolvers } from '../../server/module.js'
import { mediaById } from '../media/loaders.js'
import { usersById } from '../users/loaders.js'
import { entryQueryOf, type MediaListArgs } from './entry-args.js'
import type { ListedEntry } from './entry-media.js'
import { listOptions, userEntry } from './loaders.js'

/** The list options of the entry's owner (every user has them: the defaults when none were set). */
async function ownerOptions(entry: ListedEntry, ctx: GraphqlContext): Promise<MediaListOptions> {
  return (await ctx.loaders.of(listOptions).load(entry.userId))!
}

/** How many entries `Page.mediaList` matches with these arguments (for pageInfo). */
export async function countMediaList(args: Record<string, unknown>, ctx: GraphqlContext): Promise<number> {
  return countEntries(ctx.kiroku.db, await entryQueryOf(args as MediaListArgs, ctx))
}

const Query: TypeResolvers<'Query', unknown> = {
  async MediaList(_root, args: MediaListArgs, ctx) {
    const [entry] = await findEntries(ctx.kiroku.db, await entryQueryOf(args, ctx), { limit: 1, offset: 0 })
    if (!entry) throw new NotFoundError()
    return entry
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async mediaList(page, args: MediaListArgs, ctx) {
    return findEntries(ctx.kiroku.db, await entryQueryOf(args, ctx), page.window)
  },
}

const MediaFields: TypeResolvers<'Media', Media> = {
  mediaListEntry(media, _args, ctx) {
    const viewer = viewerId(ctx)
    return viewer === null ? null : ctx.loaders.of(userEntry).load(`${viewer}:${media.id}`)
  },
}

const MediaList: TypeResolvers<'MediaList', ListedEntry> = {
  async score(entry, args, ctx) {
    const format = args.format ?? (await ownerOptions(entry, ctx)).scoreFormat
    return fromRawScore(entry.score, format)
  },
  async customLists(entry, args, ctx) {
    const names = typeOptions(await ownerOptions(entry, ctx), entry.mediaType).customLists
    const member = new Set(entry.customLists.map((n) => n.toLowerCase()))
    if (args.asArray) return names.map((name) => ({ name, enabled: member.has(name.toLowerCase()) }))
    return Object.fromEntries(names.map((name) => [name, member.has(name.toLowerCase())]))
  },
  async advancedScores(entry, _args, ctx) {
    const options = await ownerOptions(entry, ctx)
    const format = options.scoreFormat
    const names = typeOptions(options, entry.mediaType).advancedScoring
    return Object.fromEntries(names.map((name) => [name, fromRawScore(entry.advancedScores[name] ?? 0, format)]))
  },
  async media(entry, _args, ctx) {
    if (entry.loadListMedia) return (await entry.loadListMedia()).get(entry.mediaId) ?? null
    return ctx.loaders.of(mediaById).load(entry.mediaId)
  },
  user: (entry, _args, ctx) => ctx.loaders.of(usersById).load(entry.userId),
}

/** The resolvers of list entries. */
export const entryResolvers = { Query, Page, Media: MediaFields, MediaList }
