// POST /graphql { Viewer { id name } } with a Bearer token: Kiroku against the stack's limits, a
// Fastify route that only verifies the RS256 token with jose ("bare verify") and a hello world.
export const name = 'viewer'
export const uses = ['kiroku', 'bare']

const body = JSON.stringify({ query: '{ Viewer { id name } }' })
const viewerRequest = (path, token) => ({ method: 'POST', path, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body })

export async function run(env) {
  for (const { label, server } of env.kirokus) {
    await env.probe(server, viewerRequest('/graphql', server.fixtures.accessToken), (status, text) => status === 200 && text.includes('"name":"bench"'))
    env.record({ scenario: 'Viewer', server: label, ...(await env.load(server, viewerRequest('/graphql', server.fixtures.accessToken))) })
  }
  const { bare } = env.peers
  await env.probe(bare, viewerRequest('/verify', bare.fixtures.token), (status) => status === 200)
  env.record({ scenario: 'Viewer', server: 'bare verify', ...(await env.load(bare, viewerRequest('/verify', bare.fixtures.token))), note: 'jose RS256 verify, JSON answer' })
  env.record({ scenario: 'Viewer', server: 'hello world', ...(await env.load(bare, { method: 'GET', path: '/' })), note: 'GET /, Fastify' })
}
