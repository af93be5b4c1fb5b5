/**
 * A user's list statistics (AniList's UserStatistics), computed from their entries and the media those
 * entries point at. Entries in PLANNING count only in the `statuses` breakdown: a title not begun has
 * nothing watched or read, and no score, so it must not pull averages or totals.
 *
 * Scores: the mean and standard deviation are over scored entries (score > 0), in the user's score
 * format; breakdown rows are keyed by the raw 0–100 score, which is how every format stores it.
 */
import { fromRawScore, type ScoreFormat } from './score-format.js'

export interface StatEntry {
  mediaId: number
  status: string
  /** Raw 0–100 score; 0 when not scored. */
  score: number
  progress: number
  progressVolumes: number
  repeat: number
  startedYear: number | null
}

export interface StatMedia {
  format: string | null
  episodes: number | null
  duration: number | null
  chapters: number | null
  volumes: number | null
  genres: readonly string[]
  startYear: number | null
  countryOfOrigin: string | null
}

export interface StatRow {
  count: number
  meanScore: number
  minutesWatched: number
  chaptersRead: number
  mediaIds: number[]
}

export interface UserStatistics {
  count: number
  meanScore: number
  standardDeviation: number
  minutesWatched: number
  episodesWatched: number
  chaptersRead: number
  volumesRead: number
  formats: Array<StatRow & { format: string }>
  statuses: Array<StatRow & { status: string }>
  scores: Array<StatRow & { score: number }>
  lengths: Array<StatRow & { length: string }>
  releaseYears: Array<StatRow & { releaseYear: number }>
  startYears: Array<StatRow & { startYear: number }>
  genres: Array<StatRow & { genre: string }>
  countries: Array<StatRow & { country: string }>
}

export type StatisticsSort = 'ID' | 'ID_DESC' | 'COUNT' | 'COUNT_DESC' | 'PROGRESS' | 'PROGRESS_DESC' | 'MEAN_SCORE' | 'MEAN_SCORE_DESC'

const round2 = (n: number) => Math.round(n * 100) / 100

/** Episodes seen: the progress of this run plus every completed earlier run. */
function episodesSeen(entry: StatEntry, media: StatMedia): number {
  return entry.progress + entry.repeat * (media.episodes ?? entry.progress)
}

function chaptersSeen(entry: StatEntry, media: StatMedia): number {
  return entry.progress + entry.repeat * (media.chapters ?? entry.progress)
}

// Episode-count buckets for anime and chapter-count buckets for manga, as AniList's profile shows them.
const ANIME_LENGTHS: Array<[string, number, number]> = [['1', 1, 1], ['2-6', 2, 6], ['7-16', 7, 16], ['17-28', 17, 28], ['29-55', 29, 55], ['56-100', 56, 100], ['101+', 101, Infinity]]
const MANGA_LENGTHS: Array<[string, number, number]> = [['1', 1, 1], ['2-10', 2, 10], ['11-50', 11, 50], ['51-100', 51, 100], ['101-200', 101, 200], ['201+', 201, Infinity]]

function lengthBucket(type: 'ANIME' | 'MANGA', media: StatMedia): string | null {
  const size = type === 'ANIME' ? media.episodes : media.chapters
  if (!size) return null
  return (type === 'ANIME' ? ANIME_LENGTHS : MANGA_LENGTHS).find(([, lo, hi]) => size >= lo && size <= hi)?.[0] ?? null
}

class Accumulator {
  count = 0
  scores: number[] = []
  minutes = 0
  chapters = 0
  mediaIds: number[] = []

  add(entry: StatEntry, media: StatMedia, format: ScoreFormat, type: 'ANIME' | 'MANGA'): void {
    this.count++
    if (entry.score > 0) this.scores.push(fromRawScore(entry.score, format))
    if (type === 'ANIME') this.minutes += episodesSeen(entry, media) * (media.duration ?? 0)
    else this.chapters += chaptersSeen(entry, media)
    this.mediaIds.push(entry.mediaId)
  }

