import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseAniListMediaFile, readAniListMedia } from '../../src/catalog/importers/anilist-json.js'
import { ImportError } from '../../src/catalog/importers/import-error.js'
import { BANGUMI_FILL_ONLY, loadBangumiData, mapBangumiItems } from '../../src/catalog/importers/bangumi-data.js'
import { loadMediaByIds, upsertMedia } from '../../src/catalog/media-store.js'
import { main } from '../../src/cli/main.js'
import type { CliIo } from '../../src/cli/io.js'
import { openDatabase } from '../../src/storage/db.js'
import { FIXTURE_FILE, fixtureMedia } from '../helpers/catalog.js'
import { testServer } from '../helpers/server.js'
import { fakeIo } from '../helpers/cli.js'

const problemsOf = (text: string): string[] => {
  try {
    parseAniListMediaFile(text)
  } catch (error) {
    if (error instanceof ImportError) return error.problems
    throw error
  }
  throw new Error('the file was accepted')
}

describe('AniList JSON files', () => {
  it('reads an AniList Page response, keeping what Kiroku stores and ignoring the rest', () => {
    const [alpha, beta, gamma] = fixtureMedia()
    expect(alpha).toMatchObject({
      id: 900001, idMal: 990001, type: 'ANIME', format: 'TV_SHORT', status: 'FINISHED', season: 'WINTER', seasonYear: 2015,
      title: { romaji: 'Kiroku Shiken Alpha', english: 'Record Test Alpha', native: '記録試験アルファ' },
      startDate: { year: 2015, month: 1, day: 10 }, countryOfOrigin: 'CN', source: 'WEB_NOVEL', isLicensed: true,
      coverImage: { extraLarge: null, large: 'https://img.example/alpha-l.jpg', medium: 'https://img.example/alpha-m.jpg', color: '#e4a15d' },
      trailer: { id: 'kirokuTrailer1', site: 'youtube', thumbnail: 'https://img.example/alpha-trailer.jpg' },
      genres: ['Comedy'], synonyms: ['Alpha Trial'],
      relations: [{ id: 900002, relationType: 'SEQUEL' }, { id: 900004, relationType: 'SOURCE' }, { id: 999999, relationType: 'OTHER' }], averageScore: 61, popularity: 1200, updatedAt: 1_700_000_000,
    })
    expect(alpha).not.toHaveProperty('siteUrl')
    expect(alpha).not.toHaveProperty('tags')
    // Markup other than a few harmless tags is dropped on the way in.
    expect(alpha!.description).toBe('A <b>short</b> series made up for tests.\n~!The twist is spoiled here.!~ alert(1)source')
    expect(beta).toMatchObject({ idMal: null, description: null, endDate: { year: null, month: null, day: null }, isAdult: true, isLicensed: false })
    expect(gamma!.endDate).toEqual({ year: null, month: null, day: null })
    expect(gamma!.idMal).toBeUndefined()
  })

  it('reads a plain array too', () => {
    const inputs = parseAniListMediaFile(JSON.stringify([{ id: 7, type: 'MANGA', title: { native: 'よつばと！' } }]))
    expect(inputs).toEqual([expect.objectContaining({ id: 7, type: 'MANGA', title: { romaji: undefined, english: undefined, native: 'よつばと！' } })])
  })

  it('names the item and the field of every problem, and writes nothing', () => {
    const problems = problemsOf(JSON.stringify([
      { id: 1, type: 'ANIME', title: { romaji: 'Fine' } },
      { id: 2, type: 'ANIME', title: { romaji: 'Bad format' }, format: 'CARTOON', episodes: -1 },
      { type: 'MANGA', title: { romaji: 'No id' } },
      { id: 4, title: { romaji: 'No type' }, startDate: { year: 2001, month: 13 } },
      { id: 5, type: 'ANIME', title: {} , coverImage: { large: 'javascript:alert(1)' }, genres: ['Action', 3] },
      'not an object',
      { id: 7, type: 'ANIME', title: { romaji: 'x' }, countryOfOrigin: 'Japan', averageScore: 101, isAdult: 'no' },
      { id: 8, type: 'ANIME', title: { romaji: 'y' }, trailer: { id: 'abc', site: 'vimeo' } },
      { id: 9, type: 'ANIME', title: { romaji: 'z' }, trailer: { site: 'youtube' } },
      { id: 10, type: 'ANIME', title: { romaji: 'w' }, relations: { edges: [{ relationType: 'REMAKE', node: { id: 1 } }, { relationType: 'SEQUEL', node: {} }] } },
      { id: 11, type: 'ANIME', title: { romaji: 'v' }, relations: { nodes: [{ id: 1 }] } },
    ]))
    expect(problems).toEqual([
      'item 2 (id 2): format: "CARTOON" is not one of TV, TV_SHORT, MOVIE, SPECIAL, OVA, ONA, MUSIC, MANGA, NOVEL, ONE_SHOT',
      'item 2 (id 2): episodes: -1 is not an integer from 0 up',
      'item 3: id: is required (AniList\'s media id)',
      'item 4 (id 4): type: is required (ANIME or MANGA)',
      'item 4 (id 4): startDate: month 13 is not between 1 and 12',
      'item 5 (id 5): title: needs at least one of romaji, english, native',
      'item 5 (id 5): coverImage.large: "javascript:alert(1)" is not an http(s) URL',
      'item 5 (id 5): genres: is not a list of strings',
      'item 6: is not a Media object',
      'item 7 (id 7): countryOfOrigin: is longer than 2 characters',
      'item 7 (id 7): averageScore: 101 is not an integer from 0 to 100',
      'item 7 (id 7): isAdult: "no" is not true or false',
      'item 8 (id 8): trailer.site: "vimeo" is not one of youtube, dailymotion',
      'item 9 (id 9): trailer: needs both an id and a site',
      'item 10 (id 10): relations.edges[0].relationType: "REMAKE" is not one of ADAPTATION, PREQUEL, SEQUEL, PARENT, SIDE_STORY, CHARACTER, SUMMARY, ALTERNATIVE, SPIN_OFF, OTHER, SOURCE, COMPILATION, CONTAINS',
      'item 10 (id 10): relations.edges[1].node.id: undefined is not a media id',
      'item 11 (id 11): relations: is not a {edges: [{relationType, node: {id}}]} object',
    ])
  })

  it('refuses a file that is not JSON or holds no list of media', () => {
    expect(problemsOf('{"data":')[0]).toMatch(/^the file is not valid JSON/)
    expect(problemsOf('{"data":{"Media":{"id":1}}}')[0]).toMatch(/must hold a JSON array of Media objects/)
  })

  it('accepts an item with a wrong type only once its type is right', () => {
    expect(readAniListMedia({ id: 1, type: 'SHOW', title: { romaji: 'x' } }, 0).problems).toEqual(['item 1 (id 1): type: "SHOW" is not one of ANIME, MANGA'])
  })
})

