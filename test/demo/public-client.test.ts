/**
 * The demo's public client: `serve --demo` makes it on an empty database, finds it again on the next
 * run, and with it both flows a native app uses work at once: a PKCE code flow to a loopback redirect
 * on a port of the app's choosing, and the device flow, neither with a secret.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, hiddenFields, logIn } from '../helpers/browser.js'
import { exchangeCode, locationParams, pkcePair, postOAuth, tokenRequest, viewerState } from '../helpers/oauth.js'
import { authorize } from '../helpers/flow.js'
import { DEMO_PASSWORD, DEMO_PUBLIC_CLIENT_NAME, DEMO_PUBLIC_REDIRECT_URI, DEMO_USER, seedDemo } from '../../src/demo/seed.js'
import { findClient } from '../../src/oauth/clients.js'
import { findUserByName } from '../../src/accounts/users.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

async function demoBrowser(): Promise<Browser> {
  const browser = new Browser(s.app)
  const res = await logIn(browser, DEMO_USER, DEMO_PASSWORD)
  expect(res.statusCode).toBe(303)
  return browser
}

describe('the demo public client', () => {
  it('is made public, without a secret, with the loopback redirect; a second run finds the same one', async () => {
    const first = await seedDemo(s.app.kiroku)
    expect(first.publicClientId).not.toBeNull()
    expect(first.publicClientId).not.toBe(first.clientId)
    const client = await findClient(s.app.kiroku.db, first.publicClientId!)
    expect(client).toMatchObject({ name: DEMO_PUBLIC_CLIENT_NAME, isPublic: true, redirectUris: [DEMO_PUBLIC_REDIRECT_URI] })
    const demo = await findUserByName(s.app.kiroku.db, DEMO_USER)
    expect(client!.ownerUserId).toBe(demo!.id)
    const second = await seedDemo(s.app.kiroku)
    expect(second.created).toBe(false)
    expect(second.publicClientId).toBe(first.publicClientId)
  })

  it('runs a PKCE code flow to a loopback port of its choosing, with no secret', async () => {
    const { publicClientId } = await seedDemo(s.app.kiroku)
    const browser = await demoBrowser()
    const { verifier, challenge } = pkcePair()
    const redirectUri = 'http://127.0.0.1:53682/callback'
    const res = await authorize(browser, {
      response_type: 'code',
      client_id: String(publicClientId),
      redirect_uri: redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'xyz',
    })
    expect(res.headers.location).toMatch(/^http:\/\/127\.0\.0\.1:53682\/callback\?/)
    const params = locationParams(res)
    expect(params.get('state')).toBe('xyz')
    const creds = { id: publicClientId!, secret: null }
    // Without the verifier a public client gets nothing: PKCE is what stands in for the secret.
    const withoutVerifier = await tokenRequest(s.app, { grant_type: 'authorization_code', code: params.get('code')!, client_id: String(publicClientId), redirect_uri: redirectUri })
    expect(withoutVerifier.statusCode).toBe(400)
    const again = await authorize(browser, { response_type: 'code', client_id: String(publicClientId), redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' })
    const tokens = await exchangeCode(s.app, creds, locationParams(again).get('code')!, { redirect_uri: redirectUri, code_verifier: verifier })
    expect(await viewerState(s.app, tokens.access_token)).toBe('ok')
  })

  it('runs the device flow with its bare client id', async () => {
    const { publicClientId } = await seedDemo(s.app.kiroku)
    const start = await postOAuth(s.app, '/api/v2/oauth/device/code', { client_id: String(publicClientId) })
    expect(start.statusCode, start.body).toBe(200)
    const device = start.json() as { device_code: string; user_code: string }
    const browser = await demoBrowser()
    const page = await browser.get('/activate')
    const confirm = await browser.post('/activate', { csrf_token: csrfToken(page.body), user_code: device.user_code })
    expect(confirm.statusCode, confirm.body).toBe(200)
    const approved = await browser.post('/activate', { ...hiddenFields(confirm.body, '/activate'), decision: 'approve' })
    expect(approved.statusCode).toBeLessThan(400)
    s.clock.advance(5)
    const poll = await tokenRequest(s.app, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.device_code, client_id: String(publicClientId) })
    expect(poll.statusCode, poll.body).toBe(200)
    expect(await viewerState(s.app, poll.json().access_token)).toBe('ok')
  })
})
