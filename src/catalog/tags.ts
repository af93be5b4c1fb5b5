/**
 * AniList's tags and the tags of each work: the only module that reads or writes `tags` and
 * `media_tags`. Tags are keyed by AniList's id with unique names; a work's tags are replaced as a
 * whole list, in AniList's order (by rank), and only when they changed. Tag filters of Media are
 * built here too, as they read these tables.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import { NOTHING, present, type List, type Maybe } from '../query/filters.js'
import { bit, bool, chunks, sameRows } from './link-rows.js'

type Db = Kysely<Tables> | Transaction<Tables>

export interface Tag {
  id: number
  name: string
  description: string | null
  category: string | null
  isGeneralSpoiler: boolean
  isAdult: boolean
}

/** A tag as an import names it: a new tag needs its name; a known one keeps what is left out. */
export type TagInput = { id: number } & Partial<Omit<Tag, 'id'>>

/** A tag of a work: how strongly it applies (0–100) and whether it spoils this work. */
export interface MediaTag {
  tag: Tag
  rank: number | null
  isMediaSpoiler: boolean
}

/** Thrown when two tag ids would share one name: AniList's names are unique. */
export class TagNameConflict extends Error {
  constructor(readonly tagName: string, readonly ids: [number, number]) {
    super(`tag ${ids[1]}: the name ${JSON.stringify(tagName)} is already tag ${ids[0]}'s`)
  }
}

interface TagRow {
  id: number
  name: string
  description: string | null
  category: string | null
  is_general_spoiler: number
  is_adult: number
}

const toTag = (row: TagRow): Tag => ({
  id: row.id, name: row.name, description: row.description, category: row.category, isGeneralSpoiler: bool(row.is_general_spoiler), isAdult: bool(row.is_adult),
})

const TAG_COLUMNS = ['id', 'name', 'description', 'category', 'is_general_spoiler', 'is_adult'] as const

const sameTag = (a: Tag, b: Tag) => a.name === b.name && a.description === b.description && a.category === b.category && a.isGeneralSpoiler === b.isGeneralSpoiler && a.isAdult === b.isAdult

/** Inserts new tags and updates known ones; unchanged ones are not written. Returns how many rows changed. */
export async function upsertTags(db: Db, inputs: readonly TagInput[]): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const result = { inserted: 0, updated: 0, unchanged: 0 }
  const stored = new Map<number, Tag>()
  for (const ids of chunks(inputs.map((i) => i.id))) {
    for (const row of await db.selectFrom('tags').select(TAG_COLUMNS).where('id', 'in', ids).execute()) stored.set(row.id, toTag(row))
  }
  for (const input of inputs) {
    const existing = stored.get(input.id)
    const pick = <K extends keyof Tag>(key: K, fallback: Tag[K]): Tag[K] => (input[key] !== undefined ? (input[key] as Tag[K]) : existing ? existing[key] : fallback)
    const name = input.name ?? existing?.name
    if (name === undefined) {
      result.unchanged++
      continue
    }
    const next: Tag = { id: input.id, name, description: pick('description', null), category: pick('category', null), isGeneralSpoiler: pick('isGeneralSpoiler', false), isAdult: pick('isAdult', false) }
    if (existing && sameTag(existing, next)) {
      result.unchanged++
      continue
    }
    const clash = await db.selectFrom('tags').select('id').where('name_key', '=', name.toLowerCase()).where('id', '<>', next.id).executeTakeFirst()
    if (clash) throw new TagNameConflict(name, [clash.id, next.id])
    const row = {
      name: next.name, name_key: next.name.toLowerCase(), description: next.description, category: next.category,
      category_key: next.category?.toLowerCase() ?? null, is_general_spoiler: bit(next.isGeneralSpoiler), is_adult: bit(next.isAdult),
    }
    if (existing) {
      await db.updateTable('tags').set(row).where('id', '=', next.id).execute()
      result.updated++
    } else {
      await db.insertInto('tags').values({ id: next.id, ...row }).execute()
      result.inserted++
    }
    stored.set(next.id, next)
  }
  return result
}

/** Replaces a work's tags with this list (in order); returns whether anything changed. Tags must exist. */
export async function setMediaTags(db: Db, mediaId: number, links: ReadonlyArray<{ tagId: number; rank: number | null; isMediaSpoiler: boolean }>): Promise<boolean> {
  const seen = new Set<number>()
  const wanted = links
    .filter((l) => !seen.has(l.tagId) && seen.add(l.tagId))
    .map((l, position) => ({ tag_id: l.tagId, rank: l.rank, is_media_spoiler: bit(l.isMediaSpoiler), position }))
  const stored = await db.selectFrom('media_tags').select(['tag_id', 'rank', 'is_media_spoiler', 'position']).where('media_id', '=', mediaId).orderBy('position').execute()
  if (sameRows(stored, wanted)) return false
  await db.deleteFrom('media_tags').where('media_id', '=', mediaId).execute()
  if (wanted.length > 0) await db.insertInto('media_tags').values(wanted.map((w) => ({ media_id: mediaId, ...w }))).execute()
  return true
}

