/**
 * The overview's statistics for one media type, computed by the lists module's rules
 * (lists/statistics.ts, the same figures GraphQL's User.statistics answers) and shaped for the
 * bar-chart partial: entries by status, the score distribution in the owner's format, the top genres
 * and the activity of the last twelve months. Pure: the caller passes the entries the viewer may see.
 */
import type { Media, MediaType } from '../../catalog/media.js'
import type { MediaListEntry, MediaListStatus } from '../../lists/entry.js'
import { statusListName } from '../../lists/collection.js'
import { computeStatistics, type StatMedia, type UserStatistics } from '../../lists/statistics.js'
import { fromRawScore, type ScoreFormat } from '../../lists/score-format.js'

export interface ChartItem {
  label: string
  value: number
}

export interface TypeStatistics {
  type: MediaType
  stats: UserStatistics
  /** Days of watching (anime: minutes watched / 1440), one decimal. */
  daysWatched: number
  /** The mean score as the owner's format writes it ('' when nothing is scored). */
  meanScoreText: string
  statuses: ChartItem[]
  scores: ChartItem[]
  genres: ChartItem[]
  activity: ChartItem[]
}

/** Status lists in AniList's order (lists/collection.ts). */
const STATUS_ORDER: readonly MediaListStatus[] = ['CURRENT', 'REPEATING', 'COMPLETED', 'PAUSED', 'DROPPED', 'PLANNING']

/** How many genres the genre chart shows. */
export const TOP_GENRES = 6

const SMILEYS = ['', ':(', ':|', ':)']

/**
 * The score distribution's bins in `format`, as AniList's profile draws them: POINT_100 in ten bins of
 * ten (10…100: a raw score counts where the 10-point format would put it), POINT_10 and
 * POINT_10_DECIMAL in ten whole points (1…10), POINT_5 in five stars, POINT_3 in three faces. Every bin
 * is listed, empty ones with 0, so the axis is the same for everyone. `scores` are the statistics'
 * rows, keyed by raw score (0–100).
 */
export function scoreBins(scores: ReadonlyArray<{ score: number; count: number }>, format: ScoreFormat): ChartItem[] {
  const binFormat: ScoreFormat = format === 'POINT_100' || format === 'POINT_10_DECIMAL' ? 'POINT_10' : format
  const size = binFormat === 'POINT_10' ? 10 : binFormat === 'POINT_5' ? 5 : 3
  const counts = new Array<number>(size).fill(0)
  for (const row of scores) {
    if (row.score <= 0) continue
    counts[fromRawScore(row.score, binFormat) - 1]! += row.count
  }
  return counts.map((value, i) => {
    const point = i + 1
    const label = format === 'POINT_100' ? String(point * 10) : format === 'POINT_5' ? `${point}★` : format === 'POINT_3' ? SMILEYS[point]! : String(point)
    return { label, value }
  })
}

/** A mean score (in the owner's format) as text: one decimal, or a face for POINT_3; '' for none. */
export function meanScoreText(mean: number, format: ScoreFormat): string {
  if (mean <= 0) return ''
  if (format === 'POINT_3') return SMILEYS[Math.min(3, Math.max(1, Math.round(mean)))]!
  return format === 'POINT_100' ? String(Math.round(mean * 10) / 10) : mean.toFixed(1)
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * Entries updated or completed in each of the last twelve months (UTC, the current month last), by
 * `now` in Unix seconds. Kiroku records no list activity yet (GraphQL's activityHistory is empty),
 * so activity is derived from each entry's last update time and its completion date: an entry counts
 * once in a month when it was last updated in that month or completed in it. A list changed often
 * therefore shows only its latest update per entry.
 */
export function activityByMonth(entries: readonly MediaListEntry[], now: number): ChartItem[] {
  const today = new Date(now * 1000)
  const months: Array<{ year: number; month: number }> = []
  for (let back = 11; back >= 0; back--) {
    const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - back, 1))
    months.push({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 })
  }
  const index = new Map(months.map((m, i) => [m.year * 100 + m.month, i]))
  const counts = new Array<number>(12).fill(0)
  for (const entry of entries) {
    const hit = new Set<number>()
    const updated = new Date(entry.updatedAt * 1000)
    const u = index.get(updated.getUTCFullYear() * 100 + updated.getUTCMonth() + 1)
    if (u !== undefined) hit.add(u)
    const { year, month } = entry.completedAt
    if (year && month) {
      const c = index.get(year * 100 + month)
      if (c !== undefined) hit.add(c)
    }
    for (const i of hit) counts[i]!++
  }
  return months.map((m, i) => ({ label: `${MONTHS[m.month - 1]}${m.month === 1 || i === 0 ? ` ${String(m.year).slice(2)}` : ''}`, value: counts[i]! }))
}

function statMediaOf(m: Media): StatMedia {
  return { format: m.format, episodes: m.episodes, duration: m.duration, chapters: m.chapters, volumes: m.volumes, genres: m.genres, startYear: m.startDate.year, countryOfOrigin: m.countryOfOrigin }
}

/** Every figure and chart of one type's list. `entries` are those the viewer may see, of any type. */
export function typeStatistics(type: MediaType, entries: readonly MediaListEntry[], media: ReadonlyMap<number, Media>, format: ScoreFormat, now: number): TypeStatistics {
  const own = entries.filter((e) => e.mediaType === type)
  const statMedia = new Map<number, StatMedia>()
  for (const e of own) {
    const m = media.get(e.mediaId)
    if (m) statMedia.set(m.id, statMediaOf(m))
  }
  const statEntries = own.map((e) => ({ mediaId: e.mediaId, status: e.status, score: e.score, progress: e.progress, progressVolumes: e.progressVolumes, repeat: e.repeat, startedYear: e.startedAt.year }))
  const stats = computeStatistics(type, statEntries, statMedia, format)
  const byStatus = new Map(stats.statuses.map((r) => [r.status, r.count]))
  const genres = [...stats.genres].sort((a, b) => b.count - a.count || a.genre.localeCompare(b.genre)).slice(0, TOP_GENRES)
  return {
    type,
    stats,
    daysWatched: Math.round((stats.minutesWatched / 1440) * 10) / 10,
    meanScoreText: meanScoreText(stats.meanScore, format),
    statuses: STATUS_ORDER.map((status) => ({ label: statusListName(status, type), value: byStatus.get(status) ?? 0 })),
    scores: scoreBins(stats.scores, format),
    genres: genres.map((g) => ({ label: g.genre, value: g.count })),
    activity: activityByMonth(own.filter((e) => statMedia.has(e.mediaId)), now),
  }
}
