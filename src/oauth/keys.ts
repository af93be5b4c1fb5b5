/**
 * Signing keys for access tokens. This module owns the `signing_keys` table. The first start creates
 * an RS256 key (AniList's algorithm); the newest key signs, and every stored key verifies, so tokens
 * stay valid across a rotation. Keys are cached in memory; an unknown `kid` triggers one reload, which
 * is how an instance learns of a key another instance created.
 */
import type { Kysely } from 'kysely'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'

export const SIGNING_ALG = 'RS256'

export interface SigningKey {
  kid: string
  alg: string
  createdAt: number
  publicJwk: JWK
  privateKey: CryptoKey
  publicKey: CryptoKey
}

// At most one reload per this many milliseconds, so a flood of forged kids cannot hammer the database.
const RELOAD_INTERVAL_MS = 1000

export class KeyStore {
  private keys: SigningKey[] = []
  private lastReload = 0

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
  ) {}

  /** Loads the stored keys, creating the first one when there is none. Call once at start. */
  async init(): Promise<void> {
    await this.reload()
    if (this.keys.length === 0) {
      await this.rotate()
    }
  }

  /** Creates a new key; it signs from now on, while older keys keep verifying. Returns its kid. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { modulusLength: 2048, extractable: true })
    const privateJwk = await exportJWK(privateKey)
    const publicJwk = await exportJWK(publicKey)
    const kid = await calculateJwkThumbprint(publicJwk)
    await this.db
      .insertInto('signing_keys')
      .values({
        kid,
        alg: SIGNING_ALG,
        public_jwk: JSON.stringify({ ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' }),
        private_jwk: JSON.stringify(privateJwk),
        created_at: this.clock(),
      })
      .execute()
    await this.reload()
    return kid
  }

  /** Re-reads the table (newest first). */
  async reload(): Promise<void> {
    this.lastReload = Date.now()
    const rows = await this.db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').orderBy('kid').execute()
    const known = new Map(this.keys.map((k) => [k.kid, k]))
    const keys: SigningKey[] = []
    for (const row of rows) {
      const cached = known.get(row.kid)
      if (cached) {
        keys.push(cached)
        continue
      }
      const publicJwk = JSON.parse(row.public_jwk) as JWK
      keys.push({
        kid: row.kid,
        alg: row.alg,
        createdAt: row.created_at,
        publicJwk,
        privateKey: (await importJWK(JSON.parse(row.private_jwk) as JWK, row.alg)) as CryptoKey,
        publicKey: (await importJWK(publicJwk, row.alg)) as CryptoKey,
      })
    }
    this.keys = keys
  }

  /** The key that signs new tokens: the newest. */
  current(): SigningKey {
    const key = this.keys[0]
    if (!key) throw new Error('no signing key loaded: KeyStore.init() was not awaited')
    return key
  }

  /** The key with this kid, reloading once if it is not known yet (it may come from another instance). */
  async find(kid: string): Promise<SigningKey | null> {
    const hit = this.keys.find((k) => k.kid === kid)
    if (hit) return hit
    if (Date.now() - this.lastReload < RELOAD_INTERVAL_MS) return null
    await this.reload()
    return this.keys.find((k) => k.kid === kid) ?? null
  }

  /** Every key's public half, as a JWK Set. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => k.publicJwk) }
  }

  list(): readonly SigningKey[] {
    return this.keys
  }
}
