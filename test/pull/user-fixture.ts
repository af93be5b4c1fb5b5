/**
 * The remote user of the `pull user` tests, on a seeded remote (helpers.ts): lists with public and
 * private entries in every status, custom lists, advanced scores, dates and notes, a
 * POINT_10_DECIMAL score format, and favourites of each kind, some of them (a character, a staff
 * member, a studio) in no work on the lists, so that the pull must ask for them by id.
 * Written through the domains' own functions, as the remote's own users would have made them.
 */
import { parseAniListImport, writeAniListImport } from '../../src/people/import/anilist-import.js'
import { insertEntries } from '../../src/lists/entry-store.js'
import { updateListOptions } from '../../src/lists/list-options.js'
import { toggleFavourite, type FavouriteType } from '../../src/accounts/favourites.js'
import { defaultEntryFields, scoreMap, type EntryFields } from '../../src/lists/entry.js'
import type { User } from '../../src/accounts/users.js'
import { makeUser } from '../helpers/flow.js'
import { ALPHA, BETA, GAMMA, MANGA } from './fixture.js'
import type { Remote } from './helpers.js'

export const DELTA = 910_301
export const EPSILON = 910_302
export const ZETA = 910_303
export const MANGA_TWO = 910_401
/** Favourites in no work of the lists: the pull must ask for them by id. */
export const LONE_CHARACTER = 95_900
export const LONE_STAFF = 97_900
export const LONE_STUDIO = 92_003

const work = (id: number, type: 'ANIME' | 'MANGA', title: string) => ({
  id, type, format: type === 'ANIME' ? 'TV' : 'MANGA', status: 'FINISHED', title: { romaji: title }, genres: ['Comedy'],
  ...(type === 'ANIME' ? { episodes: 12 } : { chapters: 50, volumes: 5 }),
})

export interface RemoteEntrySpec {
  mediaId: number
  mediaType: 'ANIME' | 'MANGA'
  fields: EntryFields
  createdAt: number
  updatedAt: number
}

const entry = (mediaId: number, mediaType: 'ANIME' | 'MANGA', fields: Partial<EntryFields>, at: number): RemoteEntrySpec => ({
  mediaId, mediaType, fields: { ...defaultEntryFields(), ...fields }, createdAt: 1_600_000_000 + at, updatedAt: 1_650_000_000 + at,
})

/** The remote user's entries: every status, public and private, both types. Raw scores that read exactly in POINT_10_DECIMAL. */
export function remoteEntries(): RemoteEntrySpec[] {
  return [
    entry(ALPHA, 'ANIME', {
      status: 'COMPLETED', score: 85, progress: 28, repeat: 1, notes: 'Loved the pull.', customLists: ['Best Shows'],
      advancedScores: scoreMap({ Story: 90, Sound: 70 }), startedAt: { year: 2024, month: 4, day: 6 }, completedAt: { year: 2024, month: 10, day: null },
    }, 1),
    entry(BETA, 'ANIME', { status: 'CURRENT', progress: 5, priority: 2, private: true, notes: 'Nobody knows.' }, 2),
    entry(GAMMA, 'ANIME', { status: 'PLANNING', hiddenFromStatusLists: true, customLists: ['Later', 'Best Shows'] }, 3),
    entry(DELTA, 'ANIME', { status: 'DROPPED', score: 35, progress: 3, startedAt: { year: 2023, month: null, day: null } }, 4),
    entry(EPSILON, 'ANIME', { status: 'PAUSED', score: 60, progress: 7, private: true, advancedScores: scoreMap({ Story: 55 }) }, 5),
    entry(ZETA, 'ANIME', { status: 'REPEATING', score: 100, progress: 2, repeat: 3 }, 6),
    entry(MANGA, 'MANGA', { status: 'CURRENT', score: 72, progress: 40, progressVolumes: 4, customLists: ['Shelf'] }, 7),
    entry(MANGA_TWO, 'MANGA', { status: 'COMPLETED', score: 91, progress: 50, progressVolumes: 5, private: true, completedAt: { year: 2022, month: 2, day: 2 } }, 8),
  ]
}

export const REMOTE_FAVOURITES: Record<FavouriteType, number[]> = {
  ANIME: [BETA, ALPHA],
  MANGA: [MANGA_TWO],
  CHARACTER: [LONE_CHARACTER, 95_001],
  STAFF: [LONE_STAFF, 96_000],
  STUDIO: [LONE_STUDIO, 92_001],
}

/** Adds the user's works, people and the user to a seeded remote; returns the user. */
export async function seedRemoteUser(remote: Remote, name = 'Remo'): Promise<User> {
  const { db } = remote.app.kiroku
  const clock = remote.clock
  await writeAniListImport(db, clock, parseAniListImport(JSON.stringify([work(DELTA, 'ANIME', 'Pull Delta'), work(EPSILON, 'ANIME', 'Pull Epsilon'), work(ZETA, 'ANIME', 'Pull Zeta'), work(MANGA_TWO, 'MANGA', 'Pull Manga Two')])))
  await writeAniListImport(db, clock, parseAniListImport(JSON.stringify({ data: { Page: { characters: [{ id: LONE_CHARACTER, name: { full: 'Lone Char' }, gender: 'Male' }] } } })))
  await writeAniListImport(db, clock, parseAniListImport(JSON.stringify({ data: { Page: { staff: [{ id: LONE_STAFF, name: { full: 'Lone Crew' }, languageV2: 'Japanese' }] } } })))
  await writeAniListImport(db, clock, parseAniListImport(JSON.stringify({ data: { Page: { studios: [{ id: LONE_STUDIO, name: 'Lone Studio', isAnimationStudio: true }] } } })))
  const user = await makeUser(remote.app, name)
  await updateListOptions(db, clock, user.id, {
    scoreFormat: 'POINT_10_DECIMAL',
    animeList: { customLists: ['Best Shows', 'Later'], advancedScoring: ['Story', 'Sound'], advancedScoringEnabled: true },
    mangaList: { customLists: ['Shelf'] },
  })
  await insertEntries(db, remoteEntries().map((e) => ({ userId: user.id, ...e })))
  for (const [type, ids] of Object.entries(REMOTE_FAVOURITES) as Array<[FavouriteType, number[]]>) for (const id of ids) await toggleFavourite(db, clock, user.id, type, id)
  return user
}
