/**
 * The legacy `User.stats` (UserStats): the older shape of a user's list statistics, computed from
 * the same figures as User.statistics on the 0–100 scale (lists/figures/legacy-user-stats.ts).
 */
import type { User } from '../../../accounts/users.js'
import { legacyUserStats, GENRES_OVERVIEW } from '../../../lists/figures/legacy-user-stats.js'
import { MEDIA_FORMATS } from '../../../catalog/media.js'
import { MEDIA_LIST_STATUSES } from '../../../lists/entry.js'
import type { GraphqlContext } from '../../server/context.js'
import { most, type ListRule } from '../../server/list-sizes.js'
import type { MediaType } from '../../../catalog/media.js'
import type { ScoreFormat } from '../../../lists/score-format.js'
import type { UserStatistics } from '../../../lists/statistics.js'

/** How the module computes one list's statistics (index.ts's statisticsOf, passed in so the files import one way only). */
type StatisticsOf = (owner: { userId: number }, type: MediaType, ctx: GraphqlContext, scoreFormat?: ScoreFormat) => Promise<UserStatistics>

export const userStatsResolvers = (statisticsOf: StatisticsOf) => ({
  User: {
    async stats(user: User, _args: unknown, ctx: GraphqlContext) {
      const owner = { userId: user.id }
      const [anime, manga] = await Promise.all([statisticsOf(owner, 'ANIME', ctx, 'POINT_100'), statisticsOf(owner, 'MANGA', ctx, 'POINT_100')])
      return legacyUserStats(anime, manga)
    },
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
  'UserStats.favouredTags': most(0, 'always empty until Kiroku stores tags'),
  'UserStats.favouredActors': most(0, 'always empty until Kiroku stores voice actors'),
  'UserStats.favouredStaff': most(0, 'always empty until Kiroku stores staff'),
  'UserStats.favouredStudios': most(0, 'always empty until Kiroku stores studios'),
  'UserStats.favouredYears': most(150, "one row per release year of the user's works; charged by its real length as it runs"),
  'UserStats.favouredFormats': most(MEDIA_FORMATS.length, 'one row per media format'),
}
