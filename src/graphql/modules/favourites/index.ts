/**
 * The favourites module: `User.favourites`, the `Favourites` connections, `Media.isFavourite` and
 * the `ToggleFavourite` mutation, for every kind in kinds.ts. Favourite ids load per type for every
 * user of a page at once, their items through each kind's loader, and `isFavourite` for a whole page
 * of items in one query.
 */
import { pageInfoOf, pageWindow } from '../../../query/paging.js'
import type { User } from '../../../accounts/users.js'
import { toggleFavourite, type FavouriteType } from '../../../accounts/favourites.js'
import type { Media } from '../../../catalog/media.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { pageOf } from '../../server/list-sizes.js'
import { favouriteIdsOf, favouritesAmong } from '../../../accounts/favourites.js'
import { FAVOURITE_KINDS, type FavouriteItem, type FavouriteKind } from './kinds.js'
import { defineLoader } from '../../server/loaders.js'
import { NotFoundError, UnauthorizedError, ValidationError } from '../../../errors/refusals.js'
import { recomputeFigures } from '../../../lists/figures/recompute.js'
import { updateFavouriteOrder } from './update-order.js'
import { mediaById } from '../media/loaders.js'

/** A user's favourites of one type: `userId:ANIME`. */
export type FavouritesKey = `${number}:${FavouriteType}`

/** A user's favourite ids of one type, in favourite order: one query per type among the keys, however many users ask. */
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

/** A user and an item of a kind: `userId:CHARACTER:itemId`. */
type UserItemKey = `${number}:${FavouriteType}:${number}`

/** Whether a user marked an item as a favourite (null: not a favourite); in practice the viewer, one query per kind among the keys. */
export const favouriteItem = defineLoader<UserItemKey, true>('favouriteItem', async (keys, loaders) => {
  const out = new Map<UserItemKey, true>()
  const groups = new Map<string, { userId: number; type: FavouriteType; ids: number[] }>()
  for (const key of keys) {
    const [user, type, item] = key.split(':') as [string, FavouriteType, string]
    const group = groups.get(`${user}:${type}`) ?? { userId: Number(user), type, ids: [] }
    group.ids.push(Number(item))
    groups.set(`${user}:${type}`, group)
  }
  for (const { userId, type, ids } of groups.values()) {
    for (const id of await favouritesAmong(loaders.db, userId, [type], ids)) out.set(`${userId}:${type}:${id}`, true)
  }
  return out
})

/** Whether the viewer marked this item as a favourite: false without a token. For the `isFavourite` fields of every kind. */
export async function isViewerFavourite(ctx: GraphqlContext, type: FavouriteType, itemId: number): Promise<boolean> {
  const userId = viewerId(ctx)
  if (userId === null) return false
  return (await ctx.loaders.of(favouriteItem).load(`${userId}:${type}:${itemId}`)) !== null
}

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

/** One page of a user's favourites of a kind, as that kind's connection (edges carry favouriteOrder). */
async function favouritesPage(source: FavouritesSource, kind: FavouriteKind, args: PageArgs, ctx: GraphqlContext) {
  const ids = (await ctx.loaders.of(favouriteIds).load(`${source.userId}:${kind.type}`)) ?? []
  const window = pageWindow(args.page ?? source.page, args.perPage, MAX_FAVOURITES_PER_PAGE)
  const { offset } = window
  const items = await kind.loadMany(ctx, ids.slice(offset, offset + window.limit))
  const edges: Array<{ node: FavouriteItem; favouriteOrder: number }> = []
  items.forEach((node, i) => {
    // An item no longer stored is left out rather than answered as null.
    if (node) edges.push({ node, favouriteOrder: offset + i + 1 })
  })
  return { edges, nodes: edges.map((e) => e.node), pageInfo: pageInfoOf(ids.length, window) }
}

type ToggleArgs = Partial<Record<FavouriteKind['argument'], number | null>>