/** Each work's tags in AniList's order (an empty list for none), for many works in one query per 500. */
export async function tagsOfMedia(db: Db, mediaIds: readonly number[]): Promise<Map<number, MediaTag[]>> {
  const out = new Map<number, MediaTag[]>(mediaIds.map((id) => [id, []]))
  for (const chunk of chunks(mediaIds)) {
    const rows = await db
      .selectFrom('media_tags as mt')
      .innerJoin('tags as t', 't.id', 'mt.tag_id')
      .select(['mt.media_id', 'mt.rank', 'mt.is_media_spoiler', 't.id', 't.name', 't.description', 't.category', 't.is_general_spoiler', 't.is_adult'])
      .where('mt.media_id', 'in', chunk)
      .orderBy('mt.media_id')
      .orderBy('mt.position')
      .execute()
    for (const row of rows) out.get(row.media_id)!.push({ tag: toTag(row), rank: row.rank, isMediaSpoiler: bool(row.is_media_spoiler) })
  }
  return out
}

/** The tags with these ids (missing ids are absent). */
export async function loadTagsByIds(db: Db, ids: readonly number[]): Promise<Map<number, Tag>> {
  const out = new Map<number, Tag>()
  for (const chunk of chunks(ids)) {
    for (const row of await db.selectFrom('tags').select(TAG_COLUMNS).where('id', 'in', chunk).execute()) out.set(row.id, toTag(row))
  }
  return out
}

/** Every tag the catalog knows, by category then name (MediaTagCollection). */
export async function allTags(db: Db): Promise<Tag[]> {
  const rows = await db.selectFrom('tags').select(TAG_COLUMNS).orderBy('category').orderBy('name').orderBy('id').execute()
  return rows.map(toTag)
}

/** The tag arguments of AniList's Media filter. */
export interface TagFilter {
  tag?: Maybe<string>
  tag_in?: List<string>
  tag_not_in?: List<string>
  tagCategory?: Maybe<string>
  tagCategory_in?: List<string>
  tagCategory_not_in?: List<string>
  minimumTagRank?: Maybe<number>
}

/**
 * A work carries a tag matching `match` (on the joined `t`) with at least the minimum rank. Written as
 * `media.id in (…)` so that the database starts from the few tags named (their index) rather than
 * looking at every work's tags.
 */
function hasTag(match: Expression<SqlBool>, minimumRank: number | null): Expression<SqlBool> {
  const rank = minimumRank === null ? sql`` : sql` and coalesce(mt.rank, 0) >= ${minimumRank}`
  return sql<SqlBool>`media.id in (select mt.media_id from media_tags mt inner join tags t on t.id = mt.tag_id where ${match}${rank})`
}

const keys = (values: ReadonlyArray<string | null>) => present(values).map((v) => v.toLowerCase())

/**
 * The conditions the tag arguments put on `media` (to be combined with AND). Names and categories
 * match regardless of case. `tag_in` wants every tag listed (each narrows, as genre_in does);
 * `tagCategory_in` a tag in any of the categories; the `_not_in` forms exclude works with any.
 * `minimumTagRank` applies to the tags a work must have, not to those it must lack.
 */
export function tagConditions(filter: TagFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = []
  const rank = typeof filter.minimumTagRank === 'number' ? filter.minimumTagRank : null
  if (typeof filter.tag === 'string') out.push(hasTag(sql<SqlBool>`t.name_key = ${filter.tag.toLowerCase()}`, rank))
  if (filter.tag_in) {
    const names = keys(filter.tag_in)
    if (names.length === 0) out.push(NOTHING)
    for (const name of names) out.push(hasTag(sql<SqlBool>`t.name_key = ${name}`, rank))
  }
  if (filter.tag_not_in) {
    const names = keys(filter.tag_not_in)
    if (names.length > 0) out.push(sql<SqlBool>`not (${hasTag(sql<SqlBool>`t.name_key in (${sql.join(names)})`, null)})`)
  }
  if (typeof filter.tagCategory === 'string') out.push(hasTag(sql<SqlBool>`t.category_key = ${filter.tagCategory.toLowerCase()}`, rank))
  if (filter.tagCategory_in) {
    const names = keys(filter.tagCategory_in)
    out.push(names.length === 0 ? NOTHING : hasTag(sql<SqlBool>`t.category_key in (${sql.join(names)})`, rank))
  }
  if (filter.tagCategory_not_in) {
    const names = keys(filter.tagCategory_not_in)
    if (names.length > 0) out.push(sql<SqlBool>`not (${hasTag(sql<SqlBool>`t.category_key in (${sql.join(names)})`, null)})`)
  }
  return out
}
