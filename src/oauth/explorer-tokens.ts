/**
 * The GraphQL explorer (/graphiql) is a first-party client: a public client registered by this server
 * (no owner), named so that users recognise it in Connected apps. A logged-in user's explorer page
 * asks for a short-lived access token for its session: issued and recorded like any other token
 * (grant type `explorer`), and recorded as an approval, so that it is listed under Connected apps and
 * disconnecting the explorer there revokes its tokens through the normal revocation path. Logging out
 * revokes them too (an explorer open in another browser then asks for a new one by itself).
 */
import type { AppContext } from '../app/app-context.js'
import { recordApproval } from './approvals.js'
import { createClient } from './clients.js'
import type { IssuedAccessToken } from './tokens.js'
import { endGrants } from './revocation.js'

export const EXPLORER_CLIENT_NAME = 'Kiroku GraphQL explorer'
export const EXPLORER_PATH = '/graphiql'
/** An hour: the page asks for a new one when it runs out, so a token left in a closed tab soon dies. */
export const EXPLORER_TOKEN_TTL_SECONDS = 3600

function findExplorerClient(ctx: Pick<AppContext, 'db'>) {
  return ctx.db
    .selectFrom('oauth_clients')
    .select('id')
    .where('name', '=', EXPLORER_CLIENT_NAME)
    .where('owner_user_id', 'is', null)
    .where('is_public', '=', 1)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
}

/** The explorer's client id: the oldest ownerless public client of that name, registered now if none is.
 * Read on each token request (a few rows at most), so a client deleted with the CLI is made again. */
export async function explorerClientId(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>): Promise<number> {
  let row = await findExplorerClient(ctx)
  if (!row) {
    // Its redirect URI is the explorer page itself, so even a code or implicit flow started with this
    // client id can only bring a token back to this server.
    await createClient(ctx.db, ctx.clock, { name: EXPLORER_CLIENT_NAME, redirectUris: [`${ctx.config.publicUrl}${EXPLORER_PATH}`], isPublic: true })
    // Another instance may have made one at the same moment: the oldest wins everywhere.
    row = await findExplorerClient(ctx)
  }
  if (!row) throw new Error('the explorer client was neither found nor made')
  return row.id
}

/** A new short-lived access token for `userId` at the explorer. */
export async function issueExplorerToken(ctx: AppContext, userId: number): Promise<IssuedAccessToken> {
  const clientId = await explorerClientId(ctx)
  await recordApproval(ctx.db, ctx.clock, userId, clientId)
  const issued = await ctx.tokens.issue({ clientId, userId, grantType: 'explorer', ttlSeconds: EXPLORER_TOKEN_TTL_SECONDS })
  ctx.metrics.tokenIssued('explorer')
  return issued
}

/** Revokes every explorer token of `userId` (at logout), through the normal revocation path; the approval stays. */
export async function revokeExplorerTokens(ctx: AppContext, userId: number): Promise<void> {
  const client = await findExplorerClient(ctx)
  if (client) await endGrants(ctx, { clientId: client.id, userId })
}
