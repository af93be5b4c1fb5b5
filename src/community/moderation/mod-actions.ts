/**
 * The moderators' record: what a moderator did, to whom and to what, as AniList's ModAction. This
 * module owns the `mod_actions` table. The forum's moderator actions (community/forum/forum-actions.ts:
 * lock, sticky, and deleting another user's thread or comment) call recordModAction inside their own
 * transaction, so that an action and its record commit together.
 *
 * A record outlives both accounts it names (their ids become null), since it belongs to the site.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import type { Window } from '../../query/paging.js'

/** AniList's ModActionType values. */
export const MOD_ACTION_TYPES = ['NOTE', 'BAN', 'DELETE', 'EDIT', 'EXPIRE', 'REPORT', 'RESET', 'ANON'] as const
export type ModActionType = (typeof MOD_ACTION_TYPES)[number]

/** The most characters of `data` kept: a note, or a short JSON of what changed, not a copy of a post. */
export const MAX_MOD_ACTION_DATA = 2000

export interface NewModAction {
  modId: number
  /** The user acted upon (the author of what was deleted, say), when there is one. */
  userId?: number | null
  type: ModActionType
  /** What was acted upon: its id and its kind, in AniList's words (`Thread`, `ThreadComment`, …). */
  objectId?: number | null
  objectType?: string | null
  data?: string | null
}

export interface ModAction {
  id: number
  userId: number | null
  modId: number | null
  type: ModActionType
  objectId: number | null
  objectType: string | null
  data: string | null
  createdAt: number
}

/** Records one action; call it with the transaction of the action itself. Answers the record. */
export async function recordModAction(db: Kysely<Tables>, clock: Clock, action: NewModAction): Promise<ModAction> {
  if (!(MOD_ACTION_TYPES as readonly string[]).includes(action.type)) throw new TypeError(`Unknown mod action type ${String(action.type)}`)
  const row = {
    user_id: action.userId ?? null,
    mod_id: action.modId,
    type: action.type,
    object_id: action.objectId ?? null,
    object_type: action.objectType?.slice(0, 100) ?? null,
    data: action.data?.slice(0, MAX_MOD_ACTION_DATA) ?? null,
    created_at: clock(),
  }
  const { id } = await db.insertInto('mod_actions').values(row).returning('id').executeTakeFirstOrThrow()
  return toModAction({ id, ...row })
}

/** InternalPage.modActions' filters: the user acted upon, the moderator. */
export interface ModActionFilter {
  userId?: number | null
  modId?: number | null
}

function filtered(db: Kysely<Tables>, filter: ModActionFilter) {
  let query = db.selectFrom('mod_actions')
  if (filter.userId != null) query = query.where('user_id', '=', filter.userId)
  if (filter.modId != null) query = query.where('mod_id', '=', filter.modId)
  return query
}

/** How many records match the filter (the moderation page's pages). */
export async function countModActions(db: Kysely<Tables>, filter: ModActionFilter): Promise<number> {
  return Number((await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
}

/** Records, newest first, filtered as InternalPage.modActions filters. */
export async function listModActions(db: Kysely<Tables>, filter: ModActionFilter, window: Window): Promise<ModAction[]> {
  const rows = await filtered(db, filter).selectAll().orderBy('id', 'desc').limit(window.limit).offset(window.offset).execute()
  return rows.map(toModAction)
}

function toModAction(row: { id: number; user_id: number | null; mod_id: number | null; type: string; object_id: number | null; object_type: string | null; data: string | null; created_at: number }): ModAction {
  return {
    id: row.id,
    userId: row.user_id,
    modId: row.mod_id,
    type: row.type as ModActionType,
    objectId: row.object_id,
    objectType: row.object_type,
    data: row.data,
    createdAt: Number(row.created_at),
  }
}
