/**
 * Access tokens: AniList-shaped JWTs (RS256, `jti` in header and claims, `aud` the client id and `sub`
 * the user id as strings, `scopes: []`). This module owns `oauth_access_tokens`: every issued token's
 * jti is recorded there, which is what lets a token be revoked before it expires.
 *
 * Verification is on every GraphQL request, so the signature check (the costly part) is done once per
 * token and cached, and expiry is checked on every use. Revocation is a read of the token's row; an
 * instance trusts a row it read (not revoked) for a short while, forgetting it the moment a revocation
 * is made here or announced by another instance (Broadcast topic `revoked`, the jtis). While such
 * notices are certain to arrive the trust lasts 10 seconds; without them (no Redis, or Redis
 * unreachable) it lasts `checkCacheSeconds`, which bounds how long another instance's revocation goes
 * unseen.
 */
import { KirokuError } from '../errors/kiroku-error.js'
import type { Kysely } from 'kysely'
import { decodeProtectedHeader, jwtVerify } from 'jose'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { LruCache } from '../util/lru.js'
import { randomHex } from '../util/random.js'
import type { KeyStore } from './keys.js'
import { signRs256Jwt } from './jwt-sign.js'
import type { Broadcast } from '../cluster/broadcast.js'
import type { GrantScope } from './grant-scope.js'

/** Every grant an access token can be issued by. */
export const GRANT_TYPES = ['implicit', 'authorization_code', 'refresh_token', 'device_code', 'explorer'] as const
export type GrantType = (typeof GRANT_TYPES)[number]

export interface IssuedAccessToken {
  accessToken: string
  jti: string
  expiresIn: number
  expiresAt: number
}

/** Whom a token is for, and the grant it comes from (codeId, familyId: what can revoke it). */
export interface AccessTokenGrant {
  clientId: number
  userId: number
  grantType: GrantType
  codeId?: string
  familyId?: string
  /** A shorter life than the server's access tokens (the explorer's session tokens); never a longer one. */
  ttlSeconds?: number
}

/** A token signed by AccessTokens.sign, not yet recorded (so not yet valid). */
export interface SignedAccessToken {
  grant: AccessTokenGrant
  issuedAt: number
  issued: IssuedAccessToken
}

export interface VerifiedAccessToken {
  jti: string
  userId: number
  clientId: number
  expiresAt: number
}

/** Why a presented token was refused; GraphQL answers all of them as AniList's "Invalid token". */
export type InvalidTokenReason = 'malformed' | 'signature' | 'expired' | 'not_yet_valid' | 'revoked' | 'unknown'

export class InvalidTokenError extends KirokuError {
  readonly code = 'invalid_token'
  override readonly status = 401
  constructor(readonly reason: InvalidTokenReason) {
    super(`invalid access token (${reason})`)
  }
}

// Signature-verified tokens held in memory. 10,000 entries of a few hundred bytes each: a few MB.
const VERIFIED_CACHE_SIZE = 10_000
// Tokens whose row was read lately (jti → when to read it again): a few dozen bytes each.
const CHECKED_CACHE_SIZE = 10_000
// How long a row read stands while revocations are announced. Announced revocations evict at once:
// this only bounds what goes unannounced (a notice lost before the connection noticed, rows changed
// outside this module).
const ANNOUNCED_CHECK_MS = 10_000
// Announcements are split so that revoking a user's many tokens makes no giant message.
const JTIS_PER_NOTICE = 500
/** The Broadcast topic of revocations: a comma-separated list of jtis. */
export const REVOKED_TOPIC = 'revoked'
// Compact JWS is three base64url parts; anything longer than this is not one of ours.
const MAX_TOKEN_LENGTH = 4096
const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export interface AccessTokenOptions {
  /** Where revocations are announced to and heard from other instances (Redis); none: not at all. */
  broadcast?: Broadcast | null
  /** How long a row read stands without announcements, in seconds; 0 (the default) reads it on every use. */
  checkCacheSeconds?: number
  /** Milliseconds from a monotonic clock, for the row-read cache (tests move it). */
  now?: () => number
}

