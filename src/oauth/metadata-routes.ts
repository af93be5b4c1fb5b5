/**
 * GET /.well-known/oauth-authorization-server (RFC 8414) and the JWKS it points to. A standard client
 * configures itself from the metadata alone; the JWKS lets anyone verify Kiroku's access tokens.
 */
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../app/app-context.js'
import { AUTHORIZE_PATH } from './authorize/routes.js'
import { TOKEN_PATH } from './token/routes.js'
import { DEVICE_CODE_GRANT } from './token/device-code.js'
import { REVOKE_PATH } from './revoke-routes.js'
import { INTROSPECT_PATH } from './introspect-routes.js'
import { DEVICE_AUTHORIZATION_PATH } from './device-routes.js'

export const METADATA_PATH = '/.well-known/oauth-authorization-server'
export const JWKS_PATH = '/api/v2/oauth/jwks'

/** The metadata document; built once, since every value is fixed by the configuration. */
export function authorizationServerMetadata(ctx: AppContext): Record<string, unknown> {
  const base = ctx.config.publicUrl
  const clientAuth = ['client_secret_basic', 'client_secret_post', 'none']
  return {
    issuer: base,
    authorization_endpoint: base + AUTHORIZE_PATH,
    token_endpoint: base + TOKEN_PATH,
    jwks_uri: base + JWKS_PATH,
    revocation_endpoint: base + REVOKE_PATH,
    introspection_endpoint: base + INTROSPECT_PATH,
    device_authorization_endpoint: base + DEVICE_AUTHORIZATION_PATH,
    response_types_supported: ['code', 'token'],
    response_modes_supported: ['query', 'fragment'],
    grant_types_supported: ['authorization_code', 'implicit', 'refresh_token', DEVICE_CODE_GRANT],
    code_challenge_methods_supported: ctx.config.pkcePlainAllowed ? ['S256', 'plain'] : ['S256'],
    token_endpoint_auth_methods_supported: clientAuth,
    revocation_endpoint_auth_methods_supported: clientAuth,
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: [],
    prompt_values_supported: ['none', 'consent'],
    authorization_response_iss_parameter_supported: true,
    service_documentation: `${base}/`,
  }
}

export function registerMetadataRoutes(app: FastifyInstance, ctx: AppContext): void {
  const metadata = authorizationServerMetadata(ctx)
  app.get(METADATA_PATH, async (_request, reply) => reply.header('cache-control', 'public, max-age=3600').send(metadata))
  // Short cache: a rotated key must reach verifiers well before it signs its first token elsewhere.
  app.get(JWKS_PATH, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').type('application/jwk-set+json').send(ctx.keys.jwks()))
}
