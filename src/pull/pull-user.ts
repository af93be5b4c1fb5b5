/**
 * `kiroku pull user`: a remote user's lists and favourites into an existing local user. Every work
 * they point at is pulled first with the media pull (so that entries point at stored works), and
 * the favourite characters, staff and studios the works did not bring are asked by id and written
 * through the importer. Entries, list options and favourites are written through the lists and
 * accounts domains' own functions. The local user's entries win unless `overwrite` is given; a
 * second run changes nothing.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { MediaType } from '../catalog/media.js'
import { KirokuError } from '../errors/kiroku-error.js'
import { findUserByName } from '../accounts/users.js'
import { favouriteIdsOf, toggleFavourite, FAVOURITE_TYPES, type FavouriteType } from '../accounts/favourites.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import { loadStudiosByIds } from '../catalog/studios.js'
import { loadCharactersByIds, loadStaffByIds } from '../people/person-store.js'
import { readAniListImport, writeAniListImport } from '../people/import/anilist-import.js'
import { ImportError } from '../catalog/importers/import-error.js'
import { countUserEntries, insertEntries, loadUserEntriesForMedia, updateEntry } from '../lists/entry-store.js'
import { getListOptionsOf, updateListOptions, type ListOptionsChanges, type MediaListTypeOptions } from '../lists/list-options.js'
import type { EntryFields } from '../lists/entry.js'
import { recomputeFigures } from '../lists/figures/recompute.js'
import { fetchRemoteEntries, fetchRemoteFavourites, fetchRemoteUser, type RemoteTypeOptions, type RemoteUser } from './fetch-user.js'
import { pullMedia } from './pull-media.js'
import { RemoteError, type RemoteClient } from './remote.js'
import { BY_IDS } from './user-queries.js'

/** The local user named by --into does not exist. */
export class LocalUserMissing extends KirokuError {
  readonly code = 'local_user_missing'
}

export interface PullUserOptions {
  /** The remote user; absent with a token, for the token's own user. */
  name?: string
  /** The remote client carries the owner's token: read `Viewer`, private entries included. */
  viaToken?: boolean
  /** The local user the lists go to. */
  into: string
  /** Replace local entries of the same works (otherwise they are kept). */
  overwrite?: boolean
  onProgress?: (done: number, total: number) => void
  /** Asked between the media pull's batches: true stops there (Ctrl-C); nothing of the lists is written, and the next run resumes the works. */
  shouldStop?: () => boolean
}

export interface PullUserSummary {
  inserted: number
  updated: number
  /** Local entries left as they were: without `overwrite`, every work the local user already had. */
  kept: number
  /** With `overwrite`, local entries already the same as the remote's. */
  unchanged: number
  /** Favourites added to the local user. */
  favourites: number
  /** Works the media pull wrote (those pulled before from this endpoint are skipped). */
  mediaPulled: number
  /** Favourite characters, staff and studios written because no pulled work brought them. */
  peoplePulled: number
  user: string
  into: string
  /** Whether the lists were read with the owner's token (private entries included). */
  withToken: boolean
  /** Works of the remote's lists or favourites the remote would not serve: left out. */
  missingMedia: number[]
  /** Present (true) when the pull was stopped while pulling works, before any entry was written. */
  interrupted?: true
}

const BATCH = 50

