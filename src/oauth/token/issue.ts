/** The token response every grant ends with: an access token and (except for the implicit grant) a refresh token. */
import type { AppContext } from '../../app/app-context.js'
import { createRefreshToken } from '../refresh-tokens.js'
import type { GrantType } from '../tokens.js'
import { InvalidClient } from '../errors.js'
import { isForeignKeyViolation } from '../../storage/constraint-errors.js'

export interface TokenResponse {
  token_type: 'Bearer'
  expires_in: number
  access_token: string
  refresh_token: string
}

/**
 * Issues a token pair; `familyId` continues a refresh-token family, else a new one starts. A client
 * deleted while its request was under way fails the rows' foreign key: that is answered as the
 * invalid_client it now is.
 */
export async function issueTokenPair(
  ctx: AppContext,
  input: { clientId: number; userId: number; grantType: GrantType; codeId?: string; familyId?: string },
): Promise<TokenResponse> {
  try {
    return await issue(ctx, input)
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new InvalidClient('The client was deleted while this request was answered.')
    throw error
  }
}

async function issue(
  ctx: AppContext,
  input: { clientId: number; userId: number; grantType: GrantType; codeId?: string; familyId?: string },
): Promise<TokenResponse> {
  const refresh = await createRefreshToken(ctx.db, ctx.clock, {
    clientId: input.clientId,
    userId: input.userId,
    ttlSeconds: ctx.config.refreshTokenTtlSeconds,
    ...(input.familyId ? { familyId: input.familyId } : {}),
  })
  const access = await ctx.tokens.issue({ ...input, familyId: refresh.familyId })
  ctx.metrics.tokenIssued(input.grantType)
  // Key order as AniList (league) sends it.
  return { token_type: 'Bearer', expires_in: access.expiresIn, access_token: access.accessToken, refresh_token: refresh.token }
}
