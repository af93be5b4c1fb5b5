/**
 * A list entry: one user's record of one anime or manga, shaped like AniList's MediaList. The score is
 * kept raw (0–100, 0 for "not scored"); score formats are views of it (score-format.ts).
 */
import type { FuzzyDate, MediaType } from '../catalog/media.js'

export const MEDIA_LIST_STATUSES = ['CURRENT', 'PLANNING', 'COMPLETED', 'DROPPED', 'PAUSED', 'REPEATING'] as const
export type MediaListStatus = (typeof MEDIA_LIST_STATUSES)[number]

export interface MediaListEntry {
  id: number
  userId: number
  mediaId: number
  /** The media's type, so that anime and manga lists are told apart without the catalog. */
  mediaType: MediaType
  status: MediaListStatus
  /** Raw score, 0–100; 0 when not scored. */
  score: number
  progress: number
  progressVolumes: number
  repeat: number
  priority: number
  private: boolean
  notes: string | null
  hiddenFromStatusLists: boolean
  /** Names of the owner's custom lists (for this media type) that hold the entry. */
  customLists: string[]
  /** Advanced-scoring category name to raw score (0–100); a scoreMap, without a prototype. */
  advancedScores: Record<string, number>
  startedAt: FuzzyDate
  completedAt: FuzzyDate
  createdAt: number
  updatedAt: number
}

/** What a save may set on an entry: every stored field but the keys and times. */
export type EntryFields = Omit<MediaListEntry, 'id' | 'userId' | 'mediaId' | 'mediaType' | 'createdAt' | 'updatedAt'>

/**
 * A map of advanced-scoring category names to scores, with the own entries of `from`. It has no
 * prototype: the names are the user's, and "__proto__" or "constructor" must be keys like any other
 * (on a plain object, setting the first changes the prototype instead, and reading the second finds Object).
 */
export function scoreMap(from: Readonly<Record<string, number>> = {}): Record<string, number> {
  const map = Object.create(null) as Record<string, number>
  for (const [name, score] of Object.entries(from)) map[name] = score
  return map
}

export const NO_DATE: FuzzyDate = Object.freeze({ year: null, month: null, day: null })

/** The fields of a new entry before anything is given: AniList's defaults. */
export function defaultEntryFields(): EntryFields {
  return {
    status: 'CURRENT', score: 0, progress: 0, progressVolumes: 0, repeat: 0, priority: 0, private: false, notes: null,
    hiddenFromStatusLists: false, customLists: [], advancedScores: scoreMap(), startedAt: NO_DATE, completedAt: NO_DATE,
  }
}
