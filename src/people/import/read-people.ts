/** One AniList Character or Staff object as importer input: what it holds, and nothing it leaves out (so stored fields stay). */
import { sanitizeDescription } from '../../markdown/description-tags.js'
import { STAFF_LANGUAGES, type CharacterInput, type StaffInput } from '../people.js'
import { isObject, type Json, type JsonReader } from './json-reader.js'

/** Drops the keys whose value is undefined, so that an input only names what the file gave. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T
}

function description(r: JsonReader, value: unknown, path: string): string | null | undefined {
  const text = r.string(value, path, 100_000)
  return typeof text === 'string' ? sanitizeDescription(text) : text
}

function nameOf(r: JsonReader, value: unknown, path: string, spoilers: boolean) {
  const name = r.object(value, path)
  if (!name) return undefined
  return defined({
    first: r.string(name.first, `${path}.first`, 1000),
    middle: r.string(name.middle, `${path}.middle`, 1000),
    last: r.string(name.last, `${path}.last`, 1000),
    full: r.string(name.full, `${path}.full`, 1000),
    native: r.string(name.native, `${path}.native`, 1000),
    alternative: r.strings(name.alternative, `${path}.alternative`),
    ...(spoilers ? { alternativeSpoiler: r.strings(name.alternativeSpoiler, `${path}.alternativeSpoiler`) } : {}),
  })
}

function imageOf(r: JsonReader, value: unknown, path: string) {
  const image = r.object(value, path)
  if (!image) return undefined
  return defined({ large: r.url(image.large, `${path}.large`), medium: r.url(image.medium, `${path}.medium`) })
}

const orFalse = (b: boolean | null | undefined) => (b === null ? false : b)

/** A Character object; undefined (with problems) when it has no usable id. */
export function readCharacter(r: JsonReader, item: unknown, path: string): CharacterInput | undefined {
  if (!isObject(item)) return r.problem(path, 'is not a Character object')
  const id = r.id(item.id, `${path}.id`)
  const input = defined({
    id: id ?? 0,
    name: nameOf(r, item.name, `${path}.name`, true),
    image: imageOf(r, item.image, `${path}.image`),
    description: description(r, item.description, `${path}.description`),
    gender: r.string(item.gender, `${path}.gender`, 200),
    dateOfBirth: r.date(item.dateOfBirth, `${path}.dateOfBirth`),
    age: r.string(item.age, `${path}.age`, 200),
    bloodType: r.string(item.bloodType, `${path}.bloodType`, 20),
    isFavouriteBlocked: orFalse(r.bool(item.isFavouriteBlocked, `${path}.isFavouriteBlocked`)),
    modNotes: r.string(item.modNotes, `${path}.modNotes`),
  }) as CharacterInput
  return id === undefined ? undefined : input
}

/** AniList's old `language` enum as a languageV2 word (JAPANESE → Japanese), for files from older queries. */
function languageWord(language: string): string {
  return language.charAt(0) + language.slice(1).toLowerCase()
}

/** A Staff object; undefined (with problems) when it has no usable id. */
export function readStaff(r: JsonReader, item: unknown, path: string): StaffInput | undefined {
  if (!isObject(item)) return r.problem(path, 'is not a Staff object')
  const id = r.id(item.id, `${path}.id`)
  const oldLanguage = r.oneOf(item.language, `${path}.language`, STAFF_LANGUAGES)
  const languageV2 = r.string(item.languageV2, `${path}.languageV2`, 100)
  const input = defined({
    id: id ?? 0,
    name: nameOf(r, item.name, `${path}.name`, false),
    languageV2: languageV2 ?? (oldLanguage ? languageWord(oldLanguage) : languageV2),
    image: imageOf(r, item.image, `${path}.image`),
    description: description(r, item.description, `${path}.description`),
    primaryOccupations: r.strings(item.primaryOccupations, `${path}.primaryOccupations`),
    gender: r.string(item.gender, `${path}.gender`, 200),
    dateOfBirth: r.date(item.dateOfBirth, `${path}.dateOfBirth`),
    dateOfDeath: r.date(item.dateOfDeath, `${path}.dateOfDeath`),
    age: r.int(item.age, `${path}.age`, 0, 200),
    yearsActive: r.ints(item.yearsActive, `${path}.yearsActive`),
    homeTown: r.string(item.homeTown, `${path}.homeTown`, 1000),
    bloodType: r.string(item.bloodType, `${path}.bloodType`, 20),
    isFavouriteBlocked: orFalse(r.bool(item.isFavouriteBlocked, `${path}.isFavouriteBlocked`)),
    modNotes: r.string(item.modNotes, `${path}.modNotes`),
  }) as StaffInput
  return id === undefined ? undefined : input
}

export type { Json }
