/**
 * Remembered approval (the page is skipped for a client the user approved before), prompt=consent and
 * prompt=none, and the developer page's switch for public clients.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken } from '../helpers/browser.js'
import { authorize, fragmentParams, loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import { findClient } from '../../src/oauth/clients.js'
import { locationParams, makePublicClient, pkcePair, REDIRECT } from '../helpers/oauth.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const authorizeUrl = (query: Record<string, string>) => `/api/v2/oauth/authorize?${new URLSearchParams(query)}`

async function setup() {
  const user = await makeUser(s.app)
  const { client } = await makeClient(s.app, [REDIRECT])
  const browser = await loggedInBrowser(s.app, user)
  return { user, client, browser, id: String(client.id) }
}

/** True when the GET shows the approval page rather than answering the app. */
async function asks(browser: Browser, query: Record<string, string>): Promise<boolean> {
  const res = await browser.get(authorizeUrl(query))
  if (res.statusCode === 200 && res.body.includes('value="approve"')) return true
  if (res.statusCode === 302) return false
  throw new Error(`unexpected answer ${res.statusCode}: ${res.body.slice(0, 200)}`)
}

describe('remembered approval', () => {
  it('the second authorization for the same client skips the page and redirects straight to the app', async () => {
    const { browser, id } = await setup()
    expect(await asks(browser, { client_id: id, response_type: 'code' })).toBe(true)
    await authorize(browser, { client_id: id, response_type: 'code' })

    const res = await browser.get(authorizeUrl({ client_id: id, response_type: 'code', state: 'again' }))
    expect(res.statusCode).toBe(302)
    const params = locationParams(res)
    expect(params.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(params.get('state')).toBe('again')
    // The implicit grant is remembered the same way: the approval is of the client, not of a grant.
    const implicit = await browser.get(authorizeUrl({ client_id: id, response_type: 'token' }))
    expect(implicit.statusCode).toBe(302)
    expect(fragmentParams(implicit.headers.location as string).get('access_token')).toBeTruthy()
  })

  it('is per client and per user', async () => {
    const { client, browser, id } = await setup()
    await authorize(browser, { client_id: id, response_type: 'token' })
    const { client: other } = await makeClient(s.app, [REDIRECT], 'Other App')
    expect(await asks(browser, { client_id: String(other.id), response_type: 'token' })).toBe(true)
    const bob = await loggedInBrowser(s.app, await makeUser(s.app, 'bob'))
    expect(await asks(bob, { client_id: String(client.id), response_type: 'token' })).toBe(true)
  })

  it('Deny is not remembered: the next authorization asks again', async () => {
    const { browser, id } = await setup()
    await authorize(browser, { client_id: id, response_type: 'code' }, 'deny')
    expect(await asks(browser, { client_id: id, response_type: 'code' })).toBe(true)
  })

  it('still validates every request: a bad redirect_uri is an error page, a public client still needs PKCE', async () => {
    const { browser, id } = await setup()
    await authorize(browser, { client_id: id, response_type: 'code' })
    const bad = await browser.get(authorizeUrl({ client_id: id, response_type: 'code', redirect_uri: 'https://evil.example/cb' }))
    expect(bad.statusCode).toBe(400)
    expect(bad.headers.location).toBeUndefined()

    const { client: pub } = await makePublicClient(s.app)
    const { challenge } = pkcePair()
    await authorize(browser, { client_id: String(pub.id), response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' })
    const withoutPkce = await browser.get(authorizeUrl({ client_id: String(pub.id), response_type: 'code' }))
    expect(withoutPkce.statusCode).toBe(302)
    expect(locationParams(withoutPkce).get('error')).toBe('invalid_request')
  })

  it('a logged-out browser is still sent to log in, even for an approved client', async () => {
    const { id } = await setup()
    const res = await new Browser(s.app).get(authorizeUrl({ client_id: id, response_type: 'code' }))
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toMatch(/^\/login\?next=/)
  })
})

describe('prompt=consent', () => {
  it('shows the approval page again for an approved client, and Approve then answers', async () => {
    const { browser, id } = await setup()
    await authorize(browser, { client_id: id, response_type: 'code' })
    expect(await asks(browser, { client_id: id, response_type: 'code', prompt: 'consent' })).toBe(true)
    const res = await authorize(browser, { client_id: id, response_type: 'code', prompt: 'consent' })
    expect(locationParams(res).get('code')).toBeTruthy()
    // Deny on the renewed page answers access_denied, whatever was approved before.
    const denied = await authorize(browser, { client_id: id, response_type: 'code', prompt: 'consent' }, 'deny')
    expect(locationParams(denied).get('error')).toBe('access_denied')
  })
})

describe('prompt=none', () => {
  it('without login: login_required by redirect, with state and iss (code) or in the fragment (token)', async () => {
    const { id } = await setup()
    const anonymous = new Browser(s.app)
    const code = await anonymous.get(authorizeUrl({ client_id: id, response_type: 'code', prompt: 'none', state: 'n1' }))
    expect(code.statusCode).toBe(302)
    expect((code.headers.location as string).startsWith(`${REDIRECT}?`)).toBe(true)
    const params = locationParams(code)
    expect(params.get('error')).toBe('login_required')
    expect(params.get('state')).toBe('n1')
    expect(params.get('iss')).toBe('http://kiroku.test')

    const token = await anonymous.get(authorizeUrl({ client_id: id, response_type: 'token', prompt: 'none' }))
    expect(token.statusCode).toBe(302)
    expect(fragmentParams(token.headers.location as string).get('error')).toBe('login_required')
  })

  it('logged in but never approved: consent_required, and no code is made', async () => {
    const { browser, id } = await setup()
    const res = await browser.get(authorizeUrl({ client_id: id, response_type: 'code', prompt: 'none', state: 'n2' }))
    expect(res.statusCode).toBe(302)
    const params = locationParams(res)
    expect(params.get('error')).toBe('consent_required')
    expect(params.get('state')).toBe('n2')
    expect(params.has('code')).toBe(false)
    expect(await s.app.kiroku.db.selectFrom('oauth_codes').selectAll().execute()).toHaveLength(0)
  })

  it('logged in and approved before: the code or token at once', async () => {
    const { browser, id } = await setup()
    await authorize(browser, { client_id: id, response_type: 'code' })
    const code = await browser.get(authorizeUrl({ client_id: id, response_type: 'code', prompt: 'none' }))
    expect(code.statusCode).toBe(302)
    expect(locationParams(code).get('code')).toBeTruthy()
    const token = await browser.get(authorizeUrl({ client_id: id, response_type: 'token', prompt: 'none' }))
    expect(fragmentParams(token.headers.location as string).get('access_token')).toBeTruthy()
  })

  it('combined with another prompt value, or sent twice: invalid_request', async () => {
    const { browser, id } = await setup()
    const combined = await browser.get(authorizeUrl({ client_id: id, response_type: 'code', prompt: 'none consent' }))
    expect(locationParams(combined).get('error')).toBe('invalid_request')
    const twice = await browser.get(`${authorizeUrl({ client_id: id, response_type: 'code' })}&prompt=none&prompt=none`)
    expect(locationParams(twice).get('error')).toBe('invalid_request')
    expect(locationParams(twice).get('error_description')).toContain('prompt')
  })
})

describe('the developer page', () => {
  async function createOnPage(browser: Browser, form: Record<string, string>) {
    const page = await browser.get('/settings/developer')
    expect(page.statusCode).toBe(200)
    expect(page.body).toMatch(/<input id="public" name="public" type="checkbox"/)
    return browser.post('/settings/developer/clients', { csrf_token: csrfToken(page.body), ...form })
  }

  /** The page a successful creation redirects to (Post/Redirect/Get), which shows the new client once. */
  async function createdPage(browser: Browser, form: Record<string, string>) {
    const res = await createOnPage(browser, form)
    expect(res.statusCode).toBe(303)
    return browser.get(res.headers.location as string)
  }

  it('the "Public client" checkbox creates a public client, shown without a secret', async () => {
    const { browser } = await setup()
    const res = await createdPage(browser, { name: 'My SPA', redirect_uris: 'http://127.0.0.1/cb', public: 'on' })
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('Client secret')
    expect(res.body).toContain('public client')
    const id = Number(/<dt>Client ID<\/dt><dd><code>(\d+)<\/code>/.exec(res.body)![1])
    const client = await findClient(s.app.kiroku.db, id)
    expect(client).toMatchObject({ name: 'My SPA', isPublic: true })
    const row = await s.app.kiroku.db.selectFrom('oauth_clients').select('secret_hash').where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.secret_hash).toBeNull()
    expect(res.body).toMatch(/My SPA <small>\(public\)<\/small>/)
  })

  it('without the checkbox the client is confidential and its secret is shown once', async () => {
    const { browser } = await setup()
    const res = await createdPage(browser, { name: 'My Server App', redirect_uris: REDIRECT })
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(/<code class="secret" id="new-secret">[A-Za-z0-9_-]{43}<\/code>/)
    const id = Number(/<dt>Client ID<\/dt><dd><code>(\d+)<\/code>/.exec(res.body)![1])
    expect((await findClient(s.app.kiroku.db, id))?.isPublic).toBe(false)
  })

  it('a refused form keeps the checkbox ticked', async () => {
    const { browser } = await setup()
    const res = await createOnPage(browser, { name: 'Broken', redirect_uris: 'not a uri', public: 'on' })
    expect(res.statusCode).toBe(400)
    expect(res.body).toMatch(/<input id="public" name="public" type="checkbox" checked/)
  })
})
