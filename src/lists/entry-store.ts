/**
 * The storage of list entries: the only module that reads or writes `media_list`. Reads load many
 * entries in one query (callers batch, see graphql/list-loaders.ts); writes keep one entry per user
 * and media, which the table's unique key enforces even under concurrent saves.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { MediaType } from '../catalog/media.js'
import type { EntryFields, MediaListEntry } from './entry.js'
import { fieldsToColumns, rowToEntry } from './entry-row.js'

/** Keys per IN (...) list: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500

type Db = Kysely<Tables> | Transaction<Tables>

/** Runs `work` in a transaction: the caller's when `db` is one already (Kysely does not nest them). */
function inTransaction<T>(db: Kysely<Tables>, work: (trx: Kysely<Tables>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work)
}

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = []
  for (let start = 0; start < values.length; start += CHUNK) out.push(values.slice(start, start + CHUNK))
  return out
}

/** The entries with these ids; missing ids are absent from the map. */
export async function loadEntriesByIds(db: Db, ids: readonly number[]): Promise<Map<number, MediaListEntry>> {
  const out = new Map<number, MediaListEntry>()
  for (const part of chunks([...new Set(ids)])) {
    for (const row of await db.selectFrom('media_list').selectAll().where('id', 'in', part).execute()) out.set(row.id, rowToEntry(row))
  }
  return out
}

/** One user's entries for these media, keyed by media id; media not on the list are absent. */
export async function loadUserEntriesForMedia(db: Db, userId: number, mediaIds: readonly number[]): Promise<Map<number, MediaListEntry>> {
  const out = new Map<number, MediaListEntry>()
  for (const part of chunks([...new Set(mediaIds)])) {
    const rows = await db.selectFrom('media_list').selectAll().where('user_id', '=', userId).where('media_id', 'in', part).execute()
    for (const row of rows) out.set(row.media_id, rowToEntry(row))
  }
  return out
}

/** Every entry of these users (optionally of one media type), by user, in the order they were added. */
export async function loadEntriesOfUsers(db: Db, userIds: readonly number[], type?: MediaType): Promise<Map<number, MediaListEntry[]>> {
  const out = new Map<number, MediaListEntry[]>(userIds.map((id) => [id, []]))
  for (const part of chunks([...new Set(userIds)])) {
    let query = db.selectFrom('media_list').selectAll().where('user_id', 'in', part)
    if (type) query = query.where('media_type', '=', type)
    for (const row of await query.orderBy('id').execute()) out.get(row.user_id)!.push(rowToEntry(row))
  }
  return out
}

/** How many entries a user has (of one type, or in all). */
export async function countUserEntries(db: Db, userId: number, type?: MediaType): Promise<number> {
  let query = db.selectFrom('media_list').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId)
  if (type) query = query.where('media_type', '=', type)
  return Number((await query.executeTakeFirstOrThrow()).n)
}

/** What identifies a new entry: its owner and its media. */
export interface EntryKey {
  userId: number
  mediaId: number
  mediaType: MediaType
}

/**
 * Adds an entry unless the user already has one for that media; returns the new entry, or null when
 * one exists (the caller then updates it instead).
 */
export async function insertEntry(db: Db, key: EntryKey, fields: EntryFields, now: number): Promise<MediaListEntry | null> {
  const row = await db
    .insertInto('media_list')
    .values({ user_id: key.userId, media_id: key.mediaId, media_type: key.mediaType, ...fieldsToColumns(fields), created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'media_id']).doNothing())
    .returningAll()
    .executeTakeFirst()
  return row ? rowToEntry(row) : null
}

/** Writes an entry's fields; returns the stored entry, or null when it no longer exists. */
export async function updateEntry(db: Db, id: number, fields: EntryFields, now: number): Promise<MediaListEntry | null> {
  const row = await db.updateTable('media_list').set({ ...fieldsToColumns(fields), updated_at: now }).where('id', '=', id).returningAll().executeTakeFirst()
  return row ? rowToEntry(row) : null
}

