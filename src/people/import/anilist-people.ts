/**
 * The people in an AniList-shaped file, for `kiroku import FILE.json`: the casts and staff nested in
 * Media objects (`characters { edges { role name node {…} voiceActors {…} voiceActorRoles {…} } }`,
 * `staff { edges { role node {…} } }`) and saved `Page.characters` / `Page.staff` responses. Every
 * item is checked before anything is written. A person met several times (a voice actor of many
 * characters) is merged in file order, later fields over earlier ones; a work's cast is replaced only
 * when the file has its `characters` (its staff, its `staff`), so a file of covers never empties a cast.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { ImportError, parseImportJson } from '../../catalog/importers/import-error.js'
import { CHARACTER_ROLES, staffLanguageOf, type CastInput, type CharacterInput, type StaffInput, type StaffRoleInput, type VoiceActorInput } from '../people.js'
import { overlay, upsertCharacters, upsertStaff, type PeopleUpsertResult } from '../person-store.js'
import { setMediaCast, setMediaStaff } from '../cast-store.js'
import { isObject, JsonReader, type Json } from './json-reader.js'
import { readCharacter, readStaff } from './read-people.js'

export interface PeopleFile {
  /** Whether the file holds Media objects (then the catalog importer reads them too). */
  hasMedia: boolean
  characters: CharacterInput[]
  staff: StaffInput[]
  /** The cast of each work whose `characters` the file holds, by media id, in file order. */
  casts: Map<number, CastInput[]>
  /** The staff of each work whose `staff` the file holds. */
  staffRoles: Map<number, StaffRoleInput[]>
}

/** People met several times, merged by id in file order. */
class Merged<T extends { id: number }> {
  private readonly byId = new Map<number, T>()
  add(input: T): void {
    const known = this.byId.get(input.id)
    this.byId.set(input.id, known ? overlay(known, input) : input)
  }
  values(): T[] {
    return [...this.byId.values()]
  }
}

/** The lists a file holds: Media (an array, or Page.media), Page.characters and Page.staff. */
function listsOf(document: unknown): { media?: unknown[]; characters?: unknown[]; staff?: unknown[] } {
  if (Array.isArray(document)) return { media: document }
  const page = isObject(document) && isObject(document.data) && isObject(document.data.Page) ? document.data.Page : null
  const lists = {
    media: page && Array.isArray(page.media) ? page.media : undefined,
    characters: page && Array.isArray(page.characters) ? page.characters : undefined,
    staff: page && Array.isArray(page.staff) ? page.staff : undefined,
  }
  if (!lists.media && !lists.characters && !lists.staff) {
    throw new ImportError(['the file must hold a JSON array of Media objects, or an AniList response {"data":{"Page":{"media" | "characters" | "staff":[…]}}}'])
  }
  return lists
}

function readCast(r: JsonReader, field: Json, path: string, characters: Merged<CharacterInput>, staff: Merged<StaffInput>): CastInput[] {
  const cast: CastInput[] = []
  const edges = r.list(field.edges, `${path}.edges`)
  const nodes = edges ? [] : (r.list(field.nodes, `${path}.nodes`) ?? [])
  const all = edges ?? nodes.map((node) => ({ node }))
  all.forEach((edge, i) => {
    const at = edges ? `${path}.edges[${i}]` : `${path}.nodes[${i}]`
    if (!isObject(edge)) return void r.problem(at, 'is not a CharacterEdge object')
    const role = r.oneOf(edge.role, `${at}.role`, CHARACTER_ROLES) ?? null
    const character = readCharacter(r, edge.node, edges ? `${at}.node` : at)
    if (!character) return
    characters.add(character)
    const actors = new Map<number, VoiceActorInput>()
    const addActor = (item: unknown, itemPath: string, notes?: { roleNotes?: string | null; dubGroup?: string | null }) => {
      const person = readStaff(r, item, itemPath)
      if (!person) return
      staff.add(person)
      const known = actors.get(person.id)
      actors.set(person.id, { staffId: person.id, language: staffLanguageOf(person.languageV2 ?? null), roleNotes: notes?.roleNotes ?? known?.roleNotes ?? null, dubGroup: notes?.dubGroup ?? known?.dubGroup ?? null })
    }
    ;(r.list(edge.voiceActors, `${at}.voiceActors`) ?? []).forEach((actor, j) => addActor(actor, `${at}.voiceActors[${j}]`))
    ;(r.list(edge.voiceActorRoles, `${at}.voiceActorRoles`) ?? []).forEach((role, j) => {
      const rolePath = `${at}.voiceActorRoles[${j}]`
      if (!isObject(role)) return void r.problem(rolePath, 'is not a StaffRoleType object')
      addActor(role.voiceActor, `${rolePath}.voiceActor`, { roleNotes: r.string(role.roleNotes, `${rolePath}.roleNotes`, 1000), dubGroup: r.string(role.dubGroup, `${rolePath}.dubGroup`, 1000) })
    })
    cast.push({
      characterId: character.id,
      role,
      name: r.string(edge.name, `${at}.name`, 1000) ?? null,
      voiceActors: [...actors.values()],
    })
  })
  return cast
}

