/**
 * The device authorization grant (RFC 8628): the device's request, the /activate page, and every
 * polling answer (authorization_pending, slow_down, access_denied, expired_token, the tokens once).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, hiddenFields, logIn } from '../helpers/browser.js'
import { loggedInBrowser, makeClient, makeUser, PASSWORD } from '../helpers/flow.js'
import { bodyCredentials, expectNoStore, makePublicClient, postOAuth, refresh, tokenRequest, viewerState, type Credentials } from '../helpers/oauth.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
const USER_CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/

interface DeviceStart {
  device_code: string
  user_code: string
  verification_uri: string
  verification_uri_complete: string
  expires_in: number
  interval: number
}

async function confidential(name = 'Living Room TV'): Promise<Credentials> {
  const { client, secret } = await makeClient(s.app, ['https://tv.example/unused'], name)
  return { id: client.id, secret }
}

async function startDevice(creds: Credentials): Promise<DeviceStart> {
  const res = await postOAuth(s.app, '/api/v2/oauth/device/code', bodyCredentials(creds))
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as DeviceStart
}

const poll = (creds: Credentials, deviceCode: string) => tokenRequest(s.app, { grant_type: DEVICE_GRANT, device_code: deviceCode, ...bodyCredentials(creds) })

function expectPollError(res: LightMyRequestResponse, error: string): string {
  expect(res.statusCode, res.body).toBe(400)
  expectNoStore(res)
  const body = res.json()
  expect(body.error).toBe(error)
  expect(body.message).toBe(body.error_description)
  return body.error_description
}

/** Types the code at /activate (step 1); returns the confirmation page. */
async function typeCode(browser: Browser, typed: string): Promise<LightMyRequestResponse> {
  const page = await browser.get('/activate')
  expect(page.statusCode).toBe(200)
  return browser.post('/activate', { csrf_token: csrfToken(page.body), user_code: typed })
}

/** Types the code and presses Approve or Deny on the confirmation page. */
async function answer(browser: Browser, typed: string, decision: 'approve' | 'deny'): Promise<LightMyRequestResponse> {
  const confirm = await typeCode(browser, typed)
  expect(confirm.statusCode, confirm.body).toBe(200)
  return browser.post('/activate', { ...hiddenFields(confirm.body, '/activate'), decision })
}

describe('the device authorization request', () => {
  it('answers the RFC 8628 fields, with no-store', async () => {
    const creds = await confidential()
    const res = await postOAuth(s.app, '/api/v2/oauth/device/code', bodyCredentials(creds))
    expect(res.statusCode).toBe(200)
    expectNoStore(res)
    const body = res.json() as DeviceStart
    expect(Object.keys(body).sort()).toEqual(['device_code', 'expires_in', 'interval', 'user_code', 'verification_uri', 'verification_uri_complete'])
    expect(body.user_code).toMatch(USER_CODE)
    expect(body.device_code).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(body.verification_uri).toBe('http://kiroku.test/activate')
    expect(body.verification_uri_complete).toBe(`http://kiroku.test/activate?user_code=${body.user_code}`)
    expect(body.expires_in).toBe(600)
    expect(body.interval).toBe(5)
    // Only a digest of the device code is stored.
    const rows = await s.app.kiroku.db.selectFrom('oauth_device_codes').selectAll().execute()
    expect(JSON.stringify(rows)).not.toContain(body.device_code)
  })

  it('takes JSON, Basic, or a public client’s bare client_id; refuses bad credentials', async () => {
    const creds = await confidential()
    expect((await postOAuth(s.app, '/api/v2/oauth/device/code', bodyCredentials(creds), { as: 'json' })).statusCode).toBe(200)
    expect((await postOAuth(s.app, '/api/v2/oauth/device/code', {}, { basic: { id: String(creds.id), secret: creds.secret! } })).statusCode).toBe(200)
    const { client } = await makePublicClient(s.app)
    expect((await postOAuth(s.app, '/api/v2/oauth/device/code', { client_id: String(client.id) })).statusCode).toBe(200)

    const attempts: Array<Record<string, string>> = [{}, { client_id: String(creds.id) }, { client_id: String(creds.id), client_secret: 'wrong' }, { client_id: '999' }]
    for (const params of attempts) {
      const res = await postOAuth(s.app, '/api/v2/oauth/device/code', params)
      expect(res.statusCode).toBe(401)
      expect(res.json().error).toBe('invalid_client')
    }
  })

  it('every request gets its own codes', async () => {
    const creds = await confidential()
    const a = await startDevice(creds)
    const b = await startDevice(creds)
    expect(a.device_code).not.toBe(b.device_code)
    expect(a.user_code).not.toBe(b.user_code)
  })
})

