/**
 * How a user's lists are scored, ordered and divided: the score format, the default row order, and
 * per type (anime, manga) the section order, custom lists, advanced scoring categories and whether
 * completed entries split by format. This module owns `media_list_options`; a user without a row has
 * AniList's defaults. Options are stored as JSON: read whole, written whole, never searched.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { MediaType } from '../catalog/media.js'
import type { ScoreFormat } from './score-format.js'

export interface MediaListTypeOptions {
  sectionOrder: string[]
  splitCompletedSectionByFormat: boolean
  customLists: string[]
  advancedScoring: string[]
  advancedScoringEnabled: boolean
  theme: unknown
}

export interface MediaListOptions {
  scoreFormat: ScoreFormat
  rowOrder: string
  animeList: MediaListTypeOptions
  mangaList: MediaListTypeOptions
}

/** A change to the list options: any top-level option, and any option of either type's list. */
export type ListOptionsChanges = Partial<Omit<MediaListOptions, 'animeList' | 'mangaList'>> & {
  animeList?: Partial<MediaListTypeOptions>
  mangaList?: Partial<MediaListTypeOptions>
}

const defaultTypeOptions = (sections: string[]): MediaListTypeOptions => ({
  sectionOrder: sections,
  splitCompletedSectionByFormat: false,
  customLists: [],
  advancedScoring: ['Story', 'Characters', 'Visuals', 'Audio', 'Enjoyment'],
  advancedScoringEnabled: false,
  theme: null,
})

/** AniList's defaults for a new account. */
export function defaultListOptions(): MediaListOptions {
  return {
    scoreFormat: 'POINT_100',
    rowOrder: 'score',
    animeList: defaultTypeOptions(['Watching', 'Rewatching', 'Completed', 'Paused', 'Dropped', 'Planning']),
    mangaList: defaultTypeOptions(['Reading', 'Rereading', 'Completed', 'Paused', 'Dropped', 'Planning']),
  }
}

/** The options of one type's list. */
export function typeOptions(options: MediaListOptions, type: MediaType): MediaListTypeOptions {
  return type === 'ANIME' ? options.animeList : options.mangaList
}

/** Stored JSON over the defaults, so that options added later get their default for old rows. */
function parse(json: string): MediaListOptions {
  const stored = JSON.parse(json) as Partial<MediaListOptions>
  const defaults = defaultListOptions()
  return { ...defaults, ...stored, animeList: { ...defaults.animeList, ...stored.animeList }, mangaList: { ...defaults.mangaList, ...stored.mangaList } }
}

/** The list options of several users at once (batched loading); users without a row get the defaults. */
export async function getListOptions(db: Kysely<Tables>, userIds: readonly number[]): Promise<Map<number, MediaListOptions>> {
  const out = new Map<number, MediaListOptions>(userIds.map((id) => [id, defaultListOptions()]))
  if (userIds.length === 0) return out
  const rows = await db.selectFrom('media_list_options').select(['user_id', 'options']).where('user_id', 'in', [...new Set(userIds)]).execute()
  for (const row of rows) out.set(row.user_id, parse(row.options))
  return out
}

/** One user's list options. */
export async function getListOptionsOf(db: Kysely<Tables>, userId: number): Promise<MediaListOptions> {
  return (await getListOptions(db, [userId])).get(userId)!
}

/** Applies changes (already validated by the caller) over the stored options; returns the result. */
export async function updateListOptions(db: Kysely<Tables>, clock: Clock, userId: number, changes: ListOptionsChanges): Promise<MediaListOptions> {
  const current = await getListOptionsOf(db, userId)
  const next: MediaListOptions = {
    ...current,
    ...changes,
    animeList: { ...current.animeList, ...changes.animeList },
    mangaList: { ...current.mangaList, ...changes.mangaList },
  }
  const row = { options: JSON.stringify(next), updated_at: clock() }
  await db
    .insertInto('media_list_options')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute()
  return next
}

/** Removes a user's list options row (the account is deleted). */
export async function deleteListOptionsOf(db: Kysely<Tables>, userId: number): Promise<void> {
  await db.deleteFrom('media_list_options').where('user_id', '=', userId).execute()
}
