/**
 * Studios and which works they made: the only module that reads or writes `studios` and
 * `media_studios`. Studios are keyed by AniList's id; a work's studios are replaced as a whole list,
 * in AniList's order, and only when they changed.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { buildSearchText, normaliseForSearch, searchWords } from './search-text.js'
import { columnConditions, type List, type Maybe } from '../query/filters.js'
import { allOf } from '../query/filters.js'
import { orderedBy, sortTerms, type OrderTerm, type SortKey } from '../query/sorts.js'
import type { Window } from '../query/paging.js'
import { bit, bool, chunks, sameRows } from './link-rows.js'
import type { Media } from './media.js'
import { rowToMedia, type MediaRow } from './media-row.js'
import { mediaOrder } from './media-sort.js'

type Db = Kysely<Tables> | Transaction<Tables>

export interface Studio {
  id: number
  name: string
  isAnimationStudio: boolean
}

/** A studio as an import names it: a new studio needs its name; a known one keeps what is left out. */
export interface StudioInput {
  id: number
  name?: string
  isAnimationStudio?: boolean
}

/** A work linked to a studio, from either side. */
export interface StudioMediaLink {
  studioId: number
  mediaId: number
  isMain: boolean
}

/** A studio of a work, and whether it is the work's main animation studio. */
export interface MediaStudio {
  studio: Studio
  isMain: boolean
}

export interface StudioWriteResult {
  inserted: number
  updated: number
  unchanged: number
}

const toStudio = (row: { id: number; name: string; is_animation_studio: number }): Studio => ({ id: row.id, name: row.name, isAnimationStudio: bool(row.is_animation_studio) })

/**
 * Inserts new studios and updates known ones; a studio whose data would not change is not written.
 * Inputs repeating an id are applied in order. A new studio without a name is skipped (counted as
 * unchanged): nothing could show it.
 */
export async function upsertStudios(db: Db, clock: Clock, inputs: readonly StudioInput[]): Promise<StudioWriteResult> {
  const result: StudioWriteResult = { inserted: 0, updated: 0, unchanged: 0 }
  const stored = new Map<number, Studio>()
  for (const ids of chunks(inputs.map((i) => i.id))) {
    for (const row of await db.selectFrom('studios').select(['id', 'name', 'is_animation_studio']).where('id', 'in', ids).execute()) stored.set(row.id, toStudio(row))
  }
  for (const input of inputs) {
    const existing = stored.get(input.id)
    const name = input.name ?? existing?.name
    if (name === undefined) {
      result.unchanged++
      continue
    }
    const next: Studio = { id: input.id, name, isAnimationStudio: input.isAnimationStudio ?? existing?.isAnimationStudio ?? false }
    if (existing && existing.name === next.name && existing.isAnimationStudio === next.isAnimationStudio) {
      result.unchanged++
      continue
    }
    const row = { name: next.name, is_animation_studio: bit(next.isAnimationStudio), search_text: buildSearchText([next.name]), updated_at: clock() }
    if (existing) {
      await db.updateTable('studios').set(row).where('id', '=', next.id).execute()
      result.updated++
    } else {
      await db.insertInto('studios').values({ id: next.id, ...row }).execute()
      result.inserted++
    }
    stored.set(next.id, next)
  }
  return result
}

/** Replaces a work's studios with this list (in order); returns whether anything changed. Studios must exist. */
export async function setMediaStudios(db: Db, mediaId: number, links: ReadonlyArray<{ studioId: number; isMain: boolean }>): Promise<boolean> {
  const seen = new Set<number>()
  const wanted = links
    .filter((l) => !seen.has(l.studioId) && seen.add(l.studioId))
    .map((l, position) => ({ studio_id: l.studioId, is_main: bit(l.isMain), position }))
  const stored = await db.selectFrom('media_studios').select(['studio_id', 'is_main', 'position']).where('media_id', '=', mediaId).orderBy('position').execute()
  if (sameRows(stored, wanted)) return false
  await db.deleteFrom('media_studios').where('media_id', '=', mediaId).execute()
  if (wanted.length > 0) await db.insertInto('media_studios').values(wanted.map((w) => ({ media_id: mediaId, ...w }))).execute()
  return true
}

/**
 * Links works to a studio from the studio's side (a saved Page.studios response): a work already
 * linked keeps its place and takes the new isMain; a new link goes after the work's other studios.
 * Works not in the catalog are skipped. Returns how many links were added or changed.
 */
