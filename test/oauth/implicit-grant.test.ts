import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, hiddenFields, logIn } from '../helpers/browser.js'
import { authorize, fragmentParams, graphql, loggedInBrowser, makeClient, makeUser, PASSWORD } from '../helpers/flow.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const REDIRECT = 'https://app.example/callback'

/** Rows changed behind Kiroku's back are seen at once only when it reads them on every request. */
async function restartWithoutTokenCheckCache(): Promise<void> {
  await s.app.close()
  s = await testServer({ tokenCheckCacheSeconds: 0 })
}

describe('the implicit grant end to end', () => {
  it('logs in from the authorize URL, approves, and the token answers Viewer', async () => {
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = new Browser(s.app)
    const authorizeUrl = `/api/v2/oauth/authorize?client_id=${client.id}&response_type=token&state=xyz%20123`

    // Not logged in: sent to the login page, which sends us straight back.
    const first = await browser.get(authorizeUrl)
    expect(first.statusCode).toBe(303)
    const loginUrl = first.headers.location as string
    expect(loginUrl.startsWith('/login?next=')).toBe(true)
    const loginPage = await browser.get(loginUrl)
    expect(loginPage.body).toContain('<label for="name">Username</label>')
    expect(loginPage.body).toContain('<label for="password">Password</label>')
    const next = new URL(loginUrl, 'http://x').searchParams.get('next')!
    const loggedIn = await browser.post('/login', { csrf_token: csrfToken(loginPage.body), name: user.name, password: PASSWORD, next })
    expect(loggedIn.statusCode).toBe(303)
    expect(loggedIn.headers.location).toBe(next)

    const approval = await browser.get(next)
    expect(approval.statusCode).toBe(200)
    expect(approval.body).toContain('Test App')
    expect(approval.body).toMatch(/<button[^>]*value="approve"[^>]*>Approve<\/button>/)
    expect(approval.body).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/)
    for (const [header, value] of Object.entries({
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    })) expect(approval.headers[header]).toBe(value)
    expect(approval.headers['content-security-policy']).toContain("frame-ancestors 'none'")

    const fields = hiddenFields(approval.body, '/api/v2/oauth/authorize')
    const approved = await browser.post('/api/v2/oauth/authorize', { ...fields, decision: 'approve' })
    // 303: the answer to the form's POST (RFC 9700 §4.12).
    expect(approved.statusCode).toBe(303)
    const location = approved.headers.location as string
    expect(location.startsWith(`${REDIRECT}#access_token=`)).toBe(true)
    const params = fragmentParams(location)
    expect(params.get('token_type')).toBe('Bearer')
    expect(params.get('expires_in')).toBe('31536000')
    expect(params.get('state')).toBe('xyz 123')
    expect([...params.keys()]).toEqual(['access_token', 'token_type', 'expires_in', 'state'])

    const token = params.get('access_token')!
    const header = decodeProtectedHeader(token)
    expect(header.alg).toBe('RS256')
    expect(header.kid).toBe(s.app.kiroku.keys.current().kid)
    const { payload } = await jwtVerify(token, createLocalJWKSet(s.app.kiroku.keys.jwks()), {
      algorithms: ['RS256'],
      currentDate: new Date(s.clock() * 1000),
    })
    const now = s.clock()
    expect(payload).toEqual({ aud: String(client.id), jti: header.jti, iat: now, nbf: now, exp: now + 31_536_000, sub: String(user.id), scopes: [] })
    expect(payload.jti).toMatch(/^[0-9a-f]{80}$/)

    const viewer = await graphql(s.app, '{ Viewer { id name } }', token)
    expect(viewer.status).toBe(200)
    expect(viewer.body).toEqual({ data: { Viewer: { id: user.id, name: 'alice' } } })
  })

  it('omits state from the redirect when none was sent, and defaults the redirect URI when one is registered', async () => {
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = await loggedInBrowser(s.app, user)
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'token' })
    const params = fragmentParams(res.headers.location as string)
    expect(params.has('state')).toBe(false)
    expect((res.headers.location as string).startsWith(REDIRECT + '#')).toBe(true)
  })

  it('uses the requested redirect URI among several registered', async () => {
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, ['https://a.example/cb', 'myapp://callback'])
    const browser = await loggedInBrowser(s.app, user)
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'token', redirect_uri: 'myapp://callback', state: 's' })
    expect((res.headers.location as string).startsWith('myapp://callback#access_token=')).toBe(true)
  })

  it('Deny redirects with error=access_denied and the state, and issues no token', async () => {
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = await loggedInBrowser(s.app, user)
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'token', state: 'st' }, 'deny')
    expect(res.statusCode).toBe(303)
    const params = fragmentParams(res.headers.location as string)
    expect(params.get('error')).toBe('access_denied')
    expect(params.get('state')).toBe('st')
    expect(params.has('access_token')).toBe(false)
    const issued = await s.app.kiroku.db.selectFrom('oauth_access_tokens').selectAll().execute()
    expect(issued).toHaveLength(0)
  })

  it('records each token by jti, and a revoked or deleted jti is refused at once', async () => {
    await restartWithoutTokenCheckCache()
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = await loggedInBrowser(s.app, user)
    const tokenOf = async () => fragmentParams((await authorize(browser, { client_id: String(client.id), response_type: 'token' })).headers.location as string).get('access_token')!
    const a = await tokenOf()
    const b = await tokenOf()
    expect((await graphql(s.app, '{ Viewer { id } }', a)).status).toBe(200)
    expect((await graphql(s.app, '{ Viewer { id } }', b)).status).toBe(200)

    const jtiA = decodeProtectedHeader(a).jti as string
    expect(await s.app.kiroku.tokens.revoke(jtiA)).toBe(true)
    const refused = await graphql(s.app, '{ Viewer { id } }', a)
    expect(refused.status).toBe(400)
    expect(refused.body.errors[0]).toMatchObject({ message: 'Invalid token', status: 400 })

    await s.app.kiroku.db.deleteFrom('oauth_access_tokens').where('jti', '=', decodeProtectedHeader(b).jti as string).execute()
    expect((await graphql(s.app, '{ Viewer { id } }', b)).status).toBe(400)
  })

  it('refuses a token once it has expired, and one whose user was deleted', async () => {
    await restartWithoutTokenCheckCache()
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = await loggedInBrowser(s.app, user)
    const token = fragmentParams((await authorize(browser, { client_id: String(client.id), response_type: 'token' })).headers.location as string).get('access_token')!
    s.clock.advance(31_536_000 - 1)
    expect((await graphql(s.app, '{ Viewer { id } }', token)).status).toBe(200)
    s.clock.advance(1)
    const expired = await graphql(s.app, '{ Viewer { id } }', token)
    expect(expired.body.errors[0].message).toBe('Invalid token')

    s.clock.advance(-10)
    const { deleteUser } = await import('../../src/accounts/users.js')
    await deleteUser(s.app.kiroku.db, user.id)
    expect((await graphql(s.app, '{ Viewer { id } }', token)).body.errors[0].message).toBe('Invalid token')
  })
})

