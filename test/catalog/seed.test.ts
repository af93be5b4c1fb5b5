import { createRequire } from 'node:module'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { builtInCatalog, seedCatalog } from '../../src/catalog/seed/index.js'
import { SEED_ANIME } from '../../src/catalog/seed/anime.js'
import { SEED_MANGA } from '../../src/catalog/seed/manga.js'
import { bangumiDate, mapBangumiItems, type BangumiItem } from '../../src/catalog/importers/bangumi-data.js'
import { countAllMedia, loadMediaByIds, upsertMedia } from '../../src/catalog/media-store.js'
import { MEDIA_FORMATS, MEDIA_SOURCES, MEDIA_STATUSES, type FuzzyDate } from '../../src/catalog/media.js'
import { seedDemo } from '../../src/demo/seed.js'
import { createUser } from '../../src/accounts/users.js'
import { testServer, type TestServer } from '../helpers/server.js'

/** AniList's genre list: the built-in catalog uses no other. */
const ANILIST_GENRES = ['Action', 'Adventure', 'Comedy', 'Drama', 'Ecchi', 'Fantasy', 'Hentai', 'Horror', 'Mahou Shoujo', 'Mecha', 'Music', 'Mystery', 'Psychological', 'Romance', 'Sci-Fi', 'Slice of Life', 'Sports', 'Supernatural', 'Thriller']

describe('the built-in catalog', () => {
  it('holds at least 50 anime and 15 manga, each id once', () => {
    const all = builtInCatalog()
    expect(SEED_ANIME.length).toBeGreaterThanOrEqual(50)
    expect(SEED_MANGA.length).toBeGreaterThanOrEqual(15)
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length)
    expect(all.filter((m) => m.type === 'ANIME')).toHaveLength(SEED_ANIME.length)
  })

  it('relates works of the catalog to each other, both ways', () => {
    const all = new Map(builtInCatalog().map((m) => [m.id, m]))
    const inverse: Record<string, string> = { SEQUEL: 'PREQUEL', PREQUEL: 'SEQUEL', SOURCE: 'ADAPTATION', ADAPTATION: 'SOURCE', ALTERNATIVE: 'ALTERNATIVE', SIDE_STORY: 'PARENT', PARENT: 'SIDE_STORY' }
    let links = 0
    for (const m of all.values()) {
      for (const r of m.relations ?? []) {
        links++
        const other = all.get(r.id)
        expect(other, `${m.id} → ${r.id}`).toBeDefined()
        expect(other!.relations, `${r.id} → ${m.id}`).toContainEqual({ id: m.id, relationType: inverse[r.relationType] })
      }
    }
    expect(links).toBeGreaterThan(10)
  })

  it('writes every field in AniList’s terms', () => {
    for (const m of builtInCatalog()) {
      const where = `media ${m.id}`
      expect(MEDIA_FORMATS, where).toContain(m.format)
      expect(MEDIA_STATUSES, where).toContain(m.status)
      expect(MEDIA_SOURCES, where).toContain(m.source)
      expect(m.title!.romaji, where).toBeTruthy()
      expect(m.title!.native, where).toBeTruthy()
      expect(m.genres!.length, where).toBeGreaterThan(0)
      for (const g of m.genres!) expect(ANILIST_GENRES, where).toContain(g)
      expect(m.startDate!.year, where).toBeGreaterThan(1900)
      if (m.status === 'FINISHED') expect(m.endDate!.year, where).not.toBeNull()
      if (m.type === 'ANIME') {
        expect(['TV', 'MOVIE', 'ONA', 'OVA', 'SPECIAL', 'TV_SHORT'], where).toContain(m.format)
        expect(m.duration, where).toBeGreaterThan(0)
        expect(m.season, where).not.toBeNull()
        if (m.status === 'FINISHED') expect(m.episodes, where).toBeGreaterThan(0)
        if (m.format === 'MOVIE') expect(m.endDate, where).toEqual(m.startDate)
      } else {
        expect(m.season, where).toBeNull()
        if (m.status === 'FINISHED') expect(m.chapters, where).toBeGreaterThan(0)
        else expect(m.volumes, where).toBeNull()
      }
    }
  })
})

/**
 * Where AniList and bangumi-data disagree and the built-in catalog keeps AniList's fact. Each entry
 * records bangumi-data's value too, so a new bangumi-data version that changes it is noticed.
 */
const KNOWN_NATIVE_DIFFERENCES: Record<number, { bangumi: string; why: string }> = {
  1: { bangumi: 'COWBOY BEBOP', why: 'bangumi-data uses the Latin logo title; AniList the katakana one' },
  6: { bangumi: 'TRIGUN', why: 'bangumi-data uses the Latin logo title; AniList the katakana one' },
}
const KNOWN_START_DIFFERENCES: Record<number, { bangumi: string; why: string }> = {
  1: { bangumi: '1998-10-23', why: 'bangumi-data dates the first complete broadcast (WOWOW); AniList the TV Tokyo premiere' },
  9253: { bangumi: '2011-04-03', why: 'bangumi-data dates an earlier online premiere; AniList the TV premiere of 6 April' },
  21519: { bangumi: '2016-08-25', why: 'bangumi-data writes this release one day early in its date-only form' },
  106286: { bangumi: '2019-07-18', why: 'bangumi-data writes this release one day early in its date-only form' },
}

