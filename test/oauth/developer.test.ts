import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { verifyClientSecret } from '../../src/oauth/clients.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const PAGE = '/settings/developer'
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const clients = () => s.app.kiroku.db.selectFrom('oauth_clients').selectAll().orderBy('id').execute()

/** Opens the developer page and submits the create form. */
async function createViaForm(browser: Browser, name: string, redirectUris: string | string[]) {
  const page = await browser.get(PAGE)
  expect(page.statusCode).toBe(200)
  return browser.post(`${PAGE}/clients`, { csrf_token: csrfToken(page.body), name, redirect_uris: redirectUris })
}

/**
 * Submits the create form and follows its redirect (Post/Redirect/Get): the page that shows the new
 * client once. The POST itself answers 303 to a one-time URL that carries no secret.
 */
async function createAndShow(browser: Browser, name: string, redirectUris: string | string[]) {
  const res = await createViaForm(browser, name, redirectUris)
  expect(res.statusCode).toBe(303)
  expect(res.headers.location).toMatch(/^\/settings\/developer\?shown=[A-Za-z0-9_-]+$/)
  return browser.get(res.headers.location as string)
}

/** The id and secret shown on the page right after creation. */
function shownCredentials(html: string): { id: number; secret: string } {
  const id = /<dt>Client ID<\/dt><dd><code>(\d+)<\/code><\/dd>/.exec(html)
  const secret = /<dt>Client secret<\/dt><dd><code class="secret" id="new-secret">([^<]+)<\/code><\/dd>/.exec(html)
  if (!id || !secret) throw new Error('no credentials shown')
  return { id: Number(id[1]), secret: secret[1]! }
}

function alertText(html: string): string | null {
  const match = /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)
  return match ? decodeEntities(match[1]!) : null
}

