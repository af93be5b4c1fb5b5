// The implicit grant with a remembered approval: a logged-in user's browser asks authorize for a
// token and gets 302 with it in the fragment. Kiroku, oidc-provider (`id_token token`: an ID token
// and an access token), @jmondi/oauth2-server (HS256) and a bare Fastify route that signs RS256.
export const name = 'implicit'
export const uses = ['kiroku', 'oidc', 'jmondi', 'bare']

const redirected = (status, _text, headers) => status >= 300 && status < 400 && /[#&]access_token=/.test(headers.get('location') ?? '')
const get = (path, cookie) => ({ method: 'GET', path, headers: cookie ? { cookie } : {} })

export async function run(env) {
  for (const { label, server } of env.kirokus) {
    const f = server.fixtures
    const request = get(`/api/v2/oauth/authorize?${new URLSearchParams({ client_id: String(f.clientId), response_type: 'token', redirect_uri: f.redirectUri })}`, f.cookie)
    await env.probe(server, request, redirected)
    env.record({ scenario: 'implicit authorize → 302', server: label, ...(await env.load(server, request)), note: 'RS256 access token' })
  }
  const { oidc, jmondi, bare } = env.peers
  const o = oidc.fixtures
  const oidcRequest = get(`/auth?${new URLSearchParams({ client_id: o.clientId, response_type: 'id_token token', scope: 'openid', redirect_uri: o.redirectUri, nonce: 'bench-nonce' })}`, o.cookie)
  await env.probe(oidc, oidcRequest, redirected)
  env.record({ scenario: 'implicit authorize → 302', server: 'oidc-provider 9', ...(await env.load(oidc, oidcRequest)), note: '`id_token token`: RS256 ID token + opaque access token' })
  const j = jmondi.fixtures
  const jmondiRequest = get(`/authorize?${new URLSearchParams({ client_id: j.clientId, response_type: 'token', redirect_uri: j.redirectUri })}`, j.cookie)
  await env.probe(jmondi, jmondiRequest, redirected)
  env.record({ scenario: 'implicit authorize → 302', server: '@jmondi/oauth2-server 4', ...(await env.load(jmondi, jmondiRequest)), note: 'HS256 (its JwtService), not RS256' })
  await env.probe(bare, get('/sign'), redirected)
  env.record({ scenario: 'implicit authorize → 302', server: 'bare signing', ...(await env.load(bare, get('/sign'))), note: 'Fastify + jose RS256 sign, 302' })
}
