/**
 * Deleting a client (/settings/developer). Its rows' foreign keys would take its tokens with it, but a
 * deleted row announces nothing: an instance whose token check cache trusts one of its tokens would
 * keep accepting it for up to TOKEN_CHECK_CACHE_SECONDS (10 s with Redis). So deletion ends every grant
 * of the client through the revocation path first, in the same transaction, and announces the revoked
 * access tokens once it has committed.
 */
import type { AppContext } from '../app/app-context.js'
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import { clientIdsOwnedBy, deleteClientRow, lockOwnedClient } from './clients.js'
import { endGrantsIn } from './revocation.js'

/** Deletes a client owned by `ownerUserId` after revoking everything issued to it; false when there was none. */
export async function deleteOwnedClient(ctx: AppContext, clientId: number, ownerUserId: number): Promise<boolean> {
  const revoked = await ctx.db.transaction().execute(async (trx) => {
    if (!(await lockOwnedClient(trx, ctx.database.dialect, clientId, ownerUserId))) return null
    const jtis = await endGrantsIn(trx, ctx, { clientId })
    await deleteClientRow(trx, clientId)
    return jtis
  })
  if (revoked === null) return false
  await ctx.tokens.announceRevoked(revoked)
  return true
}

/**
 * Deletes every client `ownerUserId` owns through `db` (the caller's transaction, deleting the
 * account), each after revoking everything issued to it; returns the revoked access tokens' jtis for
 * the caller to announce once its transaction has committed.
 */
export async function deleteClientsOwnedIn(db: Kysely<Tables>, ctx: AppContext, ownerUserId: number): Promise<string[]> {
  const jtis: string[] = []
  for (const clientId of await clientIdsOwnedBy(db, ownerUserId)) {
    if (!(await lockOwnedClient(db, ctx.database.dialect, clientId, ownerUserId))) continue
    jtis.push(...(await endGrantsIn(db, ctx, { clientId })))
    await deleteClientRow(db, clientId)
  }
  return jtis
}
