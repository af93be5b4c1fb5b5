/**
 * The one path that ends grants in bulk, used by Revoke on /settings/apps (one user at one client), by
 * deleting a client (everyone at it) and by deleting an account (the user at every client). Grants not yet turned into tokens go first (an unexchanged
 * code, an approved device still polling), or they would mint fresh tokens after the revocation; then
 * the access tokens, which are announced, so that the token check cache of every instance drops them
 * at once (RFC 7009's single revocations go through the same AccessTokens announcements); then the
 * refresh tokens.
 */
import type { Kysely } from 'kysely'
import type { AppContext } from '../app/app-context.js'
import type { Tables } from '../storage/tables.js'
import { deleteUnusedCodesFor } from './codes.js'
import { withdrawDeviceApprovalsFor } from './device-codes.js'
import type { GrantScope } from './grant-scope.js'
import { revokeRefreshTokensFor } from './refresh-tokens.js'

/**
 * Ends every grant in scope through `db` (the caller's transaction); returns the revoked access
 * tokens' jtis, which the caller hands to ctx.tokens.announceRevoked once the transaction commits.
 */
export async function endGrantsIn(db: Kysely<Tables>, ctx: AppContext, scope: GrantScope): Promise<string[]> {
  await deleteUnusedCodesFor(db, scope)
  await withdrawDeviceApprovalsFor(db, scope)
  const jtis = await ctx.tokens.markRevokedFor(db, scope)
  await revokeRefreshTokensFor(db, ctx.clock, scope)
  return jtis
}

/** Ends every grant in scope at once, and tells every instance. */
export async function endGrants(ctx: AppContext, scope: GrantScope): Promise<void> {
  await ctx.tokens.announceRevoked(await endGrantsIn(ctx.db, ctx, scope))
}
