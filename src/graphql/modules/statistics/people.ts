/**
 * `UserStatistics.staff` and `UserStatistics.voiceActors`: the user's entries grouped by the staff of
 * their works and by the Japanese voice actors of their characters (as AniList's profile counts
 * them), with the person loaded for each row. The links of every work on the list load in one query
 * per kind; the people of the rows kept after `limit`, in one more.
 */
import { peopleBreakdown, sortAndLimit, type StatPersonLink, type StatisticsSort } from '../../../lists/statistics.js'
import type { StatisticsWithBasis } from './basis.js'
import type { GraphqlContext } from '../../server/context.js'
import { staffById, staffRolesByMedia, voicesByMedia } from '../people/loaders.js'

interface BreakdownArgs {
  limit?: number | null
  sort?: ReadonlyArray<StatisticsSort | null> | null
}

/** The language whose voice actors AniList's statistics count. */
const VOICE_LANGUAGE = 'JAPANESE'

async function rowsBy(stats: StatisticsWithBasis, args: BreakdownArgs, ctx: GraphqlContext, links: Map<number, StatPersonLink[]>) {
  const { type, entries, media, scoreFormat } = stats.basis
  const rows = peopleBreakdown(type, entries, media, scoreFormat, links)
  ctx.cost?.charge(rows.length)
  const kept = sortAndLimit(rows, (r) => r.personId, args.sort?.filter((s): s is StatisticsSort => s !== null), args.limit)
  const people = await ctx.loaders.of(staffById).loadMany(kept.map((r) => r.personId))
  return kept.map((row, i) => ({ row, person: people[i] ?? null }))
}

const mediaIdsOf = (stats: StatisticsWithBasis) => [...new Set(stats.basis.entries.map((e) => e.mediaId))]

/** UserStatistics.staff: one row per staff member of the user's works. */
export async function staffStatistics(stats: StatisticsWithBasis, args: BreakdownArgs, ctx: GraphqlContext) {
  const ids = mediaIdsOf(stats)
  const roles = await ctx.loaders.of(staffRolesByMedia).loadMany(ids)
  const links = new Map(ids.map((id, i) => [id, (roles[i] ?? []).map((r) => ({ personId: r.staffId }))]))
  return (await rowsBy(stats, args, ctx, links)).map(({ row, person }) => ({ ...row, staff: person }))
}

/** UserStatistics.voiceActors: one row per Japanese voice actor of the characters of the user's works. */
export async function voiceActorStatistics(stats: StatisticsWithBasis, args: BreakdownArgs, ctx: GraphqlContext) {
  const ids = mediaIdsOf(stats)
  const voices = await ctx.loaders.of(voicesByMedia).loadMany(ids.map((id) => `${id}:${VOICE_LANGUAGE}` as const))
  const links = new Map(ids.map((id, i) => [id, (voices[i] ?? []).map((v) => ({ personId: v.staffId, characterId: v.characterId }))]))
  return (await rowsBy(stats, args, ctx, links)).map(({ row, person }) => ({ ...row, voiceActor: person }))
}
