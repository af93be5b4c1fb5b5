/**
 * The lists `serve --demo` gives its users, on works of the built-in catalog (catalog/seed/): the demo
 * user's anime and manga in every status, with scores, progress, dates, notes, a custom list per
 * type, a repeat and a private entry; and two more users whose public lists use other score formats,
 * so that clients reading someone else's list see each format at work. Scores are raw (0–100).
 */
import type { ScoreFormat } from '../lists/score-format.js'
import type { EntryFields } from '../lists/entry.js'

type DateTuple = [number, number?, number?]

/** One demo entry: the AniList id of a built-in work and what the user recorded about it. */
export interface DemoEntry {
  mediaId: number
  status: EntryFields['status']
  score?: number
  progress?: number
  progressVolumes?: number
  repeat?: number
  priority?: number
  private?: boolean
  notes?: string
  customLists?: string[]
  started?: DateTuple
  completed?: DateTuple
}

export interface DemoListUser {
  name: string
  scoreFormat: ScoreFormat
  animeCustomLists: string[]
  mangaCustomLists: string[]
  entries: DemoEntry[]
}

export const DEMO_LIST_OWNER = 'demo'

export const DEMO_LISTS: readonly DemoListUser[] = [
  {
    name: DEMO_LIST_OWNER,
    scoreFormat: 'POINT_100',
    animeCustomLists: ['Rewatch with friends'],
    mangaCustomLists: ['Favourite shelf'],
    entries: [
      { mediaId: 154587, status: 'CURRENT', score: 90, progress: 12, started: [2024, 1, 10] },
      { mediaId: 21, status: 'CURRENT', score: 85, progress: 1071, started: [2019, 5, 1], notes: 'Catching up, one arc at a time.' },
      { mediaId: 1, status: 'REPEATING', score: 95, progress: 9, repeat: 1, started: [2018, 6, 2], completed: [2018, 6, 20], customLists: ['Rewatch with friends'] },
      { mediaId: 5114, status: 'COMPLETED', score: 98, started: [2021, 2, 1], completed: [2021, 4, 18] },
      { mediaId: 9253, status: 'COMPLETED', score: 93, started: [2022, 8, 1], completed: [2022, 8, 20], customLists: ['Rewatch with friends'] },
      { mediaId: 21519, status: 'COMPLETED', score: 88, started: [2017, 12, 24], completed: [2017, 12, 24] },
      { mediaId: 16498, status: 'COMPLETED', score: 80, started: [2015, 3], completed: [2015, 5] },
      { mediaId: 11061, status: 'PAUSED', progress: 75, started: [2023, 3, 1] },
      { mediaId: 11757, status: 'DROPPED', score: 45, progress: 8, started: [2020, 6, 1], notes: 'Not for me.' },
      { mediaId: 97986, status: 'PLANNING', priority: 1 },
      { mediaId: 101348, status: 'PLANNING' },
      { mediaId: 18679, status: 'PLANNING', private: true },
      { mediaId: 30013, status: 'CURRENT', score: 90, progress: 1100, progressVolumes: 105, started: [2010, 1, 5] },
      { mediaId: 30104, status: 'REPEATING', score: 92, progress: 30, repeat: 1, started: [2012, 4], completed: [2013, 1], customLists: ['Favourite shelf'] },
      { mediaId: 30001, status: 'COMPLETED', score: 96, started: [2016, 9, 3], completed: [2016, 11, 27], customLists: ['Favourite shelf'] },
      { mediaId: 53390, status: 'COMPLETED', score: 85, started: [2014, 2], completed: [2021, 4, 9] },
      { mediaId: 30002, status: 'PAUSED', score: 94, progress: 364, progressVolumes: 41, started: [2018] },
      { mediaId: 105398, status: 'DROPPED', score: 50, progress: 45 },
      { mediaId: 34632, status: 'PLANNING' },
    ],
  },
  {
    name: 'hana',
    scoreFormat: 'POINT_5',
    animeCustomLists: [],
    mangaCustomLists: [],
    entries: [
      { mediaId: 1, status: 'COMPLETED', score: 100, completed: [2019, 8, 14] },
      { mediaId: 5114, status: 'COMPLETED', score: 80, completed: [2020, 1, 30] },
      { mediaId: 154587, status: 'CURRENT', score: 80, progress: 20, started: [2024, 2] },
      { mediaId: 130003, status: 'PAUSED', score: 60, progress: 6 },
      { mediaId: 20, status: 'DROPPED', score: 40, progress: 50 },
      { mediaId: 113415, status: 'PLANNING' },
      { mediaId: 30001, status: 'COMPLETED', score: 100, completed: [2021, 7] },
      { mediaId: 101517, status: 'CURRENT', score: 80, progress: 200, progressVolumes: 22 },
    ],
  },
  {
    name: 'kenji',
    scoreFormat: 'POINT_3',
    animeCustomLists: [],
    mangaCustomLists: [],
    entries: [
      { mediaId: 30, status: 'COMPLETED', score: 85, completed: [2005] },
      { mediaId: 1535, status: 'COMPLETED', score: 60, completed: [2008, 3] },
      { mediaId: 21, status: 'CURRENT', score: 85, progress: 500 },
      { mediaId: 11757, status: 'DROPPED', score: 35, progress: 3 },
      { mediaId: 9253, status: 'PLANNING' },
      { mediaId: 30021, status: 'COMPLETED', score: 85 },
      { mediaId: 30042, status: 'PAUSED', score: 60, progress: 200, progressVolumes: 16 },
    ],
  },
]
