/**
 * Media.rankings: RATED and POPULAR, all time, by year and by season, within the work's type and
 * format, with AniList's context wording; ties go to the more popular work; works without the figure
 * are not ranked. The places are stored by the figures pass (refreshRankings) and read per page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { rankContext, refreshRankings } from '../../src/lists/figures/rankings.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { send } from '../helpers/lists.js'

let s: TestServer

const tv = (id: number, seasonYear: number, season: 'FALL' | 'SPRING', averageScore: number | null, popularity: number) =>
  ({ id, type: 'ANIME' as const, format: 'TV' as const, season, seasonYear, averageScore, popularity, title: { romaji: `Ranked ${id}` } })

beforeAll(async () => {
  s = await testServer()
  await upsertMedia(s.app.kiroku.db, s.clock, [
    tv(840_001, 2019, 'FALL', 90, 100),
    tv(840_002, 2019, 'FALL', 85, 300),
    tv(840_003, 2019, 'SPRING', 88, 50),
    tv(840_004, 2020, 'FALL', 95, 10),
    // Ties 840_001 on score and is more popular: it ranks first of the two.
    tv(840_006, 2019, 'FALL', 90, 200),
    // No figures: ranked nowhere, and in nobody's way.
    tv(840_005, 2019, 'FALL', null, 0),
    // Another format: ranked among movies only.
    { id: 840_010, type: 'ANIME', format: 'MOVIE', season: 'FALL', seasonYear: 2019, averageScore: 99, popularity: 1000, title: { romaji: 'A Movie' } },
    // A manga has a start year and no season.
    { id: 840_020, type: 'MANGA', format: 'MANGA', startDate: { year: 2019, month: 3, day: null }, averageScore: 80, popularity: 5, title: { romaji: 'A Manga' } },
  ])
  // Twice: a second pass gives the same places.
  await refreshRankings(s.app.kiroku.db)
  expect(await refreshRankings(s.app.kiroku.db)).toBe(6 * 5 + 6 + 4)
})
afterAll(async () => s.app.close())

const RANKS = `query ($id: Int) { Media(id: $id) { rankings { ...rank } } } fragment rank on MediaRank { id rank type format year season allTime context }`

async function ranks(id: number) {
  const res = await send(s.app, RANKS, { variables: { id } })
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data.Media.rankings
}

describe('Media.rankings', () => {
  it("words each ranking as AniList does", () => {
    expect(rankContext('RATED', 'all', null, null)).toBe('highest rated all time')
    expect(rankContext('POPULAR', 'year', 2006, null)).toBe('most popular 2006')
    expect(rankContext('POPULAR', 'season', 2006, 'FALL')).toBe('most popular fall 2006')
  })

  it('ranks by score and by popularity, all time, in the year and in the season, within the format', async () => {
    expect(await ranks(840_002)).toEqual([
      { id: 8_400_021, rank: 5, type: 'RATED', format: 'TV', year: null, season: null, allTime: true, context: 'highest rated all time' },
      { id: 8_400_022, rank: 1, type: 'POPULAR', format: 'TV', year: null, season: null, allTime: true, context: 'most popular all time' },
      { id: 8_400_023, rank: 4, type: 'RATED', format: 'TV', year: 2019, season: null, allTime: false, context: 'highest rated 2019' },
      { id: 8_400_024, rank: 1, type: 'POPULAR', format: 'TV', year: 2019, season: null, allTime: false, context: 'most popular 2019' },
      { id: 8_400_025, rank: 3, type: 'RATED', format: 'TV', year: 2019, season: 'FALL', allTime: false, context: 'highest rated fall 2019' },
      { id: 8_400_026, rank: 1, type: 'POPULAR', format: 'TV', year: 2019, season: 'FALL', allTime: false, context: 'most popular fall 2019' },
    ])
  })

  it('breaks a tie in score by popularity', async () => {
    const first = (await ranks(840_006)).find((r: { context: string }) => r.context === 'highest rated fall 2019')
    const second = (await ranks(840_001)).find((r: { context: string }) => r.context === 'highest rated fall 2019')
    expect([first.rank, second.rank]).toEqual([1, 2])
  })

  it('keeps other formats apart, leaves out works without figures, and ranks a manga by its start year', async () => {
    expect((await ranks(840_010)).map((r: { rank: number; context: string }) => `${r.rank} ${r.context}`)).toEqual([
      '1 highest rated all time', '1 most popular all time', '1 highest rated 2019', '1 most popular 2019', '1 highest rated fall 2019', '1 most popular fall 2019',
    ])
    expect(await ranks(840_005)).toEqual([])
    expect((await ranks(840_020)).map((r: { context: string }) => r.context)).toEqual(['highest rated all time', 'most popular all time', 'highest rated 2019', 'most popular 2019'])
    // A spring work ranks within spring.
    expect((await ranks(840_003)).find((r: { season: string | null }) => r.season === 'SPRING')).toMatchObject({ rank: 1, context: 'highest rated spring 2019' })
  })
})
