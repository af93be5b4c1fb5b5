import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { createHash } from 'node:crypto'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities, logIn } from '../helpers/browser.js'
import { loggedInBrowser, makeUser, PASSWORD } from '../helpers/flow.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const COOKIE = 'kiroku_session'
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** The raw Set-Cookie line for `name`, as a browser receives it. */
function setCookieLine(res: LightMyRequestResponse, name = COOKIE): string {
  const header = res.headers['set-cookie']
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header]
  const line = lines.find((l) => l.startsWith(`${name}=`))
  if (!line) throw new Error(`no ${name} cookie set; got ${JSON.stringify(lines)}`)
  return line
}

/** The page's alert text, if any. */
function alertText(html: string): string | null {
  const match = /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)
  return match ? decodeEntities(match[1]!) : null
}

/** Whether the browser's session is a logged-in one: the developer page needs login. */
async function isLoggedIn(browser: Browser): Promise<boolean> {
  const res = await browser.get('/settings/developer')
  if (res.statusCode === 200) return true
  expect(res.statusCode).toBe(303)
  return false
}

/** Opens /login and submits it from the given client address, without the Browser helper (which is always 127.0.0.1). */
async function logInFrom(ip: string, name: string, password: string): Promise<LightMyRequestResponse> {
  const page = await s.app.inject({ method: 'GET', url: '/login', remoteAddress: ip })
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  return s.app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    payload: new URLSearchParams({ csrf_token: csrfToken(page.body), name, password, next: '/' }).toString(),
  })
}

describe('logging in', () => {
  it('redirects to next with a logged-in session cookie: HttpOnly, SameSite=Lax, Path=/, lasting SESSION_TTL', async () => {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const res = await logIn(browser, user.name, PASSWORD, '/settings/developer')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/developer')
    const line = setCookieLine(res)
    expect(line).toMatch(/; HttpOnly(;|$)/)
    expect(line).toMatch(/; SameSite=Lax(;|$)/)
    expect(line).toMatch(/; Path=\/(;|$)/)
    expect(line).toMatch(/; Max-Age=1209600(;|$)/)
    expect(line).not.toMatch(/; Domain=/i)
    expect(line).not.toMatch(/; Secure/)
    expect(await isLoggedIn(browser)).toBe(true)
  })

  it('takes the name in any letter case and with surrounding spaces', async () => {
    const user = await makeUser(s.app, 'Alice')
    const browser = new Browser(s.app)
    expect((await logIn(browser, '  aLICE ', PASSWORD)).statusCode).toBe(303)
    expect((await browser.get('/')).body).toContain(`<span class="menu-name">${user.name}</span>`)
  })

  it('issues a new session id at login, whatever session cookie the browser held before (no session fixation)', async () => {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const page = await browser.get('/login')
    // Showing the form makes no session at all.
    expect(browser.cookies.has(COOKIE)).toBe(false)
    const formCsrf = csrfToken(page.body)

    // Someone plants their own logged-in session cookie in the browser before the user logs in.
    const planter = await loggedInBrowser(s.app, await makeUser(s.app, 'mallory'))
    const planted = planter.cookies.get(COOKIE)!
    browser.cookies.set(COOKIE, planted)
    const plantedCsrf = csrfToken((await browser.get('/')).body)

    const res = await browser.post('/login', { csrf_token: plantedCsrf, name: user.name, password: PASSWORD, next: '/' })
    expect(res.statusCode).toBe(303)
    const loggedIn = browser.cookies.get(COOKIE)!
    expect(loggedIn).not.toBe(planted)
    expect(csrfToken((await browser.get('/')).body)).not.toBe(formCsrf)
    expect((await browser.get('/')).body).toContain(`<span class="menu-name">${user.name}</span>`)

    const ids = (await s.app.kiroku.db.selectFrom('sessions').select('id').execute()).map((r) => r.id)
    expect(ids).not.toContain(sha256(planted))
    // Whoever planted or saw the pre-login cookie gains nothing from it.
    const replay = new Browser(s.app)
    replay.cookies.set(COOKIE, planted)
    expect(await isLoggedIn(replay)).toBe(false)
  })

  it('stores sessions only as SHA-256 digests of the cookie value', async () => {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const token = browser.cookies.get(COOKIE)!
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const rows = await s.app.kiroku.db.selectFrom('sessions').selectAll().execute()
    expect(rows.map((r) => r.id)).toEqual([sha256(token)])
    expect(JSON.stringify(rows)).not.toContain(token)
    expect(rows[0]!.user_id).toBe(user.id)
  })

  it('with an https PUBLIC_URL names the cookie __Host-kiroku_session and marks it Secure', async () => {
    await s.app.close()
    s = await testServer({ publicUrl: 'https://kiroku.example' })
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const form = setCookieLine(await browser.get('/login'), '__Host-kiroku_form')
    const res = await logIn(browser, user.name, PASSWORD)
    expect(res.statusCode).toBe(303)
    for (const line of [form, setCookieLine(res, '__Host-kiroku_session')]) {
      expect(line).toMatch(/; Secure(;|$)/)
      expect(line).toMatch(/; Path=\/(;|$)/)
      expect(line).toMatch(/; HttpOnly(;|$)/)
      expect(line).not.toMatch(/; Domain=/i)
    }
    expect(browser.cookies.has(COOKIE)).toBe(false)
    expect(await isLoggedIn(browser)).toBe(true)
  })
})

