/**
 * /settings/apps: the clients a user approved, with dates, and Revoke, which ends all of one client's
 * access for that user at once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken } from '../helpers/browser.js'
import { authorize, fragmentParams, loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import {
  bodyCredentials,
  exchangeCode,
  obtainCode,
  postOAuth,
  refresh,
  tokenRequest,
  viewerState,
  type Credentials,
} from '../helpers/oauth.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const APP_A = 'https://a.example/cb'
const APP_B = 'https://b.example/cb'

async function client(name: string, uri: string): Promise<Credentials & { name: string }> {
  const { client: c, secret } = await makeClient(s.app, [uri], name)
  return { id: c.id, secret, name }
}

/** A code-grant pair and an implicit token for this browser's user at this client. */
async function tokensFor(browser: Browser, creds: Credentials) {
  const pair = await exchangeCode(s.app, creds, await obtainCode(browser, { client_id: String(creds.id) }))
  const implicit = fragmentParams((await authorize(browser, { client_id: String(creds.id), response_type: 'token' })).headers.location as string).get('access_token')!
  return { ...pair, implicit }
}

/** Presses Revoke for a client on the connected-apps page, then confirms on the page it opens. */
async function revokeApp(browser: Browser, clientId: number | string) {
  const page = await browser.get(`/settings/apps/${clientId}/revoke`)
  return browser.post(`/settings/apps/${clientId}/revoke`, { csrf_token: csrfToken(page.body) })
}

describe('the list', () => {
  it('requires login', async () => {
    const res = await new Browser(s.app).get('/settings/apps')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/settings/apps')}`)
  })

  it('is empty before any approval', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const page = await browser.get('/settings/apps')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('No app is connected to your account.')
  })

  it('lists each approved client with when it was first and last approved, most recent first', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const a = await client('Anime Tracker', APP_A)
    const b = await client('Manga Reader', APP_B)
    await authorize(browser, { client_id: String(a.id), response_type: 'token' }) // 2025-06-15 15:06 UTC
    s.clock.advance(86_400)
    await authorize(browser, { client_id: String(b.id), response_type: 'code' }) // 2025-06-16 15:06 UTC
    s.clock.advance(86_400)
    await authorize(browser, { client_id: String(a.id), response_type: 'token', prompt: 'consent' }) // renewed 2025-06-17

    const page = await browser.get('/settings/apps')
    const rows = [...page.body.matchAll(/<tr>\s*<th scope="row" class="app-name">([^<]*)<\/th>\s*<td data-label="First approved">([^<]*)<\/td>\s*<td data-label="Last approved">([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]])
    expect(rows).toEqual([
      ['Anime Tracker', '2025-06-15 15:06 UTC', '2025-06-17 15:06 UTC'],
      ['Manga Reader', '2025-06-16 15:06 UTC', '2025-06-16 15:06 UTC'],
    ])
    // Revoke links to a confirmation page, whose form revokes.
    expect(page.body).toContain(`href="/settings/apps/${a.id}/revoke"`)
    expect(page.body).toContain(`href="/settings/apps/${b.id}/revoke"`)
  })

  it('an authorization answered from the remembered approval leaves "last approved" alone: the user approved nothing new', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const a = await client('Anime Tracker', APP_A)
    await authorize(browser, { client_id: String(a.id), response_type: 'token' }) // approved 2025-06-15 15:06 UTC
    s.clock.advance(86_400)
    const again = await browser.get(`/api/v2/oauth/authorize?${new URLSearchParams({ client_id: String(a.id), response_type: 'token' })}`)
    expect(again.statusCode).toBe(302)
    const page = await browser.get('/settings/apps')
    const rows = [...page.body.matchAll(/<tr>\s*<th scope="row" class="app-name">([^<]*)<\/th>\s*<td data-label="First approved">([^<]*)<\/td>\s*<td data-label="Last approved">([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]])
    expect(rows).toEqual([['Anime Tracker', '2025-06-15 15:06 UTC', '2025-06-15 15:06 UTC']])
  })

  it('lists a device approved at /activate, and only the viewer’s own approvals', async () => {
    const alice = await loggedInBrowser(s.app, await makeUser(s.app))
    const bob = await loggedInBrowser(s.app, await makeUser(s.app, 'bob'))
    const tv = await client('Living Room TV', APP_A)
    const device = (await postOAuth(s.app, '/api/v2/oauth/device/code', bodyCredentials(tv))).json()
    const typed = await alice.post('/activate', { csrf_token: csrfToken((await alice.get('/activate')).body), user_code: device.user_code })
    await alice.post('/activate', { csrf_token: csrfToken(typed.body), user_code: device.user_code, decision: 'approve' })
    expect((await alice.get('/settings/apps')).body).toContain('<th scope="row" class="app-name">Living Room TV</th>')
    expect((await bob.get('/settings/apps')).body).not.toContain('Living Room TV')
  })

  it('escapes the app name', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const evil = await client('<img src=x onerror=alert(1)>', APP_A)
    await authorize(browser, { client_id: String(evil.id), response_type: 'token' })
    const page = await browser.get('/settings/apps')
    expect(page.body).not.toContain('<img src=x')
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })
})

