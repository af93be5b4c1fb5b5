import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { addEntries, listServer, listUser, type ListUser } from '../helpers/lists.js'
import { ask } from './media-helpers.js'

let s: TestServer
let sora: ListUser

beforeAll(async () => {
  s = await listServer()
  sora = await listUser(s.app, 'sora', { mediaListOptions: { scoreFormat: 'POINT_10' } })
  await addEntries(s.app, sora.user.id, [
    // Cowboy Bebop: TV, 26 × 24 min, 1998. Seen twice.
    [1, 'ANIME', { status: 'COMPLETED', score: 90, progress: 26, repeat: 1, startedAt: { year: 2020, month: 4, day: 1 } }],
    // The film: 1 × 115 min, 2001.
    [5, 'ANIME', { status: 'COMPLETED', score: 70, progress: 1, startedAt: { year: 2021 } }],
    // TRIGUN: TV, 26 × 24 min, 1998. Not scored.
    [6, 'ANIME', { status: 'CURRENT', progress: 10, startedAt: { year: 2021, month: 9 } }],
    // Planned: counts only among the statuses, score and all.
    [20, 'ANIME', { status: 'PLANNING', score: 80 }],
    // ONE PIECE: length unknown, 24 min, 1999. Private: only sora's own figures count it.
    [21, 'ANIME', { status: 'DROPPED', score: 40, progress: 100, private: true }],
    // MONSTER (162 chapters, 18 volumes) and NARUTO (700, 72).
    [30001, 'MANGA', { status: 'COMPLETED', score: 100, progress: 162, progressVolumes: 18 }],
    [30011, 'MANGA', { status: 'CURRENT', progress: 300, progressVolumes: 30 }],
  ])
})
afterAll(async () => s.app.close())

const STATISTICS = `
  query ($id: Int) {
    MediaListCollection(userId: $id, type: ANIME) {
      user {
        statistics {
          anime {
            count meanScore standardDeviation minutesWatched episodesWatched chaptersRead volumesRead
            formats { format count meanScore minutesWatched mediaIds }
            statuses(sort: [COUNT_DESC, ID]) { status count }
            scores(sort: ID_DESC) { score count meanScore }
            lengths(sort: ID) { length count mediaIds }
            releaseYears(sort: ID_DESC) { releaseYear count }
            startYears(sort: ID) { startYear count }
            topGenres: genres(limit: 2, sort: COUNT_DESC) { genre count meanScore }
            genres(sort: [COUNT, ID]) { genre count }
            countries { country count }
            tags { count } voiceActors { count characterIds } staff { count } studios { count }
          }
          manga { count meanScore chaptersRead volumesRead episodesWatched minutesWatched formats { format count } }
        }
      }
    }
  }`

