import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadMediaByIds, loadMediaByMalIds, upsertMedia, countAllMedia } from '../../src/catalog/media-store.js'
import type { MediaInput } from '../../src/catalog/media.js'
import { testServer, type TestServer } from '../helpers/server.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const bebop: MediaInput = {
  id: 1, type: 'ANIME', idMal: 1, title: { romaji: 'Cowboy Bebop', english: 'Cowboy Bebop', native: 'カウボーイビバップ' },
  format: 'TV', startDate: { year: 1998, month: 4, day: 3 }, episodes: 26, genres: ['Action', 'Sci-Fi'], synonyms: ['Bebop'],
}
const monster: MediaInput = { id: 30001, type: 'MANGA', idMal: 1, title: { romaji: 'MONSTER' }, chapters: 162 }

const genreRows = (id: number) => s.app.kiroku.db.selectFrom('media_genres').select(['genre', 'genre_key']).where('media_id', '=', id).orderBy('genre_key').execute()

describe('upsertMedia', () => {
  it('inserts once; the same data again changes nothing, not even updatedAt', async () => {
    expect(await upsertMedia(s.app.kiroku.db, s.clock, [bebop, monster])).toEqual({ inserted: 2, updated: 0, unchanged: 0 })
    const before = (await loadMediaByIds(s.app.kiroku.db, [1])).get(1)!
    s.clock.advance(100)
    expect(await upsertMedia(s.app.kiroku.db, s.clock, [bebop, monster])).toEqual({ inserted: 0, updated: 0, unchanged: 2 })
    expect(await countAllMedia(s.app.kiroku.db)).toBe(2)
    expect((await loadMediaByIds(s.app.kiroku.db, [1])).get(1)!.updatedAt).toBe(before.updatedAt)
  })

  it('updates what changed, keeps fields the input leaves out, clears fields set to null', async () => {
    await upsertMedia(s.app.kiroku.db, s.clock, [bebop])
    s.clock.advance(50)
    const result = await upsertMedia(s.app.kiroku.db, s.clock, [{ id: 1, type: 'ANIME', episodes: 27, title: { english: null }, synonyms: [] }])
    expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
    const media = (await loadMediaByIds(s.app.kiroku.db, [1])).get(1)!
    expect(media).toMatchObject({ episodes: 27, idMal: 1, format: 'TV', genres: ['Action', 'Sci-Fi'], synonyms: [], updatedAt: s.clock() })
    expect(media.title).toEqual({ romaji: 'Cowboy Bebop', english: null, native: 'カウボーイビバップ' })
    expect(media.startDate).toEqual({ year: 1998, month: 4, day: 3 })
  })

  it('takes updatedAt from the input when it brings one', async () => {
    await upsertMedia(s.app.kiroku.db, s.clock, [{ ...bebop, updatedAt: 1_600_000_000 }])
    expect((await loadMediaByIds(s.app.kiroku.db, [1])).get(1)!.updatedAt).toBe(1_600_000_000)
  })

  it('keeps the genre rows in step with the genres, ignoring repeats in another case', async () => {
    await upsertMedia(s.app.kiroku.db, s.clock, [{ ...bebop, genres: ['Action', 'action', 'Drama'] }])
    expect(await genreRows(1)).toEqual([{ genre: 'Action', genre_key: 'action' }, { genre: 'Drama', genre_key: 'drama' }])
    await upsertMedia(s.app.kiroku.db, s.clock, [{ id: 1, type: 'ANIME', genres: ['Sci-Fi'] }])
    expect(await genreRows(1)).toEqual([{ genre: 'Sci-Fi', genre_key: 'sci-fi' }])
    expect((await loadMediaByIds(s.app.kiroku.db, [1])).get(1)!.genres).toEqual(['Sci-Fi'])
  })

  it('lets fill-only title parts fill gaps but never replace a title', async () => {
    await upsertMedia(s.app.kiroku.db, s.clock, [{ id: 1, type: 'ANIME', title: { romaji: 'Cowboy Bebop', english: null } }])
    await upsertMedia(s.app.kiroku.db, s.clock, [{ id: 1, type: 'ANIME', title: { romaji: 'COWBOY BEBOP', english: 'cowboy bebop', native: 'COWBOY BEBOP' } }], { fillOnly: ['romaji', 'english'] })
    expect((await loadMediaByIds(s.app.kiroku.db, [1])).get(1)!.title).toEqual({ romaji: 'Cowboy Bebop', english: 'cowboy bebop', native: 'COWBOY BEBOP' })
  })

  it('leaves stored media alone when only adding missing ones', async () => {
    await upsertMedia(s.app.kiroku.db, s.clock, [{ ...bebop, episodes: 99 }])
    expect(await upsertMedia(s.app.kiroku.db, s.clock, [bebop, monster], { insertOnly: true })).toEqual({ inserted: 1, updated: 0, unchanged: 1 })
    expect((await loadMediaByIds(s.app.kiroku.db, [1])).get(1)!.episodes).toBe(99)
  })

  it('applies repeated ids in order within one call, in chunks, reporting progress', async () => {
    const many: MediaInput[] = Array.from({ length: 1200 }, (_, i) => ({ id: 100_000 + i, type: 'ANIME', title: { romaji: `Work ${i}` } }))
    const progress: Array<[number, number]> = []
    const result = await upsertMedia(s.app.kiroku.db, s.clock, [...many, { id: 100_000, type: 'ANIME', episodes: 3 }], { onProgress: (d, t) => progress.push([d, t]) })
    expect(result).toEqual({ inserted: 1200, updated: 1, unchanged: 0 })
    expect(progress).toEqual([[500, 1201], [1000, 1201], [1201, 1201]])
    expect((await loadMediaByIds(s.app.kiroku.db, [100_000])).get(100_000)).toMatchObject({ episodes: 3, title: { romaji: 'Work 0' } })
  })
})