/** A made-up bangumi-data extract in the package's shape. */
const NOW = Date.parse('2026-01-15T00:00:00Z') / 1000
const fakeItems = [
  {
    title: '進撃の巨人', titleTranslate: { en: ['attack on titan'], 'zh-Hans': ['进击的巨人'] }, type: 'tv', lang: 'ja', officialSite: '',
    begin: '2013-04-06T16:58:00.000Z', end: '2013-09-28T17:28:00.000Z',
    sites: [{ site: 'bangumi', id: '55770' }, { site: 'mal', id: '16498' }, { site: 'aniList', id: '16498' }, { site: 'iqiyi', url: 'https://example.org' }],
  },
  { title: '千と千尋の神隠し', titleTranslate: {}, type: 'movie', lang: 'ja', begin: '2001-07-20T16:00:00.000Z', end: '2001-07-20T18:05:00.000Z', sites: [{ site: 'aniList', id: '199' }] },
  { title: 'Web Short', titleTranslate: { ja: ['ウェブショート'] }, type: 'web', lang: 'en', begin: '2025-12-20T03:00:00.000Z', end: '', sites: [{ site: 'aniList', id: '500' }] },
  { title: 'ある OVA', titleTranslate: {}, type: 'ova', lang: 'ja', begin: '2027-03-01T16:00:00.000Z', end: '', sites: [{ site: 'aniList', id: '501' }] },
  { title: '续作', titleTranslate: {}, type: 'tv', lang: 'zh-Hans', begin: '2020-02-01T04:00:00.000Z', end: '2020-04-25T04:00:00.000Z', sites: [{ site: 'aniList', id: '502' }] },
  { title: '続編 第2クール', titleTranslate: {}, type: 'tv', lang: 'ja', begin: '2021-01-10T15:00:00.000Z', end: '2021-03-28T15:00:00.000Z', sites: [{ site: 'aniList', id: '503' }, { site: 'mal', id: '77' }] },
  { title: '続編', titleTranslate: {}, type: 'tv', lang: 'ja', begin: '2020-10-04T15:00:00.000Z', end: '2020-12-20T15:00:00.000Z', sites: [{ site: 'aniList', id: '503' }] },
  { title: 'No AniList', titleTranslate: {}, type: 'tv', lang: 'ja', begin: '2020-01-01T00:00:00.000Z', end: '', sites: [{ site: 'bangumi', id: '1' }] },
]

