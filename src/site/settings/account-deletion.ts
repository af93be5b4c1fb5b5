/**
 * Deleting an account from /settings/account. Each table's rows go through the module that owns it,
 * in one transaction: the clients the user owns (each after ending every grant at it,
 * oauth/client-deletion.ts), every grant the user holds at any client through the revocation path
 * (oauth/revocation.ts: codes, device approvals, access tokens, refresh tokens), approvals, sessions,
 * list entries, favourites, profile and list options, forum threads and comments (with their likes,
 * and the reply figures of the threads they were in), and last the user row. Once it has committed,
 * the revoked access tokens are announced (so that the token check cache of every instance drops them
 * at once, as for any revocation), the account is forgotten by every user cache, and the figures of
 * the media the user had listed are recomputed without them.
 */
import type { AppContext } from '../../app/app-context.js'
import { deleteClientsOwnedIn } from '../../oauth/client-deletion.js'
import { endGrantsIn } from '../../oauth/revocation.js'
import { deleteApprovalsOf } from '../../oauth/approvals.js'
import { deleteSessionsOf } from '../../accounts/login-sessions.js'
import { deleteFavouritesOf } from '../../accounts/favourites.js'
import { deleteProfileOf } from '../../accounts/profiles.js'
import { deleteUser } from '../../accounts/users.js'
import { deleteEntriesOf } from '../../lists/entry-store.js'
import { deleteListOptionsOf } from '../../lists/list-options.js'
import { recomputeFigures } from '../../lists/figures/recompute.js'
import { deleteForumPostsOf } from '../../community/forum/account-deletion.js'

/** Deletes the account and everything of it; false when there was no such account. */
export async function deleteAccount(ctx: AppContext, userId: number): Promise<boolean> {
  const done = await ctx.db.transaction().execute(async (trx) => {
    const jtis = await deleteClientsOwnedIn(trx, ctx, userId)
    jtis.push(...(await endGrantsIn(trx, ctx, { userId })))
    await deleteApprovalsOf(trx, userId)
    await deleteSessionsOf(trx, userId)
    const mediaIds = await deleteEntriesOf(trx, userId)
    await deleteFavouritesOf(trx, userId)
    await deleteProfileOf(trx, userId)
    await deleteListOptionsOf(trx, userId)
    await deleteForumPostsOf(trx, userId)
    const deleted = await deleteUser(trx, userId)
    return { jtis, mediaIds, deleted }
  })
  await ctx.tokens.announceRevoked(done.jtis)
  await ctx.users.changed([userId])
  await recomputeFigures(ctx.db, ctx.clock, done.mediaIds)
  return done.deleted
}