describe('authorization errors before the redirect URI is trusted', () => {
  const cases: Array<[string, (clientId: number) => string, string]> = [
    ['missing client_id', () => 'response_type=token', 'client_id'],
    ['unknown client_id', () => 'client_id=999&response_type=token', 'client_id'],
    ['non-numeric client_id', () => 'client_id=abc&response_type=token', 'client_id'],
    ['client_id sent twice', (id) => `client_id=${id}&client_id=${id}&response_type=token`, 'client_id'],
    ['unregistered redirect_uri', (id) => `client_id=${id}&response_type=token&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`, 'redirect_uri'],
    ['redirect_uri with an extra trailing slash', (id) => `client_id=${id}&response_type=token&redirect_uri=${encodeURIComponent(REDIRECT + '/')}`, 'redirect_uri'],
    ['redirect_uri differing in case', (id) => `client_id=${id}&response_type=token&redirect_uri=${encodeURIComponent(REDIRECT.toUpperCase())}`, 'redirect_uri'],
    ['redirect_uri with an added query', (id) => `client_id=${id}&response_type=token&redirect_uri=${encodeURIComponent(REDIRECT + '?x=1')}`, 'redirect_uri'],
    ['redirect_uri sent twice', (id) => `client_id=${id}&response_type=token&redirect_uri=${encodeURIComponent(REDIRECT)}&redirect_uri=${encodeURIComponent(REDIRECT)}`, 'redirect_uri'],
  ]
  for (const [name, query, parameter] of cases) {
    it(`${name}: an HTML error page naming ${parameter}, status 400, and no Location, logged in or not`, async () => {
      const user = await makeUser(s.app)
      const { client } = await makeClient(s.app, [REDIRECT])
      for (const browser of [new Browser(s.app), await loggedInBrowser(s.app, user)]) {
        const res = await browser.get(`/api/v2/oauth/authorize?${query(client.id)}`)
        expect(res.statusCode).toBe(400)
        expect(res.headers.location).toBeUndefined()
        expect(res.headers['content-type']).toContain('text/html')
        expect(res.body).toContain(`<code>${parameter}</code>`)
      }
    })
  }

  it('a missing redirect_uri is an error page when the client has several', async () => {
    const { client } = await makeClient(s.app, ['https://a.example/cb', 'https://b.example/cb'])
    const res = await new Browser(s.app).get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=token`)
    expect(res.statusCode).toBe(400)
    expect(res.headers.location).toBeUndefined()
    expect(res.body).toContain('<code>redirect_uri</code>')
  })

  it('a forged POST to the approval endpoint with a bad redirect_uri never redirects', async () => {
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = await loggedInBrowser(s.app, user)
    const page = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=token`)
    const res = await browser.post('/api/v2/oauth/authorize', {
      csrf_token: csrfToken(page.body),
      client_id: String(client.id),
      response_type: 'token',
      redirect_uri: 'https://evil.example/cb',
      decision: 'approve',
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers.location).toBeUndefined()
  })
})