function readStaffRoles(r: JsonReader, field: Json, path: string, staff: Merged<StaffInput>): StaffRoleInput[] {
  const roles: StaffRoleInput[] = []
  const edges = r.list(field.edges, `${path}.edges`)
  ;(edges ?? []).forEach((edge, i) => {
    const at = `${path}.edges[${i}]`
    if (!isObject(edge)) return void r.problem(at, 'is not a StaffEdge object')
    const person = readStaff(r, edge.node, `${at}.node`)
    if (!person) return
    staff.add(person)
    // A staff member with no role named still worked on the work; AniList's own edges always name one.
    roles.push({ staffId: person.id, role: r.string(edge.role, `${at}.role`, 1000) ?? '' })
  })
  return roles
}

/** The people of a file's text, checked; throws ImportError listing each problem by item and field. */
export function parseAniListPeopleFile(text: string): PeopleFile {
  return readAniListPeopleFile(parseImportJson(text))
}

/** The same, for a document already parsed. */
export function readAniListPeopleFile(document: unknown): PeopleFile {
  const lists = listsOf(document)
  const problems: string[] = []
  const characters = new Merged<CharacterInput>()
  const staff = new Merged<StaffInput>()
  const casts = new Map<number, CastInput[]>()
  const staffRoles = new Map<number, StaffRoleInput[]>()
  ;(lists.media ?? []).forEach((item, index) => {
    if (!isObject(item)) return
    const mediaId = typeof item.id === 'number' && Number.isSafeInteger(item.id) && item.id > 0 ? item.id : null
    // The catalog importer reports a work without a usable id; its people cannot be linked to it.
    if (mediaId === null) return
    const r = new JsonReader(problems, `item ${index + 1} (id ${mediaId})`)
    const cast = r.object(item.characters, 'characters')
    if (cast) casts.set(mediaId, readCast(r, cast, 'characters', characters, staff))
    const crew = r.object(item.staff, 'staff')
    if (crew) staffRoles.set(mediaId, readStaffRoles(r, crew, 'staff', staff))
  })
  ;(lists.characters ?? []).forEach((item, index) => {
    const c = readCharacter(new JsonReader(problems, `characters[${index}]`), item, 'character')
    if (c) characters.add(c)
  })
  ;(lists.staff ?? []).forEach((item, index) => {
    const s = readStaff(new JsonReader(problems, `staff[${index}]`), item, 'staff')
    if (s) staff.add(s)
  })
  if (problems.length > 0) throw new ImportError(problems)
  return { hasMedia: lists.media !== undefined, characters: characters.values(), staff: staff.values(), casts, staffRoles }
}

export interface PeopleImportResult {
  characters: PeopleUpsertResult
  staff: PeopleUpsertResult
  /** Works whose cast or staff changed, and those left as they were. */
  castsChanged: number
  castsUnchanged: number
  /** Works named in the file but not in the catalog: their casts are not linked. */
  castsSkippedWithoutMedia: number
}

/**
 * Writes a parsed file: the people first, then each work's cast and staff (only for works in the
 * catalog, which the media import before this has filled). A second run of the same file changes nothing.
 */
export async function importPeople(db: Kysely<Tables>, clock: Clock, file: PeopleFile, onProgress?: (done: number, total: number) => void): Promise<PeopleImportResult> {
  const characters = await upsertCharacters(db, clock, file.characters)
  const staff = await upsertStaff(db, clock, file.staff)
  const mediaIds = [...new Set([...file.casts.keys(), ...file.staffRoles.keys()])]
  const stored = await loadMediaByIds(db, mediaIds)
  const result: PeopleImportResult = { characters, staff, castsChanged: 0, castsUnchanged: 0, castsSkippedWithoutMedia: 0 }
  let done = 0
  for (const mediaId of mediaIds) {
    done++
    if (!stored.has(mediaId)) {
      result.castsSkippedWithoutMedia++
      continue
    }
    const cast = file.casts.get(mediaId)
    const crew = file.staffRoles.get(mediaId)
    const castChanged = cast ? await setMediaCast(db, mediaId, cast) : false
    const crewChanged = crew ? await setMediaStaff(db, mediaId, crew) : false
    if (castChanged || crewChanged) result.castsChanged++
    else result.castsUnchanged++
    onProgress?.(done, mediaIds.length)
  }
  return result
}
