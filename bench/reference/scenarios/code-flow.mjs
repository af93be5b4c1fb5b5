// The code flow with PKCE as one operation: authorize (remembered approval, 302 with a code), then
// the token request exchanging it. autocannon chains the two per connection; flows are counted on
// the token answer, and the server's CPU is divided by the flows.
import crypto from 'node:crypto'
import { makeCounter } from '../../lib/phase.mjs'

export const name = 'code-flow'
export const uses = ['kiroku', 'oidc']

const VERIFIER = crypto.randomBytes(32).toString('base64url')
const CHALLENGE = crypto.createHash('sha256').update(VERIFIER).digest('base64url')

const locationOf = (headers) => headers.location ?? headers.Location ?? ''

function flow(authorizePath, tokenPath, cookie, tokenFields, counter) {
  return {
    requests: [
      {
        method: 'GET', path: authorizePath, headers: { cookie },
        onResponse: (_status, _body, context, headers) => {
          try { context.code = new URL(locationOf(headers)).searchParams.get('code') ?? '' } catch { context.code = '' }
        },
      },
      {
        method: 'POST', path: tokenPath, headers: { 'content-type': 'application/x-www-form-urlencoded' },
        setupRequest: (request, context) => ({ ...request, body: new URLSearchParams({ ...tokenFields, code: context.code ?? '' }).toString() }),
        onResponse: (status) => { if (status === 200) counter.hit() },
      },
    ],
  }
}

async function measure(env, label, server, authorizeBase, tokenPath, extraAuthorize, auth) {
  const f = server.fixtures
  const authorizePath = `${authorizeBase}?${new URLSearchParams({ client_id: String(f.clientId), response_type: 'code', redirect_uri: f.redirectUri, code_challenge: CHALLENGE, code_challenge_method: 'S256', ...extraAuthorize })}`
  const tokenFields = { grant_type: 'authorization_code', client_id: String(f.clientId), client_secret: f.clientSecret, redirect_uri: f.redirectUri, code_verifier: VERIFIER, ...auth }
  // One flow by hand first: the chain must end in a token, or the numbers would measure errors.
  const res = await fetch(server.url + authorizePath, { redirect: 'manual', headers: { cookie: f.cookie } })
  const code = new URL(res.headers.get('location') ?? 'x:').searchParams.get('code')
  if (!code) throw new Error(`${label}: authorize answered ${res.status} without a code`)
  const token = await fetch(server.url + tokenPath, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...tokenFields, code }).toString() })
  if (token.status !== 200) throw new Error(`${label}: the token request answered ${token.status}: ${(await token.text()).slice(0, 200)}`)
  const counter = makeCounter()
  const result = await env.load(server, flow(authorizePath, tokenPath, f.cookie, tokenFields, counter), { counter })
  env.record({ scenario: 'code + PKCE flow (authorize + token)', server: label, ...result, note: 'ops = flows; latency per request' })
}

export async function run(env) {
  for (const { label, server } of env.kirokus) await measure(env, label, server, '/api/v2/oauth/authorize', '/api/v2/oauth/token', {}, {})
  await measure(env, 'oidc-provider 9', env.peers.oidc, '/auth', '/token', { scope: 'openid' }, {})
}