describe('the developer settings page', () => {
  it('sends a visitor who is not logged in to the login page and back', async () => {
    const browser = new Browser(s.app)
    const res = await browser.get(PAGE)
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/login?next=%2Fsettings%2Fdeveloper')
  })

  it('does not create a client for a visitor who is not logged in', async () => {
    const browser = new Browser(s.app)
    const login = await browser.get('/login')
    const res = await browser.post(`${PAGE}/clients`, { csrf_token: csrfToken(login.body), name: 'App', redirect_uris: 'https://app.example/cb' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/login?next=%2Fsettings%2Fdeveloper')
    expect(await clients()).toHaveLength(0)
  })

  it('shows a labelled create form and an empty list to a new user', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const page = await browser.get(PAGE)
    expect(page.body).toContain('You have no clients yet.')
    expect(page.body).toMatch(/<label for="client-name">Name<\/label>\s*<input id="client-name" name="name"/)
    expect(page.body).toMatch(/<label for="redirect-uris">Redirect URIs[^<]*<\/label>\s*<textarea id="redirect-uris" name="redirect_uris"/)
    expect(page.body).toContain('http://kiroku.test/api/v2/oauth/pin')
  })
})

describe('creating a client', () => {
  it('shows the numeric id and the secret once (after a 303); the secret is random, long, and stored only as SHA-256', async () => {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const res = await createAndShow(browser, 'My Tracker', 'https://tracker.example/callback')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Client "My Tracker" created')
    // The page holding the secret must not be kept by the browser or a proxy.
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toContain('it is shown only once')
    const { id, secret } = shownCredentials(res.body)
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43,}$/)

    const rows = await clients()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ id, name: 'My Tracker', owner_user_id: user.id, created_at: s.clock() })
    expect(JSON.parse(rows[0]!.redirect_uris)).toEqual(['https://tracker.example/callback'])
    expect(rows[0]!.secret_hash).toBe(sha256(secret))
    expect(JSON.stringify(rows)).not.toContain(secret)
    expect(await verifyClientSecret(s.app.kiroku.db, id, secret)).toBe(true)

    // A second client gets a different secret.
    const again = shownCredentials((await createAndShow(browser, 'Other', 'https://other.example/cb')).body)
    expect(again.id).not.toBe(id)
    expect(again.secret).not.toBe(secret)
  })

  it('lists the client afterwards by id and name, never with its secret', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const { id, secret } = shownCredentials((await createAndShow(browser, 'My Tracker', 'https://tracker.example/callback')).body)
    const list = await browser.get(PAGE)
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain(`<dt>ID</dt><dd><code>${id}</code></dd>`)
    expect(list.body).toContain('<h3 class="card-title">My Tracker</h3>')
    // Shown with line-break opportunities (<wbr>) after its separators, so that it wraps at sensible points.
    expect(list.body.replace(/<wbr>/g, '')).toContain('<code class="url">https://tracker.example/callback</code>')
    expect(list.body).toContain('https:/<wbr>/<wbr>tracker.<wbr>example/<wbr>callback')
    expect(list.body).not.toContain(secret)
    expect(list.body).not.toContain('Client secret')
  })

  it('registers a client that the authorize endpoint then accepts', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const { id } = shownCredentials((await createAndShow(browser, 'My Tracker', 'https://tracker.example/callback')).body)
    const approval = await browser.get(`/api/v2/oauth/authorize?client_id=${id}&response_type=token`)
    expect(approval.statusCode).toBe(200)
    expect(approval.body).toContain('Authorize My Tracker')
  })

  it.each([
    ['one per line (CRLF, as a textarea sends)', 'https://a.example/cb\r\nmyapp://callback\r\n\r\n'],
    ['comma-separated, as AniList takes them', 'https://a.example/cb, myapp://callback'],
    ['as repeated fields', ['https://a.example/cb', 'myapp://callback']],
  ])('accepts several redirect URIs %s', async (_label, field) => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const res = await createViaForm(browser, 'Multi', field)
    expect(res.statusCode).toBe(303)
    const [row] = await clients()
    expect(JSON.parse(row!.redirect_uris)).toEqual(['https://a.example/cb', 'myapp://callback'])
    // Each one is usable as the redirect_uri of an authorization.
    for (const uri of ['https://a.example/cb', 'myapp://callback']) {
      const approval = await browser.get(`/api/v2/oauth/authorize?client_id=${row!.id}&response_type=token&redirect_uri=${encodeURIComponent(uri)}`)
      expect(approval.statusCode).toBe(200)
    }
  })

  it.each([
    ['no name', '', 'https://app.example/cb', 'The app name must be 1 to 100 characters long.'],
    ['a blank name', '   ', 'https://app.example/cb', 'The app name must be 1 to 100 characters long.'],
    ['a 101-character name', 'n'.repeat(101), 'https://app.example/cb', 'The app name must be 1 to 100 characters long.'],
    ['no redirect URI', 'App', '', 'At least one redirect URI is required.'],
    ['only separators', 'App', ' ,\r\n, ', 'At least one redirect URI is required.'],
    ['a javascript: URI', 'App', 'javascript:alert(1)', 'Invalid redirect URI: redirect URI "javascript:alert(1)" uses the forbidden scheme javascript:.'],
    ['a data: URI', 'App', 'data:text/html,hi', 'Invalid redirect URI: redirect URI "data:text/html" uses the forbidden scheme data:.'],
    ['a relative URI', 'App', '/callback', 'Invalid redirect URI: redirect URI "/callback" is not an absolute URI (expected e.g. https://app.example/callback).'],
    ['a URI with a fragment', 'App', 'https://app.example/cb#frag', 'Invalid redirect URI: redirect URI "https://app.example/cb#frag" must not contain a fragment (#).'],
    ['one bad URI among good ones', 'App', 'https://app.example/cb\nnot a uri', 'Invalid redirect URI: redirect URI "not a uri" contains whitespace.'],
  ])('refuses %s with 400, a clear message and no client', async (_label, name, uris, message) => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const res = await createViaForm(browser, name, uris)
    expect(res.statusCode).toBe(400)
    expect(alertText(res.body)).toBe(message)
    expect(res.body).not.toContain('Client secret')
    expect(await clients()).toHaveLength(0)
  })

  it('keeps what was typed in the re-shown form, escaped', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const res = await createViaForm(browser, '<b>App</b>', 'javascript:alert(1)')
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('value="&lt;b&gt;App&lt;/b&gt;"')
    expect(res.body).not.toContain('<b>App</b>')
    expect(res.body).toContain('>javascript:alert(1)</textarea>')
  })

  it('escapes the client name wherever it is shown', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const res = await createAndShow(browser, '<img src=x onerror=alert(1)>', 'https://app.example/cb')
    expect(res.statusCode).toBe(200)
    const list = await browser.get(PAGE)
    for (const html of [res.body, list.body]) {
      expect(html).not.toContain('<img src=x')
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    }
  })

  it.each([
    ['missing', undefined],
    ['wrong', 'y'.repeat(43)],
  ])('refuses a %s CSRF token with 403 and creates nothing', async (_label, token) => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const form: Record<string, string> = { name: 'App', redirect_uris: 'https://app.example/cb' }
    if (token !== undefined) form.csrf_token = token
    const res = await browser.post(`${PAGE}/clients`, form)
    expect(res.statusCode).toBe(403)
    expect(await clients()).toHaveLength(0)
  })
})

