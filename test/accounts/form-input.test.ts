/**
 * What the login, sign-up and logout forms accept: one string per field, of a sane length, without
 * U+0000 — from a form body or a JSON body alike. Anything else gets a 400 and the form again, with a
 * message that names the field; never a 500 (PostgreSQL refuses NUL in text with an error).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import { loggedInBrowser, makeUser, PASSWORD } from '../helpers/flow.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

/** The page's alert text, if any. */
function alertText(html: string): string | null {
  const match = /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)
  return match ? decodeEntities(match[1]!) : null
}

/** Opens `path`'s form in a new browser; returns the browser and the form's CSRF token. */
async function openForm(path: string): Promise<{ browser: Browser; token: string }> {
  const browser = new Browser(s.app)
  const page = await browser.get(path)
  return { browser, token: csrfToken(page.body) }
}

/** POSTs `body` as JSON with the browser's cookies. */
function postJson(browser: Browser, path: string, body: unknown): Promise<LightMyRequestResponse> {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  return s.app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/json', cookie }, payload: JSON.stringify(body) })
}

/** The response is the form at `action` again, with status 400 and `message` as its alert. */
function expectFormAgain(res: LightMyRequestResponse, action: string, message: string | RegExp): void {
  expect(res.statusCode).toBe(400)
  expect(res.headers['content-type']).toMatch(/^text\/html/)
  expect(res.body).toContain(`<form method="post" action="${action}"`)
  if (typeof message === 'string') expect(alertText(res.body)).toBe(message)
  else expect(alertText(res.body)).toMatch(message)
}

const users = () => s.app.kiroku.db.selectFrom('users').select('name').execute()

