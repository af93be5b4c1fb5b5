/**
 * The "done when": a strict, standards-following OAuth client (oauth4webapi) configures itself
 * from the metadata document alone and completes code+PKCE, refresh with rotation (and reuse
 * detection), revocation, introspection and the device flow against a running server. Any deviation
 * from the RFCs that this library checks (issuer, iss parameter, content types, cache headers, token
 * response shape) fails these tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as oauth from 'oauth4webapi'
import { listeningServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, hiddenFields } from '../helpers/browser.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { createClient } from '../../src/oauth/clients.js'
import type { User } from '../../src/accounts/users.js'

let s: TestServer & { baseUrl: string }
let as: oauth.AuthorizationServer
let user: User
const insecure = { [oauth.allowInsecureRequests]: true } // the test server speaks plain http on loopback
const REDIRECT = 'https://app.example/callback'

beforeAll(async () => {
  s = await listeningServer()
  user = await makeUser(s.app)
  const issuer = new URL(s.baseUrl)
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }))
})
afterAll(async () => s.app.close())

/** Runs the browser half of the code flow; returns the callback URL the app receives. */
async function approveInBrowser(browser: Browser, url: URL): Promise<URL> {
  const path = url.pathname + url.search
  let res = await browser.get(path)
  let expected = 302
  if (res.statusCode === 200) {
    res = await browser.post('/api/v2/oauth/authorize', { ...hiddenFields(res.body, '/api/v2/oauth/authorize'), csrf_token: csrfToken(res.body), decision: 'approve' })
    expected = 303
  }
  expect(res.statusCode).toBe(expected)
  return new URL(res.headers.location as string)
}

async function graphqlViewer(token: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ Viewer { id name } }' }),
  })
  return { status: res.status, body: await res.json() }
}

async function codeFlow(client: oauth.Client, clientAuth: oauth.ClientAuth, browser: Browser) {
  const verifier = oauth.generateRandomCodeVerifier()
  const state = oauth.generateRandomState()
  const url = new URL(as.authorization_endpoint!)
  url.searchParams.set('client_id', client.client_id)
  url.searchParams.set('redirect_uri', REDIRECT)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier))
  url.searchParams.set('code_challenge_method', 'S256')
  url.searchParams.set('state', state)
  const callback = await approveInBrowser(browser, url)
  const params = oauth.validateAuthResponse(as, client, callback, state)
  const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, REDIRECT, verifier, insecure)
  return oauth.processAuthorizationCodeResponse(as, client, response)
}