export class AccessTokens {
  private readonly verified = new LruCache<string, VerifiedAccessToken>(VERIFIED_CACHE_SIZE)
  private readonly checked = new LruCache<string, number>(CHECKED_CACHE_SIZE)
  // Raised by every eviction: a row read that overlapped one is not cached, since the revocation
  // it was evicted for may have been committed after the read.
  private evictions = 0
  private readonly broadcast: Broadcast | null
  private readonly checkCacheMs: number
  private readonly now: () => number

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly keys: KeyStore,
    private readonly ttlSeconds: number,
    options: AccessTokenOptions = {},
  ) {
    this.broadcast = options.broadcast ?? null
    this.checkCacheMs = (options.checkCacheSeconds ?? 0) * 1000
    this.now = options.now ?? (() => performance.now())
    this.broadcast?.subscribe(REVOKED_TOPIC, {
      message: (payload) => this.forget(payload.split(',')),
      // Revocations may go unheard during a gap: trust nothing read before it.
      gap: () => this.forgetAll(),
      resume: () => this.forgetAll(),
    })
  }

  /**
   * Signs and records a new access token for `userId` at `clientId`. `codeId` and `familyId` tie it to
   * the authorization code or refresh-token family it came from, so that either can revoke it.
   */
  async issue(input: AccessTokenGrant): Promise<IssuedAccessToken> {
    const signed = await this.sign(input)
    await this.record(this.db, signed)
    return signed.issued
  }

  /**
   * Signs a new access token without recording it: the caller records it with record(), in the
   * transaction that also writes the rest of its grant (the token works only once its row exists).
   * Signing first keeps the transaction from waiting on the signature.
   */
  async sign(input: AccessTokenGrant): Promise<SignedAccessToken> {
    const key = this.keys.current()
    const jti = randomHex(40)
    const iat = this.clock()
    const ttl = Math.min(input.ttlSeconds ?? this.ttlSeconds, this.ttlSeconds)
    const exp = iat + ttl
    // Header and claims in AniList's order (the order jose's SignJWT writes them in, too).
    const accessToken = await signRs256Jwt(
      { alg: key.alg, typ: 'JWT', kid: key.kid, jti },
      { scopes: [], aud: String(input.clientId), jti, iat, nbf: iat, exp, sub: String(input.userId) },
      key.signingKey,
    )
    return { grant: input, issuedAt: iat, issued: { accessToken, jti, expiresIn: ttl, expiresAt: exp } }
  }

  /** Records a signed token's row through `db` (this store's handle, or the caller's transaction). */
  async record(db: Kysely<Tables>, signed: SignedAccessToken): Promise<void> {
    const { grant, issued } = signed
    await db
      .insertInto('oauth_access_tokens')
      .values({
        jti: issued.jti,
        client_id: grant.clientId,
        user_id: grant.userId,
        grant_type: grant.grantType,
        code_id: grant.codeId ?? null,
        family_id: grant.familyId ?? null,
        issued_at: signed.issuedAt,
        expires_at: issued.expiresAt,
        revoked_at: null,
      })
      .execute()
  }

  /** The token's facts if it is genuine, current and not revoked; otherwise throws InvalidTokenError. */
  async verify(token: string): Promise<VerifiedAccessToken> {
    const verified = this.verified.get(token) ?? (await this.verifySignature(token))
    const now = this.clock()
    if (verified.expiresAt <= now) throw new InvalidTokenError('expired')
    if (this.recentlyChecked(verified.jti)) return verified
    const evictionsBefore = this.evictions
    const trustMs = this.broadcast?.listening ? ANNOUNCED_CHECK_MS : this.checkCacheMs
    const row = await this.db
      .selectFrom('oauth_access_tokens')
      .select(['user_id', 'client_id', 'revoked_at'])
      .where('jti', '=', verified.jti)
      .executeTakeFirst()
    if (!row || row.user_id !== verified.userId || row.client_id !== verified.clientId) throw new InvalidTokenError('unknown')
    if (row.revoked_at !== null) throw new InvalidTokenError('revoked')
    if (this.checkCacheMs > 0 && this.evictions === evictionsBefore) this.checked.set(verified.jti, this.now() + trustMs)
    return verified
  }

  /** Forgets that these tokens were seen unrevoked, so that their next use reads their rows again. */
  forget(jtis: readonly string[]): void {
    this.evictions++
    for (const jti of jtis) this.checked.delete(jti)
  }

  /** Marks a token revoked; it is refused from the next request on. Returns false for an unknown jti. */
  async revoke(jti: string): Promise<boolean> {
    const revoked = await this.db
      .updateTable('oauth_access_tokens')
      .set({ revoked_at: this.clock() })
      .where('jti', '=', jti)
      .where('revoked_at', 'is', null)
      .returning('jti')
      .execute()
    await this.announce(revoked)
    return revoked.length > 0
  }

  /** Revokes every token issued from an authorization code (RFC 6749 §4.1.2: a replayed code). */
  async revokeIssuedFromCode(codeId: string): Promise<void> {
    await this.announce(
      await this.db.updateTable('oauth_access_tokens').set({ revoked_at: this.clock() }).where('code_id', '=', codeId).where('revoked_at', 'is', null).returning('jti').execute(),
    )
  }

  /** The refresh-token families started by exchanging this authorization code (one, unless raced). */
  async familiesIssuedFromCode(codeId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('oauth_access_tokens').select('family_id').distinct().where('code_id', '=', codeId).where('family_id', 'is not', null).execute()
    return rows.map((r) => r.family_id!)
  }

  /** Revokes every access token of a refresh-token family. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.announce(
      await this.db.updateTable('oauth_access_tokens').set({ revoked_at: this.clock() }).where('family_id', '=', familyId).where('revoked_at', 'is', null).returning('jti').execute(),
    )
  }

  /** Revokes every access token of a client, or one user's at it, and announces them. */
  async revokeFor(scope: GrantScope): Promise<void> {
    await this.announceRevoked(await this.markRevokedFor(this.db, scope))
  }

  /**
   * Marks revoked every access token in scope through `db` (the caller's transaction) and returns their
   * jtis, without announcing: the caller calls announceRevoked once its transaction has committed
   * (announced before, another instance could read the row unrevoked again and trust it).
   */
  async markRevokedFor(db: Kysely<Tables>, scope: GrantScope): Promise<string[]> {
    const rows = await db
      .updateTable('oauth_access_tokens')
      .set({ revoked_at: this.clock() })
      .$if(scope.clientId !== undefined, (q) => q.where('client_id', '=', scope.clientId!))
      .$if(scope.userId !== undefined, (q) => q.where('user_id', '=', scope.userId!))
      .where('revoked_at', 'is', null)
      .returning('jti')
      .execute()
    return rows.map((r) => r.jti)
  }

  /** Forgets here, and announces to the other instances, tokens revoked in a committed transaction. */
  async announceRevoked(jtis: readonly string[]): Promise<void> {
    await this.announce(jtis.map((jti) => ({ jti })))
  }

  /**
   * A token's facts if it is a genuine Kiroku token, whether or not it has expired or been revoked
   * (revocation needs to find the family of an expired token too); null for anything else.
   */
  async decode(token: string): Promise<(VerifiedAccessToken & { familyId: string | null; issuedAt: number; revoked: boolean }) | null> {
    let verified: VerifiedAccessToken
    try {
      verified = this.verified.get(token) ?? (await this.verifySignature(token, { ignoreExpiry: true }))
    } catch {
      return null
    }
    const row = await this.db.selectFrom('oauth_access_tokens').select(['family_id', 'issued_at', 'revoked_at', 'user_id', 'client_id']).where('jti', '=', verified.jti).executeTakeFirst()
    if (!row || row.user_id !== verified.userId || row.client_id !== verified.clientId) return null
    return { ...verified, familyId: row.family_id, issuedAt: row.issued_at, revoked: row.revoked_at !== null }
  }

  // Whether the token's row was read lately enough to skip reading it again.
  private recentlyChecked(jti: string): boolean {
    const until = this.checked.get(jti)
    if (until === undefined) return false
    if (until > this.now()) return true
    this.checked.delete(jti)
    return false
  }

  private forgetAll(): void {
    this.evictions++
    this.checked.clear()
  }

  // Forgets the revoked tokens here at once, and tells the other instances to (the database already
  // refuses them: an announcement that fails only leaves them trusted elsewhere until their entry ends).
  private async announce(revoked: ReadonlyArray<{ jti: string }>): Promise<void> {
    if (revoked.length === 0) return
    const jtis = revoked.map((r) => r.jti)
    this.forget(jtis)
    if (!this.broadcast) return
    for (let i = 0; i < jtis.length; i += JTIS_PER_NOTICE) await this.broadcast.publish(REVOKED_TOPIC, jtis.slice(i, i + JTIS_PER_NOTICE).join(','))
  }

  private async verifySignature(token: string, options: { ignoreExpiry?: boolean } = {}): Promise<VerifiedAccessToken> {
    if (token.length > MAX_TOKEN_LENGTH || !JWS_SHAPE.test(token)) throw new InvalidTokenError('malformed')
    let kid: string | undefined
    try {
      kid = decodeProtectedHeader(token).kid
    } catch {
      throw new InvalidTokenError('malformed')
    }
    const key = typeof kid === 'string' ? await this.keys.find(kid) : null
    if (!key) throw new InvalidTokenError('signature')
    let payload
    try {
      ;({ payload } = await jwtVerify(token, key.publicKey, {
        algorithms: [key.alg],
        currentDate: new Date(this.clock() * 1000),
        // decode() must read expired tokens too; verify() re-checks expiry against the clock on every use.
        ...(options.ignoreExpiry ? { clockTolerance: Number.MAX_SAFE_INTEGER } : {}),
        requiredClaims: ['jti', 'sub', 'aud', 'exp', 'iat'],
      }))
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'ERR_JWT_EXPIRED') throw new InvalidTokenError('expired')
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (error as { claim?: string }).claim === 'nbf') throw new InvalidTokenError('not_yet_valid')
      throw new InvalidTokenError(code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'signature' : 'malformed')
    }
    const userId = Number(payload.sub)
    const clientId = Number(payload.aud)
    if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(clientId) || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
      throw new InvalidTokenError('malformed')
    }
    const verified: VerifiedAccessToken = { jti: payload.jti, userId, clientId, expiresAt: payload.exp }
    this.verified.set(token, verified)
    return verified
  }
}
