import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ImportError } from '../../src/catalog/importers/import-error.js'
import { parseAniListPeopleFile } from '../../src/people/import/anilist-people.js'
import { loadCharactersByIds, loadStaffByIds } from '../../src/people/person-store.js'
import { castOfMedia, voiceActorsOf } from '../../src/people/cast-store.js'
import { main } from '../../src/cli/main.js'
import { openDatabase } from '../../src/storage/db.js'
import { fakeIo } from '../helpers/cli.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { CAST_FILE, CHARACTERS_PAGE_FILE, importFile } from './helpers.js'

describe('the people importer', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await testServer()
  })
  afterAll(async () => s.app.close())

  it('imports the casts and staff nested in Media objects, and a second import changes nothing', async () => {
    const first = await importFile(s, CAST_FILE)
    expect(first.people).toEqual({
      characters: { inserted: 3, updated: 0, unchanged: 0 },
      staff: { inserted: 5, updated: 0, unchanged: 0 },
      castsChanged: 2, castsUnchanged: 0, castsSkippedWithoutMedia: 0,
    })
    const again = await importFile(s, CAST_FILE)
    expect(again.people).toEqual({
      characters: { inserted: 0, updated: 0, unchanged: 3 },
      staff: { inserted: 0, updated: 0, unchanged: 5 },
      castsChanged: 0, castsUnchanged: 2, castsSkippedWithoutMedia: 0,
    })
  })

  it('reads every field back', async () => {
    const aoi = (await loadCharactersByIds(s.app.kiroku.db, [920001])).get(920001)!
    expect(aoi).toEqual({
      id: 920001,
      name: { first: 'Aoi', middle: null, last: 'Sakuragi', full: 'Aoi Sakuragi', native: '桜木 葵', alternative: ['Sakura-chan'], alternativeSpoiler: ['The Star Keeper'] },
      image: { large: 'https://img.example.test/character/large/920001.png', medium: 'https://img.example.test/character/medium/920001.png' },
      description: 'A trainee pilot who keeps a diary of every star she passes.\n~!She is the Star Keeper.!~',
      gender: 'Female', dateOfBirth: { year: null, month: 4, day: 1 }, age: '17-18', bloodType: 'A', isFavouriteBlocked: false,
      modNotes: 'Checked against episode 1.', updatedAt: expect.any(Number),
    })
    // Met three times in the file (a voice actor twice, then a role): merged, the richest fields kept.
    const yui = (await loadStaffByIds(s.app.kiroku.db, [930001])).get(930001)!
    expect(yui.name).toEqual({ first: 'Yui', middle: null, last: 'Tanaka', full: 'Yui Tanaka', native: '田中 唯', alternative: [] })
    const director = (await loadStaffByIds(s.app.kiroku.db, [930010])).get(930010)!
    expect(director).toEqual({
      id: 930010, name: { first: 'Haruka', middle: null, last: 'Ishida', full: 'Haruka Ishida', native: '石田 遥', alternative: ['H. Ishida'] },
      languageV2: 'Japanese', image: { large: 'https://img.example.test/staff/large/930010.png', medium: null }, description: 'Directs quiet science fiction.',
      primaryOccupations: ['Director', 'Storyboard Artist'], gender: 'Female', dateOfBirth: { year: 1975, month: 6, day: 2 },
      dateOfDeath: { year: null, month: null, day: null }, age: 50, yearsActive: [2001], homeTown: 'Sapporo, Hokkaido', bloodType: 'O',
      isFavouriteBlocked: false, modNotes: null, updatedAt: expect.any(Number),
    })
    const cast = (await castOfMedia(s.app.kiroku.db, [910001])).get(910001)!
    expect(cast.map((r) => [r.characterId, r.role, r.name])).toEqual([[920001, 'MAIN', null], [920002, 'SUPPORTING', 'Captain'], [920003, 'BACKGROUND', null]])
    const voices = await voiceActorsOf(s.app.kiroku.db, [{ mediaId: 910001, characterId: 920001 }])
    expect(voices.get('910001:920001')!.map((v) => [v.staffId, v.language, v.roleNotes, v.dubGroup])).toEqual([[930001, 'JAPANESE', null, null], [930002, 'ENGLISH', 'young Aoi', 'Studio Lantern']])
  })

  it('takes a saved Page.characters / Page.staff response, keeping what it leaves out', async () => {
    const result = await importFile(s, CHARACTERS_PAGE_FILE)
    expect(result.media).toBeNull()
    expect(result.people.characters).toEqual({ inserted: 1, updated: 1, unchanged: 0 })
    expect(result.people.staff).toEqual({ inserted: 1, updated: 0, unchanged: 0 })
    const mochi = (await loadCharactersByIds(s.app.kiroku.db, [920003])).get(920003)!
    expect(mochi.name.full).toBe('Mochi')
    expect(mochi.description).toBe("The ship's cat.")
    // The casts stay: the file holds no works.
    expect((await castOfMedia(s.app.kiroku.db, [910001])).get(910001)).toHaveLength(3)
  })

  it('refuses a file with a wrong field, naming the item and the path, before writing anything', () => {
    const bad = { data: { Page: { media: [{ id: 5, type: 'ANIME', title: { romaji: 'X' }, characters: { edges: [{ role: 'HERO', node: { id: 'x' } }, { node: { id: 7, image: { large: 'javascript:alert(1)' } } }] } }] } } }
    try {
      parseAniListPeopleFile(JSON.stringify(bad))
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError)
      expect((error as ImportError).problems).toEqual([
        'item 1 (id 5) characters.edges[0].role: "HERO" is not one of MAIN, SUPPORTING, BACKGROUND',
        'item 1 (id 5) characters.edges[0].node.id: "x" is not an integer from 1',
        'item 1 (id 5) characters.edges[1].node.image.large: "javascript:alert(1)" is not an http(s) URL',
      ])
    }
    expect(() => parseAniListPeopleFile('{"data":{}}')).toThrow(ImportError)
  })
})

describe('kiroku import with people', () => {
  let dir: string
  let dbUrl: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-people-import-'))
    dbUrl = `sqlite:${path.join(dir, 'kiroku.db')}`
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('imports the media, then their people, and reports both; a second run changes nothing', async () => {
    const first = fakeIo()
    expect(await main(['import', CAST_FILE, '--database', dbUrl], first)).toBe(0)
    expect(JSON.parse(first.out)).toMatchObject({ inserted: 2, people: { characters: { inserted: 3 }, staff: { inserted: 5 }, castsChanged: 2 } })
    const again = fakeIo()
    expect(await main(['import', CAST_FILE, '--database', dbUrl], again)).toBe(0)
    expect(JSON.parse(again.out)).toMatchObject({ unchanged: 2, people: { characters: { unchanged: 3 }, staff: { unchanged: 5 }, castsChanged: 0, castsUnchanged: 2 } })
    const page = fakeIo()
    expect(await main(['import', CHARACTERS_PAGE_FILE, '--database', dbUrl], page)).toBe(0)
    expect(JSON.parse(page.out)).toMatchObject({ inserted: 0, people: { characters: { inserted: 1, updated: 1 } } })
    const database = openDatabase(dbUrl)
    try {
      expect((await database.db.selectFrom('media_characters').select('character_id').execute()).length).toBe(4)
    } finally {
      await database.close()
    }
  })
})
