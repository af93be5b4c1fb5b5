// oidc-provider 9 (node:http, its default in-memory adapter) with one confidential client allowed
// the implicit `id_token token` and the code flow with PKCE, and a logged-in session with a stored
// grant, so that authorize answers 302 at once (remembered consent). The one login goes through an
// interaction route of ours that logs the account in and saves a grant for the openid scope; after
// it, loadExistingGrant (the default's logic: the session's grant for the client) finds that grant.
// Usage (from bench/reference/run.mjs): node oidc-provider.mjs
import crypto from 'node:crypto'
import http from 'node:http'
import Provider from 'oidc-provider'
import { announce, announceFailure } from '../../lib/child-server.mjs'
import { followWithCookies } from '../../lib/cookie-jar.mjs'

const REDIRECT = 'https://bench.example/cb'
const CLIENT = { client_id: 'bench-client', client_secret: crypto.randomBytes(24).toString('base64url') }
const ACCOUNT = 'bench-user'

try {
  const signingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' })
  const server = http.createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${server.address().port}`

  const provider = new Provider(issuer, {
    clients: [{
      ...CLIENT,
      redirect_uris: [REDIRECT],
      response_types: ['id_token token', 'code'],
      grant_types: ['implicit', 'authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    responseTypes: ['id_token token', 'code'],
    jwks: { keys: [{ ...signingKey, kid: 'bench', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId)
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined
    },
    features: { devInteractions: { enabled: false } },
    // Explicit lifetimes, or oidc-provider warns of each default at first use.
    ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Grant: 14 * 86400, Session: 14 * 86400 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  })
  // Errors are answered to the client; oidc-provider's console logging of them is not measured.
  provider.on('server_error', () => {})

  const callback = provider.callback()
  server.on('request', async (req, res) => {
    if (!req.url.startsWith('/interaction/')) return callback(req, res)
    try {
      // The one login of the run: the account logs in and the openid scope is granted once.
      const details = await provider.interactionDetails(req, res)
      const grant = new provider.Grant({ accountId: ACCOUNT, clientId: details.params.client_id })
      grant.addOIDCScope('openid')
      const grantId = await grant.save()
      await provider.interactionFinished(req, res, { login: { accountId: ACCOUNT }, consent: { grantId } }, { mergeWithLastSubmission: false })
    } catch (error) {
      res.statusCode = 500
      res.end(String(error))
    }
  })

  const first = new URLSearchParams({ client_id: CLIENT.client_id, response_type: 'id_token token', scope: 'openid', redirect_uri: REDIRECT, nonce: 'n-0S6_WzA2Mj' })
  const { location, cookieHeader } = await followWithCookies(issuer, `/auth?${first}`, (url) => url.startsWith(REDIRECT))
  if (!location.includes('access_token=')) throw new Error(`the first authorization did not end at the client with a token: ${location.slice(0, 200)}`)
  // The session's cookies only: the interaction's are spent.
  const cookie = cookieHeader.split('; ').filter((c) => c.startsWith('_session')).join('; ')
  announce(issuer, { cookie, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, redirectUri: REDIRECT })
} catch (error) {
  announceFailure(error)
}
