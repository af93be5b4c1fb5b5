import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCharactersByIds, loadStaffByIds, upsertCharacters, upsertStaff } from '../../src/people/person-store.js'
import { castOfMedia, rolesOfCharacters, setMediaCast, setMediaStaff, staffOfMedia, voiceActorsOf, voiceRolesOfStaff } from '../../src/people/cast-store.js'
import { countCharacters, countStaff, findCharacters, findStaff, checkPeopleFilter } from '../../src/people/people-query.js'
import type { TestServer } from '../helpers/server.js'
import { peopleServer } from './helpers.js'

let s: TestServer
beforeAll(async () => {
  s = await peopleServer()
})
afterAll(async () => s.app.close())

const db = () => s.app.kiroku.db
const today = { month: 1, day: 1 }
const names = (list: Array<{ name: { full: string | null } }>) => list.map((c) => c.name.full)

describe('upserts', () => {
  it('keep the stored fields an input leaves out, and write nothing for an input that changes nothing', async () => {
    const before = (await loadCharactersByIds(db(), [920001])).get(920001)!
    s.clock.advance(60)
    expect(await upsertCharacters(db(), s.clock, [{ id: 920001, name: { full: 'Aoi Sakuragi' } }])).toEqual({ inserted: 0, updated: 0, unchanged: 1 })
    const after = (await loadCharactersByIds(db(), [920001])).get(920001)!
    expect(after).toEqual(before)
    expect(after.name.native).toBe('桜木 葵')
    expect(after.description).toContain('pilot')

    expect(await upsertCharacters(db(), s.clock, [{ id: 920001, age: '18' }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
    const changed = (await loadCharactersByIds(db(), [920001])).get(920001)!
    expect(changed.age).toBe('18')
    expect(changed.name.alternative).toEqual(['Sakura-chan'])
    expect(changed.updatedAt).toBe(s.clock())
    await upsertCharacters(db(), s.clock, [{ id: 920001, age: '17-18' }])
  })

  it('insert staff with every field, and read them back by id', async () => {
    await upsertStaff(db(), s.clock, [{ id: 939001, name: { full: 'Test Person', alternative: ['T. P.'] }, yearsActive: [1999, 2010], age: 44, dateOfDeath: { year: 2020, month: 2, day: 3 } }])
    const staff = (await loadStaffByIds(db(), [939001, 1])).get(939001)!
    expect(staff).toMatchObject({ id: 939001, yearsActive: [1999, 2010], age: 44, dateOfDeath: { year: 2020, month: 2, day: 3 }, isFavouriteBlocked: false })
    expect(staff.name).toEqual({ first: null, middle: null, last: null, full: 'Test Person', native: null, alternative: ['T. P.'] })
    expect((await loadStaffByIds(db(), [1])).size).toBe(0)
  })
})

describe('casts', () => {
  it('read many works at once, in cast order, optionally one role', async () => {
    const casts = await castOfMedia(db(), [910001, 910002, 1])
    expect(casts.get(910001)!.map((r) => [r.characterId, r.role, r.position])).toEqual([[920001, 'MAIN', 1], [920002, 'SUPPORTING', 2], [920003, 'BACKGROUND', 3]])
    expect(casts.get(910001)![1]!.name).toBe('Captain')
    expect(casts.get(910002)!.map((r) => r.characterId)).toEqual([920001])
    expect(casts.get(1)).toEqual([])
    const main = await castOfMedia(db(), [910001], 'MAIN')
    expect(main.get(910001)!.map((r) => r.characterId)).toEqual([920001])
  })

  it('give the voice actors of many (work, character) pairs, in one language', async () => {
    const pairs = [{ mediaId: 910001, characterId: 920001 }, { mediaId: 910001, characterId: 920002 }, { mediaId: 910002, characterId: 920001 }]
    const japanese = await voiceActorsOf(db(), pairs, 'JAPANESE')
    expect(japanese.get('910001:920001')!.map((r) => r.staffId)).toEqual([930001])
    expect(japanese.get('910001:920002')!.map((r) => r.staffId)).toEqual([930003])
    expect(japanese.get('910002:920001')!.map((r) => r.staffId)).toEqual([930001])
    const english = await voiceActorsOf(db(), pairs, 'ENGLISH')
    expect(english.get('910001:920001')).toEqual([expect.objectContaining({ staffId: 930002, language: 'ENGLISH', roleNotes: 'young Aoi', dubGroup: 'Studio Lantern' })])
    expect(english.get('910001:920002')).toEqual([])
  })

  it('read a character\'s works, an actor\'s roles and a work\'s staff', async () => {
    expect((await rolesOfCharacters(db(), [920001])).get(920001)!.map((r) => r.mediaId)).toEqual([910001, 910002])
    expect((await voiceRolesOfStaff(db(), [930001])).get(930001)!.map((r) => [r.mediaId, r.characterId])).toEqual([[910001, 920001], [910002, 920001]])
    expect((await staffOfMedia(db(), [910001])).get(910001)!.map((r) => [r.staffId, r.role])).toEqual([[930010, 'Director'], [930011, 'Original Creator'], [930010, 'Storyboard (eps 1, 12)']])
  })

  it('are replaced whole, and a replacement equal to the stored one writes nothing', async () => {
    const cast = [{ characterId: 920002, role: 'MAIN' as const, voiceActors: [{ staffId: 930003, language: 'JAPANESE' }] }]
    await upsertMedia910003()
    expect(await setMediaCast(db(), 910003, cast)).toBe(true)
    expect(await setMediaCast(db(), 910003, cast)).toBe(false)
    expect(await setMediaCast(db(), 910003, [])).toBe(true)
    expect((await castOfMedia(db(), [910003])).get(910003)).toEqual([])
    expect((await voiceActorsOf(db(), [{ mediaId: 910003, characterId: 920002 }], 'JAPANESE')).get('910003:920002')).toEqual([])
    expect(await setMediaStaff(db(), 910003, [{ staffId: 930010, role: 'Director' }, { staffId: 930010, role: 'Director' }])).toBe(true)
    expect((await staffOfMedia(db(), [910003])).get(910003)).toHaveLength(1)
  })
})

async function upsertMedia910003() {
  const { upsertMedia } = await import('../../src/catalog/media-store.js')
  await upsertMedia(db(), s.clock, [{ id: 910003, type: 'MANGA', title: { romaji: 'Hoshi no Kiroku (manga)' } }])
}

describe('search', () => {
  it('finds characters by native name, by alternative name, by "last first", and by a spoiler name', async () => {
    expect(names(await findCharacters(db(), { filter: { search: '桜木' }, today }, { limit: 10, offset: 0 }))).toEqual(['Aoi Sakuragi'])
    expect(names(await findCharacters(db(), { filter: { search: 'sakura-chan' }, today }, { limit: 10, offset: 0 }))).toEqual(['Aoi Sakuragi'])
    expect(names(await findCharacters(db(), { filter: { search: 'Kurosawa Ren' }, today }, { limit: 10, offset: 0 }))).toEqual(['Ren Kurosawa'])
    expect(names(await findCharacters(db(), { filter: { search: 'the cat' }, today }, { limit: 10, offset: 0 }))).toEqual(['Mochi'])
    expect(names(await findCharacters(db(), { filter: { search: 'star keeper' }, today }, { limit: 10, offset: 0 }))).toEqual(['Aoi Sakuragi'])
    expect(await countCharacters(db(), { filter: { search: 'nobody at all' }, today })).toBe(0)
  })

  it('finds staff by native name and alternative name, with the id operators', async () => {
    expect(names(await findStaff(db(), { filter: { search: '石田' }, today }, { limit: 10, offset: 0 }))).toEqual(['Haruka Ishida'])
    expect(names(await findStaff(db(), { filter: { search: 'h ishida' }, today }, { limit: 10, offset: 0 }))).toEqual(['Haruka Ishida'])
    expect((await findStaff(db(), { filter: { id_in: [930001, 930002, 930003], id_not: 930002 }, sort: ['ID_DESC'], today }, { limit: 10, offset: 0 })).map((x) => x.id)).toEqual([930003, 930001])
    expect(await countStaff(db(), { filter: { id_not_in: [930001] , id_in: [930001, 930002] }, today })).toBe(1)
  })

  it('ranks a whole-name match above a partial one', async () => {
    await upsertCharacters(db(), s.clock, [{ id: 929999, name: { full: 'Aoi Sakuragi Junior' } }])
    const found = await findCharacters(db(), { filter: { search: 'aoi sakuragi' }, today }, { limit: 10, offset: 0 })
    expect(found.map((c) => c.id)).toEqual([920001, 929999])
    const reversed = await findCharacters(db(), { filter: { search: 'aoi sakuragi' }, sort: ['ID_DESC'], today }, { limit: 10, offset: 0 })
    expect(reversed.map((c) => c.id)).toEqual([929999, 920001])
  })

  it('finds birthdays by the day given', async () => {
    expect((await findCharacters(db(), { filter: { isBirthday: true }, today: { month: 4, day: 1 } }, { limit: 10, offset: 0 })).map((c) => c.id)).toEqual([920001])
    const notToday = await findCharacters(db(), { filter: { isBirthday: false }, today: { month: 4, day: 1 } }, { limit: 10, offset: 0 })
    expect(notToday.map((c) => c.id)).not.toContain(920001)
    expect(notToday.map((c) => c.id)).toContain(920003)
  })

  it('refuses arguments too large to run', () => {
    expect(() => checkPeopleFilter({ search: 'x'.repeat(201) })).toThrow(/search/)
    expect(() => checkPeopleFilter({ id_in: Array.from({ length: 501 }, (_, i) => i) })).toThrow(/id_in/)
  })
})