describe('User.statistics from a known list', () => {
  it('computes every figure and breakdown for the owner, private entries included', async () => {
    const res = await ask(s.app, STATISTICS, { id: sora.user.id }, sora.token)
    expect(res.body.errors).toBeUndefined()
    const { anime, manga } = res.body.data.MediaListCollection.user.statistics
    expect(anime).toMatchObject({
      count: 4,
      // Scores 9, 7 and 4 in sora's POINT_10 format.
      meanScore: 6.67,
      standardDeviation: 2.05,
      // Bebop 52 episodes × 24, the film 115, TRIGUN 10 × 24, ONE PIECE 100 × 24.
      minutesWatched: 1248 + 115 + 240 + 2400,
      episodesWatched: 52 + 1 + 10 + 100,
      chaptersRead: 0,
      volumesRead: 0,
    })
    expect(anime.formats).toEqual([
      { format: 'TV', count: 3, meanScore: 6.5, minutesWatched: 1248 + 240 + 2400, mediaIds: [1, 6, 21] },
      { format: 'MOVIE', count: 1, meanScore: 7, minutesWatched: 115, mediaIds: [5] },
    ])
    expect(anime.statuses).toEqual([
      { status: 'COMPLETED', count: 2 }, { status: 'CURRENT', count: 1 }, { status: 'DROPPED', count: 1 }, { status: 'PLANNING', count: 1 },
    ])
    expect(anime.scores).toEqual([{ score: 90, count: 1, meanScore: 9 }, { score: 70, count: 1, meanScore: 7 }, { score: 40, count: 1, meanScore: 4 }])
    expect(anime.lengths).toEqual([{ length: '1', count: 1, mediaIds: [5] }, { length: '17-28', count: 2, mediaIds: [1, 6] }])
    expect(anime.releaseYears).toEqual([{ releaseYear: 2001, count: 1 }, { releaseYear: 1999, count: 1 }, { releaseYear: 1998, count: 2 }])
    expect(anime.startYears).toEqual([{ startYear: 2020, count: 1 }, { startYear: 2021, count: 2 }])
    expect(anime.topGenres).toEqual([{ genre: 'Action', count: 4, meanScore: 6.67 }, { genre: 'Drama', count: 4, meanScore: 6.67 }])
    expect(anime.genres).toEqual([
      { genre: 'Fantasy', count: 1 }, { genre: 'Mystery', count: 1 }, { genre: 'Comedy', count: 2 }, { genre: 'Adventure', count: 3 },
      { genre: 'Sci-Fi', count: 3 }, { genre: 'Action', count: 4 }, { genre: 'Drama', count: 4 },
    ])
    expect(anime.countries).toEqual([{ country: 'JP', count: 4 }])
    // Kiroku keeps no tags, staff or studios.
    expect([anime.tags, anime.voiceActors, anime.staff]).toEqual([[], [], []])
    // The built-in studios of Cowboy Bebop, its film, TRIGUN and ONE PIECE (NARUTO is only planned).
    expect(anime.studios).toEqual([{ count: 1 }, { count: 1 }, { count: 1 }, { count: 1 }])
    expect(manga).toEqual({ count: 2, meanScore: 10, chaptersRead: 462, volumesRead: 48, episodesWatched: 0, minutesWatched: 0, formats: [{ format: 'MANGA', count: 2 }] })
  })

  it('leaves private entries out for everyone else', async () => {
    const res = await ask(s.app, STATISTICS, { id: sora.user.id })
    const { anime } = res.body.data.MediaListCollection.user.statistics
    expect(anime).toMatchObject({ count: 3, meanScore: 8, standardDeviation: 1, minutesWatched: 1248 + 115 + 240, episodesWatched: 63 })
    expect(anime.releaseYears).toEqual([{ releaseYear: 2001, count: 1 }, { releaseYear: 1998, count: 2 }])
  })

  it('answers statistics of a user with an empty list as zeros', async () => {
    const empty = await listUser(s.app, 'nobody')
    const res = await ask(s.app, STATISTICS, { id: empty.user.id })
    expect(res.body.data.MediaListCollection.user.statistics.anime).toMatchObject({ count: 0, meanScore: 0, standardDeviation: 0, minutesWatched: 0, formats: [], genres: [], statuses: [] })
  })

  it('answers the viewer’s statistics as miru asks for them', async () => {
    const res = await ask(s.app, `query Viewer { Viewer { id statistics { anime { count minutesWatched episodesWatched genres(limit: 3, sort: COUNT_DESC) { genre count __typename } __typename } __typename } __typename } }`, undefined, sora.token)
    expect(res.body.data.Viewer.statistics.anime).toEqual({
      count: 4, minutesWatched: 4003, episodesWatched: 163, __typename: 'UserStatistics',
      genres: [{ genre: 'Action', count: 4, __typename: 'UserGenreStatistic' }, { genre: 'Drama', count: 4, __typename: 'UserGenreStatistic' }, { genre: 'Adventure', count: 3, __typename: 'UserGenreStatistic' }],
    })
  })
})
