/**
 * Conditions on the catalog's `media` table that depend on a user's list, for catalog queries that
 * take other modules' conditions (catalog/media-query.ts `extraConditions`): AniList's `onList`, and
 * "every media of this user's list" when a whole list's media load at once.
 */
import { sql, type Expression, type SqlBool } from 'kysely'
import type { MediaType } from '../catalog/media.js'

/** Media on the user's list (`onList: true`), or not on it (`onList: false`). */
export function onListCondition(userId: number, onList: boolean): Expression<SqlBool> {
  const on = sql<SqlBool>`exists (select 1 from media_list l where l.user_id = ${userId} and l.media_id = media.id)`
  return onList ? on : sql<SqlBool>`not ${on}`
}

/** Media on the user's list of one type. */
export function onTypedListCondition(userId: number, type: MediaType): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from media_list l where l.user_id = ${userId} and l.media_type = ${type} and l.media_id = media.id)`
}
