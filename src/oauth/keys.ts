/**
 * Signing keys for access tokens. This module owns the `signing_keys` table. The first start creates
 * an RS256 key (AniList's algorithm); the newest key signs. An older key stopped signing when its
 * successor was created, so its last token expires one access-token lifetime later: until then it
 * still verifies and stays published in the JWKS; after that it is retired (kept, never used).
 * Keys are cached in memory. An instance learns of a key another instance (or `kiroku keys rotate`)
 * created in three ways: at once when the rotation is announced (Broadcast topic `keys`, with Redis),
 * on the first token it sees signed by an unknown `kid`, and by the server's periodic reload.
 */
import { KeyObject } from 'node:crypto'
import type { Kysely } from 'kysely'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import type { Broadcast } from '../cluster/broadcast.js'

export const SIGNING_ALG = 'RS256'

export interface SigningKey {
  kid: string
  alg: string
  createdAt: number
  /** When the next key took over signing; null for the current key. */
  supersededAt: number | null
  publicJwk: JWK
  privateKey: CryptoKey
  publicKey: CryptoKey
  /** The private key as node:crypto's KeyObject, made once at load: what signs (oauth/jwt-sign.ts). */
  signingKey: KeyObject
}

// Unknown kids cause at most one reload per this many milliseconds, so a flood of forged kids cannot
// hammer the database.
const RELOAD_INTERVAL_MS = 1000
/** The Broadcast topic of rotations: the new kid. */
export const KEYS_TOPIC = 'keys'

/** An RSA key pair that can sign Kiroku's tokens. */
export interface SigningKeyPair {
  privateKey: CryptoKey
  publicKey: CryptoKey
}

/** A fresh RS256 key pair (2048 bits), extractable so that it can be stored. */
export function newKeyPair(): Promise<SigningKeyPair> {
  return generateKeyPair(SIGNING_ALG, { modulusLength: 2048, extractable: true })
}