describe('polling', () => {
  it('authorization_pending until the user answers; polling at the interval is fine', async () => {
    const creds = await confidential()
    const device = await startDevice(creds)
    expectPollError(await poll(creds, device.device_code), 'authorization_pending')
    s.clock.advance(5)
    expectPollError(await poll(creds, device.device_code), 'authorization_pending')
  })

  it('slow_down when polled sooner than the interval, which grows by 5 s each time', async () => {
    const creds = await confidential()
    const device = await startDevice(creds)
    expectPollError(await poll(creds, device.device_code), 'authorization_pending')
    s.clock.advance(4)
    expect(expectPollError(await poll(creds, device.device_code), 'slow_down')).toContain('10 seconds')
    // The interval is now 10 s: 9 s is still too fast, and it grows to 15.
    s.clock.advance(9)
    expect(expectPollError(await poll(creds, device.device_code), 'slow_down')).toContain('15 seconds')
    s.clock.advance(14)
    expectPollError(await poll(creds, device.device_code), 'slow_down')
    s.clock.advance(20)
    expectPollError(await poll(creds, device.device_code), 'authorization_pending')
    const row = await s.app.kiroku.db.selectFrom('oauth_device_codes').select('interval_seconds').executeTakeFirstOrThrow()
    expect(row.interval_seconds).toBe(20)
  })

  it('after Approve: the tokens, once; a second exchange is invalid_grant', async () => {
    const user = await makeUser(s.app)
    const creds = await confidential()
    const device = await startDevice(creds)
    expectPollError(await poll(creds, device.device_code), 'authorization_pending')
    const done = await answer(await loggedInBrowser(s.app, user), device.user_code, 'approve')
    expect(done.statusCode).toBe(200)
    expect(done.body).toContain('Living Room TV')
    expect(done.body).toContain('is now connected')

    s.clock.advance(5)
    const res = await poll(creds, device.device_code)
    expect(res.statusCode, res.body).toBe(200)
    expectNoStore(res)
    const tokens = res.json()
    expect(Object.keys(tokens)).toEqual(['token_type', 'expires_in', 'access_token', 'refresh_token'])
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
    expect((await refresh(s.app, creds, tokens.refresh_token)).statusCode).toBe(200)

    s.clock.advance(5)
    expect(expectPollError(await poll(creds, device.device_code), 'invalid_grant')).toContain('already')
  })

  it('a public client polls with only its client_id', async () => {
    const user = await makeUser(s.app)
    const { client } = await makePublicClient(s.app, ['https://cli.example/unused'], 'Kiroku CLI')
    const creds: Credentials = { id: client.id, secret: null }
    const device = await startDevice(creds)
    await answer(await loggedInBrowser(s.app, user), device.user_code, 'approve')
    const res = await poll(creds, device.device_code)
    expect(res.statusCode, res.body).toBe(200)
    expect(await viewerState(s.app, res.json().access_token, user)).toBe('ok')
  })

  it('after Deny: access_denied, and no token is issued', async () => {
    const user = await makeUser(s.app)
    const creds = await confidential()
    const device = await startDevice(creds)
    const done = await answer(await loggedInBrowser(s.app, user), device.user_code, 'deny')
    expect(done.statusCode).toBe(200)
    expect(done.body).toContain('You denied')
    expectPollError(await poll(creds, device.device_code), 'access_denied')
    expect(await s.app.kiroku.db.selectFrom('oauth_access_tokens').selectAll().execute()).toHaveLength(0)
  })

  it('expired_token once 600 s have passed, answered or not', async () => {
    const user = await makeUser(s.app)
    const creds = await confidential()
    const pending = await startDevice(creds)
    const approved = await startDevice(creds)
    await answer(await loggedInBrowser(s.app, user), approved.user_code, 'approve')
    s.clock.advance(599)
    expectPollError(await poll(creds, pending.device_code), 'authorization_pending')
    s.clock.advance(1)
    expect(expectPollError(await poll(creds, pending.device_code), 'expired_token')).toContain('expired')
    expectPollError(await poll(creds, approved.device_code), 'expired_token')
  })

  it('an unknown device code, another client’s, or none', async () => {
    const creds = await confidential()
    const other = await confidential('Other Device')
    const device = await startDevice(creds)
    expectPollError(await poll(creds, 'unknown'), 'invalid_grant')
    expectPollError(await poll(other, device.device_code), 'invalid_grant')
    expect(expectPollError(await tokenRequest(s.app, { grant_type: DEVICE_GRANT, ...bodyCredentials(creds) }), 'invalid_request')).toContain('device_code')
    // The owner's code is unharmed by the other client's attempt.
    expectPollError(await poll(creds, device.device_code), 'authorization_pending')
  })

  it('the device flow is client-authenticated like every grant', async () => {
    const creds = await confidential()
    const device = await startDevice(creds)
    const res = await tokenRequest(s.app, { grant_type: DEVICE_GRANT, device_code: device.device_code, client_id: String(creds.id), client_secret: 'wrong' })
    expect(res.statusCode).toBe(401)
    expect(res.json().error).toBe('invalid_client')
  })
})

