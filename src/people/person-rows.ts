/** Converts between the `characters` and `staff` rows and the Character and Staff objects. */
import type { Selectable } from 'kysely'
import type { CharactersTable, StaffTable } from '../storage/tables.js'
import { buildSearchText } from '../catalog/search-text.js'
import type { Character, PersonName, Staff } from './people.js'

export type CharacterRow = Selectable<CharactersTable>
export type StaffRow = Selectable<StaffTable>

const list = <T>(json: string): T[] => JSON.parse(json) as T[]

/**
 * Every form a person may be searched by: full and native names, "last first" (how Japanese names
 * are often written in romaji), and every alternative name.
 */
export function personSearchText(name: PersonName, extra: readonly string[] = []): string {
  const reversed = name.first && name.last ? `${name.last} ${name.first}` : null
  return buildSearchText([name.full, name.native, reversed, name.first, name.last, ...name.alternative, ...extra])
}

export function rowToCharacter(row: CharacterRow): Character {
  return {
    id: row.id,
    name: {
      first: row.name_first, middle: row.name_middle, last: row.name_last, full: row.name_full, native: row.name_native,
      alternative: list(row.name_alternative), alternativeSpoiler: list(row.name_alternative_spoiler),
    },
    image: { large: row.image_large, medium: row.image_medium },
    description: row.description,
    gender: row.gender,
    dateOfBirth: { year: row.birth_year, month: row.birth_month, day: row.birth_day },
    age: row.age,
    bloodType: row.blood_type,
    isFavouriteBlocked: row.is_favourite_blocked !== 0,
    modNotes: row.mod_notes,
    updatedAt: Number(row.updated_at),
  }
}

export function characterToRow(c: Character): CharacterRow {
  return {
    id: c.id,
    name_first: c.name.first, name_middle: c.name.middle, name_last: c.name.last, name_full: c.name.full, name_native: c.name.native,
    name_alternative: JSON.stringify(c.name.alternative), name_alternative_spoiler: JSON.stringify(c.name.alternativeSpoiler),
    image_large: c.image.large, image_medium: c.image.medium,
    description: c.description, gender: c.gender,
    birth_year: c.dateOfBirth.year, birth_month: c.dateOfBirth.month, birth_day: c.dateOfBirth.day,
    age: c.age, blood_type: c.bloodType,
    is_favourite_blocked: c.isFavouriteBlocked ? 1 : 0,
    mod_notes: c.modNotes,
    // Spoiler names are searched too: someone who types one already knows it.
    search_text: personSearchText(c.name, c.name.alternativeSpoiler),
    updated_at: c.updatedAt,
  }
}

export function rowToStaff(row: StaffRow): Staff {
  return {
    id: row.id,
    name: { first: row.name_first, middle: row.name_middle, last: row.name_last, full: row.name_full, native: row.name_native, alternative: list(row.name_alternative) },
    languageV2: row.language_v2,
    image: { large: row.image_large, medium: row.image_medium },
    description: row.description,
    primaryOccupations: list(row.primary_occupations),
    gender: row.gender,
    dateOfBirth: { year: row.birth_year, month: row.birth_month, day: row.birth_day },
    dateOfDeath: { year: row.death_year, month: row.death_month, day: row.death_day },
    age: row.age,
    yearsActive: list(row.years_active),
    homeTown: row.home_town,
    bloodType: row.blood_type,
    isFavouriteBlocked: row.is_favourite_blocked !== 0,
    modNotes: row.mod_notes,
    updatedAt: Number(row.updated_at),
  }
}

export function staffToRow(s: Staff): StaffRow {
  return {
    id: s.id,
    name_first: s.name.first, name_middle: s.name.middle, name_last: s.name.last, name_full: s.name.full, name_native: s.name.native,
    name_alternative: JSON.stringify(s.name.alternative),
    language_v2: s.languageV2,
    image_large: s.image.large, image_medium: s.image.medium,
    description: s.description,
    primary_occupations: JSON.stringify(s.primaryOccupations),
    gender: s.gender,
    birth_year: s.dateOfBirth.year, birth_month: s.dateOfBirth.month, birth_day: s.dateOfBirth.day,
    death_year: s.dateOfDeath.year, death_month: s.dateOfDeath.month, death_day: s.dateOfDeath.day,
    age: s.age,
    years_active: JSON.stringify(s.yearsActive),
    home_town: s.homeTown, blood_type: s.bloodType,
    is_favourite_blocked: s.isFavouriteBlocked ? 1 : 0,
    mod_notes: s.modNotes,
    search_text: personSearchText(s.name),
    updated_at: s.updatedAt,
  }
}
