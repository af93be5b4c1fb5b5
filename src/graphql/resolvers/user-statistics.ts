/**
 * `User.statistics`: figures computed from a user's list (lists/statistics.ts) when asked for. Another
 * user's private entries do not count. Tags, voice actors, staff and studios are not kept by Kiroku, so
 * those breakdowns are empty.
 */
import type { MediaType } from '../../catalog/media.js'
import type { User } from '../../accounts/users.js'
import { computeStatistics, sortAndLimit, type StatMedia, type StatRow, type StatisticsSort, type UserStatistics } from '../../lists/statistics.js'
import type { GraphqlContext } from '../context.js'
import { viewerId } from './media-list-args.js'
import { mediaOfEntries } from './list-media.js'

interface StatisticsOwner {
  userId: number
}

interface BreakdownArgs {
  limit?: number | null
  sort?: ReadonlyArray<StatisticsSort | null> | null
}

async function statisticsOf(owner: StatisticsOwner, type: MediaType, ctx: GraphqlContext): Promise<UserStatistics> {
  const all = (await ctx.loaders.lists.userEntries.load(owner.userId)) ?? []
  const viewer = viewerId(ctx)
  const entries = all.filter((e) => e.mediaType === type && (!e.private || e.userId === viewer))
  // The work grows with the list, not with the fields asked for: each entry costs one.
  ctx.cost?.charge(entries.length)
  const media = await mediaOfEntries(ctx, owner.userId, type, entries)
  const statMedia = new Map<number, StatMedia>()
  for (const [id, m] of media) {
    statMedia.set(id, { format: m.format, episodes: m.episodes, duration: m.duration, chapters: m.chapters, volumes: m.volumes, genres: m.genres, startYear: m.startDate.year, countryOfOrigin: m.countryOfOrigin })
  }
  const profile = await ctx.loaders.lists.profiles.load(owner.userId)
  const statEntries = entries.map((e) => ({ mediaId: e.mediaId, status: e.status, score: e.score, progress: e.progress, progressVolumes: e.progressVolumes, repeat: e.repeat, startedYear: e.startedAt.year }))
  return computeStatistics(type, statEntries, statMedia, profile?.mediaListOptions.scoreFormat ?? 'POINT_100')
}

/** A breakdown field: its rows ordered and cut as `sort` and `limit` ask. */
function breakdown<R extends StatRow>(rows: (s: UserStatistics) => R[], key: (row: R) => string | number) {
  return (stats: UserStatistics, args: BreakdownArgs) => sortAndLimit(rows(stats), key, args.sort?.filter((s): s is StatisticsSort => s !== null), args.limit)
}

const nothingKept = () => []

export const userStatisticsResolvers = {
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
    tags: nothingKept,
    voiceActors: nothingKept,
    staff: nothingKept,
    studios: nothingKept,
  },
}