export async function linkStudioMedia(db: Db, studioId: number, links: ReadonlyArray<Omit<StudioMediaLink, 'studioId'>>): Promise<number> {
  if (links.length === 0) return 0
  const ids = [...new Set(links.map((l) => l.mediaId))]
  const known = new Set((await db.selectFrom('media').select('id').where('id', 'in', ids).execute()).map((r) => r.id))
  const stored = await db.selectFrom('media_studios').select(['media_id', 'studio_id', 'is_main', 'position']).where('media_id', 'in', ids).execute()
  let changed = 0
  for (const link of links) {
    if (!known.has(link.mediaId)) continue
    const mine = stored.find((r) => r.media_id === link.mediaId && r.studio_id === studioId)
    if (mine) {
      if (mine.is_main !== bit(link.isMain)) {
        await db.updateTable('media_studios').set({ is_main: bit(link.isMain) }).where('media_id', '=', link.mediaId).where('studio_id', '=', studioId).execute()
        mine.is_main = bit(link.isMain)
        changed++
      }
      continue
    }
    const position = Math.max(-1, ...stored.filter((r) => r.media_id === link.mediaId).map((r) => r.position)) + 1
    const row = { media_id: link.mediaId, studio_id: studioId, is_main: bit(link.isMain), position }
    await db.insertInto('media_studios').values(row).execute()
    stored.push(row)
    changed++
  }
  return changed
}

/** The studios with these ids (missing ids are absent), in one query per 500 ids. */
export async function loadStudiosByIds(db: Db, ids: readonly number[]): Promise<Map<number, Studio>> {
  const out = new Map<number, Studio>()
  for (const chunk of chunks(ids)) {
    for (const row of await db.selectFrom('studios').select(['id', 'name', 'is_animation_studio']).where('id', 'in', chunk).execute()) out.set(row.id, toStudio(row))
  }
  return out
}

/** Each work's studios in AniList's order (an empty list for none), for many works in one query per 500. */
export async function studiosOfMedia(db: Db, mediaIds: readonly number[]): Promise<Map<number, MediaStudio[]>> {
  const out = new Map<number, MediaStudio[]>(mediaIds.map((id) => [id, []]))
  for (const chunk of chunks(mediaIds)) {
    const rows = await db
      .selectFrom('media_studios as ms')
      .innerJoin('studios as s', 's.id', 'ms.studio_id')
      .select(['ms.media_id', 'ms.is_main', 's.id', 's.name', 's.is_animation_studio'])
      .where('ms.media_id', 'in', chunk)
      .orderBy('ms.media_id')
      .orderBy('ms.position')
      .execute()
    for (const row of rows) out.get(row.media_id)!.push({ studio: toStudio(row), isMain: bool(row.is_main) })
  }
  return out
}

/** One page of a studio's works, each with whether the studio was its main one, and how many there are in all. */
export interface StudioMediaPage {
  media: Array<{ media: Media; isMain: boolean }>
  total: number
}

/**
 * One page of each studio's works (only those it was the main studio of with isMain true, only the
 * others with false), in the sorts' order, for many studios in one query: a window function numbers
 * each studio's works and counts them. `extraConditions` are on `media` (the viewer's list).
 */
