/** POST /api/v2/oauth/token: authenticates the client, then hands the request to its grant. */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../app/app-context.js'
import type { ParamSource } from '../../web/params.js'
import { oauthBody, oauthParam } from '../params.js'
import type { Client } from '../clients.js'
import { InvalidRequest, UnsupportedGrantType } from '../errors.js'
import { noStore } from '../api-errors.js'
import { authenticateClient } from './client-auth.js'
import { authorizationCodeGrant } from './authorization-code.js'
import { refreshTokenGrant } from './refresh-token.js'
import { deviceCodeGrant, DEVICE_CODE_GRANT } from './device-code.js'
import type { TokenResponse } from './issue.js'

export const TOKEN_PATH = '/api/v2/oauth/token'

type Grant = (ctx: AppContext, client: Client, body: ParamSource) => Promise<TokenResponse>

/** The grant types the token endpoint serves (the implicit grant never reaches it). */
export const GRANTS: Readonly<Record<string, Grant>> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  [DEVICE_CODE_GRANT]: deviceCodeGrant,
}

export function registerTokenRoute(app: FastifyInstance, ctx: AppContext): void {
  app.post(TOKEN_PATH, async (request, reply) => {
    const body = oauthBody(request.body)
    const grantType = oauthParam(body, 'grant_type')
    if (!grantType) throw new InvalidRequest('The grant_type parameter is missing.', { hint: 'Check that all required parameters have been provided' })
    const grant = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined
    if (!grant) {
      throw new UnsupportedGrantType(`The grant_type "${grantType}" is not supported; use authorization_code, refresh_token or ${DEVICE_CODE_GRANT}.`, {
        hint: 'Check that all required parameters have been provided',
      })
    }
    const { client } = await authenticateClient(ctx, request.headers.authorization, body)
    const response = await grant(ctx, client, body)
    return noStore(reply).send(response)
  })
}
