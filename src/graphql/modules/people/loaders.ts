/**
 * The people module's loaders: characters and staff by id, their favourite counts, and the links
 * between works and people, each read once per request for every parent on a level at once (a page
 * of 50 works with their casts is one query for the casts, one for the characters, one for the voice
 * actors' links and one for the actors).
 */
import type { Character, CharacterRole, Staff } from '../../../people/people.js'
import { loadCharactersByIds, loadStaffByIds } from '../../../people/person-store.js'
import { castOfMedia, rolesOfCharacters, rolesOfStaff, staffOfMedia, voiceActorsOf, voiceActorsOfMedia, voiceRolesOfStaff, type CastRow, type StaffRoleRow, type VoiceRow } from '../../../people/cast-store.js'
import { favouriteCounts, type FavouriteType } from '../../../accounts/favourites.js'
import { defineLoader } from '../../server/loaders.js'

export const characterById = defineLoader<number, Character>('characterById', (ids, loaders) => loadCharactersByIds(loaders.db, ids))

export const staffById = defineLoader<number, Staff>('staffById', (ids, loaders) => loadStaffByIds(loaders.db, ids))

const countsOf = (type: FavouriteType) => defineLoader<number, number>(`favouriteCount:${type}`, (ids, loaders) => favouriteCounts(loaders.db, [type], ids))

/** How many users marked each character as a favourite. */
export const characterFavourites = countsOf('CHARACTER')
/** How many users marked each staff member as a favourite. */
export const staffFavourites = countsOf('STAFF')

/** A work's cast, optionally of one role: `mediaId:ROLE` (`mediaId:` for every role). */
export type CastKey = `${number}:${CharacterRole | ''}`

/** Works' casts, one query per role asked for among the keys. */
export const castByMedia = defineLoader<CastKey, CastRow[]>('castByMedia', async (keys, loaders) => {
  const out = new Map<CastKey, CastRow[]>()
  const byRole = new Map<string, number[]>()
  for (const key of keys) {
    const [id, role] = key.split(':') as [string, string]
    byRole.set(role, [...(byRole.get(role) ?? []), Number(id)])
  }
  for (const [role, ids] of byRole) {
    for (const [mediaId, rows] of await castOfMedia(loaders.db, ids, (role || null) as CharacterRole | null)) out.set(`${mediaId}:${role}` as CastKey, rows)
  }
  return out
})

/** A character's voice actors in one work and language: `mediaId:characterId:LANGUAGE`. */
export type VoiceKey = `${number}:${number}:${string}`

/** Voice actors of (work, character) pairs, one query per language asked for among the keys. */
export const voiceActorsByPair = defineLoader<VoiceKey, VoiceRow[]>('voiceActorsByPair', async (keys, loaders) => {
  const out = new Map<VoiceKey, VoiceRow[]>()
  const byLanguage = new Map<string, Array<{ mediaId: number; characterId: number }>>()
  for (const key of keys) {
    const [mediaId, characterId, language] = key.split(':') as [string, string, string]
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), { mediaId: Number(mediaId), characterId: Number(characterId) }])
  }
  for (const [language, pairs] of byLanguage) {
    for (const [pair, rows] of await voiceActorsOf(loaders.db, pairs, language)) out.set(`${pair}:${language}` as VoiceKey, rows)
  }
  return out
})

/** Works' staff roles. */
export const staffRolesByMedia = defineLoader<number, StaffRoleRow[]>('staffRolesByMedia', (ids, loaders) => staffOfMedia(loaders.db, ids))

/** Characters' parts in works. */
export const rolesByCharacter = defineLoader<number, CastRow[]>('rolesByCharacter', (ids, loaders) => rolesOfCharacters(loaders.db, ids))

/** Voice actors' roles. */
export const voiceRolesByStaff = defineLoader<number, VoiceRow[]>('voiceRolesByStaff', (ids, loaders) => voiceRolesOfStaff(loaders.db, ids))

/** Staff members' roles in works. */
export const rolesByStaff = defineLoader<number, StaffRoleRow[]>('rolesByStaff', (ids, loaders) => rolesOfStaff(loaders.db, ids))

/** Every voice actor of each work in one language: `mediaId:LANGUAGE`; one query per language among the keys. */
export const voicesByMedia = defineLoader<`${number}:${string}`, VoiceRow[]>('voicesByMedia', async (keys, loaders) => {
  const out = new Map<`${number}:${string}`, VoiceRow[]>()
  const byLanguage = new Map<string, number[]>()
  for (const key of keys) {
    const [id, language] = key.split(':') as [string, string]
    byLanguage.set(language, [...(byLanguage.get(language) ?? []), Number(id)])
  }
  for (const [language, ids] of byLanguage) {
    for (const [mediaId, rows] of await voiceActorsOfMedia(loaders.db, ids, language)) out.set(`${mediaId}:${language}`, rows)
  }
  return out
})
