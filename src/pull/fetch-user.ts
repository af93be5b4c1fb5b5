/**
 * Reads a remote user for `kiroku pull user`: who they are, their list options, both lists chunk by
 * chunk (each entry once, though custom lists repeat it) and their favourites page by page, as plain
 * values this server's lists can store. Nothing is written here.
 */
import type { FuzzyDate, MediaType } from '../catalog/media.js'
import { MEDIA_LIST_STATUSES, scoreMap, type EntryFields, type MediaListStatus } from '../lists/entry.js'
import { isScoreFormat, toRawScore, type ScoreFormat } from '../lists/score-format.js'
import type { FavouriteType } from '../accounts/favourites.js'
import { FAVOURITE_KINDS, FAVOURITES_PER_PAGE, favouritesQuery, LIST_CHUNK, PER_CHUNK, USER_BY_NAME, VIEWER } from './user-queries.js'
import { RemoteError, type RemoteClient } from './remote.js'

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The remote has no such user (or the token names none): said as one line by the CLI. */
export class RemoteUserNotFound extends RemoteError {}

export interface RemoteTypeOptions {
  customLists: string[]
  advancedScoring: string[]
  advancedScoringEnabled: boolean
}

export interface RemoteUser {
  id: number
  name: string
  scoreFormat: ScoreFormat
  animeList: RemoteTypeOptions
  mangaList: RemoteTypeOptions
}

export interface RemoteEntry {
  mediaId: number
  mediaType: MediaType
  fields: EntryFields
  createdAt: number
  updatedAt: number
}

/** A list or a favourites kind with more pages than this is a remote that never stops. */
const MAX_PAGES = 1000

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [])
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : 0)

function typeOptionsOf(v: unknown): RemoteTypeOptions {
  const o = isObject(v) ? v : {}
  return { customLists: strings(o.customLists), advancedScoring: strings(o.advancedScoring), advancedScoringEnabled: o.advancedScoringEnabled === true }
}

/** The user NAME, or with a token the token's own user (who must then be NAME, when a name is given). */
export async function fetchRemoteUser(remote: RemoteClient, name: string | undefined, viaToken: boolean): Promise<RemoteUser> {
  const user = await fetchUserObject(remote, viaToken ? undefined : name)
  if (viaToken && name !== undefined && user.name.toLowerCase() !== name.toLowerCase()) {
    throw new RemoteUserNotFound(`the token is ${JSON.stringify(user.name)}'s, not ${JSON.stringify(name)}'s: give that name, or none`)
  }
  return user
}

async function fetchUserObject(remote: RemoteClient, name: string | undefined): Promise<RemoteUser> {
  let user: unknown
  try {
    user = name === undefined ? (await remote.query<{ Viewer?: unknown }>(VIEWER, {})).Viewer : (await remote.query<{ User?: unknown }>(USER_BY_NAME, { name })).User
  } catch (error) {
    if (error instanceof RemoteError && /not found/i.test(error.message)) throw new RemoteUserNotFound(name === undefined ? `${remote.endpoint} knows no user for that token` : `${remote.endpoint} has no user named ${JSON.stringify(name)}`)
    throw error
  }
  if (!isObject(user) || typeof user.id !== 'number') throw new RemoteUserNotFound(name === undefined ? `${remote.endpoint} knows no user for that token (is it still valid?)` : `${remote.endpoint} has no user named ${JSON.stringify(name)}`)
  const options = isObject(user.mediaListOptions) ? user.mediaListOptions : {}
  return {
    id: user.id,
    name: typeof user.name === 'string' ? user.name : String(user.id),
    scoreFormat: isScoreFormat(options.scoreFormat) ? options.scoreFormat : 'POINT_100',
    animeList: typeOptionsOf(options.animeList),
    mangaList: typeOptionsOf(options.mangaList),
  }
}

function dateOf(v: unknown): FuzzyDate {
  const d = isObject(v) ? v : {}
  const part = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) ? x : null)
  return { year: part(d.year), month: part(d.month), day: part(d.day) }
}