export async function studioMediaPages(
  db: Db,
  studioIds: readonly number[],
  options: { sort?: ReadonlyArray<string | null> | null; isMain?: boolean | null; extraConditions?: Expression<SqlBool>[]; window: Window },
): Promise<Map<number, StudioMediaPage>> {
  const out = new Map<number, StudioMediaPage>(studioIds.map((id) => [id, { media: [], total: 0 }]))
  const order = mediaOrder(options.sort, null).map((t) => sql`${t.expression} ${sql.raw(t.direction)}`)
  const main = typeof options.isMain === 'boolean' ? [sql<SqlBool>`ms.is_main = ${options.isMain ? 1 : 0}`] : []
  const { offset, limit } = options.window
  for (const chunk of chunks(studioIds)) {
    const where = allOf([sql<SqlBool>`ms.studio_id in (${sql.join(chunk)})`, ...main, ...(options.extraConditions ?? [])])!
    const result = await sql<MediaRow & { studio_id: number; studio_is_main: number; n: number; total: number }>`
      select * from (
        select media.*, ms.studio_id as studio_id, ms.is_main as studio_is_main,
          row_number() over (partition by ms.studio_id order by ${sql.join(order)}) as n,
          count(*) over (partition by ms.studio_id) as total
        from media inner join media_studios ms on ms.media_id = media.id
        where ${where}
      ) numbered
      where n > ${offset} and n <= ${offset + limit}
      order by studio_id, n`.execute(db)
    for (const { studio_id, studio_is_main, n: _n, total, ...row } of result.rows) {
      const page = out.get(Number(studio_id))!
      page.media.push({ media: rowToMedia(row as MediaRow), isMain: Number(studio_is_main) !== 0 })
      page.total = Number(total)
    }
    // A page past the end holds no rows, yet its pageInfo still wants the total.
    const empty = chunk.filter((id) => out.get(id)!.media.length === 0)
    if (empty.length > 0 && offset > 0) {
      const counted = allOf([sql<SqlBool>`ms.studio_id in (${sql.join(empty)})`, ...main, ...(options.extraConditions ?? [])])!
      const counts = await sql<{ studio_id: number; n: number }>`select ms.studio_id as studio_id, count(*) as n from media inner join media_studios ms on ms.media_id = media.id where ${counted} group by ms.studio_id`.execute(db)
      for (const c of counts.rows) out.get(Number(c.studio_id))!.total = Number(c.n)
    }
  }
  return out
}

/** AniList's Studio filter arguments (Query.Studio, Page.studios). */
export interface StudioFilter {
  id?: Maybe<number>
  search?: Maybe<string>
  id_not?: Maybe<number>
  id_in?: List<number>
  id_not_in?: List<number>
}

export const STUDIO_SORTS = ['ID', 'ID_DESC', 'NAME', 'NAME_DESC', 'SEARCH_MATCH', 'FAVOURITES', 'FAVOURITES_DESC'] as const

export interface StudioQuery {
  filter: StudioFilter
  sort?: ReadonlyArray<string | null> | null
  /**
   * How FAVOURITES orders: the count of the users' favourites, an expression on `studios.id` that the
   * favourites' owner supplies (the catalog does not read others' tables). Without it FAVOURITES adds nothing.
   */
  favouritesKey?: (studioId: Expression<unknown>) => SortKey
}

const ref = (column: string) => sql.ref(`studios.${column}`)

function studioConditions(filter: StudioFilter): Expression<SqlBool>[] {
  const out = columnConditions(filter as Record<string, unknown>, { id: ref('id') })
  if (typeof filter.search === 'string') {
    for (const word of searchWords(filter.search)) out.push(sql<SqlBool>`${ref('search_text')} like ${`%${word}%`}`)
  }
  return out
}

/** The ORDER BY terms: with no sort, a search orders by how well the name matched, anything else by id. */
function studioOrder(query: StudioQuery): OrderTerm[] {
  const search = typeof query.filter.search === 'string' ? normaliseForSearch(query.filter.search) : ''
  const wanted = (query.sort ?? []).filter((s): s is string => s !== null)
  const list = wanted.length > 0 ? wanted : search !== '' ? ['SEARCH_MATCH'] : []
  const keys: Record<string, SortKey> = { ID: ref('id'), NAME: ref('name') }
  if (query.favouritesKey) keys.FAVOURITES = query.favouritesKey(ref('id'))
  const special = (sort: string): OrderTerm[] | undefined => {
    if (sort !== 'SEARCH_MATCH') return undefined
    if (search === '') return []
    const rank = sql`case when ${ref('search_text')} like ${`%|${search}|%`} then 0 when ${ref('search_text')} like ${`%|${search}%`} then 1 else 2 end`
    return [{ expression: rank, direction: 'asc' }]
  }
  return sortTerms(list, keys, ref('id'), special)
}

function filtered(db: Db, filter: StudioFilter) {
  const condition = allOf(studioConditions(filter))
  const base = db.selectFrom('studios')
  return condition === null ? base : base.where(condition)
}

/** The studios matching a query, in its order, within the window. */
export async function findStudios(db: Db, query: StudioQuery, window: Window): Promise<Studio[]> {
  const rows = await orderedBy(filtered(db, query.filter).select(['studios.id', 'studios.name', 'studios.is_animation_studio']), studioOrder(query))
    .limit(window.limit)
    .offset(window.offset)
    .execute()
  return rows.map(toStudio)
}

/** How many studios match a filter. */
export async function countStudios(db: Db, filter: StudioFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
