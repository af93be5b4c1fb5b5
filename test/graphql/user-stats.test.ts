/** The legacy User.stats, computed from the user's lists on the 0–100 scale, another's private entries left out. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { parseAniListImport, writeAniListImport } from '../../src/people/import/anilist-import.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { addEntries, listUser, send, type ListUser } from '../helpers/lists.js'

let s: TestServer
let kai: ListUser
let other: ListUser

beforeAll(async () => {
  s = await testServer()
  await upsertMedia(s.app.kiroku.db, s.clock, [
    { id: 850_001, type: 'ANIME', format: 'TV', episodes: 12, duration: 24, genres: ['Action', 'Drama'], startDate: { year: 2019, month: 1, day: 1 }, title: { romaji: 'S1' } },
    { id: 850_002, type: 'ANIME', format: 'MOVIE', episodes: 1, duration: 100, genres: ['Drama'], startDate: { year: 2020, month: 1, day: 1 }, title: { romaji: 'S2' } },
    { id: 850_003, type: 'ANIME', format: 'TV', episodes: 24, duration: 24, genres: ['Comedy'], startDate: { year: 2019, month: 5, day: 1 }, title: { romaji: 'S3' } },
    { id: 850_004, type: 'MANGA', format: 'MANGA', chapters: 50, genres: ['Drama'], startDate: { year: 2019, month: 1, day: 1 }, title: { romaji: 'S4' } },
  ])
  // Who made them, through the importer: a studio and a director on both anime, a tag and a voice
  // actor on S1 and the manga (the manga counts for tags, staff and actors too, never for studios).
  const studio = { isMain: true, node: { id: 85_001, name: 'Stats Studio', isAnimationStudio: true } }
  const tag = { id: 85_011, name: 'Stats Tag', rank: 80, category: 'Theme' }
  const director = { role: 'Director', node: { id: 85_021, name: { full: 'Stats Director' } } }
  const cast = { edges: [{ role: 'MAIN', node: { id: 85_031, name: { full: 'Stats Hero' } }, voiceActors: [{ id: 85_041, name: { full: 'Stats Voice' }, languageV2: 'Japanese' }] }] }
  const world = [
    { id: 850_001, type: 'ANIME', studios: { edges: [studio] }, tags: [tag], staff: { edges: [director] }, characters: cast },
    { id: 850_002, type: 'ANIME', studios: { edges: [studio] }, staff: { edges: [director] } },
    { id: 850_004, type: 'MANGA', tags: [tag], characters: cast },
  ]
  await writeAniListImport(s.app.kiroku.db, s.clock, parseAniListImport(JSON.stringify(world)))
  // A POINT_10 user: UserStats still speaks 0–100.
  kai = await listUser(s.app, 'kai', { mediaListOptions: { scoreFormat: 'POINT_10' } })
  other = await listUser(s.app, 'other')
  await addEntries(s.app, kai.user.id, [
    [850_001, 'ANIME', { status: 'COMPLETED', score: 80, progress: 12 }],
    [850_002, 'ANIME', { status: 'COMPLETED', score: 60, progress: 1, repeat: 1 }],
    [850_003, 'ANIME', { status: 'PLANNING' }],
    [850_004, 'MANGA', { status: 'CURRENT', score: 90, progress: 20 }],
  ])
})
afterAll(async () => s.app.close())

const STATS = `query ($id: Int) { User(id: $id) { stats { ...stats } } }
  fragment stats on UserStats {
    watchedTime chaptersRead activityHistory { date amount level }
    animeStatusDistribution { status amount } mangaStatusDistribution { status amount }
    animeScoreDistribution { score amount } mangaScoreDistribution { score amount }
    animeListScores { meanScore standardDeviation } mangaListScores { meanScore standardDeviation }
    favouredGenresOverview { genre amount meanScore timeWatched } favouredGenres { genre amount meanScore timeWatched }
    favouredTags { tag { name } amount meanScore timeWatched } favouredActors { staff { name { full } } amount meanScore timeWatched }
    favouredStaff { staff { name { full } } amount meanScore timeWatched } favouredStudios { studio { name } amount meanScore timeWatched }
    favouredYears { year amount meanScore } favouredFormats { format amount }
  }`

describe('User.stats', () => {
  it('answers every field from the list', async () => {
    const res = await send(s.app, STATS, { variables: { id: kai.user.id } })
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    const stats = res.body.data.User.stats
    // 12 × 24 minutes, plus a movie of 100 minutes seen twice.
    expect(stats.watchedTime).toBe(12 * 24 + 2 * 100)
    expect(stats.chaptersRead).toBe(20)
    expect(stats.activityHistory).toEqual([])
    expect(stats.animeStatusDistribution).toEqual([{ status: 'COMPLETED', amount: 2 }, { status: 'PLANNING', amount: 1 }])
    expect(stats.mangaStatusDistribution).toEqual([{ status: 'CURRENT', amount: 1 }])
    expect(stats.animeScoreDistribution.filter((b: { amount: number }) => b.amount > 0)).toEqual([{ score: 60, amount: 1 }, { score: 80, amount: 1 }])
    expect(stats.animeScoreDistribution).toHaveLength(10)
    expect(stats.animeListScores).toEqual({ meanScore: 70, standardDeviation: 10 })
    expect(stats.mangaListScores).toEqual({ meanScore: 90, standardDeviation: 0 })
    expect(stats.favouredGenres).toEqual([
      { genre: 'Drama', amount: 3, meanScore: 77, timeWatched: 488 },
      { genre: 'Action', amount: 1, meanScore: 80, timeWatched: 288 },
    ])
    expect(stats.favouredGenresOverview).toEqual(stats.favouredGenres)
    // S1 (80, 12 × 24 min) and the manga (90); S2 (60, 200 min) with S1 for studio and director; PLANNING S3 counts nowhere.
    expect(stats.favouredTags).toEqual([{ tag: { name: 'Stats Tag' }, amount: 2, meanScore: 85, timeWatched: 288 }])
    expect(stats.favouredActors).toEqual([{ staff: { name: { full: 'Stats Voice' } }, amount: 2, meanScore: 85, timeWatched: 288 }])
    expect(stats.favouredStaff).toEqual([{ staff: { name: { full: 'Stats Director' } }, amount: 2, meanScore: 70, timeWatched: 488 }])
    expect(stats.favouredStudios).toEqual([{ studio: { name: 'Stats Studio' }, amount: 2, meanScore: 70, timeWatched: 488 }])
    expect(stats.favouredYears).toEqual([{ year: 2019, amount: 2, meanScore: 85 }, { year: 2020, amount: 1, meanScore: 60 }])
    expect(stats.favouredFormats).toEqual([{ format: 'MANGA', amount: 1 }, { format: 'MOVIE', amount: 1 }, { format: 'TV', amount: 1 }])
  })

  it("leaves another user's private entries out, and shows the owner their own", async () => {
    await addEntries(s.app, other.user.id, [[850_003, 'ANIME', { status: 'DROPPED', score: 20, progress: 2, private: true }]])
    const anonymous = await send(s.app, STATS, { variables: { id: other.user.id } })
    expect(anonymous.body.data.User.stats.animeStatusDistribution).toEqual([])
    const own = await send(s.app, STATS, { variables: { id: other.user.id }, token: other.token })
    expect(own.body.data.User.stats.animeStatusDistribution).toEqual([{ status: 'DROPPED', amount: 1 }])
    expect(own.body.data.User.stats.watchedTime).toBe(48)
  })
})
