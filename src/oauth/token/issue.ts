/** The token response every grant ends with: an access token and (except for the implicit grant) a refresh token. */
import type { Kysely } from 'kysely'
import type { AppContext } from '../../app/app-context.js'
import type { Tables } from '../../storage/tables.js'
import { createRefreshToken, newRefreshFamilyId } from '../refresh-tokens.js'
import type { AccessTokenGrant } from '../tokens.js'
import { InvalidClient } from '../errors.js'
import { isForeignKeyViolation } from '../../storage/constraint-errors.js'

export interface TokenResponse {
  token_type: 'Bearer'
  expires_in: number
  access_token: string
  refresh_token: string
}

/**
 * The grant's single-use step (marking the code used, the refresh token rotated, the device code
 * exchanged), run through `trx` in the transaction that writes the new tokens. False: it was already
 * taken, so nothing is written and no tokens are issued.
 */
export type GrantClaim = (trx: Kysely<Tables>) => Promise<boolean>

/** What issueTokenPair answers when the claim was already taken. */
export const CLAIM_TAKEN = 'claim_taken'

/**
 * Issues a token pair; `familyId` continues a refresh-token family, else a new one starts. The claim
 * and both tokens' rows are one transaction, so one commit, and never half of them: a code is used
 * exactly when its tokens exist. A client deleted while its request was under way fails the rows'
 * foreign key: that is answered as the invalid_client it now is.
 */
export async function issueTokenPair(ctx: AppContext, input: AccessTokenGrant): Promise<TokenResponse>
export async function issueTokenPair(ctx: AppContext, input: AccessTokenGrant, claim: GrantClaim): Promise<TokenResponse | typeof CLAIM_TAKEN>
export async function issueTokenPair(ctx: AppContext, input: AccessTokenGrant, claim?: GrantClaim): Promise<TokenResponse | typeof CLAIM_TAKEN> {
  try {
    return await issue(ctx, input, claim)
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new InvalidClient('The client was deleted while this request was answered.')
    throw error
  }
}

// Thrown inside the transaction to roll it back when the claim was taken.
class ClaimTaken extends Error {}

async function issue(ctx: AppContext, input: AccessTokenGrant, claim: GrantClaim | undefined): Promise<TokenResponse | typeof CLAIM_TAKEN> {
  const familyId = input.familyId ?? newRefreshFamilyId()
  // Signed before the transaction opens, so that it holds the database only for its statements.
  const access = await ctx.tokens.sign({ ...input, familyId })
  let refreshToken: string
  try {
    refreshToken = await ctx.db.transaction().execute(async (trx) => {
      if (claim && !(await claim(trx))) throw new ClaimTaken()
      const refresh = await createRefreshToken(trx, ctx.clock, { clientId: input.clientId, userId: input.userId, ttlSeconds: ctx.config.refreshTokenTtlSeconds, familyId })
      await ctx.tokens.record(trx, access)
      return refresh.token
    })
  } catch (error) {
    if (error instanceof ClaimTaken) return CLAIM_TAKEN
    throw error
  }
  ctx.metrics.tokenIssued(input.grantType)
  // Key order as AniList (league) sends it.
  return { token_type: 'Bearer', expires_in: access.issued.expiresIn, access_token: access.issued.accessToken, refresh_token: refreshToken }
}
