/**
 * Characters and staff, shaped like AniList's Character and Staff objects so that imports, the
 * GraphQL layer and the statistics speak one language. Enum values are AniList's names.
 */
import type { FuzzyDate } from '../catalog/media.js'

export const CHARACTER_ROLES = ['MAIN', 'SUPPORTING', 'BACKGROUND'] as const
export type CharacterRole = (typeof CHARACTER_ROLES)[number]

/** AniList's StaffLanguage: the languages a voice actor's role is filed under. */
export const STAFF_LANGUAGES = ['JAPANESE', 'ENGLISH', 'KOREAN', 'ITALIAN', 'SPANISH', 'PORTUGUESE', 'FRENCH', 'GERMAN', 'HEBREW', 'HUNGARIAN'] as const
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number]

/** The language AniList's voiceActors field answers when none is asked for. */
export const DEFAULT_VOICE_LANGUAGE: StaffLanguage = 'JAPANESE'

export interface PersonName {
  first: string | null
  middle: string | null
  last: string | null
  full: string | null
  native: string | null
  alternative: string[]
}

export interface CharacterName extends PersonName {
  alternativeSpoiler: string[]
}

export interface PersonImage {
  large: string | null
  medium: string | null
}

export interface Character {
  id: number
  name: CharacterName
  image: PersonImage
  description: string | null
  gender: string | null
  dateOfBirth: FuzzyDate
  /** A text, as AniList's: "17", "17-18", "Teens". */
  age: string | null
  bloodType: string | null
  isFavouriteBlocked: boolean
  modNotes: string | null
  updatedAt: number
}

export interface Staff {
  id: number
  name: PersonName
  /** The staff member's language as AniList words it: "Japanese", "English". */
  languageV2: string | null
  image: PersonImage
  description: string | null
  primaryOccupations: string[]
  gender: string | null
  dateOfBirth: FuzzyDate
  dateOfDeath: FuzzyDate
  age: number | null
  /** [start year, end year]; no second value while still active. */
  yearsActive: number[]
  homeTown: string | null
  bloodType: string | null
  isFavouriteBlocked: boolean
  modNotes: string | null
  updatedAt: number
}

type Partial1<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : Partial<T[K]>) : T[K] }

/** What an import knows of a character: anything left out keeps its stored value. */
export type CharacterInput = { id: number } & Partial1<Omit<Character, 'id'>>
/** What an import knows of a staff member: anything left out keeps its stored value. */
export type StaffInput = { id: number } & Partial1<Omit<Staff, 'id'>>

/** A character's part in a work, for setMediaCast. */
export interface CastInput {
  characterId: number
  role: CharacterRole | null
  /** The name the character goes by in this work, when it differs. */
  name?: string | null
  roleNotes?: string | null
  dubGroup?: string | null
  voiceActors: VoiceActorInput[]
}

export interface VoiceActorInput {
  staffId: number
  language: StaffLanguage | string
  roleNotes?: string | null
  dubGroup?: string | null
}

/** A staff member's role in a work, for setMediaStaff. */
export interface StaffRoleInput {
  staffId: number
  role: string
}

/**
 * The StaffLanguage of a staff member's languageV2 ("Japanese" → JAPANESE); other languages keep
 * their upper-cased name, so a Mandarin dub is still told apart from a Japanese one.
 */
export function staffLanguageOf(languageV2: string | null | undefined): string {
  if (!languageV2) return DEFAULT_VOICE_LANGUAGE
  return languageV2.trim().toUpperCase().replace(/\s+/g, '_')
}