const favouriteResolvers = {
  Mutation: {
    /**
     * Checks every id given before changing anything (an unknown id is a 404, a blocked item a
     * validation error), then toggles each, in AniList's argument order.
     */
    async ToggleFavourite(_root: unknown, args: ToggleArgs, ctx: GraphqlContext): Promise<FavouritesSource> {
      const userId = viewerId(ctx)
      if (userId === null) throw new UnauthorizedError()
      const named = FAVOURITE_KINDS.flatMap((kind) => (args[kind.argument] != null ? [{ kind, id: args[kind.argument]! }] : []))
      const unservedKind = Object.entries(args).some(([argument, id]) => id != null && !FAVOURITE_KINDS.some((k) => k.argument === argument))
      // A kind no domain serves yet holds nothing, so any id of it is an unknown id.
      if (unservedKind) throw new NotFoundError()
      if (named.length === 0) {
        throw new ValidationError({ animeId: ['The anime id field is required when none of manga id / character id / staff id / studio id are present.'] })
      }
      for (const { kind, id } of named) {
        const [item] = await kind.loadMany(ctx, [id])
        if (!item) throw new NotFoundError()
        if (item.isFavouriteBlocked && !(await isViewerFavourite(ctx, kind.type, id))) {
          throw new ValidationError({ [kind.argument]: [`This ${kind.noun} may not be added to favourites.`] })
        }
      }
      for (const { kind, id } of named) {
        await toggleFavourite(ctx.kiroku.db, ctx.kiroku.clock, userId, kind.type, id)
        ctx.loaders.of(favouriteItem).forget(`${userId}:${kind.type}:${id}`)
        ctx.loaders.of(favouriteIds).forget(`${userId}:${kind.type}`)
      }
      // A work's favourites count is one of its figures (lists/figures/recompute.ts).
      const works = named.filter(({ kind }) => kind.type === 'ANIME' || kind.type === 'MANGA').map(({ id }) => id)
      await recomputeFigures(ctx.kiroku.db, ctx.kiroku.clock, works)
      // The works were loaded for the checks above: load them again, with their new count.
      for (const id of works) ctx.loaders.of(mediaById).forget(id)
      return { userId, page: null }
    },
    UpdateFavouriteOrder: (_root: unknown, args: Record<string, ReadonlyArray<number | null> | null | undefined>, ctx: GraphqlContext) =>
      updateFavouriteOrder(args, ctx, (userId, type) => ctx.loaders.of(favouriteIds).forget(`${userId}:${type}`)),
  },
  User: {
    favourites: (user: User, args: { page?: number | null }): FavouritesSource => ({ userId: user.id, page: args.page }),
  },
  Favourites: Object.fromEntries(
    FAVOURITE_KINDS.map((kind) => [kind.field, (source: FavouritesSource, args: PageArgs, ctx: GraphqlContext) => favouritesPage(source, kind, args, ctx)]),
  ),
  Media: {
    isFavourite: (media: Media, _args: unknown, ctx: GraphqlContext) => isViewerFavourite(ctx, media.type, media.id),
  },
}

/** `isFavourite` of the kinds that name their object type (Character, Staff…), answered from the item's id. */
const kindResolvers = Object.fromEntries(
  FAVOURITE_KINDS.flatMap((kind) =>
    kind.objectType ? [[kind.objectType, { isFavourite: (item: { id: number }, _args: unknown, ctx: GraphqlContext) => isViewerFavourite(ctx, kind.type, item.id) }]] : [],
  ),
)

export const favouritesModule: GraphqlModule = {
  name: 'favourites',
  sdl: `${readModuleSdl(import.meta.url)}\n\n${readModuleSdl(import.meta.url, 'update-order.graphql')}`,
  resolvers: mergeResolvers(favouriteResolvers, kindResolvers),
  scopeOpeners: Object.fromEntries(FAVOURITE_KINDS.map((kind) => [`Favourites.${kind.field}`, pageOf(MAX_FAVOURITES_PER_PAGE)])),
}