describe('failed logins', () => {
  it('answer a wrong password and an unknown user alike: 401, one message, no session', async () => {
    await makeUser(s.app, 'alice')
    const wrongPassword = new Browser(s.app)
    const a = await logIn(wrongPassword, 'alice', 'not the password')
    const unknownUser = new Browser(s.app)
    const b = await logIn(unknownUser, 'nobody', PASSWORD)
    expect(a.statusCode).toBe(401)
    expect(b.statusCode).toBe(401)
    expect(alertText(a.body)).toBe('Wrong username or password.')
    expect(alertText(b.body)).toBe(alertText(a.body))
    // Apart from the echoed name and the form token, the two pages are the same page.
    const normalise = (html: string, name: string) => html.replace(/name="csrf_token" value="[^"]+"/, '').replace(`value="${name}"`, '')
    expect(normalise(a.body, 'alice')).toBe(normalise(b.body, 'nobody'))
    expect(await isLoggedIn(wrongPassword)).toBe(false)
    expect(await isLoggedIn(unknownUser)).toBe(false)
  })

  it('answer an empty name or password with 400', async () => {
    await makeUser(s.app)
    for (const [name, password] of [['', PASSWORD], ['alice', '']]) {
      const res = await logIn(new Browser(s.app), name!, password!)
      expect(res.statusCode).toBe(400)
      expect(alertText(res.body)).toBe('Enter your username and password.')
    }
  })

  it('never echo the password back into the page', async () => {
    await makeUser(s.app)
    const res = await logIn(new Browser(s.app), 'alice', 'wrong-but-secret')
    expect(res.body).not.toContain('wrong-but-secret')
  })
})

describe('login CSRF protection', () => {
  it.each([
    ['missing', undefined],
    ['wrong', 'x'.repeat(43)],
  ])('refuses a %s token with 403 even with the right password', async (_label, token) => {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    await browser.get('/login')
    const form: Record<string, string> = { name: user.name, password: PASSWORD, next: '/' }
    if (token !== undefined) form.csrf_token = token
    const res = await browser.post('/login', form)
    expect(res.statusCode).toBe(403)
    expect(res.body).toContain('Form expired')
    expect(await isLoggedIn(browser)).toBe(false)
  })

  it('refuses the form once its anonymous session has expired', async () => {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const page = await browser.get('/login')
    s.clock.advance(4 * 3600 + 1)
    const res = await browser.post('/login', { csrf_token: csrfToken(page.body), name: user.name, password: PASSWORD, next: '/' })
    expect(res.statusCode).toBe(403)
  })
})

describe('the next parameter', () => {
  it.each([
    '//evil.example',
    '//evil.example/path',
    'https://evil.example',
    'http://evil.example/',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    // (A NUL in next is refused with the form again: form-input.test.ts.)
    '/\u007f/evil.example',
    'javascript:alert(1)',
    'evil.example',
    '',
  ])('cannot send the user off-site: %j → /', async (next) => {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const page = await browser.get('/login')
    const res = await browser.post('/login', { csrf_token: csrfToken(page.body), name: user.name, password: PASSWORD, next })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/')
  })

  it('is cleaned on the login page too, and when already logged in', async () => {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const page = await browser.get(`/login?next=${encodeURIComponent('https://evil.example/')}`)
    expect(page.body).toContain('<input type="hidden" name="next" value="/">')
    await logIn(browser, user.name, PASSWORD)
    const again = await browser.get(`/login?next=${encodeURIComponent('//evil.example')}`)
    expect(again.statusCode).toBe(303)
    expect(again.headers.location).toBe('/')
    const kept = await browser.get(`/login?next=${encodeURIComponent('/settings/developer')}`)
    expect(kept.headers.location).toBe('/settings/developer')
  })

  it('keeps a local path with its query, and percent-encodes non-ASCII instead of failing', async () => {
    const user = await makeUser(s.app)
    const local = await logIn(new Browser(s.app), user.name, PASSWORD, '/api/v2/oauth/authorize?client_id=1&response_type=token')
    expect(local.headers.location).toBe('/api/v2/oauth/authorize?client_id=1&response_type=token')
    const unicode = await logIn(new Browser(s.app), user.name, PASSWORD, '/日本?q=é ü')
    expect(unicode.statusCode).toBe(303)
    expect(unicode.headers.location).toBe('/%E6%97%A5%E6%9C%AC?q=%C3%A9%20%C3%BC')
  })
})

