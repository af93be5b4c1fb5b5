/**
 * The pages around an authorization, polished (issue 13 item 7): the login page names the app asking,
 * the approval page says who registered the app and lets another person log in instead, and the PIN
 * page's errors lead back (to the same request when Kiroku knows it, else home).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities, hiddenFields } from '../helpers/browser.js'
import { loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import { createClient } from '../../src/oauth/clients.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const AUTHORIZE = '/api/v2/oauth/authorize'
const PIN = '/api/v2/oauth/pin'
const loginFor = (next: string) => `/login?next=${encodeURIComponent(next)}`
const h1 = (html: string) => decodeEntities(/<h1>([\s\S]*?)<\/h1>/.exec(html)![1]!.trim())

describe('the login page reached from an authorize link', () => {
  it('names the app asking, also when the login is refused and shown again', async () => {
    const { client } = await makeClient(s.app, undefined, 'Taiga <Desktop>')
    const next = `${AUTHORIZE}?client_id=${client.id}&response_type=token`
    const browser = new Browser(s.app)
    // The authorize endpoint sends a visitor to exactly such a login page.
    const authorize = await browser.get(next)
    expect(authorize.headers.location).toBe(loginFor(next))
    const page = await browser.get(authorize.headers.location as string)
    expect(h1(page.body)).toBe('Log in to let Taiga <Desktop> use your Kiroku account')
    expect(page.body).not.toContain('<Desktop>')
    expect(page.body).toContain('<title>Log in to let Taiga &lt;Desktop&gt; use your Kiroku account · Kiroku</title>')
    const wrong = await browser.post('/login', { csrf_token: csrfToken(page.body), name: 'nobody', password: 'wrong', next })
    expect(wrong.statusCode).toBe(401)
    expect(h1(wrong.body)).toBe('Log in to let Taiga <Desktop> use your Kiroku account')
  })

  it.each([
    ['no next', '/login'],
    ['another page', loginFor('/settings?client_id=1')],
    ['an unknown client', loginFor(`${AUTHORIZE}?client_id=999&response_type=token`)],
    ['two client ids', loginFor(`${AUTHORIZE}?client_id=1&client_id=1&response_type=token`)],
    ['a malformed client id', loginFor(`${AUTHORIZE}?client_id=1e0&response_type=token`)],
    ['another origin', loginFor(`//evil.example${AUTHORIZE}?client_id=1`)],
    ['a path that only starts like it', loginFor(`${AUTHORIZE}x?client_id=1`)],
  ])('names no app for %s', async (_label, url) => {
    await makeClient(s.app)
    const page = await new Browser(s.app).get(url)
    expect(page.statusCode).toBe(200)
    expect(h1(page.body)).toBe('Log in')
  })
})

describe('the approval page', () => {
  it('names the owner of a client a user registered', async () => {
    const owner = await makeUser(s.app, 'kenjidev')
    const { client } = await createClient(s.app.kiroku.db, s.app.kiroku.clock, { name: 'Kenji Sync', redirectUris: ['https://app.example/cb'], ownerUserId: owner.id })
    const page = await (await loggedInBrowser(s.app, await makeUser(s.app, 'alice'))).get(`${AUTHORIZE}?client_id=${client.id}&response_type=token`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(/<strong>Kenji Sync<\/strong> <span class="muted">by kenjidev<\/span>/)
  })

  it('says "registered by this server" for a client without owner', async () => {
    const { client } = await makeClient(s.app)
    const page = await (await loggedInBrowser(s.app, await makeUser(s.app))).get(`${AUTHORIZE}?client_id=${client.id}&response_type=token`)
    expect(page.body).toContain('<span class="muted">registered by this server</span>')
  })

  it('"Not you?" logs out and leads to the login page for the same request', async () => {
    const { client } = await makeClient(s.app, undefined, 'Switch App')
    const browser = await loggedInBrowser(s.app, await makeUser(s.app, 'alice'))
    const request = `${AUTHORIZE}?client_id=${client.id}&response_type=token&state=xyz`
    const page = await browser.get(request)
    expect(page.body).toContain('Not alice?')
    const fields = hiddenFields(page.body.slice(page.body.indexOf('class="switch-account"') - 60), '/logout')
    expect(fields.next).toBe(request)
    const switched = await browser.post('/logout', fields)
    expect(switched.statusCode).toBe(303)
    expect(switched.headers.location).toBe(loginFor(request))
    // Logged out: the request now asks for a login, and the login page names the app.
    expect((await browser.get(request)).headers.location).toBe(loginFor(request))
    const login = await browser.get(switched.headers.location as string)
    expect(h1(login.body)).toBe('Log in to let Switch App use your Kiroku account')
    // Whoever logs in next lands on the approval page of the same request.
    await makeUser(s.app, 'bob')
    const bob = await browser.post('/login', { csrf_token: csrfToken(login.body), name: 'bob', password: 'correct horse battery', next: request })
    expect(bob.headers.location).toBe(request)
    expect((await browser.get(request)).body).toContain('Not bob?')
  })

  it('plain log out still goes home, and a next elsewhere cannot leave the site', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const home = await browser.get('/')
    expect((await browser.post('/logout', { csrf_token: csrfToken(home.body) })).headers.location).toBe('/')
    const again = await loggedInBrowser(s.app, await makeUser(s.app, 'bob'))
    const page = await again.get('/')
    expect((await again.post('/logout', { csrf_token: csrfToken(page.body), next: 'https://evil.example/' })).headers.location).toBe(loginFor('/'))
  })
})

describe('the PIN page', () => {
  async function pinClient() {
    return (await makeClient(s.app, [`${s.config.publicUrl}${PIN}`], 'Pin App')).client
  }

  it('after a denial offers "Start again" with the same request', async () => {
    const client = await pinClient()
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const request = `${AUTHORIZE}?client_id=${client.id}&response_type=code&state=s1`
    const approval = await browser.get(request)
    const denied = await browser.post(AUTHORIZE, { ...hiddenFields(approval.body, AUTHORIZE), decision: 'deny' })
    const location = new URL(denied.headers.location as string)
    expect(location.pathname).toBe(PIN)
    const page = await browser.get(location.pathname + location.search)
    expect(page.body).toContain('No token was issued: the request was denied.')
    expect(decodeEntities(/<a class="button" href="([^"]+)">Start again<\/a>/.exec(page.body)![1]!)).toBe(request)
    expect(page.body).toContain('Asks again for <strong>Pin App</strong>')
  })

  it('offers the way home when it does not know the request, or the remembered one is not an authorize link', async () => {
    const plain = await new Browser(s.app).get(`${PIN}?error=access_denied`)
    expect(plain.body).toContain('<a class="button secondary" href="/">Back to Kiroku</a>')
    expect(plain.body).not.toContain('Start again</a>')
    const forged = await s.app.inject({ method: 'GET', url: `${PIN}?error=access_denied`, headers: { cookie: `kiroku_pin_start=${encodeURIComponent('https://evil.example/?client_id=1')}` } })
    expect(forged.body).toContain('href="/">Back to Kiroku</a>')
    expect(forged.body).not.toContain('evil.example')
  })

  it('keeps the way back hidden, for pin.js to show, on the token page', async () => {
    const page = await new Browser(s.app).get(PIN)
    expect(page.body).toMatch(/<p id="pin-restart" class="pin-restart" hidden>/)
    expect(page.body).toMatch(/<textarea id="pin-value" class="pin pin-token"/)
    expect(page.body).toContain('href="/static/site/oauth.css"')
  })

  it('is not offered for an app that answers elsewhere', async () => {
    const { client } = await makeClient(s.app)
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const approval = await browser.get(`${AUTHORIZE}?client_id=${client.id}&response_type=token`)
    const denied = await browser.post(AUTHORIZE, { ...hiddenFields(approval.body, AUTHORIZE), decision: 'deny' })
    expect(String(denied.headers['set-cookie'] ?? '')).not.toContain('kiroku_pin_start')
  })
})
