/**
 * Who is in which work: the only module that writes `media_characters`, `character_voice_actors`
 * and `media_staff`. A work's cast and staff are replaced whole, in one transaction, as an import
 * knows them; a replacement equal to what is stored writes nothing, so a second import of the same
 * file changes nothing. Reads take many works (or people) at once, one query per kind of link, and
 * return each one's rows in stored order; the GraphQL layer pages and sorts those small lists.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { CastInput, CharacterRole, StaffRoleInput } from './people.js'
import { staffLanguageOf } from './people.js'
import { CHUNK } from './person-store.js'

/** A character's part in one work. */
export interface CastRow {
  mediaId: number
  characterId: number
  role: CharacterRole | null
  position: number
  name: string | null
  roleNotes: string | null
  dubGroup: string | null
}

/** One voice actor of a character in one work. */
export interface VoiceRow {
  mediaId: number
  characterId: number
  staffId: number
  language: string
  roleNotes: string | null
  dubGroup: string | null
  position: number
}

/** One role of a staff member in one work. */
export interface StaffRoleRow {
  mediaId: number
  staffId: number
  role: string
  position: number
}

/** `mediaId:characterId`, the key of a character's voice actors in one work. */
export type PairKey = `${number}:${number}`
export const pairKey = (mediaId: number, characterId: number): PairKey => `${mediaId}:${characterId}`

function group<K, R>(rows: readonly R[], keyOf: (row: R) => K, keys: readonly K[]): Map<K, R[]> {
  const out = new Map<K, R[]>(keys.map((k) => [k, []]))
  for (const row of rows) {
    const list = out.get(keyOf(row))
    if (list) list.push(row)
    else out.set(keyOf(row), [row])
  }
  return out
}

async function chunked<T>(ids: readonly number[], run: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)]
  const out: T[] = []
  for (let start = 0; start < unique.length; start += CHUNK) out.push(...(await run(unique.slice(start, start + CHUNK))))
  return out
}

const castRow = (r: Tables['media_characters']): CastRow => ({
  mediaId: r.media_id, characterId: r.character_id, role: r.role as CharacterRole | null, position: r.position, name: r.character_name, roleNotes: r.role_notes, dubGroup: r.dub_group,
})
const voiceRow = (r: Tables['character_voice_actors']): VoiceRow => ({
  mediaId: r.media_id, characterId: r.character_id, staffId: r.staff_id, language: r.language, roleNotes: r.role_notes, dubGroup: r.dub_group, position: r.position,
})
const staffRoleRow = (r: Tables['media_staff']): StaffRoleRow => ({ mediaId: r.media_id, staffId: r.staff_id, role: r.role, position: r.position })

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Replaces a work's cast: its characters in order, each with role and voice actors. A character
 * listed twice keeps its first place; a voice actor listed twice for one character, the first.
 * Returns whether anything changed. The characters and staff must be stored already.
 */
export async function setMediaCast(db: Kysely<Tables>, mediaId: number, cast: readonly CastInput[]): Promise<boolean> {
  const characters: Tables['media_characters'][] = []
  const voices: Tables['character_voice_actors'][] = []
  const seen = new Set<number>()
  for (const entry of cast) {
    if (seen.has(entry.characterId)) continue
    seen.add(entry.characterId)
    characters.push({
      media_id: mediaId, character_id: entry.characterId, role: entry.role, position: characters.length + 1,
      character_name: entry.name ?? null, role_notes: entry.roleNotes ?? null, dub_group: entry.dubGroup ?? null,
    })
    const actors = new Set<number>()
    for (const actor of entry.voiceActors) {
      if (actors.has(actor.staffId)) continue
      actors.add(actor.staffId)
      voices.push({
        media_id: mediaId, character_id: entry.characterId, staff_id: actor.staffId, language: staffLanguageOf(actor.language),
        role_notes: actor.roleNotes ?? null, dub_group: actor.dubGroup ?? null, position: voices.length + 1,
      })
    }
  }
  return db.transaction().execute(async (trx) => {
    const storedCharacters = await trx.selectFrom('media_characters').selectAll().where('media_id', '=', mediaId).orderBy('position').execute()
    const storedVoices = await trx.selectFrom('character_voice_actors').selectAll().where('media_id', '=', mediaId).orderBy('position').execute()
    if (sameJson(storedCharacters.map(castRow), characters.map(castRow)) && sameJson(storedVoices.map(voiceRow), voices.map(voiceRow))) return false
    await trx.deleteFrom('character_voice_actors').where('media_id', '=', mediaId).execute()
    await trx.deleteFrom('media_characters').where('media_id', '=', mediaId).execute()
    for (let i = 0; i < characters.length; i += CHUNK / 10) await trx.insertInto('media_characters').values(characters.slice(i, i + CHUNK / 10)).execute()
    for (let i = 0; i < voices.length; i += CHUNK / 10) await trx.insertInto('character_voice_actors').values(voices.slice(i, i + CHUNK / 10)).execute()
    return true
  })
}

