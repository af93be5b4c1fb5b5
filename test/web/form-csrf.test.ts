/**
 * The CSRF protection of the forms a visitor sees before logging in (login, sign-up): a signed,
 * stateless double-submit cookie instead of a session row per visitor. Showing the form writes
 * nothing to the database; posting it needs the cookie and the page's token together, both made
 * with a key that every instance on the database shares and that survives a restart.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken } from '../helpers/browser.js'
import { makeUser, PASSWORD } from '../helpers/flow.js'
import { createTestDatabase } from '../helpers/database.js'
import { tempDir } from '../helpers/cli.js'
import { TEST_DIALECT } from '../helpers/database.js'

const servers: TestServer[] = []
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.app.close()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function server(overrides: Parameters<typeof testServer>[0] = {}): Promise<TestServer> {
  const s = await testServer(overrides)
  servers.push(s)
  return s
}

/** A database URL that several servers, one after another or side by side, can open. */
async function sharedDatabaseUrl(): Promise<string> {
  if (TEST_DIALECT === 'sqlite') {
    const dir = tempDir()
    cleanups.push(() => dir.remove())
    return `sqlite:${dir.file('kiroku.db')}`
  }
  const database = await createTestDatabase()
  cleanups.push(() => database.drop())
  return database.url
}

const COOKIE = 'kiroku_form'

/** Every Set-Cookie line of a response. */
function setCookieLines(res: LightMyRequestResponse): string[] {
  const header = res.headers['set-cookie']
  return header === undefined ? [] : Array.isArray(header) ? header : [header]
}

const sessionRows = (s: TestServer) => s.app.kiroku.db.selectFrom('sessions').selectAll().execute()

/** POSTs the login form with exactly these cookies (name → value). */
function postLogin(s: TestServer, cookies: Record<string, string>, form: Record<string, string>) {
  const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ')
  return s.app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    payload: new URLSearchParams(form).toString(),
  })
}