describe('loading', () => {
  it('loads by ids, leaving out unknown ones', async () => {
    await upsertMedia(s.app.kiroku.db, s.clock, [bebop, monster])
    const found = await loadMediaByIds(s.app.kiroku.db, [1, 2, 30001, 1])
    expect([...found.keys()].sort((a, b) => a - b)).toEqual([1, 30001])
    expect(found.get(30001)).toMatchObject({ type: 'MANGA', title: { romaji: 'MONSTER', english: null }, chapters: 162, isAdult: false, popularity: 0, genres: [] })
  })

  it('loads by MAL ids, which repeat across anime and manga', async () => {
    await upsertMedia(s.app.kiroku.db, s.clock, [bebop, monster])
    expect((await loadMediaByMalIds(s.app.kiroku.db, [1], 'ANIME')).get(1)!.map((m) => m.id)).toEqual([1])
    expect((await loadMediaByMalIds(s.app.kiroku.db, [1], 'MANGA')).get(1)!.map((m) => m.id)).toEqual([30001])
    expect((await loadMediaByMalIds(s.app.kiroku.db, [1])).get(1)!.map((m) => m.id)).toEqual([1, 30001])
    expect((await loadMediaByMalIds(s.app.kiroku.db, [404])).size).toBe(0)
  })
})

describe('an id stored with the other type', () => {
  it('is refused by name, and nothing of the input is written', async () => {
    const s = await testServer()
    try {
      const { db, clock } = s.app.kiroku
      await upsertMedia(db, clock, [{ id: 990_001, type: 'ANIME', title: { romaji: 'Stored Anime' } }])
      const attempt = upsertMedia(db, clock, [
        { id: 990_002, type: 'MANGA', title: { romaji: 'New Manga' } },
        { id: 990_001, type: 'MANGA', title: { romaji: 'Not That Work' } },
      ])
      await expect(attempt).rejects.toThrow('media 990001 is stored here as ANIME ("Stored Anime"), but the input says MANGA')
      const rows = await db.selectFrom('media').select(['id', 'type', 'title_romaji']).where('id', 'in', [990_001, 990_002]).execute()
      expect(rows).toEqual([{ id: 990_001, type: 'ANIME', title_romaji: 'Stored Anime' }])
    } finally {
      await s.app.close()
    }
  })
})