/** Replaces a work's staff: their roles in order (a repeated staff and role pair keeps its first place). Returns whether anything changed. */
export async function setMediaStaff(db: Kysely<Tables>, mediaId: number, staff: readonly StaffRoleInput[]): Promise<boolean> {
  const rows: Tables['media_staff'][] = []
  const seen = new Set<string>()
  for (const entry of staff) {
    const key = `${entry.staffId}:${entry.role}`
    if (seen.has(key)) continue
    seen.add(key)
    rows.push({ media_id: mediaId, staff_id: entry.staffId, role: entry.role, position: rows.length + 1 })
  }
  return db.transaction().execute(async (trx) => {
    const stored = await trx.selectFrom('media_staff').selectAll().where('media_id', '=', mediaId).orderBy('position').execute()
    if (sameJson(stored.map(staffRoleRow), rows.map(staffRoleRow))) return false
    await trx.deleteFrom('media_staff').where('media_id', '=', mediaId).execute()
    for (let i = 0; i < rows.length; i += CHUNK / 10) await trx.insertInto('media_staff').values(rows.slice(i, i + CHUNK / 10)).execute()
    return true
  })
}

/** The cast of each work, in cast order, optionally of one role only. */
export async function castOfMedia(db: Kysely<Tables>, mediaIds: readonly number[], role?: CharacterRole | null): Promise<Map<number, CastRow[]>> {
  const rows = await chunked(mediaIds, (chunk) => {
    let query = db.selectFrom('media_characters').selectAll().where('media_id', 'in', chunk)
    if (role) query = query.where('role', '=', role)
    return query.orderBy('media_id').orderBy('position').execute()
  })
  return group(rows.map(castRow), (r) => r.mediaId, mediaIds)
}

/** Each character's parts in works, by work id. */
export async function rolesOfCharacters(db: Kysely<Tables>, characterIds: readonly number[]): Promise<Map<number, CastRow[]>> {
  const rows = await chunked(characterIds, (chunk) => db.selectFrom('media_characters').selectAll().where('character_id', 'in', chunk).orderBy('character_id').orderBy('media_id').execute())
  return group(rows.map(castRow), (r) => r.characterId, characterIds)
}

/**
 * The voice actors of each (work, character) pair, in stored order, optionally in one language. The
 * pairs are read by their works (one IN list) and the characters picked out here, which keeps the
 * SQL the same on both databases.
 */
export async function voiceActorsOf(db: Kysely<Tables>, pairs: ReadonlyArray<{ mediaId: number; characterId: number }>, language?: string | null): Promise<Map<PairKey, VoiceRow[]>> {
  const wanted = new Set(pairs.map((p) => pairKey(p.mediaId, p.characterId)))
  const characterIds = new Set(pairs.map((p) => p.characterId))
  const rows = await chunked(pairs.map((p) => p.mediaId), (chunk) => {
    let query = db.selectFrom('character_voice_actors').selectAll().where('media_id', 'in', chunk)
    if (language) query = query.where('language', '=', language)
    return query.orderBy('media_id').orderBy('position').execute()
  })
  const kept = rows.filter((r) => characterIds.has(r.character_id) && wanted.has(pairKey(r.media_id, r.character_id))).map(voiceRow)
  return group(kept, (r) => pairKey(r.mediaId, r.characterId), [...wanted])
}

/** Each voice actor's roles (work and character), by work then cast order. */
export async function voiceRolesOfStaff(db: Kysely<Tables>, staffIds: readonly number[]): Promise<Map<number, VoiceRow[]>> {
  const rows = await chunked(staffIds, (chunk) => db.selectFrom('character_voice_actors').selectAll().where('staff_id', 'in', chunk).orderBy('staff_id').orderBy('media_id').orderBy('position').execute())
  return group(rows.map(voiceRow), (r) => r.staffId, staffIds)
}

/** The staff of each work, in stored order. */
export async function staffOfMedia(db: Kysely<Tables>, mediaIds: readonly number[]): Promise<Map<number, StaffRoleRow[]>> {
  const rows = await chunked(mediaIds, (chunk) => db.selectFrom('media_staff').selectAll().where('media_id', 'in', chunk).orderBy('media_id').orderBy('position').execute())
  return group(rows.map(staffRoleRow), (r) => r.mediaId, mediaIds)
}

/** Each staff member's roles in works, by work. */
export async function rolesOfStaff(db: Kysely<Tables>, staffIds: readonly number[]): Promise<Map<number, StaffRoleRow[]>> {
  const rows = await chunked(staffIds, (chunk) => db.selectFrom('media_staff').selectAll().where('staff_id', 'in', chunk).orderBy('staff_id').orderBy('media_id').orderBy('position').execute())
  return group(rows.map(staffRoleRow), (r) => r.staffId, staffIds)
}

/** The voice actors of every character of each work, in one language, in stored order (for list statistics). */
export async function voiceActorsOfMedia(db: Kysely<Tables>, mediaIds: readonly number[], language: string): Promise<Map<number, VoiceRow[]>> {
  const rows = await chunked(mediaIds, (chunk) => db.selectFrom('character_voice_actors').selectAll().where('media_id', 'in', chunk).where('language', '=', language).orderBy('media_id').orderBy('position').execute())
  return group(rows.map(voiceRow), (r) => r.mediaId, mediaIds)
}