describe('deleting a client', () => {
  async function twoUsersWithAClient() {
    const alice = await loggedInBrowser(s.app, await makeUser(s.app, 'alice'))
    const bob = await loggedInBrowser(s.app, await makeUser(s.app, 'bob'))
    const { id } = shownCredentials((await createAndShow(alice, 'Alice App', 'https://alice.example/cb')).body)
    return { alice, bob, id }
  }

  it('lets the owner delete their client: it leaves the list and can no longer be authorized', async () => {
    const { alice, id } = await twoUsersWithAClient()
    const page = await alice.get(PAGE)
    expect(page.body).toContain(`href="/settings/developer/clients/${id}/delete"`)
    // The link opens a confirmation page, whose form deletes.
    const confirm = await alice.get(`${PAGE}/clients/${id}/delete`)
    expect(confirm.body).toContain(`action="/settings/developer/clients/${id}/delete"`)
    expect(await clients()).toHaveLength(1)
    const res = await alice.post(`${PAGE}/clients/${id}/delete`, { csrf_token: csrfToken(confirm.body) })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`${PAGE}?deleted=1`)
    expect(await clients()).toHaveLength(0)
    expect((await alice.get(PAGE)).body).toContain('You have no clients yet.')
    const authorize = await alice.get(`/api/v2/oauth/authorize?client_id=${id}&response_type=token`)
    expect(authorize.statusCode).toBe(400)
  })

  it("answers 404 when another user tries to delete it, and keeps it", async () => {
    const { bob, id } = await twoUsersWithAClient()
    const bobPage = await bob.get(PAGE)
    expect(bobPage.body).not.toContain('Alice App')
    const res = await bob.post(`${PAGE}/clients/${id}/delete`, { csrf_token: csrfToken(bobPage.body) })
    expect(res.statusCode).toBe(404)
    expect(alertText(res.body)).toBe('No such client among yours.')
    expect(await clients()).toHaveLength(1)
  })

  it.each(['999', 'abc', '0', '-1', '1.5'])('answers 404 for the id %j', async (id) => {
    const { alice } = await twoUsersWithAClient()
    const page = await alice.get(PAGE)
    const res = await alice.post(`${PAGE}/clients/${id}/delete`, { csrf_token: csrfToken(page.body) })
    expect(res.statusCode).toBe(404)
    expect(await clients()).toHaveLength(1)
  })

  it('refuses a delete without the CSRF token, and keeps the client', async () => {
    const { alice, id } = await twoUsersWithAClient()
    const res = await alice.post(`${PAGE}/clients/${id}/delete`, {})
    expect(res.statusCode).toBe(403)
    expect(await clients()).toHaveLength(1)
  })

  it('sends a visitor who is not logged in to the login page, and keeps the client', async () => {
    const { id } = await twoUsersWithAClient()
    const anonymous = new Browser(s.app)
    const login = await anonymous.get('/login')
    const res = await anonymous.post(`${PAGE}/clients/${id}/delete`, { csrf_token: csrfToken(login.body) })
    expect(res.statusCode).toBe(303)
    expect(await clients()).toHaveLength(1)
  })
})
