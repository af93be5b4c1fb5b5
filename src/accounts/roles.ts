/**
 * Roles on the site's team. Kiroku knows one, `moderator`: a moderator may lock, sticky and delete
 * forum threads and comments and sees the moderation pages (InternalPage). Roles are granted and taken
 * back from the CLI only (`kiroku user role`): no request can make its own user a moderator.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'

export const ROLES = ['moderator'] as const
export type Role = (typeof ROLES)[number]

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/** The roles a user holds, in ROLES order; empty for most users. */
export async function rolesOf(db: Kysely<Tables>, userId: number): Promise<Role[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()
  const held = new Set(rows.map((r) => r.role))
  return ROLES.filter((role) => held.has(role))
}

/** The roles of several users at once (for lists of users); users without roles are absent. */
export async function rolesOfUsers(db: Kysely<Tables>, userIds: readonly number[]): Promise<Map<number, Role[]>> {
  const result = new Map<number, Role[]>()
  if (userIds.length === 0) return result
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', [...userIds]).execute()
  for (const row of rows) {
    if (!isRole(row.role)) continue
    const list = result.get(row.user_id) ?? []
    list.push(row.role)
    result.set(row.user_id, list)
  }
  return result
}

export async function hasRole(db: Kysely<Tables>, userId: number, role: Role): Promise<boolean> {
  const row = await db.selectFrom('user_roles').select('user_id').where('user_id', '=', userId).where('role', '=', role).executeTakeFirst()
  return row !== undefined
}

/** True when this call granted it, false when the user already held it. */
export async function grantRole(db: Kysely<Tables>, clock: Clock, userId: number, role: Role): Promise<boolean> {
  const result = await db
    .insertInto('user_roles')
    .values({ user_id: userId, role, granted_at: clock() })
    .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}

/** True when the user held the role and no longer does. */
export async function revokeRole(db: Kysely<Tables>, userId: number, role: Role): Promise<boolean> {
  const result = await db.deleteFrom('user_roles').where('user_id', '=', userId).where('role', '=', role).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
