/**
 * Authorization codes (the code grant). This module owns `oauth_codes`. A code is random, stored only
 * as its SHA-256, lives 10 minutes, and can be exchanged once: it is bound to the client, the redirect
 * URI, the user and the PKCE challenge of the request that created it.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { GrantScope } from './grant-scope.js'
import type { Clock } from '../util/clock.js'
import { randomToken, sha256Hex } from '../util/random.js'
import { CompiledQueryOnce } from '../util/compiled-query.js'

export const CODE_TTL_SECONDS = 600

export interface AuthorizationCode {
  id: string
  clientId: number
  userId: number
  redirectUri: string
  redirectUriGiven: boolean
  codeChallenge: string | null
  codeChallengeMethod: string | null
  expiresAt: number
  usedAt: number | null
}

export interface NewCode {
  clientId: number
  userId: number
  redirectUri: string
  redirectUriGiven: boolean
  codeChallenge: string | null
  codeChallengeMethod: string | null
}

// The code exchange's read and mark of use are compiled once (util/compiled-query.ts): every flow runs each of them.
const codeById = new CompiledQueryOnce(1, (db: Kysely<Tables>, id: string) => db.selectFrom('oauth_codes').selectAll().where('id', '=', id))
const markUsed = new CompiledQueryOnce(2, (db: Kysely<Tables>, usedAt: number, id: string) =>
  db.updateTable('oauth_codes').set({ used_at: usedAt }).where('id', '=', id).where('used_at', 'is', null),
)

/** Creates a code; returns the value to hand to the app (only its digest is stored). */
export async function createCode(db: Kysely<Tables>, clock: Clock, input: NewCode): Promise<string> {
  const code = randomToken(32)
  const now = clock()
  await db
    .insertInto('oauth_codes')
    .values({
      id: sha256Hex(code),
      client_id: input.clientId,
      user_id: input.userId,
      redirect_uri: input.redirectUri,
      redirect_uri_given: input.redirectUriGiven ? 1 : 0,
      code_challenge: input.codeChallenge,
      code_challenge_method: input.codeChallengeMethod,
      created_at: now,
      expires_at: now + CODE_TTL_SECONDS,
      used_at: null,
    })
    .execute()
  return code
}

/** The code's record, used or not, or null when unknown. */
export async function findCode(db: Kysely<Tables>, code: string): Promise<AuthorizationCode | null> {
  if (code.length === 0 || code.length > 200) return null
  const [row] = (await codeById.execute(db, sha256Hex(code))).rows
  if (!row) return null
  return {
    id: row.id,
    clientId: row.client_id,
    userId: row.user_id,
    redirectUri: row.redirect_uri,
    redirectUriGiven: row.redirect_uri_given === 1,
    codeChallenge: row.code_challenge,
    codeChallengeMethod: row.code_challenge_method,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  }
}

/**
 * Marks the code used. Returns false when it already was: the one atomic step that makes a code
 * single-use even when two exchanges race.
 */
export async function consumeCode(db: Kysely<Tables>, clock: Clock, id: string): Promise<boolean> {
  const result = await markUsed.execute(db, clock(), id)
  return Number(result.numAffectedRows) === 1
}

/** Deletes the unexchanged codes of a client, or of one user at it (the grant ended: it gets nothing more). */
export async function deleteUnusedCodesFor(db: Kysely<Tables>, scope: GrantScope): Promise<void> {
  await db
    .deleteFrom('oauth_codes')
    .$if(scope.clientId !== undefined, (q) => q.where('client_id', '=', scope.clientId!))
    .$if(scope.userId !== undefined, (q) => q.where('user_id', '=', scope.userId!))
    .where('used_at', 'is', null)
    .execute()
}

/**
 * Records that a used code was presented again (when it first was). The exchange that used it wrote
 * its tokens in the same transaction as the mark of use, so the replay always finds them to revoke.
 */
export async function markCodeReplayed(db: Kysely<Tables>, clock: Clock, id: string): Promise<void> {
  await db.updateTable('oauth_codes').set({ replayed_at: clock() }).where('id', '=', id).where('replayed_at', 'is', null).execute()
}

/** Removes codes expired for over a day (kept that long so a late replay is still recognised). */
export async function deleteExpiredCodes(db: Kysely<Tables>, clock: Clock): Promise<number> {
  const result = await db.deleteFrom('oauth_codes').where('expires_at', '<', clock() - 86_400).executeTakeFirst()
  return Number(result.numDeletedRows)
}
