/**
 * The statistics module, `User.statistics`: figures computed from a user's list (lists/statistics.ts) when asked for. Another
 * user's private entries do not count. Tags and studios come from the catalog (catalog-breakdowns.ts),
 * staff and voice actors from the people module (people.ts), each computed only when selected.
 */
import type { MediaType } from '../../../catalog/media.js'
import type { User } from '../../../accounts/users.js'
import { computeStatistics, sortAndLimit, type StatMedia, type StatRow, type StatisticsSort, type UserStatistics } from '../../../lists/statistics.js'
import { viewerId, type GraphqlContext } from '../../server/context.js'
import { mergeResolvers, readModuleSdl, type GraphqlModule } from '../../server/module.js'
import { most, values, type ListRule } from '../../server/list-sizes.js'
import { MEDIA_FORMATS } from '../../../catalog/media.js'
import { MEDIA_LIST_STATUSES } from '../../../lists/entry.js'
import { mediaOfEntries } from '../lists/entry-media.js'
import { listOptions, userEntries } from '../lists/loaders.js'
import type { ScoreFormat } from '../../../lists/score-format.js'
import { userStatsListRules, userStatsResolvers } from './user-stats.js'
import { staffStatistics, voiceActorStatistics } from './people.js'
import type { StatisticsWithBasis } from './basis.js'
import { studioBreakdown, tagBreakdown } from './catalog-breakdowns.js'
import { TAG_COLLECTION_ESTIMATE } from '../media/index.js'

interface StatisticsOwner {
  userId: number
}

interface BreakdownArgs {
  limit?: number | null
  sort?: ReadonlyArray<StatisticsSort | null> | null
}

/** `scoreFormat` overrides the owner's format (the legacy User.stats counts on the 0–100 scale). */
async function statisticsOf(owner: StatisticsOwner, type: MediaType, ctx: GraphqlContext, scoreFormat?: ScoreFormat): Promise<StatisticsWithBasis> {
  const all = (await ctx.loaders.of(userEntries).load(owner.userId)) ?? []
  const viewer = viewerId(ctx)
  const entries = all.filter((e) => e.mediaType === type && (!e.private || e.userId === viewer))
  // The work grows with the list, not with the fields asked for: each entry costs one.
  ctx.cost?.charge(entries.length)
  const media = await mediaOfEntries(ctx, owner.userId, type, entries)
  const statMedia = new Map<number, StatMedia>()
  for (const [id, m] of media) {
    statMedia.set(id, { format: m.format, episodes: m.episodes, duration: m.duration, chapters: m.chapters, volumes: m.volumes, genres: m.genres, startYear: m.startDate.year, countryOfOrigin: m.countryOfOrigin })
  }
  const options = await ctx.loaders.of(listOptions).load(owner.userId)
  const statEntries = entries.map((e) => ({ mediaId: e.mediaId, status: e.status, score: e.score, progress: e.progress, progressVolumes: e.progressVolumes, repeat: e.repeat, startedYear: e.startedAt.year }))
  const format = scoreFormat ?? options?.scoreFormat ?? 'POINT_100'
  // The breakdowns by tag, studio and person group these same entries when asked for.
  return { ...computeStatistics(type, statEntries, statMedia, format), basis: { type, entries: statEntries, media: statMedia, scoreFormat: format } }
}

/** A breakdown field: its rows ordered and cut as `sort` and `limit` ask. */
function breakdown<R extends StatRow>(rows: (s: UserStatistics) => R[], key: (row: R) => string | number) {
  return (stats: UserStatistics, args: BreakdownArgs) => sortAndLimit(rows(stats), key, args.sort?.filter((s): s is StatisticsSort => s !== null), args.limit)
}

const statisticsResolvers = {
  User: {
    statistics: (user: User): StatisticsOwner => ({ userId: user.id }),
  },
  UserStatisticTypes: {
    anime: (owner: StatisticsOwner, _args: unknown, ctx: GraphqlContext) => statisticsOf(owner, 'ANIME', ctx),
    manga: (owner: StatisticsOwner, _args: unknown, ctx: GraphqlContext) => statisticsOf(owner, 'MANGA', ctx),
  },
  UserStatistics: {
    formats: breakdown((s) => s.formats, (r) => r.format),
    statuses: breakdown((s) => s.statuses, (r) => r.status),
    scores: breakdown((s) => s.scores, (r) => r.score),
    lengths: breakdown((s) => s.lengths, (r) => r.length),
    releaseYears: breakdown((s) => s.releaseYears, (r) => r.releaseYear),
    startYears: breakdown((s) => s.startYears, (r) => r.startYear),
    genres: breakdown((s) => s.genres, (r) => r.genre),
    countries: breakdown((s) => s.countries, (r) => r.country),
    tags: tagBreakdown,
    voiceActors: voiceActorStatistics,
    staff: staffStatistics,
    studios: studioBreakdown,
  },
}

// A breakdown row per value the statistics group by: fixed sets, or the values of a user's list.
const BREAKDOWN_ROWS: Record<string, ListRule> = {
  formats: most(MEDIA_FORMATS.length, 'one row per media format'),
  statuses: most(MEDIA_LIST_STATUSES.length, 'one row per list status'),
  scores: most(100, 'one row per raw score from 1 to 100'),
  lengths: most(7, 'one row per length bucket (7 for anime, 6 for manga)'),
  releaseYears: most(150, "one row per release year of the user's works; charged by its real length as it runs"),
  startYears: most(60, 'one row per year the user started something; charged by its real length as it runs'),
  genres: most(50, "one row per genre of the user's works; charged by its real length as it runs"),
  countries: most(50, "one row per country of the user's works; charged by its real length as it runs"),
  tags: most(TAG_COLLECTION_ESTIMATE, "one row per tag of the user's works; charged by its real length as it runs"),
  voiceActors: most(100, "one row per Japanese voice actor of the user's works; charged by its real length as it runs"),
  staff: most(100, "one row per staff member of the user's works; charged by its real length as it runs"),
  studios: most(500, "one row per animation studio of the user's works; charged by its real length as it runs"),
}

const STATISTIC_ROWS = ['Format', 'Status', 'Score', 'Length', 'ReleaseYear', 'StartYear', 'Genre', 'Tag', 'Country', 'VoiceActor', 'Staff', 'Studio']
const MEDIA_IDS = values("the ids of the works a row counts, at most one per entry of the user's list")

export const statisticsModule: GraphqlModule = {
  name: 'statistics',
  sdl: `${readModuleSdl(import.meta.url)}\n\n${readModuleSdl(import.meta.url, 'user-stats.graphql')}`,
  resolvers: mergeResolvers(statisticsResolvers, userStatsResolvers(statisticsOf)),
  listRules: {
    ...Object.fromEntries(Object.entries(BREAKDOWN_ROWS).map(([field, rule]) => [`UserStatistics.${field}`, rule])),
    ...Object.fromEntries(STATISTIC_ROWS.map((row) => [`User${row}Statistic.mediaIds`, MEDIA_IDS])),
    'UserVoiceActorStatistic.characterIds': values("the ids of the characters a voice actor played in the user's works"),
    ...userStatsListRules,
  },
}
