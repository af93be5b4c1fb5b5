/**
 * The shape of every table, for Kysely's typed queries. Times are Unix seconds (bigint columns read
 * back as numbers); booleans are 0/1 integers so that one schema serves SQLite and PostgreSQL.
 * Each table belongs to one module, named beside it; other modules call that module's functions.
 */
import type { Generated } from 'kysely'

/** accounts/users.ts */
export interface UsersTable {
  id: Generated<number>
  name: string
  /** Lower-cased name: names are unique regardless of case, as on AniList. */
  name_key: string
  email: string | null
  password_hash: string
  created_at: number
  updated_at: number
}

/** accounts/sessions.ts — the id column holds the SHA-256 of the cookie value, never the value. */
export interface SessionsTable {
  id: string
  user_id: number | null
  csrf_token: string
  created_at: number
  expires_at: number
}

/** oauth/clients.ts */
export interface OAuthClientsTable {
  id: Generated<number>
  name: string
  /** SHA-256 (hex) of the client secret; the secret itself is shown once and never stored. */
  secret_hash: string
  /** JSON array of the registered redirect URIs, in registration order. */
  redirect_uris: string
  owner_user_id: number | null
  created_at: number
}

/** oauth/keys.ts */
export interface SigningKeysTable {
  kid: string
  alg: string
  public_jwk: string
  private_jwk: string
  created_at: number
}

/** oauth/tokens.ts — one row per issued access token, so that a token can be revoked by its jti. */
export interface OAuthAccessTokensTable {
  jti: string
  client_id: number
  user_id: number
  /** How the token was obtained: `implicit`, later `authorization_code`, `refresh_token`, `device_code`. */
  grant_type: string
  issued_at: number
  expires_at: number
  revoked_at: number | null
}

export interface Tables {
  users: UsersTable
  sessions: SessionsTable
  oauth_clients: OAuthClientsTable
  signing_keys: SigningKeysTable
  oauth_access_tokens: OAuthAccessTokensTable
}
