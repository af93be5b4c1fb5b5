/**
 * Access tokens: AniList-shaped JWTs (RS256, `jti` in header and claims, `aud` the client id and `sub`
 * the user id as strings, `scopes: []`). This module owns `oauth_access_tokens`: every issued token's
 * jti is recorded there, which is what lets a token be revoked before it expires.
 *
 * Verification is on every GraphQL request, so the signature check (the costly part) is done once per
 * token and cached; expiry and revocation are checked on every use.
 */
import type { Kysely } from 'kysely'
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { LruCache } from '../util/lru.js'
import { randomHex } from '../util/random.js'
import type { KeyStore } from './keys.js'

export type GrantType = 'implicit' | 'authorization_code' | 'refresh_token' | 'device_code'

export interface IssuedAccessToken {
  accessToken: string
  jti: string
  expiresIn: number
  expiresAt: number
}

export interface VerifiedAccessToken {
  jti: string
  userId: number
  clientId: number
  expiresAt: number
}

/** Why a presented token was refused; GraphQL answers all of them as AniList's "Invalid token". */
export type InvalidTokenReason = 'malformed' | 'signature' | 'expired' | 'not_yet_valid' | 'revoked' | 'unknown'

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError'
  constructor(readonly reason: InvalidTokenReason) {
    super(`invalid access token (${reason})`)
  }
}

// Signature-verified tokens held in memory. 10,000 entries of a few hundred bytes each: a few MB.
const VERIFIED_CACHE_SIZE = 10_000
// Compact JWS is three base64url parts; anything longer than this is not one of ours.
const MAX_TOKEN_LENGTH = 4096
const JWS_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export class AccessTokens {
  private readonly verified = new LruCache<string, VerifiedAccessToken>(VERIFIED_CACHE_SIZE)

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly keys: KeyStore,
    private readonly ttlSeconds: number,
  ) {}

  /**
   * Signs and records a new access token for `userId` at `clientId`. `codeId` and `familyId` tie it to
   * the authorization code or refresh-token family it came from, so that either can revoke it.
   */
  async issue(input: { clientId: number; userId: number; grantType: GrantType; codeId?: string; familyId?: string }): Promise<IssuedAccessToken> {
    const key = this.keys.current()
    const jti = randomHex(40)
    const iat = this.clock()
    const exp = iat + this.ttlSeconds
    const accessToken = await new SignJWT({ scopes: [] })
      .setProtectedHeader({ alg: key.alg, typ: 'JWT', kid: key.kid, jti })
      .setAudience(String(input.clientId))
      .setJti(jti)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .setSubject(String(input.userId))
      .sign(key.privateKey)
    await this.db
      .insertInto('oauth_access_tokens')
      .values({
        jti,
        client_id: input.clientId,
        user_id: input.userId,
        grant_type: input.grantType,
        code_id: input.codeId ?? null,
        family_id: input.familyId ?? null,
        issued_at: iat,
        expires_at: exp,
        revoked_at: null,
      })
      .execute()
    return { accessToken, jti, expiresIn: this.ttlSeconds, expiresAt: exp }
  }

  /** The token's facts if it is genuine, current and not revoked; otherwise throws InvalidTokenError. */
  async verify(token: string): Promise<VerifiedAccessToken> {
    const verified = this.verified.get(token) ?? (await this.verifySignature(token))
    const now = this.clock()
    if (verified.expiresAt <= now) throw new InvalidTokenError('expired')
    const row = await this.db
      .selectFrom('oauth_access_tokens')
      .select(['user_id', 'client_id', 'revoked_at'])
      .where('jti', '=', verified.jti)
      .executeTakeFirst()
    if (!row || row.user_id !== verified.userId || row.client_id !== verified.clientId) throw new InvalidTokenError('unknown')
    if (row.revoked_at !== null) throw new InvalidTokenError('revoked')
    return verified
  }

  /** Marks a token revoked; it is refused from the next request on. Returns false for an unknown jti. */
  async revoke(jti: string): Promise<boolean> {
    const result = await this.db
      .updateTable('oauth_access_tokens')
      .set({ revoked_at: this.clock() })
      .where('jti', '=', jti)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** Revokes every token issued from an authorization code (RFC 6749 §4.1.2: a replayed code). */
  async revokeIssuedFromCode(codeId: string): Promise<void> {
    await this.db.updateTable('oauth_access_tokens').set({ revoked_at: this.clock() }).where('code_id', '=', codeId).where('revoked_at', 'is', null).execute()
  }

  /** The refresh-token families started by exchanging this authorization code (one, unless raced). */
  async familiesIssuedFromCode(codeId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('oauth_access_tokens').select('family_id').distinct().where('code_id', '=', codeId).where('family_id', 'is not', null).execute()
    return rows.map((r) => r.family_id!)
  }

  /** Revokes every access token of a refresh-token family. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.db.updateTable('oauth_access_tokens').set({ revoked_at: this.clock() }).where('family_id', '=', familyId).where('revoked_at', 'is', null).execute()
  }

  /** Revokes every access token a user holds for a client. */
  async revokeFor(userId: number, clientId: number): Promise<void> {
    await this.db
      .updateTable('oauth_access_tokens')
      .set({ revoked_at: this.clock() })
      .where('user_id', '=', userId)
      .where('client_id', '=', clientId)
      .where('revoked_at', 'is', null)
      .execute()
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
