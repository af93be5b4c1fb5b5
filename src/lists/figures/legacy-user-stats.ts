/**
 * The legacy User.stats (AniList's UserStats), derived from the same list statistics as
 * User.statistics (lists/statistics.ts), computed on the 0–100 scale whatever the user's format, as
 * UserStats's integer scores are. Genres, years and formats merge the anime and manga lists; a merged
 * row's mean score weighs each list's mean by how many entries it has.
 *
 * The breakdowns by tag, voice actor, staff and studio need the catalog's and people's links, so the
 * GraphQL layer computes them when selected (graphql/modules/statistics/user-stats.ts).
 */
import type { StatRow, UserStatistics } from '../statistics.js'
import { scoreDistribution, type ScoreAmount, type StatusAmount } from './media-stats.js'

export interface ListScoreStats {
  meanScore: number
  standardDeviation: number
}

export interface GenreStats {
  genre: string
  amount: number
  meanScore: number
  timeWatched: number
}

export interface YearStats {
  year: number
  amount: number
  meanScore: number
}

export interface FormatStats {
  format: string
  amount: number
}

export interface LegacyUserStats {
  watchedTime: number
  chaptersRead: number
  activityHistory: never[]
  animeStatusDistribution: StatusAmount[]
  mangaStatusDistribution: StatusAmount[]
  animeScoreDistribution: ScoreAmount[]
  mangaScoreDistribution: ScoreAmount[]
  animeListScores: ListScoreStats
  mangaListScores: ListScoreStats
  favouredGenresOverview: GenreStats[]
  favouredGenres: GenreStats[]
  favouredYears: YearStats[]
  favouredFormats: FormatStats[]
}

/** How many genres the overview shows. */
export const GENRES_OVERVIEW = 5

export interface Merged {
  amount: number
  weighted: number
  weight: number
  minutes: number
}

/** Rows of both lists with the same key joined: amounts and minutes added, means weighed by entries. */
export function merge<K extends string | number>(rows: Iterable<[K, StatRow]>): Map<K, Merged> {
  const out = new Map<K, Merged>()
  for (const [key, row] of rows) {
    const m = out.get(key) ?? { amount: 0, weighted: 0, weight: 0, minutes: 0 }
    m.amount += row.count
    m.minutes += row.minutesWatched
    if (row.meanScore > 0) {
      m.weighted += row.meanScore * row.count
      m.weight += row.count
    }
    out.set(key, m)
  }
  return out
}

export const meanOf = (m: Merged) => (m.weight === 0 ? 0 : Math.round(m.weighted / m.weight))
const byAmount = <T extends { amount: number }>(key: (row: T) => string | number) => (a: T, b: T) => b.amount - a.amount || String(key(a)).localeCompare(String(key(b)))

/** UserStats from the anime and manga statistics (both computed in POINT_100). */
export function legacyUserStats(anime: UserStatistics, manga: UserStatistics): LegacyUserStats {
  const statuses = (s: UserStatistics) => s.statuses.map((r) => ({ status: r.status, amount: r.count })).sort(byAmount((r) => r.status))
  const scores = (s: UserStatistics) => scoreDistribution(s.scores.map((r) => [r.score, r.count]))
  const listScores = (s: UserStatistics) => ({ meanScore: Math.round(s.meanScore), standardDeviation: Math.round(s.standardDeviation) })
  const genres = [...merge([...anime.genres, ...manga.genres].map((r) => [r.genre, r]))]
    .map(([genre, m]) => ({ genre, amount: m.amount, meanScore: meanOf(m), timeWatched: m.minutes }))
    .sort(byAmount((r) => r.genre))
  const years = [...merge([...anime.releaseYears, ...manga.releaseYears].map((r) => [r.releaseYear, r]))]
    .map(([year, m]) => ({ year, amount: m.amount, meanScore: meanOf(m) }))
    .sort(byAmount((r) => r.year))
  const formats = [...merge([...anime.formats, ...manga.formats].map((r) => [r.format, r]))].map(([format, m]) => ({ format, amount: m.amount })).sort(byAmount((r) => r.format))
  return {
    watchedTime: anime.minutesWatched,
    chaptersRead: manga.chaptersRead,
    activityHistory: [],
    animeStatusDistribution: statuses(anime),
    mangaStatusDistribution: statuses(manga),
    animeScoreDistribution: scores(anime),
    mangaScoreDistribution: scores(manga),
    animeListScores: listScores(anime),
    mangaListScores: listScores(manga),
    favouredGenresOverview: genres.slice(0, GENRES_OVERVIEW),
    favouredGenres: genres,
    favouredYears: years,
    favouredFormats: formats,
  }
}
