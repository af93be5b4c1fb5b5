import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import { makeUser } from '../helpers/flow.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const GOOD_PASSWORD = 'a long enough passphrase'

/** Opens the sign-up page in `browser` and submits the form with `fields` over the defaults. */
async function signUp(browser: Browser, fields: Record<string, string> = {}) {
  const page = await browser.get('/signup')
  return browser.post('/signup', { csrf_token: csrfToken(page.body), name: 'newbie', email: 'newbie@example.org', password: GOOD_PASSWORD, next: '/', ...fields })
}

const users = () => s.app.kiroku.db.selectFrom('users').selectAll().execute()

/** The text of the page's alert, if any. */
function alertText(html: string): string | null {
  const match = /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)
  return match ? decodeEntities(match[1]!) : null
}

describe('the sign-up form', () => {
  it('has visible labels tied to its Username, Email and Password fields', async () => {
    const page = await new Browser(s.app).get('/signup')
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.body).toMatch(/<label for="name">Username<\/label>\s*<input id="name" name="name"/)
    expect(page.body).toMatch(/<label for="email">Email[^<]*<\/label>\s*<input id="email" name="email" type="email"/)
    expect(page.body).toMatch(/<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/)
    expect(page.body).toContain('<form method="post" action="/signup"')
  })

  it('creates the account, logs the user in and redirects to a safe next', async () => {
    const browser = new Browser(s.app)
    const res = await signUp(browser, { name: 'Newbie', next: '/settings/developer' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/developer')

    const rows = await users()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ name: 'Newbie', name_key: 'newbie', email: 'newbie@example.org', created_at: s.clock(), updated_at: s.clock() })

    // The new session is a logged-in one: the developer page opens instead of sending us to /login.
    const settings = await browser.get('/settings/developer')
    expect(settings.statusCode).toBe(200)
    expect(settings.body).toContain('<span class="menu-name">Newbie</span>')
  })

  it('sends an off-site next to / after signing up', async () => {
    const res = await signUp(new Browser(s.app), { next: '//evil.example/' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/')
  })

  it('accepts an empty email and stores none', async () => {
    const res = await signUp(new Browser(s.app), { email: '' })
    expect(res.statusCode).toBe(303)
    expect((await users())[0]!.email).toBeNull()
  })

  it('stores the password as an Argon2id hash at the OWASP cost, never in clear', async () => {
    await signUp(new Browser(s.app))
    const [row] = await users()
    expect(row!.password_hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true)
    for (const table of ['users', 'sessions'] as const) {
      const dump = JSON.stringify(await s.app.kiroku.db.selectFrom(table).selectAll().execute())
      expect(dump).not.toContain(GOOD_PASSWORD)
    }
  })

  it('gives each account its own salt', async () => {
    await signUp(new Browser(s.app), { name: 'first' })
    await signUp(new Browser(s.app), { name: 'second' })
    const [a, b] = await users()
    expect(a!.password_hash).not.toBe(b!.password_hash)
  })
})

describe('sign-up CSRF protection', () => {
  it.each([
    ['missing', undefined],
    ['wrong', 'not-the-token-of-this-session-at-all'],
  ])('refuses a %s token with 403 and creates no user', async (_label, token) => {
    const browser = new Browser(s.app)
    await browser.get('/signup')
    const form: Record<string, string> = { name: 'newbie', password: GOOD_PASSWORD, next: '/' }
    if (token !== undefined) form.csrf_token = token
    const res = await browser.post('/signup', form)
    expect(res.statusCode).toBe(403)
    expect(res.body).toContain('Form expired')
    expect(await users()).toHaveLength(0)
  })

  it("refuses another session's token (a cross-site form replaying the attacker's own token)", async () => {
    const attacker = new Browser(s.app)
    const token = csrfToken((await attacker.get('/signup')).body)
    const victim = new Browser(s.app)
    await victim.get('/signup')
    const res = await victim.post('/signup', { csrf_token: token, name: 'newbie', password: GOOD_PASSWORD })
    expect(res.statusCode).toBe(403)
    expect(await users()).toHaveLength(0)
  })

  it('refuses a post without any session cookie', async () => {
    const res = await new Browser(s.app).post('/signup', { csrf_token: 'anything-at-all-here', name: 'newbie', password: GOOD_PASSWORD })
    expect(res.statusCode).toBe(403)
    expect(await users()).toHaveLength(0)
  })
})

describe('sign-up validation', () => {
  it.each([
    ['a one-letter name', { name: 'a' }, 'The username must be 2 to 20 letters or digits.'],
    ['a name with a space', { name: 'bad name' }, 'The username must be 2 to 20 letters or digits.'],
    ['a name with markup', { name: '<b>x</b>' }, 'The username must be 2 to 20 letters or digits.'],
    ['a 21-character name', { name: 'a'.repeat(21) }, 'The username must be 2 to 20 letters or digits.'],
    ['a 7-character password', { password: 'seven77' }, 'The password must be 8 to 256 characters long.'],
    ['a 257-character password', { password: 'p'.repeat(257) }, 'The password must be 8 to 256 characters long.'],
    ['an email without @', { email: 'not-an-email' }, 'The email address is not valid.'],
    ['an email without a domain dot', { email: 'someone@localhost' }, 'The email address is not valid.'],
  ])('answers %s with 400, the reason, and no account', async (_label, fields, message) => {
    const res = await signUp(new Browser(s.app), fields)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(alertText(res.body)).toBe(message)
    expect(await users()).toHaveLength(0)
  })

  it('keeps the name and email in the re-shown form, escaped, and never echoes the password', async () => {
    const res = await signUp(new Browser(s.app), { name: '"><script>x</script>', email: 'me@example.org', password: 'short' })
    expect(res.statusCode).toBe(400)
    expect(res.body).not.toContain('<script>x</script>')
    expect(res.body).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"')
    expect(res.body).toContain('value="me@example.org"')
    expect(res.body).not.toContain('value="short"')
    // The re-shown form still carries a usable token: fixing the input succeeds.
    const browser = new Browser(s.app)
    const bad = await signUp(browser, { password: 'short' })
    const fixed = await browser.post('/signup', { csrf_token: csrfToken(bad.body), name: 'newbie', password: GOOD_PASSWORD })
    expect(fixed.statusCode).toBe(303)
  })

  it('answers a taken name, in any letter case, with 409 and creates nothing', async () => {
    await makeUser(s.app, 'alice')
    for (const name of ['alice', 'ALICE', 'Alice']) {
      const res = await signUp(new Browser(s.app), { name })
      expect(res.statusCode).toBe(409)
      expect(alertText(res.body)).toBe(`The username "${name}" is already taken.`)
      expect(res.headers['set-cookie'] ?? '').not.toMatch(/Max-Age=1209600/)
    }
    expect(await users()).toHaveLength(1)
  })
})

describe('sign-ups from one address', () => {
  it('are limited to 20 an hour: the 21st gets 429 with Retry-After and creates nothing', async () => {
    for (let i = 0; i < 20; i++) {
      const browser = new Browser(s.app)
      const page = await browser.get('/signup')
      const res = await browser.post('/signup', { csrf_token: csrfToken(page.body), name: `bulk${i}`, password: 'long enough password', next: '/' })
      expect(res.statusCode, `sign-up ${i}`).toBe(303)
    }
    const browser = new Browser(s.app)
    const page = await browser.get('/signup')
    const refused = await browser.post('/signup', { csrf_token: csrfToken(page.body), name: 'bulk20', password: 'long enough password', next: '/' })
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.body).toMatch(/Too many accounts were created from your address\. Try again in \d+ minutes\./)
    const { findUserByName } = await import('../../src/accounts/users.js')
    expect(await findUserByName(s.app.kiroku.db, 'bulk20')).toBeNull()
  })
})
