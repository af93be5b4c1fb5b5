/**
 * grant_type=authorization_code (RFC 6749 §4.1.3, RFC 7636 §4.6). The code must be this client's,
 * unexpired and unused; the redirect URI must repeat the authorization request's; the PKCE verifier
 * must match the challenge, and must be absent when no challenge was sent (a downgrade otherwise).
 * A replayed code is refused and every token issued from it revoked.
 */
import { createHash } from 'node:crypto'
import type { AppContext } from '../../app/app-context.js'
import type { ParamSource } from '../../web/params.js'
import { oauthParam } from '../params.js'
import type { Client } from '../clients.js'
import { consumeCode, findCode, markCodeReplayed } from '../codes.js'
import { InvalidClient, InvalidGrant, InvalidRequest } from '../errors.js'
import { matchRedirectUri } from '../redirect-uris.js'
import { revokeRefreshFamily } from '../refresh-tokens.js'
import { constantTimeEqual } from '../../util/random.js'
import { CLAIM_TAKEN, issueTokenPair, type TokenResponse } from './issue.js'

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/

export async function authorizationCodeGrant(ctx: AppContext, client: Client, body: ParamSource): Promise<TokenResponse> {
  const codeValue = oauthParam(body, 'code')
  const redirectUri = oauthParam(body, 'redirect_uri')
  const verifier = oauthParam(body, 'code_verifier')
  if (!codeValue) throw new InvalidRequest('The code parameter is missing.')
  // AniList (league) answers a redirect_uri the client never registered as a client error.
  if (redirectUri !== undefined && matchRedirectUri(client.redirectUris, redirectUri) === null) {
    throw new InvalidClient(`Client authentication failed: the redirect_uri "${redirectUri}" is not registered for client ${client.id}.`)
  }

  const code = await findCode(ctx.db, codeValue)
  if (!code || code.clientId !== client.id) throw new InvalidGrant('The authorization code is invalid, or was issued to another client.')
  if (code.usedAt !== null) throw await replayed(ctx, code.id)
  if (code.expiresAt <= ctx.clock()) throw new InvalidGrant('The authorization code has expired (codes live 10 minutes).')
  if (code.redirectUriGiven && redirectUri === undefined) {
    throw new InvalidRequest('The redirect_uri parameter is missing; it must repeat the one sent to the authorization endpoint.')
  }
  if (redirectUri !== undefined && redirectUri !== code.redirectUri) {
    throw new InvalidGrant(`The redirect_uri "${redirectUri}" differs from the one the code was issued for.`)
  }
  checkVerifier(code.codeChallenge, code.codeChallengeMethod, verifier)

  // Marking the code used and writing its tokens are one transaction: a replay racing this exchange
  // finds the code used (at its read, or when its own mark fails) only once these tokens are committed
  // too, so the tokens it looks for to revoke are always there to find.
  const response = await issueTokenPair(ctx, { clientId: client.id, userId: code.userId, grantType: 'authorization_code', codeId: code.id }, (trx) =>
    consumeCode(trx, ctx.clock, code.id),
  )
  if (response === CLAIM_TAKEN) throw await replayed(ctx, code.id)
  return response
}

/** A replayed code: recorded, then everything issued from it revoked. */
async function replayed(ctx: AppContext, codeId: string): Promise<InvalidGrant> {
  await markCodeReplayed(ctx.db, ctx.clock, codeId)
  await revokeIssuedFromCode(ctx, codeId)
  return new InvalidGrant('The authorization code has already been used; the tokens issued from it are now revoked.')
}

/**
 * RFC 6749 §4.1.2: a replayed code revokes what it was exchanged for. That is the first access token
 * and its refresh-token family, with every pair the family was rotated into since: otherwise whoever
 * holds the refresh token keeps access.
 */
async function revokeIssuedFromCode(ctx: AppContext, codeId: string): Promise<void> {
  for (const familyId of await ctx.tokens.familiesIssuedFromCode(codeId)) {
    await revokeRefreshFamily(ctx.db, ctx.clock, familyId)
    await ctx.tokens.revokeFamily(familyId)
  }
  await ctx.tokens.revokeIssuedFromCode(codeId)
}

function checkVerifier(challenge: string | null, method: string | null, verifier: string | undefined): void {
  if (challenge === null) {
    if (verifier !== undefined) throw new InvalidGrant('A code_verifier was sent, but the authorization request had no code_challenge.')
    return
  }
  if (verifier === undefined) throw new InvalidGrant('The code_verifier parameter is missing: the authorization request used PKCE.')
  if (!VERIFIER.test(verifier)) throw new InvalidGrant('The code_verifier must be 43 to 128 unreserved characters.')
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier
  if (!constantTimeEqual(computed, challenge)) throw new InvalidGrant('The code_verifier does not match the code_challenge.')
}