describe('the /activate page', () => {
  it('requires login, and comes back with the code from verification_uri_complete', async () => {
    const user = await makeUser(s.app)
    const device = await startDevice(await confidential())
    const browser = new Browser(s.app)
    const complete = new URL(device.verification_uri_complete)
    const first = await browser.get(complete.pathname + complete.search)
    expect(first.statusCode).toBe(303)
    const location = first.headers.location as string
    expect(location.startsWith('/login?next=')).toBe(true)
    const next = new URL(location, 'http://x').searchParams.get('next')!
    expect(next).toBe(`/activate?user_code=${device.user_code}`)
    const loggedIn = await logIn(browser, user.name, PASSWORD, next)
    expect(loggedIn.headers.location).toBe(next)
    const page = await browser.get(next)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`value="${device.user_code}"`)
  })

  it('a logged-out POST is sent to log in and answers nothing', async () => {
    const creds = await confidential()
    const device = await startDevice(creds)
    const browser = new Browser(s.app)
    const res = await browser.post('/activate', { user_code: device.user_code, decision: 'approve' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toMatch(/^\/login\?next=/)
    expectPollError(await poll(creds, device.device_code), 'authorization_pending')
  })

  for (const [name, transform] of [
    ['as shown', (c: string) => c],
    ['in lower case', (c: string) => c.toLowerCase()],
    ['without the dash', (c: string) => c.replace('-', '')],
    ['lower case, spaced, no dash', (c: string) => ` ${c.slice(0, 2).toLowerCase()} ${c.slice(2, 4)}${c.slice(5).toLowerCase()} `],
  ] as const) {
    it(`accepts the code typed ${name}, and shows the client’s name`, async () => {
      const user = await makeUser(s.app)
      const creds = await confidential('Bedroom Console')
      const device = await startDevice(creds)
      const browser = await loggedInBrowser(s.app, user)
      const confirm = await typeCode(browser, transform(device.user_code))
      expect(confirm.statusCode).toBe(200)
      expect(confirm.body).toContain('Bedroom Console')
      expect(confirm.body).toContain(`<code>${device.user_code}</code>`)
      expect(confirm.body).toMatch(/<button[^>]*value="approve"[^>]*>Approve<\/button>/)
      expect(confirm.body).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/)
      // Typing the code answers nothing yet.
      expectPollError(await poll(creds, device.device_code), 'authorization_pending')
    })
  }

  it('a wrong, malformed, expired or already answered code: 400 with a message', async () => {
    const user = await makeUser(s.app)
    const creds = await confidential()
    const device = await startDevice(creds)
    const browser = await loggedInBrowser(s.app, user)
    const wrongCode = device.user_code[0] === 'B' ? 'CCCC-CCCC' : 'BBBB-BBBB'
    for (const typed of [wrongCode, 'AEIO-UAEI', 'short', '', 'x'.repeat(500)]) {
      const res = await typeCode(browser, typed)
      expect(res.statusCode, typed).toBe(400)
      expect(res.body).toContain('That code is not valid or has expired')
      expect(res.body).not.toContain('value="approve"')
    }
    await answer(browser, device.user_code, 'approve')
    expect((await typeCode(browser, device.user_code)).statusCode).toBe(400)

    const late = await startDevice(creds)
    s.clock.advance(600)
    expect((await typeCode(browser, late.user_code)).statusCode).toBe(400)
  })

  it('Approve and Deny need the session’s CSRF token', async () => {
    const user = await makeUser(s.app)
    const creds = await confidential()
    const device = await startDevice(creds)
    const browser = await loggedInBrowser(s.app, user)
    const other = await loggedInBrowser(s.app, user)
    const otherToken = csrfToken((await other.get('/activate')).body)
    for (const csrf of [undefined, '', otherToken]) {
      for (const decision of ['approve', 'deny']) {
        const form: Record<string, string> = { user_code: device.user_code, decision }
        if (csrf !== undefined) form.csrf_token = csrf
        const res = await browser.post('/activate', form)
        expect(res.statusCode).toBe(403)
      }
    }
    expectPollError(await poll(creds, device.device_code), 'authorization_pending')
  })

  it('the client name is HTML-escaped', async () => {
    const user = await makeUser(s.app)
    const device = await startDevice(await confidential('<script>alert(1)</script>'))
    const confirm = await typeCode(await loggedInBrowser(s.app, user), device.user_code)
    expect(confirm.body).not.toContain('<script>alert(1)</script>')
    expect(confirm.body).toContain('&lt;script&gt;')
  })
})

describe('guessing user codes (RFC 8628 §5.1)', () => {
  it('after 10 wrong codes the user is refused for a while, even with the right code; others are not', async () => {
    const user = await makeUser(s.app)
    const device = await startDevice(await confidential())
    const browser = await loggedInBrowser(s.app, user)
    for (let i = 0; i < 10; i++) expect((await typeCode(browser, 'BBBB-BBBB')).statusCode).toBe(400)
    const blocked = await typeCode(browser, device.user_code)
    expect(blocked.statusCode).toBe(429)
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0)
    expect(blocked.body).toMatch(/Too many wrong codes\. Try again in \d+ minutes\./)

    const other = await loggedInBrowser(s.app, await makeUser(s.app, 'bob'))
    expect((await typeCode(other, device.user_code)).statusCode).toBe(200)
  })
})
