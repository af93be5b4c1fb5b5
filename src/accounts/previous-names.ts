/**
 * Renames and the names users held before. This module owns the `user_previous_names` table: one row
 * per name a user gave up (created when they first left it, updated when they left it again).
 *
 * A name given up is free: anyone may take it, as on AniList. While nobody holds it, /user/:oldName
 * still leads to the profile of whoever gave it up last (findRenamedUser), so links keep working.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { AccountError, findUserById, findUserByName, setName, type User } from './users.js'

/**
 * How many names an account may give up in a day (about as many renames): enough to fix a typo and
 * change one's mind, not enough to fill the table with names (a rename asks for the password, but a
 * script knows it).
 */
export const MAX_RENAMES_PER_DAY = 3
const DAY = 86_400

/** The most names User.previousNames lists: the newest. */
export const MAX_PREVIOUS_NAMES_LISTED = 25

export interface PreviousName {
  name: string
  createdAt: number
  updatedAt: number
}

/**
 * Renames a user (accounts/users.ts setName's rules) and keeps the old name, in one transaction.
 * A change of case alone keeps no old name: it is the same name. Throws AccountError. The caller
 * announces the change (ctx.users.changed).
 */
export async function renameUser(db: Kysely<Tables>, clock: Clock, userId: number, newName: string): Promise<{ from: string; to: string }> {
  return db.transaction().execute(async (trx) => {
    const from = await setName(trx, clock, userId, newName)
    // Checked after the name's own rules, so that a bad or taken name is told as such; throwing here
    // takes the rename back with the transaction. The names given up in the last day count (a name
    // left twice counts once: near enough for a limit).
    const recent = await trx
      .selectFrom('user_previous_names')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('updated_at', '>', clock() - DAY)
      .executeTakeFirstOrThrow()
    if (Number(recent.n) >= MAX_RENAMES_PER_DAY) {
      throw new AccountError('too_many_renames', 'name', 'You changed your username too often today. Try again tomorrow.')
    }
    const to = newName.trim()
    const key = from.toLowerCase()
    if (key !== to.toLowerCase()) {
      const now = clock()
      const kept = await trx.selectFrom('user_previous_names').select('id').where('user_id', '=', userId).where('name_key', '=', key).executeTakeFirst()
      if (kept) await trx.updateTable('user_previous_names').set({ name: from, updated_at: now }).where('id', '=', kept.id).execute()
      else await trx.insertInto('user_previous_names').values({ user_id: userId, name: from, name_key: key, created_at: now, updated_at: now }).execute()
    }
    return { from, to }
  })
}

/** The previous names of several users, newest first, at most MAX_PREVIOUS_NAMES_LISTED each. */
export async function previousNamesOf(db: Kysely<Tables>, userIds: readonly number[]): Promise<Map<number, PreviousName[]>> {
  const out = new Map<number, PreviousName[]>()
  if (userIds.length === 0) return out
  const rows = await db
    .selectFrom('user_previous_names')
    .select(['user_id', 'name', 'created_at', 'updated_at'])
    .where('user_id', 'in', [...userIds])
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  for (const row of rows) {
    const list = out.get(row.user_id) ?? []
    if (list.length < MAX_PREVIOUS_NAMES_LISTED) list.push({ name: row.name, createdAt: Number(row.created_at), updatedAt: Number(row.updated_at) })
    out.set(row.user_id, list)
  }
  return out
}

/** The user who last gave up `name`, when nobody holds it now; else null. */
export async function findRenamedUser(db: Kysely<Tables>, name: string): Promise<User | null> {
  const key = name.trim().toLowerCase()
  // No stored name holds U+0000 (and PostgreSQL refuses it in a query): such a name is simply unknown.
  if (key.includes('\u0000') || key.length > 100) return null
  if (await findUserByName(db, key)) return null
  const row = await db
    .selectFrom('user_previous_names')
    .select('user_id')
    .where('name_key', '=', key)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row ? findUserById(db, row.user_id) : null
}
