/**
 * The catalog's storage: the only module that writes `media` and `media_genres`. Writes are upserts
 * keyed by AniList's id, so importing the same data twice changes nothing; reads load many media in
 * one query (callers batch, see graphql/loaders.ts).
 */
import { ImportError } from './importers/import-error.js'
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { EMPTY_DATE, type Media, type MediaInput, type MediaTitle, type MediaType } from './media.js'
import { mediaToRow, rowToMedia, type MediaRow } from './media-row.js'

/** Ids per IN (...) list: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500

export interface UpsertOptions {
  /** Title parts the input may only fill in when none is stored (guesses that must not replace facts). */
  fillOnly?: ReadonlyArray<keyof MediaTitle>
  /** Add media that are missing and leave stored ones as they are (the built-in catalog). */
  insertOnly?: boolean
  /** Called after each chunk is written, with how many inputs are done out of how many. */
  onProgress?: (done: number, total: number) => void
  /**
   * Called for each work inserted or changed, with what was stored before (null: a new work) and
   * after: how the layers above learn what an import changed (social/media-notifications.ts tells
   * the users with the work on a list) without the catalog knowing them.
   */
  onWritten?: (write: MediaWrite) => void
}

/** One work an upsert wrote. */
export interface MediaWrite {
  before: Media | null
  after: Media
}

export interface UpsertResult {
  inserted: number
  updated: number
  unchanged: number
}

/** A new media with nothing known but its id and type. */
export function blankMedia(id: number, type: MediaType, updatedAt: number): Media {
  return {
    id, idMal: null, type, format: null, status: null, title: { romaji: null, english: null, native: null }, description: null,
    startDate: EMPTY_DATE, endDate: EMPTY_DATE, season: null, seasonYear: null, episodes: null, duration: null, chapters: null,
    volumes: null, countryOfOrigin: null, source: null, isLicensed: null, hashtag: null,
    coverImage: { extraLarge: null, large: null, medium: null, color: null }, bannerImage: null, trailer: null, genres: [], synonyms: [], relations: [],
    averageScore: null, meanScore: null, popularity: 0, favourites: 0, trending: 0, isAdult: false, isLocked: false,
    isFavouriteBlocked: false, isRecommendationBlocked: false, isReviewBlocked: false, updatedAt,
  }
}

/** The stored media with an input laid over it: fields the input leaves out keep their value. */
export function applyInput(base: Media, input: MediaInput, fillOnly: ReadonlyArray<keyof MediaTitle> = []): Media {
  const { title, coverImage, ...rest } = input
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<Media>
  const merged: Media = { ...base, ...defined, title: { ...base.title }, coverImage: { ...base.coverImage } }
  for (const [part, value] of Object.entries(title ?? {}) as Array<[keyof MediaTitle, string | null | undefined]>) {
    if (value === undefined) continue
    if (fillOnly.includes(part) && base.title[part] !== null) continue
    merged.title[part] = value
  }
  for (const [part, value] of Object.entries(coverImage ?? {}) as Array<[keyof Media['coverImage'], string | null | undefined]>) {
    if (value !== undefined) merged.coverImage[part] = value
  }
  merged.genres = distinctIgnoringCase(merged.genres)
  return merged
}

