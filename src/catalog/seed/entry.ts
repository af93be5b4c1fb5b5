/** The compact form the built-in catalog is written in, and how it becomes catalog input. */
import type { FuzzyDate, MediaFormat, MediaInput, MediaRelation, MediaSource, MediaStatus, MediaType } from '../media.js'
import { seasonOf } from '../seasons.js'

/** One work as written down in seed/anime.ts and seed/manga.ts. Dates are 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'. */
export interface SeedEntry {
  id: number
  idMal: number
  romaji: string
  english: string | null
  native: string
  format: MediaFormat
  /** FINISHED unless said otherwise. */
  status?: MediaStatus
  start: string
  end: string | null
  episodes?: number | null
  duration?: number | null
  chapters?: number | null
  volumes?: number | null
  source: MediaSource
  genres: string[]
  synonyms?: string[]
  /** Related works of the catalog: [AniList id, how it relates to this one]. */
  relations?: Array<[number, MediaRelation]>
  /** JP unless said otherwise. */
  country?: string
}

/** A 'YYYY-MM-DD' (or shorter) date as a FuzzyDate. */
export function parseSeedDate(text: string | null): FuzzyDate {
  if (text === null) return { year: null, month: null, day: null }
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text)
  if (!match) throw new Error(`seed date "${text}" is not YYYY-MM-DD`)
  return { year: Number(match[1]), month: match[2] ? Number(match[2]) : null, day: match[3] ? Number(match[3]) : null }
}

/** The catalog input for a seed entry. Anime get the season their start date falls in; manga have none. */
export function seedToInput(entry: SeedEntry, type: MediaType): MediaInput {
  const startDate = parseSeedDate(entry.start)
  const season = type === 'ANIME' ? seasonOf(startDate) : null
  return {
    id: entry.id,
    type,
    idMal: entry.idMal,
    title: { romaji: entry.romaji, english: entry.english, native: entry.native },
    format: entry.format,
    status: entry.status ?? 'FINISHED',
    startDate,
    endDate: parseSeedDate(entry.end),
    season: season?.season ?? null,
    seasonYear: season?.seasonYear ?? null,
    episodes: entry.episodes ?? null,
    duration: entry.duration ?? null,
    chapters: entry.chapters ?? null,
    volumes: entry.volumes ?? null,
    source: entry.source,
    genres: entry.genres,
    synonyms: entry.synonyms ?? [],
    relations: (entry.relations ?? []).map(([id, relationType]) => ({ id, relationType })),
    countryOfOrigin: entry.country ?? 'JP',
    isLicensed: true,
    isAdult: false,
  }
}
