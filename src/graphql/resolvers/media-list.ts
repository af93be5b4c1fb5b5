/**
 * Resolvers for list entries: `Query.MediaList`, `Page.mediaList`, `Media.mediaListEntry` and the
 * fields of MediaList that are computed (scores in a format, custom lists, advanced scores) or point
 * elsewhere (media, user), all through the request's batching loaders.
 */
import type { Media } from '../../catalog/media.js'
import type { Profile } from '../../accounts/profiles.js'
import { countEntries, findEntries } from '../../lists/entry-query.js'
import { fromRawScore, type ScoreFormat } from '../../lists/score-format.js'
import type { GraphqlContext } from '../context.js'
import { NotFoundError } from '../../errors/refusals.js'
import type { PageRequest } from './page.js'
import { entryQueryOf, viewerId, type MediaListArgs } from './media-list-args.js'
import type { ListedEntry } from './list-media.js'

async function ownerProfile(entry: ListedEntry, ctx: GraphqlContext): Promise<Profile | null> {
  return ctx.loaders.lists.profiles.load(entry.userId)
}

function typeOptions(profile: Profile | null, entry: ListedEntry) {
  if (!profile) return null
  return entry.mediaType === 'ANIME' ? profile.mediaListOptions.animeList : profile.mediaListOptions.mangaList
}

/** How many entries `Page.mediaList` matches with these arguments (for pageInfo). */
export async function countMediaList(args: Record<string, unknown>, ctx: GraphqlContext): Promise<number> {
  return countEntries(ctx.kiroku.db, await entryQueryOf(args as MediaListArgs, ctx))
}

export const mediaListResolvers = {
  Query: {
    async MediaList(_root: unknown, args: MediaListArgs, ctx: GraphqlContext) {
      const [entry] = await findEntries(ctx.kiroku.db, await entryQueryOf(args, ctx), { limit: 1, offset: 0 })
      if (!entry) throw new NotFoundError()
      return entry
    },
  },
  Page: {
    async mediaList(page: PageRequest, args: MediaListArgs, ctx: GraphqlContext) {
      return findEntries(ctx.kiroku.db, await entryQueryOf(args, ctx), page.window)
    },
  },
  Media: {
    mediaListEntry(media: Media, _args: unknown, ctx: GraphqlContext) {
      const viewer = viewerId(ctx)
      return viewer === null ? null : ctx.loaders.lists.userEntry.load(`${viewer}:${media.id}`)
    },
  },
  MediaList: {
    async score(entry: ListedEntry, args: { format?: ScoreFormat | null }, ctx: GraphqlContext) {
      const format = args.format ?? (await ownerProfile(entry, ctx))?.mediaListOptions.scoreFormat ?? 'POINT_100'
      return fromRawScore(entry.score, format)
    },
    async customLists(entry: ListedEntry, args: { asArray?: boolean | null }, ctx: GraphqlContext) {
      const names = typeOptions(await ownerProfile(entry, ctx), entry)?.customLists ?? []
      const member = new Set(entry.customLists.map((n) => n.toLowerCase()))
      if (args.asArray) return names.map((name) => ({ name, enabled: member.has(name.toLowerCase()) }))
      return Object.fromEntries(names.map((name) => [name, member.has(name.toLowerCase())]))
    },
    async advancedScores(entry: ListedEntry, _args: unknown, ctx: GraphqlContext) {
      const profile = await ownerProfile(entry, ctx)
      const format = profile?.mediaListOptions.scoreFormat ?? 'POINT_100'
      const names = typeOptions(profile, entry)?.advancedScoring ?? []
      return Object.fromEntries(names.map((name) => [name, fromRawScore(entry.advancedScores[name] ?? 0, format)]))
    },
    async media(entry: ListedEntry, _args: unknown, ctx: GraphqlContext) {
      if (entry.loadListMedia) return (await entry.loadListMedia()).get(entry.mediaId) ?? null
      return ctx.loaders.media.load(entry.mediaId)
    },
    user: (entry: ListedEntry, _args: unknown, ctx: GraphqlContext) => ctx.loaders.lists.users.load(entry.userId),
  },
}