/** Deletes an entry; true when there was one. */
export async function deleteEntry(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('media_list').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** A whole entry to add in bulk (demo data, imports, tests): its key, fields and times. */
export interface NewEntry extends EntryKey {
  fields: EntryFields
  createdAt: number
  updatedAt: number
}

// Rows per multi-row INSERT: 26 columns each stays under SQLite's 32,766 bound parameters.
const INSERT_ROWS = 500

/** Adds many entries, several rows per statement; entries whose (user, media) exists already are skipped. Returns how many were added. */
export async function insertEntries(db: Kysely<Tables>, entries: readonly NewEntry[]): Promise<number> {
  let added = 0
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < entries.length; start += INSERT_ROWS) {
      const values = entries.slice(start, start + INSERT_ROWS).map((e) => ({
        user_id: e.userId, media_id: e.mediaId, media_type: e.mediaType, ...fieldsToColumns(e.fields), created_at: e.createdAt, updated_at: e.updatedAt,
      }))
      const rows = await trx.insertInto('media_list').values(values).onConflict((oc) => oc.columns(['user_id', 'media_id']).doNothing()).returning('id').execute()
      added += rows.length
    }
  })
  return added
}

/**
 * Takes a custom list name (any case) off every entry of one type of a user's list, in one
 * transaction; returns how many entries changed. Entries keep their other custom lists.
 */
export async function removeCustomListFromEntries(db: Kysely<Tables>, userId: number, type: MediaType, name: string, now: number): Promise<number> {
  const key = name.toLowerCase()
  return inTransaction(db, async (trx) => {
    const rows = await trx.selectFrom('media_list').select(['id', 'custom_lists']).where('user_id', '=', userId).where('media_type', '=', type).where('custom_lists', '!=', '[]').execute()
    let changed = 0
    for (const row of rows) {
      const lists = JSON.parse(row.custom_lists) as string[]
      const kept = lists.filter((l) => l.toLowerCase() !== key)
      if (kept.length === lists.length) continue
      await trx.updateTable('media_list').set({ custom_lists: JSON.stringify(kept), updated_at: now }).where('id', '=', row.id).execute()
      changed++
    }
    return changed
  })
}

/**
 * Renames and removes custom lists on every entry of one type of a user's list at once, in one
 * transaction (the caller's, when `db` is one): `renames` maps an old name in lower case to its new
 * name, `removed` holds old names in lower case. Done in one pass, so that swapped names (A→B, B→A)
 * end up swapped. Returns how many entries changed.
 */
export async function rewriteCustomListsOfEntries(
  db: Kysely<Tables>,
  userId: number,
  type: MediaType,
  changes: { renames: ReadonlyMap<string, string>; removed: ReadonlySet<string> },
  now: number,
): Promise<number> {
  if (changes.renames.size === 0 && changes.removed.size === 0) return 0
  return inTransaction(db, async (trx) => {
    const rows = await trx.selectFrom('media_list').select(['id', 'custom_lists']).where('user_id', '=', userId).where('media_type', '=', type).where('custom_lists', '!=', '[]').execute()
    let changed = 0
    for (const row of rows) {
      const lists = JSON.parse(row.custom_lists) as string[]
      const next = [...new Set(lists.filter((l) => !changes.removed.has(l.toLowerCase())).map((l) => changes.renames.get(l.toLowerCase()) ?? l))]
      if (next.length === lists.length && next.every((l, i) => l === lists[i])) continue
      await trx.updateTable('media_list').set({ custom_lists: JSON.stringify(next), updated_at: now }).where('id', '=', row.id).execute()
      changed++
    }
    return changed
  })
}

/** Deletes every entry of a user (the account is deleted); returns the ids of the media they were of, for their figures. */
export async function deleteEntriesOf(db: Kysely<Tables>, userId: number): Promise<number[]> {
  const rows = await db.deleteFrom('media_list').where('user_id', '=', userId).returning('media_id').execute()
  return [...new Set(rows.map((r) => r.media_id))]
}
