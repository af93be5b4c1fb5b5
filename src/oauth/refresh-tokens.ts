/**
 * Refresh tokens. This module owns `oauth_refresh_tokens`. Opaque random strings stored as SHA-256,
 * rotated on every use: each use marks the presented token rotated and issues its successor in the
 * same family. Presenting a rotated token again means it was stolen or replayed, so the whole family
 * (and every access token issued from it) is revoked (RFC 9700 §4.14.2).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { GrantScope } from './grant-scope.js'
import type { Clock } from '../util/clock.js'
import { randomHex, randomToken, sha256Hex } from '../util/random.js'

export interface RefreshToken {
  id: string
  familyId: string
  clientId: number
  userId: number
  expiresAt: number
  rotatedAt: number | null
  revokedAt: number | null
}

/** A new family's id, for the first refresh token of a grant. */
export function newRefreshFamilyId(): string {
  return randomHex(16)
}

/** Creates a refresh token (in `familyId`, or a new family); returns its value and family. */
export async function createRefreshToken(
  db: Kysely<Tables>,
  clock: Clock,
  input: { clientId: number; userId: number; ttlSeconds: number; familyId?: string },
): Promise<{ token: string; familyId: string; expiresAt: number }> {
  const token = randomToken(32)
  const familyId = input.familyId ?? newRefreshFamilyId()
  const now = clock()
  const expiresAt = now + input.ttlSeconds
  await db
    .insertInto('oauth_refresh_tokens')
    .values({ id: sha256Hex(token), family_id: familyId, client_id: input.clientId, user_id: input.userId, created_at: now, expires_at: expiresAt, rotated_at: null, revoked_at: null })
    .execute()
  return { token, familyId, expiresAt }
}

export async function findRefreshToken(db: Kysely<Tables>, token: string): Promise<RefreshToken | null> {
  if (token.length === 0 || token.length > 200) return null
  const row = await db.selectFrom('oauth_refresh_tokens').selectAll().where('id', '=', sha256Hex(token)).executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    familyId: row.family_id,
    clientId: row.client_id,
    userId: row.user_id,
    expiresAt: row.expires_at,
    rotatedAt: row.rotated_at,
    revokedAt: row.revoked_at,
  }
}

/** Marks the token rotated; false when it already was (a concurrent use: treated as reuse). */
export async function markRotated(db: Kysely<Tables>, clock: Clock, id: string): Promise<boolean> {
  const result = await db
    .updateTable('oauth_refresh_tokens')
    .set({ rotated_at: clock() })
    .where('id', '=', id)
    .where('rotated_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** Revokes every refresh token of a family. */
export async function revokeRefreshFamily(db: Kysely<Tables>, clock: Clock, familyId: string): Promise<void> {
  await db.updateTable('oauth_refresh_tokens').set({ revoked_at: clock() }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute()
}

/** Revokes every refresh token of a client, or one user's at it (revocation.ts). */
export async function revokeRefreshTokensFor(db: Kysely<Tables>, clock: Clock, scope: GrantScope): Promise<void> {
  await db
    .updateTable('oauth_refresh_tokens')
    .set({ revoked_at: clock() })
    .$if(scope.clientId !== undefined, (q) => q.where('client_id', '=', scope.clientId!))
    .$if(scope.userId !== undefined, (q) => q.where('user_id', '=', scope.userId!))
    .where('revoked_at', 'is', null)
    .execute()
}
