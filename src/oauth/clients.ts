/** OAuth clients: the apps users authorize. This module owns the `oauth_clients` table. */
import { KirokuError } from '../errors/kiroku-error.js'
import type { Kysely, Selectable } from 'kysely'
import type { OAuthClientsTable, Tables } from '../storage/tables.js'
import type { DialectName } from '../storage/db.js'
import type { Clock } from '../util/clock.js'
import { constantTimeEqual, randomToken, sha256Hex } from '../util/random.js'
import { validateRedirectUri } from './redirect-uris.js'
import { isRowId } from '../storage/row-ids.js'
import { CompiledQueryOnce } from '../util/compiled-query.js'

export interface Client {
  id: number
  name: string
  redirectUris: string[]
  /** A public client has no secret (SPA, mobile, CLI) and must use PKCE for the code grant. */
  isPublic: boolean
  ownerUserId: number | null
  createdAt: number
}

export class ClientError extends KirokuError {
  readonly code = 'invalid_client_registration'
  override readonly status = 400
  constructor(
    readonly field: 'name' | 'redirectUris',
    message: string,
  ) {
    super(message)
  }
}

export interface NewClient {
  name: string
  redirectUris: readonly string[]
  ownerUserId?: number | null
  isPublic?: boolean
}

export const MAX_REDIRECT_URIS = 20

// C0 controls (U+0000 among them), DEL and C1 controls.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/

/** A client's name and redirect URIs checked (trimmed, URIs deduplicated); throws ClientError naming the field at fault. */
export function checkClientFields(input: { name: string; redirectUris: readonly string[] }): { name: string; redirectUris: string[] } {
  const name = input.name.trim()
  if (name.length < 1 || name.length > 100) throw new ClientError('name', 'The app name must be 1 to 100 characters long.')
  // The name is shown to every user asked to approve the app, and PostgreSQL cannot store U+0000.
  if (CONTROL_CHARACTER.test(name)) throw new ClientError('name', 'The app name must not contain control characters.')
  const redirectUris = [...new Set(input.redirectUris.map((u) => u.trim()).filter((u) => u.length > 0))]
  if (redirectUris.length === 0) throw new ClientError('redirectUris', 'At least one redirect URI is required.')
  if (redirectUris.length > MAX_REDIRECT_URIS) throw new ClientError('redirectUris', `At most ${MAX_REDIRECT_URIS} redirect URIs may be registered.`)
  for (const uri of redirectUris) {
    try {
      validateRedirectUri(uri)
    } catch (error) {
      throw new ClientError('redirectUris', `Invalid redirect URI: ${(error as Error).message}.`)
    }
  }
  return { name, redirectUris }
}

/**
 * Validates and registers a client. The secret is returned here once and stored only as a digest;
 * a public client gets none (secret is null).
 */