describe('anonymous forms', () => {
  it('300 cookieless GETs of /login and /signup write no session row', async () => {
    const s = await server()
    for (let i = 0; i < 150; i++) {
      for (const path of ['/login', '/signup']) {
        const res = await s.app.inject({ method: 'GET', url: path })
        expect(res.statusCode).toBe(200)
        expect(csrfToken(res.body)).toBeTruthy()
      }
    }
    expect(await sessionRows(s)).toEqual([])
  })

  it('set a form cookie that is HttpOnly, SameSite=Lax, Path=/, without Domain, and no session cookie', async () => {
    const s = await server()
    const lines = setCookieLines(await s.app.inject({ method: 'GET', url: '/login' }))
    expect(lines.filter((l) => l.startsWith('kiroku_session='))).toEqual([])
    const line = lines.find((l) => l.startsWith(`${COOKIE}=`))!
    expect(line).toBeDefined()
    expect(line).toMatch(/; HttpOnly(;|$)/)
    expect(line).toMatch(/; SameSite=Lax(;|$)/)
    expect(line).toMatch(/; Path=\/(;|$)/)
    expect(line).not.toMatch(/; Domain=/i)
    expect(line).not.toMatch(/; Secure/)
  })

  it('under an https PUBLIC_URL name the cookie __Host-kiroku_form and mark it Secure', async () => {
    const s = await server({ publicUrl: 'https://kiroku.example' })
    const lines = setCookieLines(await s.app.inject({ method: 'GET', url: '/signup' }))
    const line = lines.find((l) => l.startsWith(`__Host-${COOKIE}=`))!
    expect(line).toBeDefined()
    expect(line).toMatch(/; Secure(;|$)/)
    expect(line).toMatch(/; Path=\/(;|$)/)
    expect(line).not.toMatch(/; Domain=/i)
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const page = await browser.get('/login')
    const res = await browser.post('/login', { csrf_token: csrfToken(page.body), name: user.name, password: PASSWORD, next: '/' })
    expect(res.statusCode).toBe(303)
  })

  it('keep one cookie across several pages, so that forms open in several tabs all work', async () => {
    const s = await server()
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const first = csrfToken((await browser.get('/login')).body)
    const cookie = browser.cookies.get(COOKIE)
    await browser.get('/signup')
    expect(browser.cookies.get(COOKIE)).toBe(cookie)
    const res = await browser.post('/login', { csrf_token: first, name: user.name, password: PASSWORD, next: '/' })
    expect(res.statusCode).toBe(303)
  })

  it('log in with a new session id, and drop the form cookie', async () => {
    const s = await server()
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const page = await browser.get('/login')
    const res = await browser.post('/login', { csrf_token: csrfToken(page.body), name: user.name, password: PASSWORD, next: '/' })
    expect(res.statusCode).toBe(303)
    expect(browser.cookies.has(COOKIE)).toBe(false)
    expect(browser.cookies.get('kiroku_session')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(await sessionRows(s)).toHaveLength(1)
  })

  it('refuse (403) a post without the token, without the cookie, with a tampered cookie or token, or with another browser\'s pair', async () => {
    const s = await server()
    const user = await makeUser(s.app)
    const mine = await s.app.inject({ method: 'GET', url: '/login' })
    const theirs = await s.app.inject({ method: 'GET', url: '/login' })
    const myCookie = mine.cookies.find((c) => c.name === COOKIE)!.value
    const theirCookie = theirs.cookies.find((c) => c.name === COOKIE)!.value
    const myToken = csrfToken(mine.body)
    const form = (token?: string) => ({ ...(token === undefined ? {} : { csrf_token: token }), name: user.name, password: PASSWORD, next: '/' })
    const flip = (value: string) => value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A')

    // The pair as issued works (so the refusals below are the CSRF check's doing).
    expect((await postLogin(s, { [COOKIE]: myCookie }, form(myToken))).statusCode).toBe(303)
    for (const [cookies, token] of [
      [{ [COOKIE]: myCookie }, undefined],
      [{}, myToken],
      [{ [COOKIE]: theirCookie }, myToken],
      [{ [COOKIE]: flip(myCookie) }, myToken],
      [{ [COOKIE]: myCookie }, flip(myToken)],
      [{ [COOKIE]: myCookie }, ''],
      [{ [COOKIE]: '' }, ''],
    ] as const) {
      const res = await postLogin(s, cookies, form(token))
      expect(res.statusCode).toBe(403)
      expect(res.body).toContain('Form expired')
    }
  })

  it('refuse a form token older than four hours', async () => {
    const s = await server()
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const token = csrfToken((await browser.get('/login')).body)
    s.clock.advance(4 * 3600 + 1)
    expect((await browser.post('/login', { csrf_token: token, name: user.name, password: PASSWORD, next: '/' })).statusCode).toBe(403)
    // A fresh page gives a fresh token that works.
    const again = csrfToken((await browser.get('/login')).body)
    expect((await browser.post('/login', { csrf_token: again, name: user.name, password: PASSWORD, next: '/' })).statusCode).toBe(303)
  })

  it('work across a restart and across servers on one database: the key is stored there', async () => {
    const databaseUrl = await sharedDatabaseUrl()
    const first = await testServer({ databaseUrl })
    const user = await makeUser(first.app)
    const page = await first.app.inject({ method: 'GET', url: '/login' })
    const cookie = page.cookies.find((c) => c.name === COOKIE)!.value
    const token = csrfToken(page.body)
    const other = await server({ databaseUrl })
    const elsewhere = await postLogin(other, { [COOKIE]: cookie }, { csrf_token: token, name: user.name, password: PASSWORD, next: '/' })
    expect(elsewhere.statusCode).toBe(303)
    await first.app.close()
    const restarted = await server({ databaseUrl })
    const later = await postLogin(restarted, { [COOKIE]: cookie }, { csrf_token: token, name: user.name, password: PASSWORD, next: '/' })
    expect(later.statusCode).toBe(303)
  })

  it('do not work on a server with another database (another key)', async () => {
    const a = await server()
    const b = await server()
    await makeUser(b.app)
    const page = await a.app.inject({ method: 'GET', url: '/login' })
    const cookie = page.cookies.find((c) => c.name === COOKIE)!.value
    const res = await postLogin(b, { [COOKIE]: cookie }, { csrf_token: csrfToken(page.body), name: 'alice', password: PASSWORD, next: '/' })
    expect(res.statusCode).toBe(403)
  })

  it('keep the token in a sign-up form shown again after an error, and it still works', async () => {
    const s = await server()
    const browser = new Browser(s.app)
    const page = await browser.get('/signup')
    const bad = await browser.post('/signup', { csrf_token: csrfToken(page.body), name: 'x', password: 'a long enough passphrase', next: '/' })
    expect(bad.statusCode).toBe(400)
    const good = await browser.post('/signup', { csrf_token: csrfToken(bad.body), name: 'newbie', password: 'a long enough passphrase', next: '/' })
    expect(good.statusCode).toBe(303)
  })
})