describe('bangumi-data mapping', () => {
  const { inputs, withoutAniList } = mapBangumiItems(fakeItems, NOW)
  const byId = new Map(inputs.map((i) => [i.id, i]))

  it('keeps items with an AniList id, one input per id', () => {
    expect(withoutAniList).toBe(1)
    expect(inputs.map((i) => i.id)).toEqual([199, 500, 501, 502, 503, 16498])
  })

  it('maps titles, ids, type, dates, season and status', () => {
    expect(byId.get(16498)).toEqual({
      id: 16498, type: 'ANIME', idMal: 16498, title: { native: '進撃の巨人', english: 'attack on titan', romaji: 'attack on titan' },
      format: 'TV', status: 'FINISHED', startDate: { year: 2013, month: 4, day: 7 }, endDate: { year: 2013, month: 9, day: 29 },
      season: 'SPRING', seasonYear: 2013, countryOfOrigin: 'JP',
    })
    expect(byId.get(199)).toMatchObject({ format: 'MOVIE', status: 'FINISHED', startDate: { year: 2001, month: 7, day: 20 }, endDate: { year: 2001, month: 7, day: 20 }, title: { native: '千と千尋の神隠し', english: null, romaji: '千と千尋の神隠し' } })
    expect(byId.get(199)).not.toHaveProperty('idMal')
    expect(byId.get(500)).toMatchObject({ format: 'ONA', status: 'RELEASING', season: 'WINTER', seasonYear: 2026, endDate: { year: null, month: null, day: null }, title: { native: 'ウェブショート', english: 'Web Short', romaji: 'Web Short' } })
    expect(byId.get(500)).not.toHaveProperty('countryOfOrigin')
    expect(byId.get(501)).toMatchObject({ format: 'OVA', status: 'NOT_YET_RELEASED', season: 'SPRING', seasonYear: 2027 })
    expect(byId.get(502)).toMatchObject({ countryOfOrigin: 'CN', title: { native: null, english: null, romaji: '续作' } })
  })

  it('refuses a type named like a member of every object (constructor, toString, __proto__)', () => {
    for (const type of ['constructor', 'toString', '__proto__']) {
      expect(() => mapBangumiItems([{ ...fakeItems[0], type }], NOW)).toThrow(/type: .* is not one of tv, movie, ova, web/)
    }
  })

  it('joins a work split over several items: first start, last end, first title', () => {
    expect(byId.get(503)).toMatchObject({ idMal: 77, title: { native: '続編' }, startDate: { year: 2020, month: 10, day: 5 }, endDate: { year: 2021, month: 3, day: 29 }, status: 'FINISHED', season: 'FALL', seasonYear: 2020 })
  })

  it('names each malformed item and field', () => {
    const bad = [
      { ...fakeItems[0], type: 'special' },
      { ...fakeItems[1], sites: [{ site: 'aniList', id: 'x1' }] },
      { ...fakeItems[2], begin: 'soon' },
      { ...fakeItems[3], sites: 'none' },
      null,
    ]
    expect(() => mapBangumiItems(bad, NOW)).toThrow(ImportError)
    try {
      mapBangumiItems(bad, NOW)
    } catch (error) {
      expect((error as ImportError).problems).toEqual([
        'item 1 ("進撃の巨人"): type: "special" is not one of tv, movie, ova, web',
        'item 2 ("千と千尋の神隠し"): sites.aniList: id "x1" is not a positive integer',
        'item 3 ("Web Short"): begin: "soon" is not a date',
        'item 4 ("ある OVA"): sites: is not a list of {site, id}',
        'item 5: is not an object',
      ])
    }
  })

  it('fills in titles for stored works without replacing them', async () => {
    const s = await testServer()
    try {
      await upsertMedia(s.app.kiroku.db, s.clock, [{ id: 16498, type: 'ANIME', title: { romaji: 'Shingeki no Kyojin', english: 'Attack on Titan', native: null }, genres: ['Action'] }])
      await upsertMedia(s.app.kiroku.db, s.clock, inputs, { fillOnly: BANGUMI_FILL_ONLY })
      expect((await loadMediaByIds(s.app.kiroku.db, [16498])).get(16498)).toMatchObject({
        title: { romaji: 'Shingeki no Kyojin', english: 'Attack on Titan', native: '進撃の巨人' }, genres: ['Action'], idMal: 16498, format: 'TV',
      })
    } finally {
      await s.app.close()
    }
  })

  it('says how to install bangumi-data when it is missing', () => {
    const missing = (id: string) => {
      throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' })
    }
    expect(() => loadBangumiData(missing)).toThrow('the bangumi-data package is not installed: run "npm install bangumi-data" in Kiroku\'s folder, then try again')
    expect(() => loadBangumiData(() => ({ version: '9.9.9', nothing: true }))).toThrow(/has no "items" list/)
  })

  it('maps the real bangumi-data package', () => {
    const { items, version } = loadBangumiData()
    expect(version).toMatch(/^\d+\.\d+\.\d+$/)
    const real = mapBangumiItems(items, NOW)
    expect(real.inputs.length).toBeGreaterThan(7000)
    expect(real.inputs.find((i) => i.id === 5114)).toMatchObject({ idMal: 5114, format: 'TV', title: { native: '鋼の錬金術師 FULLMETAL ALCHEMIST' }, startDate: { year: 2009, month: 4, day: 5 }, season: 'SPRING', seasonYear: 2009 })
  })
})

