/** Resolvers for airing schedules: Query.AiringSchedule, Page.airingSchedules and a work's schedule fields. */
import { countAiring, findAiring, loadAiringByIds, type Airing, type AiringFilter } from '../../../catalog/airing.js'
import type { Media } from '../../../catalog/media.js'
import { checkArguments } from '../../../query/caps.js'
import { pageInfoOf, pageWindow } from '../../../query/paging.js'
import { NotFoundError } from '../../../errors/refusals.js'
import type { GraphqlContext } from '../../server/context.js'
import type { TypeResolvers } from '../../server/module.js'
import type { PageRequest } from '../../server/page-request.js'
import { mediaById } from '../media/loaders.js'
import { airingPages, MAX_AIRING_PER_PAGE, nextAiring, type AiringPageKey } from './loaders.js'
import { requestNow } from './request-time.js'

type AiringArgs = AiringFilter & { sort?: ReadonlyArray<string | null> | null }

const givenKeys = (args: object) => Object.entries(args).filter(([, v]) => v !== undefined && v !== null).map(([k]) => k)

const Query: TypeResolvers<'Query', unknown> = {
  async AiringSchedule(_root, args: AiringArgs, ctx) {
    checkArguments(args)
    const keys = givenKeys(args)
    // By id alone: through a batch, so that aliased lookups cost one query.
    if (keys.length === 1 && keys[0] === 'id') {
      const found = (await loadAiringByIds(ctx.kiroku.db, [args.id!])).get(args.id!)
      if (!found) throw new NotFoundError()
      return found
    }
    const [airing] = await findAiring(ctx.kiroku.db, args, args.sort, requestNow(ctx), { limit: 1, offset: 0 })
    if (!airing) throw new NotFoundError()
    return airing
  },
}

const Page: TypeResolvers<'Page', PageRequest> = {
  airingSchedules(page, args: AiringArgs, ctx) {
    checkArguments(args)
    return findAiring(ctx.kiroku.db, args, args.sort, requestNow(ctx), page.window)
  },
}

const AiringSchedule: TypeResolvers<'AiringSchedule', Airing> = {
  timeUntilAiring: (airing, _args, ctx) => airing.airingAt - requestNow(ctx),
  media: (airing, _args, ctx) => ctx.loaders.of(mediaById).load(airing.mediaId),
}

const AiringScheduleEdge: TypeResolvers<'AiringScheduleEdge', { node: Airing }> = {
  id: (edge) => edge.node.id,
}

interface ScheduleArgs {
  notYetAired?: boolean | null
  page?: number | null
  perPage?: number | null
}

const MediaFields: TypeResolvers<'Media', Media> = {
  nextAiringEpisode: (media: Media, _args: unknown, ctx: GraphqlContext) => ctx.loaders.of(nextAiring).load(`${media.id}:${requestNow(ctx)}`),
  async airingSchedule(media: Media, args: ScheduleArgs, ctx: GraphqlContext) {
    const window = pageWindow(args.page, args.perPage, MAX_AIRING_PER_PAGE)
    const aired = typeof args.notYetAired === 'boolean' ? String(args.notYetAired) : 'any'
    const key = `${media.id}:${aired}:${window.page}:${window.perPage}:${requestNow(ctx)}` as AiringPageKey
    const found = (await ctx.loaders.of(airingPages).load(key)) ?? { rows: [], total: 0 }
    return { edges: found.rows.map((node) => ({ node })), nodes: found.rows, pageInfo: pageInfoOf(found.total, window) }
  },
}

export const airingResolvers = { Query, Page, AiringSchedule, AiringScheduleEdge, Media: MediaFields }

/** How many airings Page.airingSchedules matches (for pageInfo). */
export const countMatchingAiring = (args: Record<string, unknown>, ctx: GraphqlContext) => {
  checkArguments(args)
  return countAiring(ctx.kiroku.db, args as AiringFilter, requestNow(ctx))
}