  row(): StatRow {
    const mean = this.scores.length ? this.scores.reduce((a, b) => a + b, 0) / this.scores.length : 0
    return { count: this.count, meanScore: round2(mean), minutesWatched: this.minutes, chaptersRead: this.chapters, mediaIds: this.mediaIds }
  }
}

function breakdown<K extends string | number>(groups: Map<K, Accumulator>): Array<StatRow & { key: K }> {
  return [...groups].map(([key, acc]) => ({ key, ...acc.row() }))
}

/** Computes every figure and breakdown for one media type's entries. */
export function computeStatistics(
  type: 'ANIME' | 'MANGA',
  entries: readonly StatEntry[],
  mediaById: ReadonlyMap<number, StatMedia>,
  format: ScoreFormat,
): UserStatistics {
  const group = <K extends string | number>(map: Map<K, Accumulator>, key: K | null, entry: StatEntry, media: StatMedia) => {
    if (key === null) return
    let acc = map.get(key)
    if (!acc) map.set(key, (acc = new Accumulator()))
    acc.add(entry, media, format, type)
  }
  const total = new Accumulator()
  const statuses = new Map<string, Accumulator>()
  const formats = new Map<string, Accumulator>()
  const scores = new Map<number, Accumulator>()
  const lengths = new Map<string, Accumulator>()
  const releaseYears = new Map<number, Accumulator>()
  const startYears = new Map<number, Accumulator>()
  const genres = new Map<string, Accumulator>()
  const countries = new Map<string, Accumulator>()
  let episodes = 0
  let volumes = 0

  for (const entry of entries) {
    const media = mediaById.get(entry.mediaId)
    if (!media) continue
    group(statuses, entry.status, entry, media)
    if (entry.status === 'PLANNING') continue
    total.add(entry, media, format, type)
    if (type === 'ANIME') episodes += episodesSeen(entry, media)
    else volumes += entry.progressVolumes + entry.repeat * (media.volumes ?? entry.progressVolumes)
    group(formats, media.format, entry, media)
    group(scores, entry.score > 0 ? Math.round(entry.score) : null, entry, media)
    group(lengths, lengthBucket(type, media), entry, media)
    group(releaseYears, media.startYear, entry, media)
    group(startYears, entry.startedYear, entry, media)
    group(countries, media.countryOfOrigin, entry, media)
    for (const genre of media.genres) group(genres, genre, entry, media)
  }

  const totals = total.row()
  const mean = total.scores.length ? total.scores.reduce((a, b) => a + b, 0) / total.scores.length : 0
  const variance = total.scores.length ? total.scores.reduce((a, s) => a + (s - mean) ** 2, 0) / total.scores.length : 0
  const rename = <K extends string | number, N extends string>(rows: Array<StatRow & { key: K }>, name: N) =>
    rows.map(({ key, ...row }) => ({ ...row, [name]: key }) as StatRow & { [P in N]: K })

  return {
    count: totals.count,
    meanScore: totals.meanScore,
    standardDeviation: round2(Math.sqrt(variance)),
    minutesWatched: totals.minutesWatched,
    episodesWatched: type === 'ANIME' ? episodes : 0,
    chaptersRead: totals.chaptersRead,
    volumesRead: type === 'MANGA' ? volumes : 0,
    formats: rename(breakdown(formats), 'format'),
    statuses: rename(breakdown(statuses), 'status'),
    scores: rename(breakdown(scores), 'score'),
    lengths: rename(breakdown(lengths), 'length'),
    releaseYears: rename(breakdown(releaseYears), 'releaseYear'),
    startYears: rename(breakdown(startYears), 'startYear'),
    genres: rename(breakdown(genres), 'genre'),
    countries: rename(breakdown(countries), 'country'),
  }
}