describe('the login throttle', () => {
  it('after 10 failures for one name from one address refuses the 11th with 429 and Retry-After, even with the right password', async () => {
    const user = await makeUser(s.app)
    for (let i = 0; i < 10; i++) expect((await logInFrom('203.0.113.7', user.name, `wrong ${i}`)).statusCode).toBe(401)
    const blocked = await logInFrom('203.0.113.7', user.name, PASSWORD)
    expect(blocked.statusCode).toBe(429)
    const retryAfter = Number(blocked.headers['retry-after'])
    expect(Number.isInteger(retryAfter)).toBe(true)
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
    expect(alertText(blocked.body)).toMatch(/^Too many failed logins for this account\. Try again in \d+ minutes\.$/)
    expect(blocked.headers['set-cookie'] ?? '').not.toMatch(/Max-Age=1209600/)
  })

  it('counts the name case-insensitively, and unknown names too', async () => {
    const user = await makeUser(s.app, 'alice')
    for (let i = 0; i < 10; i++) await logInFrom('203.0.113.7', i % 2 ? 'ALICE' : ' alice', 'wrong')
    expect((await logInFrom('203.0.113.7', 'Alice', PASSWORD)).statusCode).toBe(429)
    for (let i = 0; i < 10; i++) await logInFrom('203.0.113.7', 'ghost', 'wrong')
    expect((await logInFrom('203.0.113.7', 'ghost', 'wrong')).statusCode).toBe(429)
    expect(user.name).toBe('alice')
  })

  it('leaves other names from the same address, and the same name from another address, unaffected', async () => {
    const alice = await makeUser(s.app, 'alice')
    const bob = await makeUser(s.app, 'bob')
    for (let i = 0; i < 10; i++) await logInFrom('203.0.113.7', alice.name, 'wrong')
    expect((await logInFrom('203.0.113.7', alice.name, PASSWORD)).statusCode).toBe(429)
    expect((await logInFrom('203.0.113.7', bob.name, PASSWORD)).statusCode).toBe(303)
    expect((await logInFrom('198.51.100.9', alice.name, PASSWORD)).statusCode).toBe(303)
  })

  it('forgets the failures after a successful login', async () => {
    const user = await makeUser(s.app)
    for (let i = 0; i < 9; i++) await logInFrom('203.0.113.7', user.name, 'wrong')
    expect((await logInFrom('203.0.113.7', user.name, PASSWORD)).statusCode).toBe(303)
    for (let i = 0; i < 9; i++) expect((await logInFrom('203.0.113.7', user.name, 'wrong')).statusCode).toBe(401)
    expect((await logInFrom('203.0.113.7', user.name, PASSWORD)).statusCode).toBe(303)
  })
})

describe('logging out', () => {
  it('POST /logout with the CSRF token ends the session server-side: the old cookie no longer works', async () => {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const oldCookie = browser.cookies.get(COOKIE)!
    const home = await browser.get('/')
    expect(home.body).toContain('action="/logout"')

    const res = await browser.post('/logout', { csrf_token: csrfToken(home.body) })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/')
    expect(setCookieLine(res)).toMatch(/^kiroku_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/)
    expect(browser.cookies.has(COOKIE)).toBe(false)

    expect(await s.app.kiroku.db.selectFrom('sessions').select('id').where('id', '=', sha256(oldCookie)).execute()).toEqual([])
    const replay = new Browser(s.app)
    replay.cookies.set(COOKIE, oldCookie)
    expect(await isLoggedIn(replay)).toBe(false)
  })

  it('refuses a logout without the CSRF token and stays logged in', async () => {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const res = await browser.post('/logout', {})
    expect(res.statusCode).toBe(403)
    expect(await isLoggedIn(browser)).toBe(true)
  })

  it('is not done by GET /logout (a link or image cannot log anyone out)', async () => {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const res = await browser.get('/logout')
    expect(res.statusCode).toBe(404)
    expect(await isLoggedIn(browser)).toBe(true)
  })
})

describe('session expiry', () => {
  it('logs the user out once SESSION_TTL passes without use', async () => {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    s.clock.advance(s.config.sessionTtlSeconds)
    expect(await isLoggedIn(browser)).toBe(false)
    expect((await browser.get('/')).body).toContain('<a href="/login">Log in</a>')
  })

  it('honours a configured SESSION_TTL and slides it, refreshing the cookie, while the session is used', async () => {
    await s.app.close()
    s = await testServer({ sessionTtlSeconds: 3600 })
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const login = await logIn(browser, user.name, PASSWORD)
    expect(setCookieLine(login)).toMatch(/; Max-Age=3600(;|$)/)

    // Within the first tenth of the lifetime nothing is rewritten.
    s.clock.advance(300)
    const early = await browser.get('/settings/developer')
    expect(early.statusCode).toBe(200)
    expect(early.headers['set-cookie']).toBeUndefined()

    // Later, use pushes the expiry forward and the cookie's Max-Age with it.
    s.clock.advance(3000)
    const used = await browser.get('/settings/developer')
    expect(used.statusCode).toBe(200)
    expect(setCookieLine(used)).toMatch(/; Max-Age=3600(;|$)/)
    s.clock.advance(3599)
    expect(await isLoggedIn(browser)).toBe(true)

    s.clock.advance(3601)
    expect(await isLoggedIn(browser)).toBe(false)
  })
})
