/**
 * Server-side sessions. This module owns the `sessions` table. The browser holds a random token;
 * the table holds only its SHA-256, so a copy of the database cannot be used to log in.
 * Only logging in makes a session: a visitor's login and sign-up forms are guarded without one
 * (web/anonymous-forms.ts). Rows with user_id null are anonymous sessions an older Kiroku made; they
 * still work until they expire.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { randomToken, sha256Hex } from '../util/random.js'
import { CompiledQueryOnce } from '../util/compiled-query.js'

export interface Session {
  /** SHA-256 of the cookie token: the row's key. */
  id: string
  userId: number | null
  csrfToken: string
  createdAt: number
  expiresAt: number
}

export interface CreatedSession {
  session: Session
  /** The value for the cookie. Shown once; only its digest is stored. */
  token: string
}

export async function createSession(
  db: Kysely<Tables>,
  clock: Clock,
  userId: number | null,
  ttlSeconds: number,
): Promise<CreatedSession> {
  const token = randomToken(32)
  const now = clock()
  const session: Session = {
    id: sha256Hex(token),
    userId,
    csrfToken: randomToken(32),
    createdAt: now,
    expiresAt: now + ttlSeconds,
  }
  await db
    .insertInto('sessions')
    .values({ id: session.id, user_id: userId, csrf_token: session.csrfToken, created_at: now, expires_at: session.expiresAt })
    .execute()
  return { session, token }
}

// Read on every page request with a session cookie: compiled once (util/compiled-query.ts).
const sessionById = new CompiledQueryOnce(1, (db: Kysely<Tables>, id: string) => db.selectFrom('sessions').selectAll().where('id', '=', id))

/** The live session for a cookie token, or null when unknown or expired. */
export async function findSession(db: Kysely<Tables>, clock: Clock, token: string): Promise<Session | null> {
  if (token.length < 20 || token.length > 100) return null
  const [row] = (await sessionById.execute(db, sha256Hex(token))).rows
  if (!row || row.expires_at <= clock()) return null
  return { id: row.id, userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at }
}

/** Pushes a session's expiry forward (sliding expiry), at most once per tenth of its lifetime; true when it did. */
export async function extendSession(db: Kysely<Tables>, clock: Clock, session: Session, ttlSeconds: number): Promise<boolean> {
  const now = clock()
  if (session.expiresAt - now > ttlSeconds * 0.9) return false
  session.expiresAt = now + ttlSeconds
  await db.updateTable('sessions').set({ expires_at: session.expiresAt }).where('id', '=', session.id).execute()
  return true
}

export async function deleteSession(db: Kysely<Tables>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}

/** Removes expired sessions; returns how many. Run periodically by the server. */
export async function deleteExpiredSessions(db: Kysely<Tables>, clock: Clock): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', clock()).executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** Ends every session of a user but `exceptId` (the one changing the password keeps going); returns how many. */
export async function deleteSessionsOf(db: Kysely<Tables>, userId: number, exceptId?: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
