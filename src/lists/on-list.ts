/**
 * Conditions on the catalog's `media` table that depend on a user's list, for catalog queries that
 * take other modules' conditions (catalog/media-query.ts `extraConditions`): AniList's `onList`, and
 * "every media of this user's list" when a whole list's media load at once.
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import type { MediaType } from '../catalog/media.js'

// Written as `id in (the list's media ids)`, not as a correlated `exists`: the database then reads the
// user's entries through their index and looks each work up by its key, a cost that follows the list's
// length, where `exists` tested every work of the catalog (a ten-entry list read all 100,000 works).

/** Media on the user's list (`onList: true`), or not on it (`onList: false`). */
export function onListCondition(userId: number, onList: boolean): Expression<SqlBool> {
  const ids = sql`(select l.media_id from media_list l where l.user_id = ${userId})`
  return onList ? sql<SqlBool>`media.id in ${ids}` : sql<SqlBool>`media.id not in ${ids}`
}

/** Media on the user's list of one type. */
export function onTypedListCondition(userId: number, type: MediaType): Expression<SqlBool> {
  return sql<SqlBool>`media.id in (select l.media_id from media_list l where l.user_id = ${userId} and l.media_type = ${type})`
}
