import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import { loggedInBrowser, makeUser, PASSWORD } from '../helpers/flow.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

function alertText(html: string): string | null {
  const match = /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)
  return match ? decodeEntities(match[1]!) : null
}

/** Asserts that a page reveals nothing of the server's insides. */
function expectNoInternals(html: string): void {
  for (const leak of [/\n\s+at /, /\.ts:\d+/, /\.js:\d+/, /node_modules/, /SqliteError/i, /no such table/i, /stack/i]) expect(html).not.toMatch(leak)
}

describe('unknown addresses', () => {
  it('answer a page request with a 404 HTML page', async () => {
    const res = await new Browser(s.app).get('/no/such/page')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('<h1>Not found</h1>')
    expect(res.body).toContain('<a href="/">Back to Kiroku</a>')
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it('still show a logged-in user as logged in on the 404 page', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const res = await browser.get('/no/such/page')
    expect(res.statusCode).toBe(404)
    expect(res.body).toContain('<span class="menu-name">alice</span>')
    // The header's logout form works from here.
    const out = await browser.post('/logout', { csrf_token: csrfToken(res.body) })
    expect(out.statusCode).toBe(303)
  })

  it('answer a missing static file with the 404 page, not a 500', async () => {
    for (const url of ['/static/no-such-file.js', '/static/']) {
      const res = await new Browser(s.app).get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.body).toContain('<h1>Not found</h1>')
    }
  })

  it.each(['GET', 'POST', 'DELETE'] as const)('answer %s under /api/ with a 404 JSON error', async (method) => {
    const res = await s.app.inject({ method, url: '/api/v2/no-such-endpoint' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toEqual({ error: 'not_found', message: 'Not Found.' })
  })
})

describe('a form field sent twice', () => {
  it('on /login is a 400 page naming the field, and logs nobody in', async () => {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const page = await browser.get('/login')
    const res = await browser.post('/login', { csrf_token: csrfToken(page.body), name: [user.name, 'mallory'], password: PASSWORD, next: '/' })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('<h1>Bad request</h1>')
    expect(alertText(res.body)).toBe('The name field was sent more than once.')
    expect((await browser.get('/settings/developer')).statusCode).toBe(303)
  })

  it.each([
    ['password', { password: [PASSWORD, PASSWORD] }],
    ['next', { next: ['/', '//evil.example'] }],
  ])('on /login (%s) is a 400 page too', async (field, extra) => {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const page = await browser.get('/login')
    const res = await browser.post('/login', { csrf_token: csrfToken(page.body), name: user.name, password: PASSWORD, next: '/', ...extra })
    expect(res.statusCode).toBe(400)
    expect(alertText(res.body)).toBe(`The ${field} field was sent more than once.`)
  })

  it('on /signup is a 400 page and creates no account', async () => {
    const browser = new Browser(s.app)
    const page = await browser.get('/signup')
    const res = await browser.post('/signup', { csrf_token: csrfToken(page.body), name: ['one', 'two'], password: PASSWORD })
    expect(res.statusCode).toBe(400)
    expect(alertText(res.body)).toBe('The name field was sent more than once.')
    expect(await s.app.kiroku.db.selectFrom('users').selectAll().execute()).toHaveLength(0)
  })

  it('on the developer form is a 400 page and creates no client', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const page = await browser.get('/settings/developer')
    const res = await browser.post('/settings/developer/clients', { csrf_token: csrfToken(page.body), name: ['A', 'B'], redirect_uris: 'https://app.example/cb' })
    expect(res.statusCode).toBe(400)
    expect(alertText(res.body)).toBe('The name field was sent more than once.')
    expect(await s.app.kiroku.db.selectFrom('oauth_clients').selectAll().execute()).toHaveLength(0)
  })

  it('in a query string (next on GET /login) is a 400 page', async () => {
    const res = await new Browser(s.app).get('/login?next=/a&next=/b')
    expect(res.statusCode).toBe(400)
    expect(alertText(res.body)).toBe('The next field was sent more than once.')
  })

  it('for the CSRF token is refused as a bad form (403)', async () => {
    const browser = new Browser(s.app)
    const page = await browser.get('/login')
    const token = csrfToken(page.body)
    const res = await browser.post('/login', { csrf_token: [token, token], name: 'alice', password: PASSWORD })
    expect(res.statusCode).toBe(403)
  })
})

describe('bodies that cannot be read', () => {
  it.each([
    ['malformed JSON', 'application/json', '{"name":', 400],
    ['an unsupported type', 'application/xml', '<name>alice</name>', 415],
  ])('%s is a 4xx page, not a crash', async (_label, type, payload, status) => {
    const res = await s.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': type }, payload })
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('<h1>Bad request</h1>')
    expectNoInternals(res.body)
  })

  it('a body over the size limit is refused with 413', async () => {
    const res = await s.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `name=${'a'.repeat(1024 * 1024 + 1)}`,
    })
    expect(res.statusCode).toBe(413)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
  })
})

describe('unexpected errors', () => {
  it('show a generic 500 page without a stack or the error message', async () => {
    // Break the storage under the running server: the next login, which reads users, fails unexpectedly.
    const browser = new Browser(s.app)
    const page = await browser.get('/login')
    await (s.app.kiroku.database.dialect === 'postgres' ? sql`drop table users cascade` : sql`drop table users`).execute(s.app.kiroku.db)
    const res = await browser.post('/login', { csrf_token: csrfToken(page.body), name: 'alice', password: PASSWORD, next: '/' })
    expect(res.statusCode).toBe(500)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('<h1>Something went wrong</h1>')
    expect(alertText(res.body)).toBe('The server met an unexpected error. Please try again.')
    expectNoInternals(res.body)
    expect(res.headers['cache-control']).toBe('no-store')
  })

  it('show the same generic page to a logged-in user, keeping the header', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    // PostgreSQL refuses to drop a table that others reference unless told to cascade; SQLite has no CASCADE here.
    await (s.app.kiroku.database.dialect === 'postgres' ? sql`drop table oauth_clients cascade` : sql`drop table oauth_clients`).execute(s.app.kiroku.db)
    const res = await browser.get('/settings/developer')
    expect(res.statusCode).toBe(500)
    expect(alertText(res.body)).toBe('The server met an unexpected error. Please try again.')
    expect(res.body).toContain('<span class="menu-name">alice</span>')
    expectNoInternals(res.body)
  })
})