function distinctIgnoringCase(values: string[]): string[] {
  const seen = new Set<string>()
  return values.filter((v) => {
    const key = v.toLowerCase()
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function sameRow(a: MediaRow, b: MediaRow): boolean {
  for (const key of Object.keys(a) as Array<keyof MediaRow>) {
    if (key !== 'updated_at' && a[key] !== b[key]) return false
  }
  return true
}

/**
 * A work's type never changes under its id (AniList's ids are one space for anime and manga), and
 * list entries copy it: an input naming a stored id with the other type is another catalog's id
 * space, not an update. Every such input is named, and nothing is written.
 */
async function refuseTypeConflicts(db: Kysely<Tables>, inputs: readonly MediaInput[]): Promise<void> {
  const problems: string[] = []
  const wanted = new Map(inputs.map((i) => [i.id, i.type]))
  const ids = [...wanted.keys()]
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = await db.selectFrom('media').select(['id', 'type', 'title_romaji']).where('id', 'in', ids.slice(start, start + CHUNK)).execute()
    for (const row of rows) {
      const type = wanted.get(row.id)
      if (type && type !== row.type) problems.push(`media ${row.id} is stored here as ${row.type}${row.title_romaji ? ` ("${row.title_romaji}")` : ''}, but the input says ${type}: an id names one work, so nothing was written`)
    }
  }
  if (problems.length > 0) throw new ImportError(problems)
}

/**
 * Inserts new media and updates stored ones. A row whose data would not change is not written, and
 * keeps its updatedAt; a changed row takes the input's updatedAt, or now. Inputs repeating an id are
 * applied in order.
 */
export async function upsertMedia(db: Kysely<Tables>, clock: Clock, inputs: readonly MediaInput[], options: UpsertOptions = {}): Promise<UpsertResult> {
  await refuseTypeConflicts(db, inputs)
  const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 }
  for (let start = 0; start < inputs.length; start += CHUNK) {
    const chunk = inputs.slice(start, start + CHUNK)
    await db.transaction().execute(async (trx) => {
      const stored = new Map<number, MediaRow>()
      const ids = [...new Set(chunk.map((i) => i.id))]
      for (const row of await trx.selectFrom('media').selectAll().where('id', 'in', ids).execute()) stored.set(row.id, row)
      for (const input of chunk) {
        const existing = stored.get(input.id)
        if (existing && options.insertOnly) {
          result.unchanged++
          continue
        }
        const now = clock()
        const base = existing ? rowToMedia(existing) : blankMedia(input.id, input.type, now)
        const merged = applyInput(base, input, options.fillOnly)
        const row = mediaToRow(merged)
        if (existing && sameRow(row, existing)) {
          result.unchanged++
          continue
        }
        row.updated_at = input.updatedAt ?? now
        if (existing) {
          const { id, ...changes } = row
          await trx.updateTable('media').set(changes).where('id', '=', id).execute()
          result.updated++
        } else {
          await trx.insertInto('media').values(row).execute()
          result.inserted++
        }
        options.onWritten?.({ before: existing ? rowToMedia(existing) : null, after: rowToMedia(row) })
        if (!existing || existing.genres !== row.genres) {
          await trx.deleteFrom('media_genres').where('media_id', '=', row.id).execute()
          if (merged.genres.length > 0) {
            await trx.insertInto('media_genres').values(merged.genres.map((genre) => ({ media_id: row.id, genre, genre_key: genre.toLowerCase() }))).execute()
          }
        }
        stored.set(row.id, row)
      }
    })
    options.onProgress?.(Math.min(start + CHUNK, inputs.length), inputs.length)
  }
  return result
}

/** The media with these ids (missing ids are absent from the map), in one query per 500 ids. */
export async function loadMediaByIds(db: Kysely<Tables>, ids: readonly number[]): Promise<Map<number, Media>> {
  const out = new Map<number, Media>()
  const unique = [...new Set(ids)]
  for (let start = 0; start < unique.length; start += CHUNK) {
    const rows = await db.selectFrom('media').selectAll().where('id', 'in', unique.slice(start, start + CHUNK)).execute()
    for (const row of rows) out.set(row.id, rowToMedia(row))
  }
  return out
}

/**
 * The media with these MyAnimeList ids, optionally of one type. MAL numbers anime and manga apart, so
 * one MAL id can name an anime and a manga: each id maps to every match, lowest AniList id first.
 */
export async function loadMediaByMalIds(db: Kysely<Tables>, malIds: readonly number[], type?: MediaType): Promise<Map<number, Media[]>> {
  const out = new Map<number, Media[]>()
  const unique = [...new Set(malIds)]
  for (let start = 0; start < unique.length; start += CHUNK) {
    let query = db.selectFrom('media').selectAll().where('id_mal', 'in', unique.slice(start, start + CHUNK))
    if (type) query = query.where('type', '=', type)
    for (const row of await query.orderBy('id').execute()) {
      const list = out.get(row.id_mal!) ?? []
      list.push(rowToMedia(row))
      out.set(row.id_mal!, list)
    }
  }
  return out
}

/** How many media the catalog holds. */
export async function countAllMedia(db: Kysely<Tables>): Promise<number> {
  const row = await db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Every genre of the catalog's works, one spelling per genre (ignoring case), alphabetically. */
export async function allGenres(db: Kysely<Tables>): Promise<string[]> {
  const rows = await db.selectFrom('media_genres').select((eb) => ['genre_key', eb.fn.min('genre').as('genre')]).groupBy('genre_key').orderBy('genre_key').execute()
  return rows.map((r) => String(r.genre))
}

/** The figures AniList computes for a work from its users' lists and favourites (lists/figures/). */
export interface MediaFigures {
  averageScore: number | null
  meanScore: number | null
  popularity: number
  favourites: number
  trending: number
}

/**
 * Writes computed figures onto media rows, one UPDATE per media. A row's updatedAt is left alone: the
 * figures follow users' lists, not the work's data, and updatedAt is what syncing clients watch.
 */
export async function writeMediaFigures(db: Kysely<Tables>, figures: ReadonlyMap<number, MediaFigures>): Promise<void> {
  for (const [id, f] of figures) {
    await db
      .updateTable('media')
      .set({ average_score: f.averageScore, mean_score: f.meanScore, popularity: f.popularity, favourites: f.favourites, trending: f.trending })
      .where('id', '=', id)
      .execute()
  }
}

