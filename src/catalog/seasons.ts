/** AniList's seasons: which season and season year a release date falls in. */
import type { FuzzyDate, MediaSeason } from './media.js'

/**
 * December belongs to the next year's winter ("Winter 2017 also includes December 2016 releases"),
 * then three months per season: March–May spring, June–August summer, September–November fall.
 */
export function seasonOf(date: FuzzyDate): { season: MediaSeason; seasonYear: number } | null {
  if (date.year === null || date.month === null) return null
  const { year, month } = date
  if (month === 12) return { season: 'WINTER', seasonYear: year + 1 }
  if (month <= 2) return { season: 'WINTER', seasonYear: year }
  if (month <= 5) return { season: 'SPRING', seasonYear: year }
  if (month <= 8) return { season: 'SUMMER', seasonYear: year }
  return { season: 'FALL', seasonYear: year }
}

const SEASON_NUMBER: Record<MediaSeason, number> = { WINTER: 1, SPRING: 2, SUMMER: 3, FALL: 4 }

/** AniList's deprecated `seasonInt`: the season year's last two digits, then the season's number (1–4). */
export function seasonInt(season: MediaSeason | null, seasonYear: number | null): number | null {
  if (season === null || seasonYear === null) return null
  return (seasonYear % 100) * 10 + SEASON_NUMBER[season]
}
