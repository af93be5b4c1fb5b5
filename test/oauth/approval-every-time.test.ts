/**
 * Which approvals are remembered (RFC 8252 §8.6, RFC 9700 §2.1.2): only a confidential client's, and
 * only for an https redirect URI on a host that is not loopback. A public client, or any client
 * answering at a loopback address or a custom scheme, cannot prove that the program receiving the
 * answer is the app the user approved (any program can claim those), so the user sees the approval
 * page every time, and prompt=none answers consent_required.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import type { Browser } from '../helpers/browser.js'
import { authorize, fragmentParams, loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import { locationParams, makePublicClient, pkcePair } from '../helpers/oauth.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const authorizeUrl = (query: Record<string, string>) => `/api/v2/oauth/authorize?${new URLSearchParams(query)}`

/** True when the GET shows the approval page; false when it answers the app at once. */
async function asks(browser: Browser, query: Record<string, string>): Promise<boolean> {
  const res = await browser.get(authorizeUrl(query))
  if (res.statusCode === 200 && res.body.includes('value="approve"')) return true
  if (res.statusCode === 302) return false
  throw new Error(`unexpected answer ${res.statusCode}: ${res.body.slice(0, 200)}`)
}

async function user(): Promise<Browser> {
  return loggedInBrowser(s.app, await makeUser(s.app))
}

describe('a public client', () => {
  it('implicit grant: the approval page every time, however often it was approved', async () => {
    const browser = await user()
    const { client } = await makePublicClient(s.app, ['https://spa.example/cb'])
    const query = { client_id: String(client.id), response_type: 'token' }
    for (let round = 0; round < 3; round++) {
      expect(await asks(browser, query), `round ${round}`).toBe(true)
      const res = await authorize(browser, query)
      expect(fragmentParams(String(res.headers.location)).get('access_token')).toBeTruthy()
    }
  })

  it('code grant with PKCE: the approval page every time', async () => {
    const browser = await user()
    const { client } = await makePublicClient(s.app, ['https://spa.example/cb'])
    const { challenge } = pkcePair()
    const query = { client_id: String(client.id), response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' }
    await authorize(browser, query)
    expect(await asks(browser, query)).toBe(true)
  })

  it('prompt=none answers consent_required even after an approval, and issues nothing', async () => {
    const browser = await user()
    const { client } = await makePublicClient(s.app, ['https://spa.example/cb'])
    await authorize(browser, { client_id: String(client.id), response_type: 'token' })
    const tokensBefore = (await s.app.kiroku.db.selectFrom('oauth_access_tokens').select('jti').execute()).length
    const res = await browser.get(authorizeUrl({ client_id: String(client.id), response_type: 'token', prompt: 'none', state: 'p' }))
    expect(res.statusCode).toBe(302)
    const answer = fragmentParams(String(res.headers.location))
    expect(answer.get('error')).toBe('consent_required')
    expect(answer.get('error_description')).toContain('every')
    expect(answer.get('state')).toBe('p')
    expect(answer.get('access_token')).toBeNull()
    expect(await s.app.kiroku.db.selectFrom('oauth_access_tokens').select('jti').execute()).toHaveLength(tokensBefore)
  })

  it('the approval page says why it asks again', async () => {
    const browser = await user()
    const { client } = await makePublicClient(s.app, ['https://spa.example/cb'])
    const page = await browser.get(authorizeUrl({ client_id: String(client.id), response_type: 'token' }))
    expect(page.body).toContain('Kiroku asks every time for this app')
  })
})

describe('a confidential client', () => {
  it.each([
    ['an IPv4 loopback address (any port)', 'http://127.0.0.1/cb', 'http://127.0.0.1:53127/cb'],
    ['the IPv6 loopback address', 'http://[::1]/cb', 'http://[::1]/cb'],
    ['localhost', 'http://localhost:3000/callback', 'http://localhost:3000/callback'],
    ['a subdomain of localhost', 'http://app.localhost/cb', 'http://app.localhost/cb'],
    ['localhost over https', 'https://localhost/cb', 'https://localhost/cb'],
    ['127.x.y.z over https', 'https://127.1.2.3/cb', 'https://127.1.2.3/cb'],
    ['a custom scheme', 'myapp://callback', 'myapp://callback'],
    ['a reverse-domain scheme', 'com.example.app:/oauth2redirect', 'com.example.app:/oauth2redirect'],
    ['plain http', 'http://app.example/cb', 'http://app.example/cb'],
  ])('with a redirect URI at %s: the approval page every time, and prompt=none is consent_required', async (_label, registered, requested) => {
    const browser = await user()
    const { client } = await makeClient(s.app, [registered])
    const query = { client_id: String(client.id), response_type: 'token', redirect_uri: requested }
    await authorize(browser, query)
    expect(await asks(browser, query)).toBe(true)
    const none = await browser.get(authorizeUrl({ ...query, prompt: 'none' }))
    expect(none.statusCode).toBe(302)
    expect(fragmentParams(String(none.headers.location)).get('error')).toBe('consent_required')
  })

  it('with an https redirect URI: remembered, and answered at once (prompt=none too)', async () => {
    const browser = await user()
    const { client } = await makeClient(s.app, ['https://app.example/cb'])
    const query = { client_id: String(client.id), response_type: 'code' }
    await authorize(browser, query)
    expect(await asks(browser, query)).toBe(false)
    const none = await browser.get(authorizeUrl({ ...query, prompt: 'none' }))
    expect(locationParams(none).get('code')).toBeTruthy()
  })

  it('with an https and a custom-scheme URI: remembered for the https one only', async () => {
    const browser = await user()
    const { client } = await makeClient(s.app, ['https://app.example/cb', 'myapp://cb'])
    const https = { client_id: String(client.id), response_type: 'token', redirect_uri: 'https://app.example/cb' }
    const custom = { client_id: String(client.id), response_type: 'token', redirect_uri: 'myapp://cb' }
    await authorize(browser, https)
    expect(await asks(browser, https)).toBe(false)
    expect(await asks(browser, custom)).toBe(true)
    await authorize(browser, custom)
    expect(await asks(browser, custom)).toBe(true)
  })
})
