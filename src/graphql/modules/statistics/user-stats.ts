/**
 * The legacy `User.stats` (UserStats): the older shape of a user's list statistics, computed from
 * the same figures as User.statistics on the 0–100 scale (lists/figures/legacy-user-stats.ts).
 */
import type { User } from '../../../accounts/users.js'
import { legacyUserStats, GENRES_OVERVIEW, meanOf, merge } from '../../../lists/figures/legacy-user-stats.js'
import { MEDIA_FORMATS } from '../../../catalog/media.js'
import { MEDIA_LIST_STATUSES } from '../../../lists/entry.js'
import type { GraphqlContext } from '../../server/context.js'
import { most, type ListRule } from '../../server/list-sizes.js'
import type { MediaType } from '../../../catalog/media.js'
import type { ScoreFormat } from '../../../lists/score-format.js'
import type { StatRow } from '../../../lists/statistics.js'
import type { StatisticsWithBasis } from './basis.js'
import { studioBreakdown, tagBreakdown } from './catalog-breakdowns.js'
import { staffStatistics, voiceActorStatistics } from './people.js'

/** How the module computes one list's statistics (index.ts's statisticsOf, passed in so the files import one way only). */
type StatisticsOf = (owner: { userId: number }, type: MediaType, ctx: GraphqlContext, scoreFormat?: ScoreFormat) => Promise<StatisticsWithBasis>

/** What UserStats resolves from: the computed fields, and both lists' statistics for the breakdowns asked for. */
type UserStatsValue = ReturnType<typeof legacyUserStats> & { lists: [StatisticsWithBasis, StatisticsWithBasis] }

type Breakdown<R> = (stats: StatisticsWithBasis, args: object, ctx: GraphqlContext) => Promise<R[]>

/**
 * A favoured-by breakdown of UserStats (tags, voice actors, staff, studios): the same rows as
 * User.statistics' breakdown, anime and manga joined by the item's id, most entries first. Amounts
 * add up; the mean score is weighed by entries; timeWatched is the anime's minutes.
 */
function favoured<R extends StatRow>(breakdown: Breakdown<R>, rowKey: string, field: string) {
  return async (value: UserStatsValue, _args: unknown, ctx: GraphqlContext) => {
    const items = new Map<number, { id: number }>()
    const rows: Array<[number, StatRow]> = []
    for (const stats of value.lists) {
      for (const row of await breakdown(stats, {}, ctx)) {
        const item = (row as unknown as Record<string, { id: number } | null>)[rowKey]
        if (!item) continue
        items.set(item.id, item)
        rows.push([item.id, row])
      }
    }
    return [...merge(rows)]
      .sort(([aId, a], [bId, b]) => b.amount - a.amount || aId - bId)
      .map(([id, m]) => ({ [field]: items.get(id), amount: m.amount, meanScore: meanOf(m), timeWatched: m.minutes }))
  }
}

export const userStatsResolvers = (statisticsOf: StatisticsOf) => ({
  User: {
    async stats(user: User, _args: unknown, ctx: GraphqlContext): Promise<UserStatsValue> {
      const owner = { userId: user.id }
      const [anime, manga] = await Promise.all([statisticsOf(owner, 'ANIME', ctx, 'POINT_100'), statisticsOf(owner, 'MANGA', ctx, 'POINT_100')])
      return { ...legacyUserStats(anime, manga), lists: [anime, manga] }
    },
  },
  UserStats: {
    favouredTags: favoured(tagBreakdown, 'tag', 'tag'),
    // Voice actors are StaffStats too, under `staff`.
    favouredActors: favoured(voiceActorStatistics, 'voiceActor', 'staff'),
    favouredStaff: favoured(staffStatistics, 'staff', 'staff'),
    favouredStudios: favoured(studioBreakdown, 'studio', 'studio'),
  },
})

export const userStatsListRules: Record<string, ListRule> = {
  'UserStats.activityHistory': most(0, 'always empty: Kiroku records no activities yet'),
  'UserStats.animeStatusDistribution': most(MEDIA_LIST_STATUSES.length, 'one row per list status'),
  'UserStats.mangaStatusDistribution': most(MEDIA_LIST_STATUSES.length, 'one row per list status'),
  'UserStats.animeScoreDistribution': most(10, 'ten score buckets'),
  'UserStats.mangaScoreDistribution': most(10, 'ten score buckets'),
  'UserStats.favouredGenresOverview': most(GENRES_OVERVIEW, 'the top genres only'),
  'UserStats.favouredGenres': most(100, "one row per genre of the user's works; charged by its real length as it runs"),
  'UserStats.favouredTags': most(500, "one row per tag of the user's works; charged by its real length as it runs"),
  'UserStats.favouredActors': most(500, "one row per Japanese voice actor of the user's works; charged by its real length as it runs"),
  'UserStats.favouredStaff': most(500, "one row per staff member of the user's works; charged by its real length as it runs"),
  'UserStats.favouredStudios': most(500, "one row per animation studio of the user's works; charged by its real length as it runs"),
  'UserStats.favouredYears': most(150, "one row per release year of the user's works; charged by its real length as it runs"),
  'UserStats.favouredFormats': most(MEDIA_FORMATS.length, 'one row per media format'),
}
