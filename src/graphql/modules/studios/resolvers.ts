/** Resolvers for studios: Query.Studio, Page.studios, Media.studios and the fields of Studio. */
import { countStudios, findStudios, type Studio, type StudioFilter, type StudioQuery } from '../../../catalog/studios.js'
import type { Media } from '../../../catalog/media.js'
import { favouriteCountOf } from '../../../accounts/favourites.js'
import { checkArguments } from '../../../query/caps.js'
import { pageInfoOf, pageWindow } from '../../../query/paging.js'
import { NotFoundError } from '../../../errors/refusals.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import type { PageRequest } from '../../server/page-request.js'
import { checkMediaArgs, type MediaEdgeValue } from '../media/resolvers.js'
import { MAX_STUDIO_MEDIA_PER_PAGE, studioById, studioFavourite, studioFavouriteCount, studioMediaKey, studioMediaPage, studiosByMedia } from './loaders.js'

type StudioArgs = StudioFilter & { sort?: ReadonlyArray<string | null> | null }

const query = (args: StudioArgs): StudioQuery => {
  checkArguments(args)
  return { filter: args, sort: args.sort, favouritesKey: (id) => favouriteCountOf('STUDIO', id) }
}

const Query: TypeResolvers<'Query', unknown> = {
  async Studio(_root, args: StudioArgs, ctx) {
    const keys = Object.entries(args).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k)
    // By id alone: through the loader, so that aliased lookups cost one query.
    const studio = keys.length === 1 && keys[0] === 'id' ? await ctx.loaders.of(studioById).load(args.id!) : (await findStudios(ctx.kiroku.db, query(args), { limit: 1, offset: 0 }))[0]
    if (!studio) throw new NotFoundError()
    return studio
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  async studios(page, args: StudioArgs, ctx) {
    const studios = await findStudios(ctx.kiroku.db, query(args), page.window)
    for (const s of studios) ctx.loaders.of(studioById).prime(s.id, s)
    return studios
  },
}

interface StudioMediaFieldArgs {
  sort?: ReadonlyArray<string | null> | null
  isMain?: boolean | null
  onList?: boolean | null
  page?: number | null
  perPage?: number | null
}

const StudioFields: TypeResolvers<'Studio', Studio> = {
  siteUrl: (studio, _args, ctx) => `${ctx.kiroku.config.publicUrl}/studio/${studio.id}`,
  favourites: (studio, _args, ctx) => ctx.loaders.of(studioFavouriteCount).load(studio.id),
  async isFavourite(studio, _args, ctx) {
    const userId = viewerId(ctx)
    return userId !== null && (await ctx.loaders.of(studioFavourite).load(`${userId}:${studio.id}`)) !== null
  },
  /** The studio's works, a page at a time, each edge saying whether the studio was its main one; every studio of a request in one query. */
  async media(studio, args: StudioMediaFieldArgs, ctx) {
    checkMediaArgs({ sort: args.sort })
    const window = pageWindow(args.page, args.perPage, MAX_STUDIO_MEDIA_PER_PAGE)
    const key = studioMediaKey(studio.id, { sort: args.sort ?? null, isMain: args.isMain ?? null, onList: args.onList ?? null, viewer: viewerId(ctx), page: window.page, perPage: window.perPage })
    const found = (await ctx.loaders.of(studioMediaPage).load(key)) ?? { media: [], total: 0 }
    const edges: MediaEdgeValue[] = found.media.map(({ media, isMain }) => ({ node: media, isMainStudio: isMain }))
    return { edges, nodes: edges.map((e) => e.node), pageInfo: pageInfoOf(found.total, window) }
  },
}

interface StudioEdgeValue {
  node: Studio
  isMain?: boolean
  favouriteOrder?: number
}

const StudioEdge: TypeResolvers<'StudioEdge', StudioEdgeValue> = {
  id: () => null,
  isMain: (edge) => edge.isMain ?? false,
}

const byName = (a: Studio, b: Studio) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)

/**
 * A work's studios in the order asked: each sort in turn, ties by id; AniList's own order without
 * one. Favourites are counted for the whole request's studios at once.
 */
async function sortStudios(edges: StudioEdgeValue[], sorts: readonly string[], ctx: GraphqlContext): Promise<StudioEdgeValue[]> {
  if (sorts.length === 0) return edges
  const counts = sorts.some((s) => s.startsWith('FAVOURITES')) ? await ctx.loaders.of(studioFavouriteCount).loadMany(edges.map((e) => e.node.id)) : []
  const favourites = new Map(edges.map((e, i) => [e.node.id, counts[i] ?? 0]))
  const compare = (sort: string, a: Studio, b: Studio): number => {
    const desc = sort.endsWith('_DESC') ? -1 : 1
    if (sort.startsWith('ID')) return desc * (a.id - b.id)
    if (sort.startsWith('NAME')) return desc * byName(a, b)
    if (sort.startsWith('FAVOURITES')) return desc * (favourites.get(a.id)! - favourites.get(b.id)!)
    return 0
  }
  return [...edges].sort((x, y) => {
    for (const sort of sorts) {
      const c = compare(sort, x.node, y.node)
      if (c !== 0) return c
    }
    return x.node.id - y.node.id
  })
}

const MediaFields: TypeResolvers<'Media', Media> = {
  async studios(media: Media, args: { sort?: ReadonlyArray<string | null> | null; isMain?: boolean | null }, ctx: GraphqlContext) {
    const all = (await ctx.loaders.of(studiosByMedia).load(media.id)) ?? []
    const chosen = typeof args.isMain === 'boolean' ? all.filter((s) => s.isMain === args.isMain) : all
    const edges = await sortStudios(chosen.map((s) => ({ node: s.studio, isMain: s.isMain })), (args.sort ?? []).filter((s): s is string => s !== null), ctx)
    // Every studio on one page: AniList does not page a work's studios.
    return { edges, nodes: edges.map((e) => e.node), pageInfo: pageInfoOf(edges.length, { page: 1, perPage: Math.max(1, edges.length) }) }
  },
}

export const studioResolvers = { Query, Page, Studio: StudioFields, StudioEdge, Media: MediaFields }

/** How many studios Page.studios matches (for pageInfo). */
export const countMatchingStudios = (args: Record<string, unknown>, ctx: GraphqlContext) => {
  checkArguments(args)
  return countStudios(ctx.kiroku.db, args as StudioFilter)
}