describe('a strict OAuth client against a running Kiroku', () => {
  it('discovers every endpoint from the metadata document', () => {
    expect(as.issuer).toBe(s.baseUrl)
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'revocation_endpoint', 'introspection_endpoint', 'device_authorization_endpoint', 'jwks_uri'] as const) {
      expect(as[endpoint]).toMatch(new RegExp(`^${s.baseUrl}/`))
    }
    expect(as.code_challenge_methods_supported).toEqual(['S256'])
    expect(as.authorization_response_iss_parameter_supported).toBe(true)
  })

  it('confidential client: code + PKCE, refresh with rotation and reuse detection, introspection, revocation', async () => {
    const { client: registered, secret } = await createClient(s.app.kiroku.db, s.app.kiroku.clock, { name: 'Strict App', redirectUris: [REDIRECT] })
    const client: oauth.Client = { client_id: String(registered.id) }
    const auth = oauth.ClientSecretBasic(secret!)
    const browser = await loggedInBrowser(s.app, user)

    const first = await codeFlow(client, auth, browser)
    expect(first.token_type).toBe('bearer') // oauth4webapi lower-cases it
    expect(first.expires_in).toBe(31_536_000)
    expect(typeof first.refresh_token).toBe('string')
    expect((await graphqlViewer(first.access_token)).body).toEqual({ data: { Viewer: { id: user.id, name: user.name } } })

    // Introspection through client_secret_post, to exercise the other authentication method.
    const post = oauth.ClientSecretPost(secret!)
    const info = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, post, first.access_token, insecure))
    expect(info).toMatchObject({ active: true, client_id: client.client_id, username: user.name, sub: String(user.id), token_type: 'Bearer' })

    // Refresh rotates: a new refresh token each time, the new access token works.
    const second = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token!, insecure))
    expect(second.refresh_token).toBeDefined()
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect((await graphqlViewer(second.access_token)).status).toBe(200)

    // Reusing the rotated token is refused and revokes the whole family.
    const reuse = await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token!, insecure)
    await expect(oauth.processRefreshTokenResponse(as, client, reuse)).rejects.toMatchObject({ error: 'invalid_grant' })
    expect((await graphqlViewer(second.access_token)).body.errors[0].message).toBe('Invalid token')
    expect((await graphqlViewer(first.access_token)).body.errors[0].message).toBe('Invalid token')
    const gone = await oauth.refreshTokenGrantRequest(as, client, auth, second.refresh_token!, insecure)
    await expect(oauth.processRefreshTokenResponse(as, client, gone)).rejects.toMatchObject({ error: 'invalid_grant' })

    // A fresh grant, then RFC 7009 revocation: GraphQL refuses the token at once, introspection says inactive.
    const third = await codeFlow(client, auth, browser)
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, third.access_token, insecure))
    expect((await graphqlViewer(third.access_token)).body.errors[0]).toMatchObject({ message: 'Invalid token', status: 400 })
    const after = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, third.access_token, insecure))
    expect(after.active).toBe(false)
    // Revoking the refresh token ends its grant too.
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, third.refresh_token!, { ...insecure, additionalParameters: { token_type_hint: 'refresh_token' } }))
    const revokedRefresh = await oauth.refreshTokenGrantRequest(as, client, auth, third.refresh_token!, insecure)
    await expect(oauth.processRefreshTokenResponse(as, client, revokedRefresh)).rejects.toMatchObject({ error: 'invalid_grant' })
  })

  it('public client: code + PKCE with no secret, then refresh', async () => {
    const { client: registered } = await createClient(s.app.kiroku.db, s.app.kiroku.clock, { name: 'Public App', redirectUris: [REDIRECT], isPublic: true })
    const client: oauth.Client = { client_id: String(registered.id), token_endpoint_auth_method: 'none' }
    const browser = await loggedInBrowser(s.app, user)
    const tokens = await codeFlow(client, oauth.None(), browser)
    expect((await graphqlViewer(tokens.access_token)).status).toBe(200)
    const refreshed = await oauth.processRefreshTokenResponse(as, client, await oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token!, insecure))
    expect((await graphqlViewer(refreshed.access_token)).body.data.Viewer.id).toBe(user.id)
  })

  it('device flow: pending while the user has not answered, then tokens after approval at /activate', async () => {
    const { client: registered } = await createClient(s.app.kiroku.db, s.app.kiroku.clock, { name: 'TV App', redirectUris: [REDIRECT], isPublic: true })
    const client: oauth.Client = { client_id: String(registered.id), token_endpoint_auth_method: 'none' }
    const device = await oauth.processDeviceAuthorizationResponse(as, client, await oauth.deviceAuthorizationRequest(as, client, oauth.None(), {}, insecure))
    expect(device.verification_uri).toBe(`${s.baseUrl}/activate`)
    expect(device.user_code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)

    const poll = () => oauth.deviceCodeGrantRequest(as, client, oauth.None(), device.device_code, insecure)
    await expect(oauth.processDeviceCodeResponse(as, client, await poll())).rejects.toMatchObject({ error: 'authorization_pending' })

    const browser = await loggedInBrowser(s.app, user)
    const page = await browser.get(`/activate?user_code=${device.user_code.toLowerCase()}`)
    const confirm = await browser.post('/activate', { csrf_token: csrfToken(page.body), user_code: device.user_code.toLowerCase() })
    expect(confirm.body).toContain('TV App')
    const done = await browser.post('/activate', { csrf_token: csrfToken(confirm.body), user_code: device.user_code, decision: 'approve' })
    expect(done.statusCode).toBe(200)

    s.clock.advance(device.interval ?? 5)
    const tokens = await oauth.processDeviceCodeResponse(as, client, await poll())
    expect((await graphqlViewer(tokens.access_token)).body.data.Viewer.name).toBe(user.name)
  })
})
