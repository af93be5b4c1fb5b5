/** Users: the accounts people log in with. This module owns the `users` table. */
import { KirokuError } from '../errors/kiroku-error.js'
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { dummyPasswordHash, hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js'

export interface User {
  id: number
  name: string
  email: string | null
  createdAt: number
  updatedAt: number
}

export type AccountErrorCode = 'invalid_name' | 'name_taken' | 'too_many_renames' | 'invalid_email' | 'invalid_password'

/** A rejected account change; `field` names the form field at fault and `message` says why, for people. */
export class AccountError extends KirokuError {
  override readonly status = 400
  constructor(
    readonly code: AccountErrorCode,
    readonly field: 'name' | 'email' | 'password',
    message: string,
  ) {
    super(message)
  }
}

// AniList user names are letters and digits, 2 to 20 characters.
const NAME_PATTERN = /^[A-Za-z0-9]{2,20}$/
// No spaces and no control characters (PostgreSQL cannot even store U+0000 in text).
const EMAIL_PATTERN = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u

export function validateName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new AccountError('invalid_name', 'name', 'The username must be 2 to 20 letters or digits.')
  }
}

export function validatePassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new AccountError(
      'invalid_password',
      'password',
      `The password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long.`,
    )
  }
}

export function validateEmail(email: string): void {
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) {
    throw new AccountError('invalid_email', 'email', 'The email address is not valid.')
  }
}

export interface NewUser {
  name: string
  email?: string | null
  password: string
  /** Skips the length rule; only `serve --demo` uses it, for its documented demo/demo login. */
  allowWeakPassword?: boolean
}

/** Creates a user after validating every field; throws AccountError on bad input or a taken name. */
export async function createUser(db: Kysely<Tables>, clock: Clock, input: NewUser): Promise<User> {
  const name = input.name.trim()
  validateName(name)
  const email = input.email?.trim() || null
  if (email !== null) validateEmail(email)
  if (!input.allowWeakPassword) validatePassword(input.password)
  else if (input.password.length === 0) throw new AccountError('invalid_password', 'password', 'The password must not be empty.')
  if (await findUserByName(db, name)) throw nameTaken(name)

  const passwordHash = await hashPassword(input.password)
  const now = clock()
  try {
    const row = await db
      .insertInto('users')
      .values({ name, name_key: name.toLowerCase(), email, password_hash: passwordHash, created_at: now, updated_at: now })
      .returning(['id'])
      .executeTakeFirstOrThrow()
    return { id: row.id, name, email, createdAt: now, updatedAt: now }
  } catch (error) {
    // Two sign-ups for one name at the same moment: the unique index decides, the loser gets a clear error.
    if (await findUserByName(db, name)) throw nameTaken(name)
    throw error
  }
}

function nameTaken(name: string): AccountError {
  return new AccountError('name_taken', 'name', `The username "${name}" is already taken.`)
}

const userColumns = ['id', 'name', 'email', 'created_at', 'updated_at'] as const

function toUser(row: { id: number; name: string; email: string | null; created_at: number; updated_at: number }): User {
  return { id: row.id, name: row.name, email: row.email, createdAt: row.created_at, updatedAt: row.updated_at }
}

export async function findUserById(db: Kysely<Tables>, id: number): Promise<User | null> {
  const row = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst()
  return row ? toUser(row) : null
}

export async function findUserByName(db: Kysely<Tables>, name: string): Promise<User | null> {
  const row = await db.selectFrom('users').select(userColumns).where('name_key', '=', name.trim().toLowerCase()).executeTakeFirst()
  return row ? toUser(row) : null
}

/** Loads several users at once (for batched GraphQL loading); missing ids are simply absent. */
export async function findUsersByIds(db: Kysely<Tables>, ids: readonly number[]): Promise<User[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('users').select(userColumns).where('id', 'in', ids).execute()
  return rows.map(toUser)
}

/** The user whose name and password these are, or null. Takes as long whether or not the name exists. */
export async function verifyCredentials(db: Kysely<Tables>, name: string, password: string): Promise<User | null> {
  // No stored name holds U+0000, and PostgreSQL would refuse the query: such a name is simply unknown.
  const row = name.includes('\u0000')
    ? undefined
    : await db
        .selectFrom('users')
        .select([...userColumns, 'password_hash'])
        .where('name_key', '=', name.trim().toLowerCase())
        .executeTakeFirst()
  if (!row) {
    await verifyPassword(await dummyPasswordHash(), password)
    return null
  }
  return (await verifyPassword(row.password_hash, password)) ? toUser(row) : null
}

/** True when `password` is this user's password (false for an unknown user). */
export async function passwordMatches(db: Kysely<Tables>, id: number, password: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst()
  if (!row) {
    await verifyPassword(await dummyPasswordHash(), password)
    return false
  }
  return verifyPassword(row.password_hash, password)
}

/**
 * Gives a user a new password, checked by the same rules as at sign-up; throws AccountError. The
 * caller announces the change (ctx.users.changed) and ends the user's other sessions.
 */
export async function setPassword(db: Kysely<Tables>, clock: Clock, id: number, password: string): Promise<boolean> {
  validatePassword(password)
  const passwordHash = await hashPassword(password)
  const result = await db.updateTable('users').set({ password_hash: passwordHash, updated_at: clock() }).where('id', '=', id).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Sets (or, given '', removes) a user's email, checked as at sign-up; throws AccountError. The caller announces the change. */
export async function setEmail(db: Kysely<Tables>, clock: Clock, id: number, email: string): Promise<boolean> {
  const trimmed = email.trim()
  if (trimmed !== '') validateEmail(trimmed)
  const result = await db.updateTable('users').set({ email: trimmed === '' ? null : trimmed, updated_at: clock() }).where('id', '=', id).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/**
 * Gives a user a new name, checked as at sign-up (unique in any case; a change of case alone is
 * allowed); throws AccountError. accounts/previous-names.ts calls it, inside its transaction, to keep
 * the old name. Answers the name it replaced.
 */
export async function setName(db: Kysely<Tables>, clock: Clock, id: number, name: string): Promise<string> {
  const trimmed = name.trim()
  validateName(trimmed)
  const current = await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst()
  if (!current) throw new AccountError('invalid_name', 'name', 'The account no longer exists.')
  const holder = await findUserByName(db, trimmed)
  if (holder && holder.id !== id) throw nameTaken(trimmed)
  try {
    await db.updateTable('users').set({ name: trimmed, name_key: trimmed.toLowerCase(), updated_at: clock() }).where('id', '=', id).execute()
  } catch (error) {
    // Taken by a sign-up or rename at the same moment: the unique index decided. (No query here: on
    // PostgreSQL the failed statement has ended the caller's transaction.)
    if (/unique/i.test(String((error as Error).message)) || (error as { code?: string }).code === '23505') throw nameTaken(trimmed)
    throw error
  }
  return current.name
}

/** Deletes a user; their sessions, tokens and (later) lists go with them through foreign keys. */
export async function deleteUser(db: Kysely<Tables>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

export async function countUsers(db: Kysely<Tables>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