describe('the login form', () => {
  it.each([
    ['a NUL in the name', { name: 'ali\u0000ce', password: PASSWORD }, 'The username must not contain the character U+0000.'],
    ['a NUL in the password', { name: 'alice', password: `${PASSWORD}\u0000` }, 'The password must not contain the character U+0000.'],
    ['a NUL in next', { name: 'alice', password: PASSWORD, next: '/\u0000' }, 'The next field must not contain the character U+0000.'],
    ['a name of 101 characters', { name: 'a'.repeat(101), password: PASSWORD }, 'The username must be at most 100 characters.'],
    ['a password of 257 characters', { name: 'alice', password: 'p'.repeat(257) }, 'The password must be at most 256 characters.'],
  ])('answers %s with 400 and the form again', async (_label, fields, message) => {
    await makeUser(s.app, 'alice')
    const { browser, token } = await openForm('/login')
    const res = await browser.post('/login', { csrf_token: token, next: '/', ...fields })
    expectFormAgain(res, '/login', message)
    expect(res.body).not.toContain(PASSWORD)
  })

  it.each([
    ['an object name', { name: { toString: 1 }, password: PASSWORD }, 'The username must be text.'],
    ['a number name', { name: 5, password: PASSWORD }, 'The username must be text.'],
    ['an array password', { name: 'alice', password: [PASSWORD] }, 'The password must be text.'],
    ['a null password', { name: 'alice', password: null }, 'The password must be text.'],
    ['an object next', { name: 'alice', password: PASSWORD, next: { a: 1 } }, 'The next field must be text.'],
    ['a NUL in a JSON name', { name: 'alice\u0000', password: PASSWORD }, 'The username must not contain the character U+0000.'],
  ])('answers a JSON body with %s with 400 and the form again', async (_label, fields, message) => {
    await makeUser(s.app, 'alice')
    const { browser, token } = await openForm('/login')
    const res = await postJson(browser, '/login', { csrf_token: token, ...fields })
    expectFormAgain(res, '/login', message)
    expect(await new Browser(s.app).get('/settings/developer').then((r) => r.statusCode)).toBe(303)
  })

  it('takes a JSON body of strings as the form', async () => {
    await makeUser(s.app, 'alice')
    const { browser, token } = await openForm('/login')
    const res = await postJson(browser, '/login', { csrf_token: token, name: 'alice', password: PASSWORD, next: '/settings/developer' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/developer')
  })

  it('answers a JSON array of two names as a field sent twice: the 400 page that names it', async () => {
    const { browser, token } = await openForm('/login')
    const res = await postJson(browser, '/login', { csrf_token: token, name: ['alice', 'bob'], password: PASSWORD })
    expect(res.statusCode).toBe(400)
    expect(alertText(res.body)).toBe('The name field was sent more than once.')
  })

  it('does not count refused input against the login throttle', async () => {
    const user = await makeUser(s.app, 'alice')
    for (let i = 0; i < 12; i++) {
      const { browser, token } = await openForm('/login')
      expect((await browser.post('/login', { csrf_token: token, name: user.name, password: 'x\u0000' })).statusCode).toBe(400)
    }
    expect((await loggedInBrowser(s.app, user)).cookies.size).toBeGreaterThan(0)
  })
})

describe('the sign-up form', () => {
  const good = { name: 'newbie', email: 'newbie@example.org', password: 'a long enough passphrase', next: '/' }

  it.each([
    ['a NUL in the name', { name: 'new\u0000bie' }, 'The username must not contain the character U+0000.'],
    ['a NUL in the email', { email: 'new\u0000bie@example.org' }, 'The email must not contain the character U+0000.'],
    ['a NUL in the password', { password: 'a long enough\u0000passphrase' }, 'The password must not contain the character U+0000.'],
    ['an email of 255 characters', { email: `${'e'.repeat(243)}@example.org` }, 'The email must be at most 254 characters.'],
    ['a password of 1,025 characters', { password: 'p'.repeat(1025) }, 'The password must be at most 1024 characters.'],
  ])('answers %s with 400 and the form again, making no account', async (_label, fields, message) => {
    const { browser, token } = await openForm('/signup')
    const res = await browser.post('/signup', { csrf_token: token, ...good, ...fields })
    expectFormAgain(res, '/signup', message)
    expect(await users()).toEqual([])
  })

  it.each([
    ['an object name', { name: { toString: 1 } }, 'The username must be text.'],
    ['a number email', { email: 42 }, 'The email must be text.'],
    ['an array password', { password: ['a long enough passphrase'] }, 'The password must be text.'],
    ['a boolean next', { next: true }, 'The next field must be text.'],
    ['a NUL in a JSON email', { email: 'a\u0000@example.org' }, 'The email must not contain the character U+0000.'],
  ])('answers a JSON body with %s with 400 and the form again, making no account', async (_label, fields, message) => {
    const { browser, token } = await openForm('/signup')
    const res = await postJson(browser, '/signup', { csrf_token: token, ...good, ...fields })
    expectFormAgain(res, '/signup', message)
    expect(await users()).toEqual([])
  })

  it('takes a JSON body of strings as the form', async () => {
    const { browser, token } = await openForm('/signup')
    const res = await postJson(browser, '/signup', { csrf_token: token, ...good })
    expect(res.statusCode).toBe(303)
    expect(await users()).toEqual([{ name: 'newbie' }])
  })
})

describe('the logout form', () => {
  it.each([
    ['an object token', { csrf_token: { toString: 1 } }],
    ['an array token', { csrf_token: ['a', 'b'] }],
    ['a NUL token', { csrf_token: '\u0000' }],
  ])('refuses a JSON body with %s (403) and stays logged in', async (_label, body) => {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const res = await postJson(browser, '/logout', body)
    expect(res.statusCode).toBe(403)
    expect((await browser.get('/settings/developer')).statusCode).toBe(200)
  })
})

describe('the accounts module, for callers other than the forms', () => {
  it('finds no user for a name with U+0000 and refuses an email with a control character, on either database', async () => {
    const { verifyCredentials, createUser, AccountError } = await import('../../src/accounts/users.js')
    await makeUser(s.app, 'alice')
    expect(await verifyCredentials(s.app.kiroku.db, 'alice\u0000', PASSWORD)).toBeNull()
    for (const email of ['a\u0000@example.org', 'a\u0007b@example.org']) {
      await expect(createUser(s.app.kiroku.db, s.app.kiroku.clock, { name: 'bob', email, password: PASSWORD })).rejects.toBeInstanceOf(AccountError)
    }
    expect(await users()).toEqual([{ name: 'alice' }])
  })
})