export class KeyStore {
  private keys: SigningKey[] = []
  private lastReload = 0
  // Reloads run one at a time, so that an older read never replaces a newer one.
  private running: Promise<void> | null = null
  private queued: Promise<void> | null = null
  // The reload that tokens with an unknown kid wait for.
  private forUnknownKid: Promise<void> | null = null

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    /** The access-token lifetime: how long a superseded key must keep verifying. */
    private readonly tokenTtlSeconds: number,
    /** Where rotations are announced to and heard from other instances (Redis); none: not at all. */
    private readonly broadcast: Broadcast | null = null,
    /**
     * Makes the first key of an empty database (a fresh RSA key pair unless given). Tests give one
     * pair made once per process: generating RSA keys is most of the time a test server takes to build.
     */
    private readonly firstKeyPair: () => Promise<SigningKeyPair> = newKeyPair,
  ) {
    // A rotation announced while not listening was missed: reload when listening again.
    broadcast?.subscribe(KEYS_TOPIC, { message: () => this.reload(), resume: () => this.reload() })
  }

  /** Loads the stored keys, creating the first one when there is none. Call once at start. */
  async init(): Promise<void> {
    await this.reload()
    if (this.keys.length === 0) {
      await this.store(await this.firstKeyPair())
    }
  }

  /** Creates a new key; it signs from now on, while older keys keep verifying. Returns its kid. */
  async rotate(): Promise<string> {
    return this.store(await newKeyPair())
  }

  private async store({ privateKey, publicKey }: SigningKeyPair): Promise<string> {
    const privateJwk = await exportJWK(privateKey)
    const publicJwk = await exportJWK(publicKey)
    const kid = await calculateJwkThumbprint(publicJwk)
    // Keys are ordered by created_at: a key made in the same second as the newest one would tie with
    // it, and the kid would then decide which signs. Stamping it one second later keeps "newest" exact.
    const newest = await this.db.selectFrom('signing_keys').select('created_at').orderBy('created_at', 'desc').limit(1).executeTakeFirst()
    const createdAt = newest ? Math.max(this.clock(), newest.created_at + 1) : this.clock()
    await this.db
      .insertInto('signing_keys')
      .values({
        kid,
        alg: SIGNING_ALG,
        public_jwk: JSON.stringify({ ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' }),
        private_jwk: JSON.stringify(privateJwk),
        created_at: createdAt,
      })
      .execute()
    await this.reload()
    await this.broadcast?.publish(KEYS_TOPIC, kid)
    return kid
  }

  /**
   * Re-reads the table (newest first), keeping the keys that still sign or verify. Resolves once a
   * read that started after the call has finished.
   */
  reload(): Promise<void> {
    if (this.queued) return this.queued
    if (!this.running) return this.start()
    this.queued = this.running
      .catch(() => {})
      .then(() => {
        this.queued = null
        return this.start()
      })
    return this.queued
  }

  private start(): Promise<void> {
    const run: Promise<void> = this.load().finally(() => {
      if (this.running === run) this.running = null
    })
    this.running = run
    return run
  }

  private async load(): Promise<void> {
    this.lastReload = Date.now()
    const rows = await listStoredKeys(this.db)
    const known = new Map(this.keys.map((k) => [k.kid, k]))
    const keys: SigningKey[] = []
    const now = this.clock()
    for (const { row, supersededAt } of rows) {
      if (supersededAt !== null && supersededAt + this.tokenTtlSeconds <= now) continue
      const cached = known.get(row.kid)
      if (cached) {
        keys.push({ ...cached, supersededAt })
        continue
      }
      const publicJwk = JSON.parse(row.public_jwk) as JWK
      const privateKey = (await importJWK(JSON.parse(row.private_jwk) as JWK, row.alg)) as CryptoKey
      keys.push({
        kid: row.kid,
        alg: row.alg,
        createdAt: row.created_at,
        supersededAt,
        publicJwk,
        privateKey,
        publicKey: (await importJWK(publicJwk, row.alg)) as CryptoKey,
        signingKey: KeyObject.from(privateKey),
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

  /**
   * The key with this kid, reloading once if it is not known yet (it may come from another instance).
   * Within a second of the last reload the lookup waits for the next one instead, so that a new key
   * is found even just after a reload, while unknown kids still cost at most one read a second.
   */
  async find(kid: string): Promise<SigningKey | null> {
    const hit = this.keys.find((k) => k.kid === kid)
    if (hit) return hit
    await this.reloadForUnknownKid()
    return this.keys.find((k) => k.kid === kid) ?? null
  }

  private reloadForUnknownKid(): Promise<void> {
    if (!this.forUnknownKid) {
      const wait = Math.max(0, this.lastReload + RELOAD_INTERVAL_MS - Date.now())
      this.forUnknownKid = new Promise<void>((resolve) => setTimeout(resolve, wait)).then(() => {
        this.forUnknownKid = null
        return this.reload()
      })
    }
    return this.forUnknownKid
  }

  /** The public half of every key that signs or still verifies, as a JWK Set. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((k) => k.publicJwk) }
  }
}

export interface StoredKeyInfo {
  kid: string
  alg: string
  createdAt: number
  /** signing: signs new tokens; verifying: superseded, its tokens still live; retired: all its tokens expired. */
  state: 'signing' | 'verifying' | 'retired'
  /** When a verifying key retires. */
  retiresAt: number | null
}

async function listStoredKeys(db: Kysely<Tables>) {
  const rows = await db.selectFrom('signing_keys').selectAll().orderBy('created_at', 'desc').orderBy('kid').execute()
  // Each key was superseded when the next newer one was created.
  return rows.map((row, i) => ({ row, supersededAt: i === 0 ? null : rows[i - 1]!.created_at }))
}

/** Every stored key and its state, newest first (for `kiroku keys list`). */
export async function describeKeys(db: Kysely<Tables>, clock: Clock, tokenTtlSeconds: number): Promise<StoredKeyInfo[]> {
  const now = clock()
  return (await listStoredKeys(db)).map(({ row, supersededAt }) => {
    const retiresAt = supersededAt === null ? null : supersededAt + tokenTtlSeconds
    const state = retiresAt === null ? 'signing' : retiresAt > now ? 'verifying' : 'retired'
    return { kid: row.kid, alg: row.alg, createdAt: row.created_at, state, retiresAt: state === 'verifying' ? retiresAt : null }
  })
}
