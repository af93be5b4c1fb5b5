import { describe, expect, it } from 'vitest'
import { computeStatistics, sortAndLimit, type StatEntry, type StatMedia } from '../../src/lists/statistics.js'

const media = new Map<number, StatMedia>([
  [1, { format: 'TV', episodes: 12, duration: 24, chapters: null, volumes: null, genres: ['Action', 'Drama'], startYear: 2010, countryOfOrigin: 'JP' }],
  [2, { format: 'MOVIE', episodes: 1, duration: 120, chapters: null, volumes: null, genres: ['Drama'], startYear: 2015, countryOfOrigin: 'JP' }],
  [3, { format: 'TV', episodes: 24, duration: 24, chapters: null, volumes: null, genres: ['Comedy'], startYear: 2010, countryOfOrigin: 'JP' }],
  [4, { format: 'TV', episodes: 26, duration: 24, chapters: null, volumes: null, genres: ['Action'], startYear: 2020, countryOfOrigin: 'KR' }],
])
const entry = (e: Partial<StatEntry> & Pick<StatEntry, 'mediaId' | 'status'>): StatEntry => ({ score: 0, progress: 0, progressVolumes: 0, repeat: 0, startedYear: null, ...e })
const entries = [
  entry({ mediaId: 1, status: 'COMPLETED', score: 80, progress: 12, repeat: 1, startedYear: 2011 }),
  entry({ mediaId: 2, status: 'COMPLETED', score: 60, progress: 1, startedYear: 2016 }),
  entry({ mediaId: 3, status: 'CURRENT', progress: 5 }),
  entry({ mediaId: 4, status: 'PLANNING' }),
]

describe('user statistics from a known anime list', () => {
  const stats = computeStatistics('ANIME', entries, media, 'POINT_10')

  it('totals: planning entries count only among statuses; rewatches count their episodes', () => {
    expect(stats).toMatchObject({ count: 3, meanScore: 7, standardDeviation: 1, episodesWatched: 30, minutesWatched: 816, chaptersRead: 0, volumesRead: 0 })
  })

  it('breakdowns by status, format, score, length, release year, start year, genre and country', () => {
    const byKey = <T,>(rows: T[], key: keyof T) => Object.fromEntries(rows.map((r) => [String(r[key]), r]))
    expect(byKey(stats.statuses, 'status')).toMatchObject({ COMPLETED: { count: 2 }, CURRENT: { count: 1 }, PLANNING: { count: 1, mediaIds: [4] } })
    expect(byKey(stats.formats, 'format')).toEqual({
      TV: { format: 'TV', count: 2, meanScore: 8, minutesWatched: 696, chaptersRead: 0, mediaIds: [1, 3] },
      MOVIE: { format: 'MOVIE', count: 1, meanScore: 6, minutesWatched: 120, chaptersRead: 0, mediaIds: [2] },
    })
    expect(stats.scores.map((r) => [r.score, r.count]).sort()).toEqual([[60, 1], [80, 1]])
    expect(byKey(stats.lengths, 'length')).toMatchObject({ '7-16': { count: 1 }, '1': { count: 1 }, '17-28': { count: 1 } })
    expect(byKey(stats.releaseYears, 'releaseYear')).toMatchObject({ 2010: { count: 2, mediaIds: [1, 3] }, 2015: { count: 1 } })
    expect(byKey(stats.startYears, 'startYear')).toMatchObject({ 2011: { count: 1 }, 2016: { count: 1 } })
    expect(byKey(stats.genres, 'genre')).toMatchObject({ Drama: { count: 2, meanScore: 7 }, Action: { count: 1, meanScore: 8 }, Comedy: { count: 1, meanScore: 0 } })
    expect(byKey(stats.countries, 'country')).toMatchObject({ JP: { count: 3 } })
  })

  it('reports the mean in the user’s score format', () => {
    expect(computeStatistics('ANIME', entries, media, 'POINT_100').meanScore).toBe(70)
    expect(computeStatistics('ANIME', entries, media, 'POINT_5').meanScore).toBe(3.5)
  })

  it('an empty list has zeros, not NaN', () => {
    const empty = computeStatistics('ANIME', [], media, 'POINT_10')
    expect(empty).toMatchObject({ count: 0, meanScore: 0, standardDeviation: 0, minutesWatched: 0, genres: [] })
  })

  it('sorts and limits breakdowns', () => {
    const genres = sortAndLimit(stats.genres, (r) => r.genre, ['COUNT_DESC'], 1)
    expect(genres.map((g) => g.genre)).toEqual(['Drama'])
    expect(sortAndLimit(stats.genres, (r) => r.genre, ['ID'], null).map((g) => g.genre)).toEqual(['Action', 'Comedy', 'Drama'])
    expect(sortAndLimit(stats.genres, (r) => r.genre, ['MEAN_SCORE_DESC'], 2).map((g) => g.genre)).toEqual(['Action', 'Drama'])
  })
})

describe('user statistics from a manga list', () => {
  it('counts chapters and volumes, including rereads', () => {
    const manga = new Map<number, StatMedia>([[9, { format: 'MANGA', episodes: null, duration: null, chapters: 100, volumes: 10, genres: [], startYear: 1999, countryOfOrigin: 'JP' }]])
    const stats = computeStatistics('MANGA', [entry({ mediaId: 9, status: 'REPEATING', progress: 30, progressVolumes: 3, repeat: 1, score: 90 })], manga, 'POINT_100')
    expect(stats).toMatchObject({ count: 1, chaptersRead: 130, volumesRead: 13, meanScore: 90, episodesWatched: 0, minutesWatched: 0 })
    expect(stats.lengths).toMatchObject([{ length: '51-100', count: 1 }])
  })
})
