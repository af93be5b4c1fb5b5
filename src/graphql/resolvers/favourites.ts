/**
 * Resolvers for favourites: `User.favourites`, the `Favourites` connections, `Media.isFavourite` and
 * the `ToggleFavourite` mutation. Favourite ids load per type for every user of a page at once, their
 * media through the media loader, and `isFavourite` for a whole page of media in one query.
 */
import { pageInfoOf, pageWindow } from '../../query/paging.js'
import type { User } from '../../accounts/users.js'
import { toggleFavourite, type FavouriteType } from '../../accounts/favourites.js'
import type { Media } from '../../catalog/media.js'
import type { GraphqlContext } from '../context.js'
import { NotFoundError, UnauthorizedError, ValidationError } from '../../errors/refusals.js'
import { viewerId } from './user.js'

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
  const ids = (await ctx.loaders.favouriteIds.load(`${source.userId}:${type}`)) ?? []
  const window = pageWindow(args.page ?? source.page, args.perPage, MAX_FAVOURITES_PER_PAGE)
  const { offset } = window
  const slice = ids.slice(offset, offset + window.limit)
  const media = await ctx.loaders.media.loadMany(slice)
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

export const favouriteResolvers = {
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
        const media = await ctx.loaders.media.load(id)
        if (!media || media.type !== type) throw new NotFoundError()
        const isFavourite = (await ctx.loaders.favouriteWork.load(`${userId}:${id}`)) !== null
        if (media.isFavouriteBlocked && !isFavourite) {
          const field = type === 'ANIME' ? 'animeId' : 'mangaId'
          throw new ValidationError({ [field]: [`This ${type === 'ANIME' ? 'anime' : 'manga'} may not be added to favourites.`] })
        }
      }
      for (const [type, id] of works) {
        await toggleFavourite(ctx.kiroku.db, ctx.kiroku.clock, userId, type, id)
        ctx.loaders.favouriteWork.forget(`${userId}:${id}`)
        ctx.loaders.favouriteIds.forget(`${userId}:${type}`)
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
      return (await ctx.loaders.favouriteWork.load(`${userId}:${media.id}`)) !== null
    },
  },
}
