/**
 * grant_type=refresh_token (RFC 6749 §6). Every use rotates the token; presenting one that was already
 * rotated revokes its whole family, access tokens included (RFC 9700 §4.14.2).
 */
import type { AppContext } from '../../app/app-context.js'
import type { ParamSource } from '../../web/params.js'
import { oauthParam } from '../params.js'
import type { Client } from '../clients.js'
import { InvalidGrant, InvalidRequest } from '../errors.js'
import { findRefreshToken, markRotated, revokeRefreshFamily } from '../refresh-tokens.js'
import { CLAIM_TAKEN, issueTokenPair, type TokenResponse } from './issue.js'

export async function refreshTokenGrant(ctx: AppContext, client: Client, body: ParamSource): Promise<TokenResponse> {
  const value = oauthParam(body, 'refresh_token')
  if (!value) throw new InvalidRequest('The refresh_token parameter is missing.')
  const token = await findRefreshToken(ctx.db, value)
  if (!token || token.clientId !== client.id) throw new InvalidGrant('The refresh token is invalid, or was issued to another client.')
  if (token.revokedAt !== null) throw new InvalidGrant('The refresh token has been revoked.')

  const revokeFamily = async () => {
    await revokeRefreshFamily(ctx.db, ctx.clock, token.familyId)
    await ctx.tokens.revokeFamily(token.familyId)
  }
  if (token.rotatedAt !== null) {
    await revokeFamily()
    throw new InvalidGrant('The refresh token was already used; as a precaution every token of this grant is now revoked.')
  }
  if (token.expiresAt <= ctx.clock()) throw new InvalidGrant('The refresh token has expired.')
  // Rotating the token and writing its successor are one transaction: never one without the other.
  const response = await issueTokenPair(ctx, { clientId: client.id, userId: token.userId, grantType: 'refresh_token', familyId: token.familyId }, (trx) =>
    markRotated(trx, ctx.clock, token.id),
  )
  if (response === CLAIM_TAKEN) {
    await revokeFamily()
    throw new InvalidGrant('The refresh token was already used; as a precaution every token of this grant is now revoked.')
  }
  return response
}