export async function createClient(db: Kysely<Tables>, clock: Clock, input: NewClient): Promise<{ client: Client; secret: string | null }> {
  const { name, redirectUris } = checkClientFields(input)
  // 256 random bits: a digest is enough to store it, and keeps client authentication fast.
  const isPublic = input.isPublic ?? false
  const secret = isPublic ? null : randomToken(32)
  const now = clock()
  const row = await db
    .insertInto('oauth_clients')
    .values({
      name,
      secret_hash: secret === null ? null : sha256Hex(secret),
      is_public: isPublic ? 1 : 0,
      redirect_uris: JSON.stringify(redirectUris),
      owner_user_id: input.ownerUserId ?? null,
      created_at: now,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow()
  return { client: { id: row.id, name, redirectUris, isPublic, ownerUserId: input.ownerUserId ?? null, createdAt: now }, secret }
}

function toClient(row: Selectable<OAuthClientsTable>): Client {
  return {
    id: row.id,
    name: row.name,
    redirectUris: JSON.parse(row.redirect_uris) as string[],
    isPublic: row.is_public === 1,
    ownerUserId: row.owner_user_id,
    createdAt: row.created_at,
  }
}

export async function findClient(db: Kysely<Tables>, id: number): Promise<Client | null> {
  return (await findClientRow(db, id))?.client ?? null
}

/** A client and the digest of its secret (null for a public client), from one read: for authenticating it. */
export interface ClientWithSecret {
  client: Client
  secretHash: string | null
}

export async function findClientWithSecret(db: Kysely<Tables>, id: number): Promise<ClientWithSecret | null> {
  return findClientRow(db, id)
}

// Every authorize and token request reads its client: compiled once (util/compiled-query.ts).
const clientById = new CompiledQueryOnce(1, (db: Kysely<Tables>, id: number) => db.selectFrom('oauth_clients').selectAll().where('id', '=', id))

async function findClientRow(db: Kysely<Tables>, id: number): Promise<ClientWithSecret | null> {
  if (!isRowId(id)) return null
  const [row] = (await clientById.execute(db, id)).rows
  return row ? { client: toClient(row), secretHash: row.secret_hash } : null
}

/** True when `secret` digests to `secretHash` (compared in constant time); never for a client without one. */
export function secretMatches(secretHash: string | null, secret: string): boolean {
  return secretHash !== null && constantTimeEqual(secretHash, sha256Hex(secret))
}

export async function listClientsOwnedBy(db: Kysely<Tables>, ownerUserId: number): Promise<Client[]> {
  const rows = await db.selectFrom('oauth_clients').selectAll().where('owner_user_id', '=', ownerUserId).orderBy('id').execute()
  return rows.map(toClient)
}

/** True when `secret` is this client's secret (compared as digests, in constant time). Public clients have none. */
export async function verifyClientSecret(db: Kysely<Tables>, clientId: number, secret: string): Promise<boolean> {
  const row = await db.selectFrom('oauth_clients').select('secret_hash').where('id', '=', clientId).executeTakeFirst()
  return row !== undefined && secretMatches(row.secret_hash, secret)
}

/** Loads several clients at once (connected apps page); missing ids are absent. */
export async function findClientsByIds(db: Kysely<Tables>, ids: readonly number[]): Promise<Client[]> {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('oauth_clients').selectAll().where('id', 'in', ids).execute()
  return rows.map(toClient)
}

/**
 * Locks the row of a client owned by `ownerUserId` until the transaction `db` ends; false when there is
 * none. On PostgreSQL, FOR UPDATE makes a token or code being issued to it meanwhile wait, and then
 * fail its foreign key once the client is gone; SQLite's one writer serialises them anyway.
 */
export async function lockOwnedClient(db: Kysely<Tables>, dialect: DialectName, clientId: number, ownerUserId: number): Promise<boolean> {
  const row = await db
    .selectFrom('oauth_clients')
    .select('id')
    .where('id', '=', clientId)
    .where('owner_user_id', '=', ownerUserId)
    .$if(dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst()
  return row !== undefined
}

/** Deletes a client's row (its grants' rows go with it). Only client-deletion.ts calls it, after ending them. */
export async function deleteClientRow(db: Kysely<Tables>, clientId: number): Promise<void> {
  await db.deleteFrom('oauth_clients').where('id', '=', clientId).execute()
}

/** Why a new secret was not issued: no such client, or a public one, which has none. */
export type NewSecretRefusal = 'unknown_client' | 'public_client'

/**
 * Gives a confidential client a new random secret, returned here once and stored only as a digest;
 * the previous one stops working at once. For `kiroku client secret`, when a secret was lost, and
 * Rotate secret on /settings/developer (with `ownerUserId`: only the owner's client).
 */
export async function issueClientSecret(db: Kysely<Tables>, clientId: number, ownerUserId?: number): Promise<{ secret: string } | { refused: NewSecretRefusal }> {
  const secret = randomToken(32)
  const result = await db
    .updateTable('oauth_clients')
    .set({ secret_hash: sha256Hex(secret) })
    .where('id', '=', clientId)
    .where('is_public', '=', 0)
    .$if(ownerUserId !== undefined, (q) => q.where('owner_user_id', '=', ownerUserId!))
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) > 0) return { secret }
  const client = await findClient(db, clientId)
  return { refused: client && (ownerUserId === undefined || client.ownerUserId === ownerUserId) ? 'public_client' : 'unknown_client' }
}

/**
 * Changes the name and redirect URIs of a client owned by `ownerUserId` (checked as on registration);
 * null when it has no such client. A redirect URI taken off the list is refused by the next
 * authorization at once (authorize reads the client on every request).
 */
export async function updateOwnedClient(db: Kysely<Tables>, clientId: number, ownerUserId: number, input: { name: string; redirectUris: readonly string[] }): Promise<Client | null> {
  const { name, redirectUris } = checkClientFields(input)
  const row = await db
    .updateTable('oauth_clients')
    .set({ name, redirect_uris: JSON.stringify(redirectUris) })
    .where('id', '=', clientId)
    .where('owner_user_id', '=', ownerUserId)
    .returningAll()
    .executeTakeFirst()
  return row ? toClient(row) : null
}

/** The ids of the clients a user owns (for deleting them with the account). */
export async function clientIdsOwnedBy(db: Kysely<Tables>, ownerUserId: number): Promise<number[]> {
  const rows = await db.selectFrom('oauth_clients').select('id').where('owner_user_id', '=', ownerUserId).orderBy('id').execute()
  return rows.map((r) => r.id)
}