/** One entry as the remote serves it, as this server stores it; null for one it cannot be (no media id, unknown status). */
function entryOf(v: unknown, type: MediaType, format: ScoreFormat): RemoteEntry | null {
  if (!isObject(v) || typeof v.mediaId !== 'number' || !Number.isSafeInteger(v.mediaId)) return null
  if (!(MEDIA_LIST_STATUSES as readonly unknown[]).includes(v.status)) return null
  const customLists = Array.isArray(v.customLists) ? v.customLists.flatMap((l) => (isObject(l) && l.enabled === true && typeof l.name === 'string' ? [l.name] : [])) : []
  // Advanced scores come in the owner's format: back to raw, as this server stores them. A remote
  // answers every category, 0 for those not scored; 0 is "not scored" here too, so those are left out.
  const advancedScores = scoreMap()
  if (isObject(v.advancedScores)) {
    for (const [k, s] of Object.entries(v.advancedScores)) if (typeof s === 'number' && Number.isFinite(s) && s > 0) advancedScores[k] = Math.min(100, toRawScore(s, format))
  }
  return {
    mediaId: v.mediaId,
    mediaType: type,
    fields: {
      status: v.status as MediaListStatus,
      score: Math.min(100, Math.max(0, int(v.score))),
      progress: Math.max(0, int(v.progress)),
      progressVolumes: Math.max(0, int(v.progressVolumes)),
      repeat: Math.max(0, int(v.repeat)),
      priority: Math.max(0, int(v.priority)),
      private: v.private === true,
      notes: typeof v.notes === 'string' && v.notes !== '' ? v.notes : null,
      hiddenFromStatusLists: v.hiddenFromStatusLists === true,
      customLists,
      advancedScores,
      startedAt: dateOf(v.startedAt),
      completedAt: dateOf(v.completedAt),
    },
    createdAt: int(v.createdAt),
    updatedAt: int(v.updatedAt),
  }
}

/** Both of the user's lists (what the remote shows this client: private entries only with the owner's token); `perChunk` is smaller only in tests, to make them page. */
export async function fetchRemoteEntries(remote: RemoteClient, user: RemoteUser, perChunk = PER_CHUNK): Promise<RemoteEntry[]> {
  const out = new Map<number, RemoteEntry>()
  for (const type of ['ANIME', 'MANGA'] as const) {
    for (let chunk = 1; ; chunk++) {
      if (chunk > MAX_PAGES) throw new RemoteError(`${remote.endpoint} kept announcing more chunks of ${user.name}'s ${type.toLowerCase()} list`)
      const data = await remote.query<{ MediaListCollection?: unknown }>(LIST_CHUNK, { userId: user.id, type, chunk, perChunk })
      const collection = isObject(data.MediaListCollection) ? data.MediaListCollection : {}
      let count = 0
      for (const list of Array.isArray(collection.lists) ? collection.lists : []) {
        for (const raw of isObject(list) && Array.isArray(list.entries) ? list.entries : []) {
          const entry = entryOf(raw, type, user.scoreFormat)
          count++
          if (entry && !out.has(entry.mediaId)) out.set(entry.mediaId, entry)
        }
      }
      // An empty chunk ends the list even if the remote says more follow.
      if (count === 0 || collection.hasNextChunk !== true) break
    }
  }
  return [...out.values()]
}

/** The user's favourites of each kind, ids in the user's order; `perPage` is smaller only in tests. */
export async function fetchRemoteFavourites(remote: RemoteClient, user: RemoteUser, perPage = FAVOURITES_PER_PAGE): Promise<Map<FavouriteType, number[]>> {
  const out = new Map<FavouriteType, number[]>()
  for (const kind of FAVOURITE_KINDS) {
    const ids: number[] = []
    const query = favouritesQuery(kind.field)
    for (let page = 1; ; page++) {
      if (page > MAX_PAGES) throw new RemoteError(`${remote.endpoint} kept announcing more pages of ${user.name}'s favourite ${kind.field}`)
      const data = await remote.query<{ User?: unknown }>(query, { id: user.id, page, perPage })
      const favourites = isObject(data.User) && isObject(data.User.favourites) ? data.User.favourites : {}
      const connection = isObject(favourites[kind.field]) ? (favourites[kind.field] as Json) : {}
      const nodes = Array.isArray(connection.nodes) ? connection.nodes : []
      for (const node of nodes) if (isObject(node) && typeof node.id === 'number' && Number.isSafeInteger(node.id) && !ids.includes(node.id)) ids.push(node.id)
      if (nodes.length === 0 || !(isObject(connection.pageInfo) && connection.pageInfo.hasNextPage === true)) break
    }
    out.set(kind.type, ids)
  }
  return out
}