describe('authorization errors after the redirect URI is verified go to the app', () => {
  it('an unsupported response_type redirects with the error in the fragment, and the state', async () => {
    const { client } = await makeClient(s.app, [REDIRECT])
    const res = await new Browser(s.app).get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=id_token&state=abc`)
    expect(res.statusCode).toBe(302)
    const params = fragmentParams(res.headers.location as string)
    expect(params.get('error')).toBe('unsupported_response_type')
    expect(params.get('state')).toBe('abc')
    expect((res.headers.location as string).startsWith(REDIRECT + '#')).toBe(true)
  })

  it('a missing response_type is invalid_request', async () => {
    const { client } = await makeClient(s.app, [REDIRECT])
    const res = await new Browser(s.app).get(`/api/v2/oauth/authorize?client_id=${client.id}`)
    expect(res.statusCode).toBe(302)
    expect(fragmentParams(res.headers.location as string).get('error')).toBe('invalid_request')
  })
})

describe('the approval form', () => {
  it('refuses a POST without the session CSRF token, or with another session’s', async () => {
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = await loggedInBrowser(s.app, user)
    const page = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=token`)
    const fields = hiddenFields(page.body, '/api/v2/oauth/authorize')
    const other = await loggedInBrowser(s.app, user)
    const otherToken = csrfToken((await other.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=token`)).body)

    for (const csrf of [undefined, '', 'x'.repeat(43), otherToken]) {
      const form: Record<string, string> = { ...fields, decision: 'approve' }
      if (csrf === undefined) delete form.csrf_token
      else form.csrf_token = csrf
      const res = await browser.post('/api/v2/oauth/authorize', form)
      expect(res.statusCode).toBe(403)
      expect(res.headers.location).toBeUndefined()
    }
    expect(await s.app.kiroku.db.selectFrom('oauth_access_tokens').selectAll().execute()).toHaveLength(0)
  })

  it('a POST from a logged-out browser sends it to log in, with the request kept', async () => {
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = new Browser(s.app)
    const login = await browser.get('/login')
    const res = await browser.post('/api/v2/oauth/authorize', {
      csrf_token: csrfToken(login.body),
      client_id: String(client.id),
      response_type: 'token',
      decision: 'approve',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toContain('/login?next=')
    expect(await s.app.kiroku.db.selectFrom('oauth_access_tokens').selectAll().execute()).toHaveLength(0)
  })

  it('carries the state through the form unchanged, HTML-escaped in the page', async () => {
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = await loggedInBrowser(s.app, user)
    const state = `"><script>alert(1)</script>&x=1`
    const page = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=token&state=${encodeURIComponent(state)}`)
    expect(page.body).not.toContain('<script>alert(1)</script>')
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'token', state })
    expect(fragmentParams(res.headers.location as string).get('state')).toBe(state)
  })
})

describe('login', () => {
  it('logs in with the right password and issues a new session id', async () => {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    await browser.get('/login')
    const anonymous = [...browser.cookies.values()][0]
    const res = await logIn(browser, user.name, PASSWORD)
    expect(res.statusCode).toBe(303)
    const after = [...browser.cookies.values()][0]
    expect(after).toBeDefined()
    expect(after).not.toBe(anonymous)
  })
})
