/**
 * The favourites module: `User.favourites`, the `Favourites` connections, `Media.isFavourite` and
 * the `ToggleFavourite` mutation. Favourite ids load per type for every user of a page at once, their
 * media through the media loader, and `isFavourite` for a whole page of media in one query.
 */
import { pageInfoOf, pageWindow } from '../../../query/paging.js'
import type { User } from '../../../accounts/users.js'
import { toggleFavourite, type FavouriteType } from '../../../accounts/favourites.js'
import type { Media } from '../../../catalog/media.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { pageOf } from '../../server/list-sizes.js'
import { favouriteIdsOf, favouriteWorksAmong } from '../../../accounts/favourites.js'
import { defineLoader } from '../../server/loaders.js'
import { mediaById } from '../media/loaders.js'
import { NotFoundError, UnauthorizedError, ValidationError } from '../../../errors/refusals.js'

/** A user's favourites of one type: `userId:ANIME`. */
export type FavouritesKey = `${number}:${FavouriteType}`

/** A user and a work: `userId:mediaId`. */
type UserWorkKey = `${number}:${number}`

/** A user's favourite media ids of one type, in favourite order: one query per type among the keys, however many users ask. */
export const favouriteIds = defineLoader<FavouritesKey, number[]>('favouriteIds', async (keys, loaders) => {
  const out = new Map<FavouritesKey, number[]>()
  const usersByType = new Map<FavouriteType, number[]>()
  for (const key of keys) {
    const [userId, type] = key.split(':') as [string, FavouriteType]
    usersByType.set(type, [...(usersByType.get(type) ?? []), Number(userId)])
  }
  for (const [type, users] of usersByType) {
    for (const [userId, ids] of await favouriteIdsOf(loaders.db, users, type)) out.set(`${userId}:${type}`, ids)
  }
  return out
})

/** Whether a user marked a work as a favourite (null: not a favourite); in practice the viewer, one query per batch of works. */
export const favouriteWork = defineLoader<UserWorkKey, true>('favouriteWork', async (keys, loaders) => {
  const out = new Map<UserWorkKey, true>()
  const worksByUser = new Map<number, number[]>()
  for (const key of keys) {
    const [userId, mediaId] = key.split(':').map(Number) as [number, number]
    worksByUser.set(userId, [...(worksByUser.get(userId) ?? []), mediaId])
  }
  for (const [userId, mediaIds] of worksByUser) {
    for (const id of await favouriteWorksAmong(loaders.db, userId, mediaIds)) out.set(`${userId}:${id}`, true)
  }
  return out
})

/** AniList's favourite page size: the default, and the most a page holds. */
export const MAX_FAVOURITES_PER_PAGE = 25

/** What `Favourites` resolves from: whose favourites, and the page `User.favourites(page)` asked for. */
interface FavouritesSource {
  userId: number
  page: number | null | undefined
}

interface PageArgs {
  page?: number | null
  perPage?: number | null
}

/** One page of a user's favourite works of a type, as a MediaConnection. */
async function favouritesPage(source: FavouritesSource, type: FavouriteType, args: PageArgs, ctx: GraphqlContext) {
  const ids = (await ctx.loaders.of(favouriteIds).load(`${source.userId}:${type}`)) ?? []
  const window = pageWindow(args.page ?? source.page, args.perPage, MAX_FAVOURITES_PER_PAGE)
  const { offset } = window
  const slice = ids.slice(offset, offset + window.limit)
  const media = await ctx.loaders.of(mediaById).loadMany(slice)
  const edges: Array<{ node: Media; favouriteOrder: number; relationType: null }> = []
  media.forEach((node, i) => {
    // A work no longer in the catalog is left out rather than answered as null.
    if (node) edges.push({ node, favouriteOrder: offset + i + 1, relationType: null })
  })
  return { edges, nodes: edges.map((e) => e.node), pageInfo: pageInfoOf(ids.length, window) }
}

/** The ToggleFavourite arguments Kiroku can act on, and those naming things it does not have yet. */
interface ToggleArgs {
  animeId?: number | null
  mangaId?: number | null
  characterId?: number | null
  staffId?: number | null
  studioId?: number | null
}

const favouriteResolvers = {
  Mutation: {
    /**
     * Checks every id given before changing anything, then toggles each. Characters, staff and studios
     * do not exist in Kiroku yet, so their ids are unknown ids: 404, as for a missing anime.
     */
    async ToggleFavourite(_root: unknown, args: ToggleArgs, ctx: GraphqlContext): Promise<FavouritesSource> {
      const userId = viewerId(ctx)
      if (userId === null) throw new UnauthorizedError()
      const works: Array<[FavouriteType, number]> = []
      if (args.animeId != null) works.push(['ANIME', args.animeId])
      if (args.mangaId != null) works.push(['MANGA', args.mangaId])
      const others = [args.characterId, args.staffId, args.studioId].filter((id) => id != null)
      if (works.length === 0 && others.length === 0) {
        throw new ValidationError({ animeId: ['The anime id field is required when none of manga id / character id / staff id / studio id are present.'] })
      }
      if (others.length > 0) throw new NotFoundError()
      for (const [type, id] of works) {
        const media = await ctx.loaders.of(mediaById).load(id)
        if (!media || media.type !== type) throw new NotFoundError()
        const isFavourite = (await ctx.loaders.of(favouriteWork).load(`${userId}:${id}`)) !== null
        if (media.isFavouriteBlocked && !isFavourite) {
          const field = type === 'ANIME' ? 'animeId' : 'mangaId'
          throw new ValidationError({ [field]: [`This ${type === 'ANIME' ? 'anime' : 'manga'} may not be added to favourites.`] })
        }
      }
      for (const [type, id] of works) {
        await toggleFavourite(ctx.kiroku.db, ctx.kiroku.clock, userId, type, id)
        ctx.loaders.of(favouriteWork).forget(`${userId}:${id}`)
        ctx.loaders.of(favouriteIds).forget(`${userId}:${type}`)
      }
      return { userId, page: null }
    },
  },
  User: {
    favourites: (user: User, args: { page?: number | null }): FavouritesSource => ({ userId: user.id, page: args.page }),
  },
  Favourites: {
    anime: (source: FavouritesSource, args: PageArgs, ctx: GraphqlContext) => favouritesPage(source, 'ANIME', args, ctx),
    manga: (source: FavouritesSource, args: PageArgs, ctx: GraphqlContext) => favouritesPage(source, 'MANGA', args, ctx),
  },
  Media: {
    async isFavourite(media: Media, _args: unknown, ctx: GraphqlContext): Promise<boolean> {
      const userId = viewerId(ctx)
      if (userId === null) return false
      return (await ctx.loaders.of(favouriteWork).load(`${userId}:${media.id}`)) !== null
    },
  },
}

export const favouritesModule: GraphqlModule = {
  name: 'favourites',
  sdl: readModuleSdl(import.meta.url),
  resolvers: mergeResolvers(favouriteResolvers),
  scopeOpeners: { 'Favourites.anime': pageOf(MAX_FAVOURITES_PER_PAGE), 'Favourites.manga': pageOf(MAX_FAVOURITES_PER_PAGE) },
}