const comparable = (title: string) => title.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, '')
const ymd = (d: FuzzyDate) => [d.year, d.month, d.day].map((n) => String(n).padStart(2, '0')).join('-')

describe('the built-in anime checked against bangumi-data', () => {
  const { items } = createRequire(import.meta.url)('bangumi-data') as { items: BangumiItem[] }
  const itemsOf = (id: number) => items.filter((i) => i.sites.some((s) => s.site === 'aniList' && s.id === String(id)))
  const mapped = new Map(mapBangumiItems(items, 1_800_000_000).inputs.map((m) => [m.id, m]))

  it('finds every built-in anime under the same AniList and MyAnimeList ids', () => {
    for (const anime of SEED_ANIME) {
      expect(itemsOf(anime.id).length, `AniList ${anime.id} in bangumi-data`).toBeGreaterThan(0)
      expect(mapped.get(anime.id)!.idMal, `MAL id of ${anime.id}`).toBe(anime.idMal)
    }
  })

  it('has the same native titles, but for the differences listed', () => {
    for (const anime of SEED_ANIME) {
      const titles = itemsOf(anime.id).map((i) => i.title)
      const known = KNOWN_NATIVE_DIFFERENCES[anime.id]
      if (known) {
        expect(titles, `bangumi-data title of ${anime.id}`).toContain(known.bangumi)
        continue
      }
      const ours = comparable(anime.native)
      const same = titles.some((t) => comparable(t) === ours || comparable(t).includes(ours) || ours.includes(comparable(t)))
      expect(same, `native title of ${anime.id}: ours ${anime.native}, bangumi-data ${titles.join(' / ')}`).toBe(true)
    }
  })

  it('has the same start dates, but for the differences listed', () => {
    for (const anime of SEED_ANIME) {
      const theirs = ymd(mapped.get(anime.id)!.startDate!)
      const known = KNOWN_START_DIFFERENCES[anime.id]
      if (known) {
        expect(theirs, `bangumi-data start of ${anime.id}`).toBe(known.bangumi)
        expect(anime.start, `start of ${anime.id}`).not.toBe(theirs)
      } else {
        expect(anime.start, `start of ${anime.id}`).toBe(theirs)
      }
    }
  })

  it('reads bangumi-data’s times as dates in Japan, and its date-only form as the UTC date', () => {
    expect(bangumiDate('2013-04-06T16:58:00.000Z')).toEqual({ year: 2013, month: 4, day: 7 })
    expect(bangumiDate('2001-07-20T16:00:00.000Z')).toEqual({ year: 2001, month: 7, day: 20 })
    expect(bangumiDate('1999-10-20T10:00:00.000Z')).toEqual({ year: 1999, month: 10, day: 20 })
    expect(bangumiDate('')).toEqual({ year: null, month: null, day: null })
  })
})

describe('seeding', () => {
  let s: TestServer
  beforeEach(async () => {
    s = await testServer()
  })
  afterEach(async () => s.app.close())

  it('adds the catalog once; a second run adds nothing', async () => {
    const total = builtInCatalog().length
    expect(await seedCatalog(s.app.kiroku.db, s.clock)).toEqual({ inserted: total, updated: 0, unchanged: 0 })
    expect(await seedCatalog(s.app.kiroku.db, s.clock)).toEqual({ inserted: 0, updated: 0, unchanged: total })
    expect(await countAllMedia(s.app.kiroku.db)).toBe(total)
  })

  it('does not overwrite a work an import already brought', async () => {
    await upsertMedia(s.app.kiroku.db, s.clock, [{ id: 16498, type: 'ANIME', title: { romaji: 'Imported title' }, averageScore: 85 }])
    await seedCatalog(s.app.kiroku.db, s.clock)
    expect((await loadMediaByIds(s.app.kiroku.db, [16498])).get(16498)).toMatchObject({ title: { romaji: 'Imported title' }, averageScore: 85 })
  })

  it('serve --demo seeds the catalog on a fresh database and on one that already has users', async () => {
    const first = await seedDemo(s.app.kiroku)
    expect(first).toMatchObject({ created: true, catalogAdded: builtInCatalog().length })
    expect((await seedDemo(s.app.kiroku)).catalogAdded).toBe(0)

    const other = await testServer()
    try {
      await createUser(other.app.kiroku.db, other.clock, { name: 'alice', password: 'correct horse battery' })
      const demo = await seedDemo(other.app.kiroku)
      expect(demo).toMatchObject({ created: false, catalogAdded: builtInCatalog().length })
      expect(await countAllMedia(other.app.kiroku.db)).toBe(builtInCatalog().length)
    } finally {
      await other.app.close()
    }
  })
})