/**
 * Orders and cuts a breakdown as the `sort` and `limit` arguments ask. ID sorts by the row's own key
 * (the format, year, genre…); PROGRESS by minutes watched or chapters read. Default: most entries first.
 */
export function sortAndLimit<T extends StatRow>(rows: readonly T[], keyOf: (row: T) => string | number, sort: readonly StatisticsSort[] | null | undefined, limit: number | null | undefined): T[] {
  const orders = sort && sort.length ? sort : (['COUNT_DESC'] as const)
  const compareKey = (a: T, b: T) => {
    const x = keyOf(a)
    const y = keyOf(b)
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
  }
  const by: Record<string, (a: T, b: T) => number> = {
    ID: compareKey,
    COUNT: (a, b) => a.count - b.count,
    PROGRESS: (a, b) => a.minutesWatched + a.chaptersRead - (b.minutesWatched + b.chaptersRead),
    MEAN_SCORE: (a, b) => a.meanScore - b.meanScore,
  }
  const sorted = [...rows].sort((a, b) => {
    for (const order of orders) {
      const desc = order.endsWith('_DESC')
      const cmp = by[desc ? order.slice(0, -5) : order]!(a, b)
      if (cmp !== 0) return desc ? -cmp : cmp
    }
    return compareKey(a, b)
  })
  return limit != null && limit >= 0 ? sorted.slice(0, limit) : sorted
}

/** A person linked to a work, for the breakdowns by staff and by voice actor: who, and as which character. */
export interface StatPersonLink {
  personId: number
  characterId?: number
}

/**
 * A breakdown by person (UserStaffStatistic, UserVoiceActorStatistic): each person counts every
 * entry of a work they are linked to once, however many roles they had in it, by the rules of the
 * other breakdowns (PLANNING entries left out). `characterIds` are the characters a voice actor
 * played in the counted works.
 */
export function peopleBreakdown(
  type: 'ANIME' | 'MANGA',
  entries: readonly StatEntry[],
  mediaById: ReadonlyMap<number, StatMedia>,
  format: ScoreFormat,
  linksOf: ReadonlyMap<number, readonly StatPersonLink[]>,
): Array<StatRow & { personId: number; characterIds: number[] }> {
  const groups = new Map<number, { acc: Accumulator; characters: Set<number> }>()
  for (const entry of entries) {
    const media = mediaById.get(entry.mediaId)
    if (!media || entry.status === 'PLANNING') continue
    const counted = new Set<number>()
    for (const link of linksOf.get(entry.mediaId) ?? []) {
      let g = groups.get(link.personId)
      if (!g) groups.set(link.personId, (g = { acc: new Accumulator(), characters: new Set() }))
      if (link.characterId !== undefined) g.characters.add(link.characterId)
      if (counted.has(link.personId)) continue
      counted.add(link.personId)
      g.acc.add(entry, media, format, type)
    }
  }
  return [...groups].map(([personId, g]) => ({ personId, ...g.acc.row(), characterIds: [...g.characters] }))
}

/**
 * A breakdown by something a work has several of and the list does not hold (tags, studios): each
 * entry counts once for each key of its work, as genres do; PLANNING entries count in none.
 */
export function breakdownByKeys<K extends string | number>(
  type: 'ANIME' | 'MANGA',
  entries: readonly StatEntry[],
  mediaById: ReadonlyMap<number, StatMedia>,
  format: ScoreFormat,
  keysOf: (mediaId: number) => readonly K[],
): Array<StatRow & { key: K }> {
  const groups = new Map<K, Accumulator>()
  for (const entry of entries) {
    const media = mediaById.get(entry.mediaId)
    if (!media || entry.status === 'PLANNING') continue
    for (const key of new Set(keysOf(entry.mediaId))) {
      let acc = groups.get(key)
      if (!acc) groups.set(key, (acc = new Accumulator()))
      acc.add(entry, media, format, type)
    }
  }
  return breakdown(groups)
}
