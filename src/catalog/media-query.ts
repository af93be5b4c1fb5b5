/**
 * Finding media: AniList's filters and sorts (media-filter.ts, media-sort.ts) over the `media` table,
 * a page at a time, and the total count that pageInfo reports.
 */
import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Media } from './media.js'
import { rowToMedia } from './media-row.js'
import { mediaConditions, type MediaFilter } from './media-filter.js'
import { mediaOrder } from './media-sort.js'
import { allOf } from '../query/filters.js'
import { orderedBy } from '../query/sorts.js'
import type { Window } from '../query/paging.js'

/** A query: the filter, the sorts, and conditions other modules add (the viewer's lists for `onList`). */
export interface MediaQuery {
  filter: MediaFilter
  sort?: ReadonlyArray<string | null> | null
  /** Extra conditions on the `media` table (referred to as `media`), combined with the filter by AND. */
  extraConditions?: Expression<SqlBool>[]
}

function filtered(db: Kysely<Tables>, query: MediaQuery): SelectQueryBuilder<Tables, 'media', {}> {
  const condition = allOf([...mediaConditions(query.filter), ...(query.extraConditions ?? [])])
  const base = db.selectFrom('media')
  return condition === null ? base : base.where(condition)
}

/** The media matching a query, in its order, within the window. */
export async function findMedia(db: Kysely<Tables>, query: MediaQuery, window: Window): Promise<Media[]> {
  const select = orderedBy(filtered(db, query).selectAll('media'), mediaOrder(query.sort, query.filter.search))
  const rows = await select.limit(window.limit).offset(window.offset).execute()
  return rows.map(rowToMedia)
}

/** How many media match a query. */
export async function countMedia(db: Kysely<Tables>, query: MediaQuery): Promise<number> {
  const row = await filtered(db, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