describe('Revoke', () => {
  it('kills every access and refresh token of that client for that user at once, and nothing else', async () => {
    const alice = await makeUser(s.app)
    const bob = await makeUser(s.app, 'bob')
    const aliceBrowser = await loggedInBrowser(s.app, alice)
    const bobBrowser = await loggedInBrowser(s.app, bob)
    const a = await client('App A', APP_A)
    const b = await client('App B', APP_B)

    const aliceA1 = await tokensFor(aliceBrowser, a)
    const aliceA2 = await tokensFor(aliceBrowser, a)
    const aliceA2rotated = (await refresh(s.app, a, aliceA2.refresh_token)).json()
    const aliceB = await tokensFor(aliceBrowser, b)
    const bobA = await tokensFor(bobBrowser, a)

    const res = await revokeApp(aliceBrowser, a.id)
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/settings/apps?revoked=${a.id}`)

    for (const token of [aliceA1.access_token, aliceA1.implicit, aliceA2.access_token, aliceA2.implicit, aliceA2rotated.access_token]) {
      expect(await viewerState(s.app, token)).toBe('Invalid token')
    }
    for (const token of [aliceA1.refresh_token, aliceA2rotated.refresh_token]) {
      const refused = await refresh(s.app, a, token)
      expect(refused.statusCode).toBe(400)
      expect(refused.json().error).toBe('invalid_grant')
    }
    // Alice's other app and Bob's tokens for the same app keep working.
    expect(await viewerState(s.app, aliceB.access_token, alice)).toBe('ok')
    expect(await viewerState(s.app, aliceB.implicit, alice)).toBe('ok')
    expect((await refresh(s.app, b, aliceB.refresh_token)).statusCode).toBe(200)
    expect(await viewerState(s.app, bobA.access_token, bob)).toBe('ok')
    expect(await viewerState(s.app, bobA.implicit, bob)).toBe('ok')
    expect((await refresh(s.app, a, bobA.refresh_token)).statusCode).toBe(200)

    const page = await aliceBrowser.get('/settings/apps')
    expect(page.body).not.toContain('<th scope="row" class="app-name">App A</th>')
    expect(page.body).toContain('<th scope="row" class="app-name">App B</th>')
  })

  it('the next authorization asks again', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const a = await client('App A', APP_A)
    await authorize(browser, { client_id: String(a.id), response_type: 'code' })
    expect((await browser.get(`/api/v2/oauth/authorize?client_id=${a.id}&response_type=code`)).statusCode).toBe(302)
    await revokeApp(browser, a.id)
    const again = await browser.get(`/api/v2/oauth/authorize?client_id=${a.id}&response_type=code`)
    expect(again.statusCode).toBe(200)
    expect(again.body).toContain('value="approve"')
    const none = await browser.get(`/api/v2/oauth/authorize?client_id=${a.id}&response_type=code&prompt=none`)
    expect(new URL(none.headers.location as string).searchParams.get('error')).toBe('consent_required')
  })

  it('a code issued before the revocation can no longer be exchanged', async () => {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const a = await client('App A', APP_A)
    const code = await obtainCode(browser, { client_id: String(a.id) })
    await revokeApp(browser, a.id)
    const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code, ...bodyCredentials(a) })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error).toBe('invalid_grant')
  })

  it('a device approved but not yet polled gets no tokens after the revocation', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const tv = await client('TV', APP_A)
    const device = (await postOAuth(s.app, '/api/v2/oauth/device/code', bodyCredentials(tv))).json()
    const typed = await browser.post('/activate', { csrf_token: csrfToken((await browser.get('/activate')).body), user_code: device.user_code })
    await browser.post('/activate', { csrf_token: csrfToken(typed.body), user_code: device.user_code, decision: 'approve' })
    await revokeApp(browser, tv.id)
    const res = await tokenRequest(s.app, { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: device.device_code, ...bodyCredentials(tv) })
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().error).toBe('access_denied')
    expect(await s.app.kiroku.db.selectFrom('oauth_access_tokens').selectAll().execute()).toHaveLength(0)
  })

  it('is CSRF-protected: without the session’s token nothing is revoked', async () => {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const a = await client('App A', APP_A)
    const tokens = await tokensFor(browser, a)
    const other = await loggedInBrowser(s.app, user)
    const otherToken = csrfToken((await other.get('/settings/apps')).body)
    for (const csrf of [undefined, '', otherToken]) {
      const res = await browser.post(`/settings/apps/${a.id}/revoke`, csrf === undefined ? {} : { csrf_token: csrf })
      expect(res.statusCode).toBe(403)
    }
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
    expect((await browser.get('/settings/apps')).body).toContain('<th scope="row" class="app-name">App A</th>')
  })

  it('requires login', async () => {
    const a = await client('App A', APP_A)
    const browser = new Browser(s.app)
    const res = await browser.post(`/settings/apps/${a.id}/revoke`, { csrf_token: csrfToken((await browser.get('/login')).body) })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toMatch(/^\/login\?next=/)
  })

  it('an app you never connected, an unknown client or a malformed id: 404', async () => {
    const alice = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, alice)
    const a = await client('App A', APP_A)
    // Bob connected App A; Alice did not.
    const bobBrowser = await loggedInBrowser(s.app, await makeUser(s.app, 'bob'))
    const bobTokens = await tokensFor(bobBrowser, a)
    for (const id of [a.id, 999, 'abc', '1.5', '-1']) {
      const res = await revokeApp(browser, id)
      expect(res.statusCode, String(id)).toBe(404)
    }
    expect(await viewerState(s.app, bobTokens.access_token)).toBe('ok')
  })
})