describe('kiroku import', () => {
  let dir: string
  let dbUrl: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-import-'))
    dbUrl = `sqlite:${path.join(dir, 'kiroku.db')}`
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  function capture(tty = false): CliIo & { out: string; err: string } {
    return Object.assign(fakeIo(), { stderrIsTTY: tty })
  }

  async function storedIds(): Promise<number[]> {
    const database = openDatabase(dbUrl)
    try {
      return (await database.db.selectFrom('media').select('id').orderBy('id').execute()).map((r) => r.id)
    } finally {
      await database.close()
    }
  }

  it('imports a file; running it again updates nothing and duplicates nothing', async () => {
    const first = capture()
    expect(await main(['import', FIXTURE_FILE, '--database', dbUrl], first)).toBe(0)
    // The fixture's one tag is stored with its work (catalog/tags.ts), and counted beside the media.
    expect(JSON.parse(first.out)).toEqual({
      inserted: 5, updated: 0, unchanged: 0, source: FIXTURE_FILE,
      studios: { inserted: 0, updated: 0, unchanged: 0 }, tags: { inserted: 1, updated: 0, unchanged: 0 }, mediaListsChanged: 1, airingChanged: 0, studioLinksChanged: 0,
    })
    expect(first.err).toBe('')
    const again = capture()
    expect(await main(['import', FIXTURE_FILE, '--database', dbUrl], again)).toBe(0)
    expect(JSON.parse(again.out)).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, mediaListsChanged: 0, airingChanged: 0, tags: { inserted: 0, updated: 0, unchanged: 1 } })
    expect(await storedIds()).toEqual([900001, 900002, 900003, 900004, 900005])
  })

  it('updates a work whose data changed in the file', async () => {
    const changed = path.join(dir, 'changed.json')
    fs.writeFileSync(changed, JSON.stringify([{ id: 900001, type: 'ANIME', title: { romaji: 'Kiroku Shiken Alpha' }, episodes: 13 }, { id: 900006, type: 'MANGA', title: { romaji: 'New' } }]))
    const io = capture()
    expect(await main(['import', changed, '--database', dbUrl], io)).toBe(0)
    expect(JSON.parse(io.out)).toMatchObject({ inserted: 1, updated: 1, unchanged: 0 })
    expect(await storedIds()).toEqual([900001, 900002, 900003, 900004, 900005, 900006])
  })

  it('refuses, with a one-line error and exit code 1, a work whose id is stored with the other type', async () => {
    expect(await main(['import', FIXTURE_FILE, '--database', dbUrl], capture())).toBe(0)
    const clash = path.join(dir, 'clash.json')
    fs.writeFileSync(clash, JSON.stringify([{ id: 900001, type: 'MANGA', title: { romaji: 'Another Work' } }]))
    const io = capture()
    expect(await main(['import', clash, '--database', dbUrl], io)).toBe(1)
    expect(io.err).toMatch(/^kiroku: media 900001 is stored here as ANIME .*but the input says MANGA/)
  })

  it('draws a progress bar on a terminal only', async () => {
    const io = capture(true)
    expect(await main(['import', FIXTURE_FILE, '--database', dbUrl], io)).toBe(0)
    // The media rows, then the lists beside them (the fixture's one work with a tag).
    expect(io.err).toBe('\rImporting [##############################] 5/5\n\rLinking [##############################] 1/1\n')
  })

  it('refuses a bad file with one error naming the item and field, and writes nothing', async () => {
    const bad = path.join(dir, 'bad.json')
    fs.writeFileSync(bad, JSON.stringify([{ id: 900007, type: 'ANIME', title: { romaji: 'ok' } }, { id: 900008, type: 'ANIME', title: { romaji: 'x' }, status: 'AIRING' }]))
    const io = capture()
    expect(await main(['import', bad, '--database', dbUrl], io)).toBe(1)
    expect(io.err).toBe('kiroku: item 2 (id 900008): status: "AIRING" is not one of FINISHED, RELEASING, NOT_YET_RELEASED, CANCELLED, HIATUS\n')
    expect(await storedIds()).not.toContain(900007)
  })

  it('explains a missing file and a missing or doubled source', async () => {
    let io = capture()
    expect(await main(['import', path.join(dir, 'nope.json'), '--database', dbUrl], io)).toBe(1)
    expect(io.err).toMatch(/^kiroku: cannot read .*nope\.json: no such file\n$/)
    io = capture()
    expect(await main(['import', '--database', dbUrl], io)).toBe(1)
    expect(io.err).toBe('kiroku: nothing to import: give a FILE.json or --bangumi-data\n')
    io = capture()
    expect(await main(['import', FIXTURE_FILE, '--bangumi-data', '--database', dbUrl], io)).toBe(1)
    expect(io.err).toBe('kiroku: give either a FILE or --bangumi-data, not both\n')
  })

  it('imports the bangumi-data package idempotently', async () => {
    const io = capture()
    expect(await main(['import', '--bangumi-data', '--database', dbUrl], io)).toBe(0)
    const first = JSON.parse(io.out)
    expect(first.inserted).toBeGreaterThan(7000)
    expect(first.source).toMatch(/^bangumi-data@/)
    expect(io.err).toMatch(/^Reading bangumi-data [\d.]+ \(CC-BY-4\.0\): \d+ anime with an AniList id, \d+ items without one skipped\.\n$/)
    const again = capture()
    expect(await main(['import', '--bangumi-data', '--database', dbUrl], again)).toBe(0)
    expect(JSON.parse(again.out)).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted })
  }, 60_000)
})
