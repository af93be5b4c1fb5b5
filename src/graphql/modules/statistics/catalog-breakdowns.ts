/**
 * The statistics breakdowns by the catalog's tags and studios (UserTagStatistic.tag,
 * UserStudioStatistic.studio): the same rows as the genre breakdown, keyed by what the catalog links
 * to each work. The tags and studios of every work of the list load in one query each.
 */
import { breakdownByKeys, sortAndLimit, type StatisticsSort } from '../../../lists/statistics.js'
import type { StatisticsWithBasis } from './basis.js'
import type { Studio } from '../../../catalog/studios.js'
import type { GraphqlContext } from '../../server/context.js'
import { tagsByMedia } from '../media/loaders.js'
import { tagValue, type MediaTagValue } from '../media/catalog-resolvers.js'
import { studiosByMedia } from '../studios/loaders.js'

interface BreakdownArgs {
  limit?: number | null
  sort?: ReadonlyArray<StatisticsSort | null> | null
}

const sorts = (args: BreakdownArgs) => args.sort?.filter((s): s is StatisticsSort => s !== null)

/** By tag: a work counts once for each of its tags. */
export async function tagBreakdown(stats: StatisticsWithBasis, args: BreakdownArgs, ctx: GraphqlContext) {
  const inputs = stats.basis
  const ids = [...inputs.media.keys()]
  const lists = await ctx.loaders.of(tagsByMedia).loadMany(ids)
  const tags = new Map<number, MediaTagValue>()
  const keys = new Map<number, number[]>()
  ids.forEach((id, i) => {
    const list = lists[i] ?? []
    keys.set(id, list.map((t) => t.tag.id))
    for (const t of list) if (!tags.has(t.tag.id)) tags.set(t.tag.id, tagValue(t.tag))
  })
  const rows = breakdownByKeys(inputs.type, inputs.entries, inputs.media, inputs.scoreFormat, (id) => keys.get(id) ?? []).map(({ key, ...row }) => ({ ...row, tag: tags.get(key)! }))
  return sortAndLimit(rows, (r) => r.tag.name, sorts(args), args.limit)
}

/** By studio: a work counts once for each animation studio that made it (AniList leaves producers out). */
export async function studioBreakdown(stats: StatisticsWithBasis, args: BreakdownArgs, ctx: GraphqlContext) {
  const inputs = stats.basis
  const ids = [...inputs.media.keys()]
  const lists = await ctx.loaders.of(studiosByMedia).loadMany(ids)
  const studios = new Map<number, Studio>()
  const keys = new Map<number, number[]>()
  ids.forEach((id, i) => {
    const list = (lists[i] ?? []).filter((s) => s.studio.isAnimationStudio)
    keys.set(id, list.map((s) => s.studio.id))
    for (const s of list) studios.set(s.studio.id, s.studio)
  })
  const rows = breakdownByKeys(inputs.type, inputs.entries, inputs.media, inputs.scoreFormat, (id) => keys.get(id) ?? []).map(({ key, ...row }) => ({ ...row, studio: studios.get(key)! }))
  return sortAndLimit(rows, (r) => r.studio.name, sorts(args), args.limit)
}
