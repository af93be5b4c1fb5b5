/**
 * The people's storage: the only module that writes `characters` and `staff`. Writes are upserts
 * keyed by AniList's id, and an input's missing fields keep their stored value (as the catalog's
 * media-store does), so importing the same data twice changes nothing and a thin record (a voice
 * actor named only inside a cast) never erases a rich one. Reads load many people in one query.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { Character, CharacterInput, Staff, StaffInput } from './people.js'
import { characterToRow, rowToCharacter, rowToStaff, staffToRow, type CharacterRow, type StaffRow } from './person-rows.js'

/** Ids per IN (...) list in writes: well under SQLite's and PostgreSQL's bound-parameter limits. */
export const CHUNK = 500
/**
 * Ids per IN (...) list in reads: a page of 50 works with 25 characters each is one statement
 * (1,250 ids), still far below both databases' limits (32,766 and 65,535 parameters).
 */
export const READ_CHUNK = 1250

export interface PeopleUpsertResult {
  inserted: number
  updated: number
  unchanged: number
}

const EMPTY_DATE = () => ({ year: null, month: null, day: null })

export function blankCharacter(id: number, updatedAt: number): Character {
  return {
    id, name: { first: null, middle: null, last: null, full: null, native: null, alternative: [], alternativeSpoiler: [] },
    image: { large: null, medium: null }, description: null, gender: null, dateOfBirth: EMPTY_DATE(), age: null, bloodType: null,
    isFavouriteBlocked: false, modNotes: null, updatedAt,
  }
}

export function blankStaff(id: number, updatedAt: number): Staff {
  return {
    id, name: { first: null, middle: null, last: null, full: null, native: null, alternative: [] }, languageV2: null,
    image: { large: null, medium: null }, description: null, primaryOccupations: [], gender: null, dateOfBirth: EMPTY_DATE(),
    dateOfDeath: EMPTY_DATE(), age: null, yearsActive: [], homeTown: null, bloodType: null, isFavouriteBlocked: false, modNotes: null, updatedAt,
  }
}

const definedOnly = (o: object | undefined) => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined))

/** The stored value with the input laid over it, one level into nested objects (name, image, dates). */
export function overlay<T extends object>(base: T, input: object): T {
  const out = { ...base } as Record<string, unknown>
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    const current = out[key]
    const nested = value !== null && typeof value === 'object' && !Array.isArray(value) && current !== null && typeof current === 'object' && !Array.isArray(current)
    out[key] = nested ? { ...(current as object), ...definedOnly(value as object) } : value
  }
  return out as T
}

function sameRow<R extends Record<string, unknown>>(a: R, b: R): boolean {
  return Object.keys(a).every((key) => key === 'updated_at' || a[key] === b[key])
}

interface Kind<I extends { id: number; updatedAt?: number }, V, R extends { id: number; updated_at: number }> {
  table: 'characters' | 'staff'
  blank(id: number, now: number): V
  toRow(value: V): R
  fromRow(row: R): V
  input?: I
}

async function upsertPeople<I extends { id: number; updatedAt?: number }, V, R extends { id: number; updated_at: number }>(
  db: Kysely<Tables>, clock: Clock, kind: Kind<I, V, R>, inputs: readonly I[],
): Promise<PeopleUpsertResult> {
  const result: PeopleUpsertResult = { inserted: 0, updated: 0, unchanged: 0 }
  for (let start = 0; start < inputs.length; start += CHUNK) {
    const chunk = inputs.slice(start, start + CHUNK)
    await db.transaction().execute(async (trx: Transaction<Tables>) => {
      const ids = [...new Set(chunk.map((i) => i.id))]
      // The two tables differ in columns only; the row converters keep each typed.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- either table, by name
      const table = trx as unknown as Kysely<any>
      const stored = new Map<number, R>()
      for (const row of (await table.selectFrom(kind.table).selectAll().where('id', 'in', ids).execute()) as R[]) stored.set(row.id, row)
      for (const input of chunk) {
        const existing = stored.get(input.id)
        const now = clock()
        const base = existing ? kind.fromRow(existing) : kind.blank(input.id, now)
        const { updatedAt, ...fields } = input
        const row = kind.toRow(overlay(base as object, fields) as V)
        if (existing && sameRow(row as Record<string, unknown>, existing as Record<string, unknown>)) {
          result.unchanged++
          continue
        }
        row.updated_at = updatedAt ?? now
        if (existing) {
          const { id, ...changes } = row
          await table.updateTable(kind.table).set(changes).where('id', '=', id).execute()
          result.updated++
        } else {
          await table.insertInto(kind.table).values(row).execute()
          result.inserted++
        }
        stored.set(row.id, row)
      }
    })
  }
  return result
}

const CHARACTERS: Kind<CharacterInput, Character, CharacterRow> = { table: 'characters', blank: blankCharacter, toRow: characterToRow, fromRow: rowToCharacter }
const STAFF: Kind<StaffInput, Staff, StaffRow> = { table: 'staff', blank: blankStaff, toRow: staffToRow, fromRow: rowToStaff }

/** Inserts new characters and updates stored ones; an unchanged row is not written and keeps its updatedAt. */
export function upsertCharacters(db: Kysely<Tables>, clock: Clock, inputs: readonly CharacterInput[]): Promise<PeopleUpsertResult> {
  return upsertPeople(db, clock, CHARACTERS, inputs)
}

/** Inserts new staff and updates stored ones; an unchanged row is not written and keeps its updatedAt. */
export function upsertStaff(db: Kysely<Tables>, clock: Clock, inputs: readonly StaffInput[]): Promise<PeopleUpsertResult> {
  return upsertPeople(db, clock, STAFF, inputs)
}

/** The characters with these ids (missing ids are absent), in one query per 1,250 ids. */
export async function loadCharactersByIds(db: Kysely<Tables>, ids: readonly number[]): Promise<Map<number, Character>> {
  const out = new Map<number, Character>()
  const unique = [...new Set(ids)]
  for (let start = 0; start < unique.length; start += READ_CHUNK) {
    for (const row of await db.selectFrom('characters').selectAll().where('id', 'in', unique.slice(start, start + READ_CHUNK)).execute()) out.set(row.id, rowToCharacter(row))
  }
  return out
}

/** The staff with these ids (missing ids are absent), in one query per 1,250 ids. */
export async function loadStaffByIds(db: Kysely<Tables>, ids: readonly number[]): Promise<Map<number, Staff>> {
  const out = new Map<number, Staff>()
  const unique = [...new Set(ids)]
  for (let start = 0; start < unique.length; start += READ_CHUNK) {
    for (const row of await db.selectFrom('staff').selectAll().where('id', 'in', unique.slice(start, start + READ_CHUNK)).execute()) out.set(row.id, rowToStaff(row))
  }
  return out
}
