/**
 * Remembered approvals. This module owns `oauth_approvals`: a row says the user approved the client,
 * so the approval page is skipped next time (unless prompt=consent), and the connected-apps page
 * lists it until the user revokes it.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { CompiledQueryOnce } from '../util/compiled-query.js'

export interface Approval {
  userId: number
  clientId: number
  createdAt: number
  updatedAt: number
}

/** Records (or refreshes) the user's approval of a client. */
export async function recordApproval(db: Kysely<Tables>, clock: Clock, userId: number, clientId: number): Promise<void> {
  const now = clock()
  await db
    .insertInto('oauth_approvals')
    .values({ user_id: userId, client_id: clientId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'client_id']).doUpdateSet({ updated_at: now }))
    .execute()
}

// Read on every authorization by a logged-in user: compiled once (util/compiled-query.ts).
const approvalOf = new CompiledQueryOnce(2, (db: Kysely<Tables>, userId: number, clientId: number) =>
  db.selectFrom('oauth_approvals').select('user_id').where('user_id', '=', userId).where('client_id', '=', clientId),
)

export async function hasApproval(db: Kysely<Tables>, userId: number, clientId: number): Promise<boolean> {
  return (await approvalOf.execute(db, userId, clientId)).rows.length > 0
}

/** The user's approvals, most recent first. */
export async function listApprovals(db: Kysely<Tables>, userId: number): Promise<Approval[]> {
  const rows = await db.selectFrom('oauth_approvals').selectAll().where('user_id', '=', userId).orderBy('updated_at', 'desc').execute()
  return rows.map((r) => ({ userId: r.user_id, clientId: r.client_id, createdAt: r.created_at, updatedAt: r.updated_at }))
}

/** Forgets an approval; returns false when there was none. */
export async function deleteApproval(db: Kysely<Tables>, userId: number, clientId: number): Promise<boolean> {
  const result = await db.deleteFrom('oauth_approvals').where('user_id', '=', userId).where('client_id', '=', clientId).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Forgets every approval a user gave (the account is deleted). */
export async function deleteApprovalsOf(db: Kysely<Tables>, userId: number): Promise<void> {
  await db.deleteFrom('oauth_approvals').where('user_id', '=', userId).execute()
}
