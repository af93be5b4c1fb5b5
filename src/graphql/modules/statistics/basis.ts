/** What a user's statistics were computed from, kept beside them for the breakdowns computed only when asked for (by tag, studio, staff, voice actor). */
import type { StatEntry, StatMedia, UserStatistics } from '../../../lists/statistics.js'
import type { ScoreFormat } from '../../../lists/score-format.js'

export interface StatisticsBasis {
  type: 'ANIME' | 'MANGA'
  entries: readonly StatEntry[]
  media: ReadonlyMap<number, StatMedia>
  scoreFormat: ScoreFormat
}

export type StatisticsWithBasis = UserStatistics & { basis: StatisticsBasis }