export async function pullUser(db: Kysely<Tables>, clock: Clock, remote: RemoteClient, options: PullUserOptions): Promise<PullUserSummary> {
  const local = await findUserByName(db, options.into)
  if (!local) throw new LocalUserMissing(`there is no local user ${JSON.stringify(options.into)}: create one first with \`kiroku user create\``)
  const user = await fetchRemoteUser(remote, options.name, options.viaToken === true)
  const entries = await fetchRemoteEntries(remote, user)
  const favourites = await fetchRemoteFavourites(remote, user)

  const mediaIds = [...new Set([...entries.map((e) => e.mediaId), ...favourites.get('ANIME')!, ...favourites.get('MANGA')!])]
  const media = await pullMedia(db, clock, remote, { ids: mediaIds, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) })
  const summary: PullUserSummary = {
    inserted: 0, updated: 0, kept: 0, unchanged: 0, favourites: 0, mediaPulled: media.pulled, peoplePulled: 0, user: user.name, into: local.name, withToken: options.viaToken === true, missingMedia: [],
  }
  if (media.interrupted) return { ...summary, interrupted: true }
  const stored = await loadMediaByIds(db, mediaIds)
  summary.missingMedia = mediaIds.filter((id) => !stored.has(id))
  summary.peoplePulled = await pullMissingPeople(db, clock, remote, favourites)

  const hadEntries = (await countUserEntries(db, local.id)) > 0
  await mergeListOptions(db, clock, local.id, user, { takeFormat: options.overwrite === true || !hadEntries, fresh: !hadEntries })

  const touched = new Set<number>()
  const storable = entries.filter((e) => stored.has(e.mediaId))
  const existing = await loadUserEntriesForMedia(db, local.id, storable.map((e) => e.mediaId))
  const fresh = storable.filter((e) => !existing.has(e.mediaId))
  summary.inserted = await insertEntries(db, fresh.map((e) => ({ userId: local.id, mediaId: e.mediaId, mediaType: stored.get(e.mediaId)!.type as MediaType, fields: e.fields, createdAt: e.createdAt || clock(), updatedAt: e.updatedAt || clock() })))
  for (const e of fresh) touched.add(e.mediaId)
  for (const e of storable) {
    const mine = existing.get(e.mediaId)
    if (!mine) continue
    if (!options.overwrite) summary.kept++
    else if (sameFields(mine, e.fields)) summary.unchanged++
    else {
      await updateEntry(db, mine.id, e.fields, clock())
      summary.updated++
      touched.add(e.mediaId)
    }
  }

  summary.favourites = await addFavourites(db, clock, local.id, favourites, stored, touched)
  if (touched.size > 0) await recomputeFigures(db, clock, [...touched])
  return summary
}

/** Whether a stored entry already holds these fields. */
function sameFields(a: EntryFields, b: EntryFields): boolean {
  const sorted = (m: Record<string, number>) => JSON.stringify(Object.entries(m).filter(([, s]) => s !== 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
  // A stored entry carries its keys and times too: only the fields a pull writes are compared.
  const plain = (f: EntryFields) => {
    const { status, score, progress, progressVolumes, repeat, priority, notes, hiddenFromStatusLists, startedAt, completedAt } = f
    const dates = (d: typeof startedAt) => [d.year, d.month, d.day]
    return JSON.stringify([status, score, progress, progressVolumes, repeat, priority, f.private, notes, hiddenFromStatusLists, dates(startedAt), dates(completedAt), [...f.customLists].map((n) => n.toLowerCase()).sort(), sorted(f.advancedScores)])
  }
  return plain(a) === plain(b)
}

/**
 * The remote's custom lists and advanced-scoring names join the local user's (the entries name
 * them; scores stay raw, so any format reads them right); the score format and whether advanced scoring is on come from the remote only for a user
 * with no entries yet, or with `overwrite`. Written only when something changes.
 */
async function mergeListOptions(db: Kysely<Tables>, clock: Clock, userId: number, user: RemoteUser, how: { takeFormat: boolean; fresh: boolean }): Promise<void> {
  const { takeFormat, fresh } = how
  const current = await getListOptionsOf(db, userId)
  const merge = (mine: MediaListTypeOptions, theirs: RemoteTypeOptions): Partial<MediaListTypeOptions> => {
    const union = (a: string[], b: string[]) => [...a, ...b.filter((n) => !a.some((m) => m.toLowerCase() === n.toLowerCase()))]
    return {
      customLists: union(mine.customLists, theirs.customLists),
      // A user with no entries yet takes the remote's categories as they are; one with entries keeps theirs too.
      advancedScoring: fresh ? theirs.advancedScoring : union(mine.advancedScoring, theirs.advancedScoring),
      advancedScoringEnabled: takeFormat ? theirs.advancedScoringEnabled : mine.advancedScoringEnabled,
    }
  }
  const changes: ListOptionsChanges = {
    scoreFormat: takeFormat ? user.scoreFormat : current.scoreFormat,
    animeList: merge(current.animeList, user.animeList),
    mangaList: merge(current.mangaList, user.mangaList),
  }
  const same = (mine: MediaListTypeOptions, next: Partial<MediaListTypeOptions>) =>
    JSON.stringify([mine.customLists, mine.advancedScoring, mine.advancedScoringEnabled]) === JSON.stringify([next.customLists, next.advancedScoring, next.advancedScoringEnabled])
  if (changes.scoreFormat === current.scoreFormat && same(current.animeList, changes.animeList!) && same(current.mangaList, changes.mangaList!)) return
  await updateListOptions(db, clock, userId, changes)
}

/** Adds, in the remote's order, each favourite the local user does not have yet and whose item is stored; returns how many. */
async function addFavourites(db: Kysely<Tables>, clock: Clock, userId: number, favourites: Map<FavouriteType, number[]>, stored: Map<number, unknown>, touched: Set<number>): Promise<number> {
  let added = 0
  for (const type of FAVOURITE_TYPES) {
    const wanted = favourites.get(type) ?? []
    if (wanted.length === 0) continue
    const have = new Set((await favouriteIdsOf(db, [userId], type)).get(userId) ?? [])
    const present = await storedItems(db, type, wanted, stored)
    for (const id of wanted) {
      if (have.has(id) || !present.has(id)) continue
      // toggleFavourite adds one that is absent (checked just above), last, as the remote's order asks.
      await toggleFavourite(db, clock, userId, type, id)
      added++
      if (type === 'ANIME' || type === 'MANGA') touched.add(id)
    }
  }
  return added
}

async function storedItems(db: Kysely<Tables>, type: FavouriteType, ids: number[], stored: Map<number, unknown>): Promise<Set<number>> {
  if (type === 'ANIME' || type === 'MANGA') return new Set(ids.filter((id) => stored.has(id)))
  const found = type === 'CHARACTER' ? await loadCharactersByIds(db, ids) : type === 'STAFF' ? await loadStaffByIds(db, ids) : await loadStudiosByIds(db, ids)
  return new Set(found.keys())
}

/** The favourite characters, staff and studios not stored yet (the works' casts bring most), asked by id and written through the importer. */
async function pullMissingPeople(db: Kysely<Tables>, clock: Clock, remote: RemoteClient, favourites: Map<FavouriteType, number[]>): Promise<number> {
  let written = 0
  for (const [type, field] of [['CHARACTER', 'characters'], ['STAFF', 'staff'], ['STUDIO', 'studios']] as const) {
    const ids = favourites.get(type) ?? []
    if (ids.length === 0) continue
    const present = await storedItems(db, type, ids, new Map())
    const missing = ids.filter((id) => !present.has(id))
    for (let start = 0; start < missing.length; start += BATCH) {
      const data = await remote.query<{ Page?: Record<string, unknown> }>(BY_IDS[type], { ids: missing.slice(start, start + BATCH) })
      const items = data.Page?.[field]
      if (!Array.isArray(items) || items.length === 0) continue
      let file
      try {
        file = readAniListImport({ data: { Page: { [field]: items } } })
      } catch (error) {
        if (error instanceof ImportError) throw new RemoteError(`${remote.endpoint} answered ${field} this server cannot store: ${error.problems.slice(0, 3).join('; ')}`)
        throw error
      }
      await writeAniListImport(db, clock, file)
      written += items.length
    }
  }
  return written
}
