/**
 * The authorization code grant (RFC 6749 §4.1) with PKCE (RFC 7636): the redirect, the code's
 * lifetime, single use and bindings, every PKCE rule, public clients and loopback redirect URIs.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { decodeJwt } from 'jose'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser } from '../helpers/browser.js'
import { authorize, loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import { sha256Hex } from '../../src/util/random.js'
import {
  bodyCredentials,
  exchangeCode,
  expectNoStore,
  locationParams,
  makePublicClient,
  obtainCode,
  pkcePair,
  REDIRECT,
  refresh,
  tokenRequest,
  viewerState,
  type Credentials,
} from '../helpers/oauth.js'

let s: TestServer
afterEach(async () => s.app.close())

async function start(env: NodeJS.ProcessEnv = {}) {
  s = await testServer({}, env)
  const user = await makeUser(s.app)
  const browser = await loggedInBrowser(s.app, user)
  return { user, browser }
}

async function confidential(uris = [REDIRECT]) {
  const { client, secret } = await makeClient(s.app, uris)
  return { client, creds: { id: client.id, secret } as Credentials }
}

function expectGrantError(res: LightMyRequestResponse, status: number, error: string): string {
  expect(res.statusCode, res.body).toBe(status)
  expectNoStore(res)
  const body = res.json() as Record<string, string>
  expect(body.error).toBe(error)
  expect(body.message).toBe(body.error_description)
  return body.error_description!
}

/** An authorization request that fails after the redirect URI was verified: the error comes back in the query. */
async function expectRedirectError(browser: Browser, query: Record<string, string>, error: string, redirect = REDIRECT): Promise<URLSearchParams> {
  const res = await browser.get(`/api/v2/oauth/authorize?${new URLSearchParams({ response_type: 'code', ...query })}`)
  expect(res.statusCode, res.body).toBe(302)
  const location = res.headers.location as string
  expect(location.startsWith(`${redirect}?`)).toBe(true)
  const params = locationParams(res)
  expect(params.get('error')).toBe(error)
  expect(params.get('iss')).toBe('http://kiroku.test')
  expect(params.has('code')).toBe(false)
  return params
}

const exchange = (creds: Credentials, code: string, extra: Record<string, string> = {}) =>
  tokenRequest(s.app, { grant_type: 'authorization_code', code, ...bodyCredentials(creds), ...extra })

describe('the authorization response', () => {
  it('puts the code, the state and iss (the public URL) in the query', async () => {
    const { browser } = await start()
    const { client } = await confidential()
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'code', state: 'a b&c' })
    expect(res.statusCode).toBe(303)
    const location = res.headers.location as string
    expect(location.startsWith(`${REDIRECT}?code=`)).toBe(true)
    expect(location).not.toContain('#')
    const params = locationParams(res)
    expect([...params.keys()]).toEqual(['code', 'state', 'iss'])
    expect(params.get('state')).toBe('a b&c')
    expect(params.get('iss')).toBe('http://kiroku.test')
    expect(params.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('omits state when none was sent, and appends to a redirect URI that has a query', async () => {
    const { browser } = await start()
    const { client } = await confidential(['https://app.example/cb?tenant=7'])
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'code' })
    const location = res.headers.location as string
    expect(location.startsWith('https://app.example/cb?tenant=7&code=')).toBe(true)
    const params = locationParams(res)
    expect(params.get('tenant')).toBe('7')
    expect(params.has('state')).toBe(false)
    expect(params.get('iss')).toBe('http://kiroku.test')
  })

  it('Deny sends access_denied in the query, with state and iss', async () => {
    const { browser } = await start()
    const { client } = await confidential()
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'code', state: 'st' }, 'deny')
    const params = locationParams(res)
    expect(params.get('error')).toBe('access_denied')
    expect(params.get('state')).toBe('st')
    expect(params.get('iss')).toBe('http://kiroku.test')
    expect(params.has('code')).toBe(false)
    expect(await s.app.kiroku.db.selectFrom('oauth_codes').selectAll().execute()).toHaveLength(0)
  })

  it('stores only a digest of the code, bound to the user, client and redirect URI', async () => {
    const { user, browser } = await start()
    const { client } = await confidential()
    const code = await obtainCode(browser, { client_id: String(client.id) })
    const rows = await s.app.kiroku.db.selectFrom('oauth_codes').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.id).toBe(sha256Hex(code))
    expect(JSON.stringify(rows)).not.toContain(code)
    expect(rows[0]).toMatchObject({ user_id: user.id, client_id: client.id, redirect_uri: REDIRECT })
  })
})

describe('the code', () => {
  it('exchanges for tokens of the user who approved', async () => {
    const { user, browser } = await start()
    const { client, creds } = await confidential()
    const tokens = await exchangeCode(s.app, creds, await obtainCode(browser, { client_id: String(client.id) }))
    const claims = decodeJwt(tokens.access_token)
    expect(claims.sub).toBe(String(user.id))
    expect(claims.aud).toBe(String(client.id))
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
  })

  it('lives 10 minutes: good at 599 s, expired at 600 s', async () => {
    const { browser } = await start()
    const { client, creds } = await confidential()
    const early = await obtainCode(browser, { client_id: String(client.id) })
    const late = await obtainCode(browser, { client_id: String(client.id) })
    s.clock.advance(599)
    expect((await exchange(creds, early)).statusCode).toBe(200)
    s.clock.advance(1)
    expect(expectGrantError(await exchange(creds, late), 400, 'invalid_grant')).toContain('expired')
  })

  it('an unknown or empty code is invalid_grant or invalid_request', async () => {
    await start()
    const { creds } = await confidential()
    expectGrantError(await exchange(creds, 'x'.repeat(43)), 400, 'invalid_grant')
    expectGrantError(await exchange(creds, 'x'.repeat(5000)), 400, 'invalid_grant')
    expect(expectGrantError(await exchange(creds, ''), 400, 'invalid_request')).toContain('code')
    const missing = await tokenRequest(s.app, { grant_type: 'authorization_code', ...bodyCredentials(creds) })
    expect(expectGrantError(missing, 400, 'invalid_request')).toContain('code')
  })

  it('is single use: a replay is invalid_grant and revokes every token issued from it', async () => {
    const { user, browser } = await start()
    const { client, creds } = await confidential()
    const code = await obtainCode(browser, { client_id: String(client.id) })
    const first = await exchangeCode(s.app, creds, code)
    // The app refreshes once before the replay: the new pair descends from the same code.
    const refreshed = (await refresh(s.app, creds, first.refresh_token)).json()
    expect(await viewerState(s.app, first.access_token, user)).toBe('ok')
    expect(await viewerState(s.app, refreshed.access_token, user)).toBe('ok')

    const replay = await exchange(creds, code)
    expect(expectGrantError(replay, 400, 'invalid_grant')).toContain('already been used')

    expect(await viewerState(s.app, first.access_token)).toBe('Invalid token')
    expect(await viewerState(s.app, refreshed.access_token)).toBe('Invalid token')
    expectGrantError(await refresh(s.app, creds, refreshed.refresh_token), 400, 'invalid_grant')
  })

  it('a replay does not touch tokens from other codes of the same user and client', async () => {
    const { user, browser } = await start()
    const { client, creds } = await confidential()
    const code = await obtainCode(browser, { client_id: String(client.id) })
    await exchangeCode(s.app, creds, code)
    const other = await exchangeCode(s.app, creds, await obtainCode(browser, { client_id: String(client.id) }))
    expectGrantError(await exchange(creds, code), 400, 'invalid_grant')
    expect(await viewerState(s.app, other.access_token, user)).toBe('ok')
    expect((await refresh(s.app, creds, other.refresh_token)).statusCode).toBe(200)
  })

  it('is bound to its client: another client’s credentials get invalid_grant, and the code survives', async () => {
    const { browser } = await start()
    const { client, creds } = await confidential()
    const other = await confidential()
    const code = await obtainCode(browser, { client_id: String(client.id) })
    expectGrantError(await exchange(other.creds, code), 400, 'invalid_grant')
    expect((await exchange(creds, code)).statusCode).toBe(200)
  })

  it('is bound to the redirect URI of the authorization request', async () => {
    const { browser } = await start()
    const second = 'https://app.example/second'
    const { client, creds } = await confidential([REDIRECT, second])
    const code = await obtainCode(browser, { client_id: String(client.id), redirect_uri: REDIRECT })

    // Another registered URI: the code was not issued for it.
    expect(expectGrantError(await exchange(creds, code, { redirect_uri: second }), 400, 'invalid_grant')).toContain('redirect_uri')
    // An unregistered URI: AniList (league) answers invalid_client, and the text names the parameter.
    const unregistered = await exchange(creds, code, { redirect_uri: 'https://evil.example/cb' })
    expect(expectGrantError(unregistered, 401, 'invalid_client')).toContain('redirect_uri')
    expect(unregistered.headers['www-authenticate']).toBeUndefined()
    // Left out although the authorization request carried one.
    expect(expectGrantError(await exchange(creds, code), 400, 'invalid_request')).toContain('redirect_uri')

    expect((await exchange(creds, code, { redirect_uri: REDIRECT })).statusCode).toBe(200)
  })

  it('an unregistered redirect_uri with Basic credentials also carries WWW-Authenticate (a 401 must)', async () => {
    const { browser } = await start()
    const { client, creds } = await confidential()
    const code = await obtainCode(browser, { client_id: String(client.id) })
    const res = await tokenRequest(
      s.app,
      { grant_type: 'authorization_code', code, redirect_uri: 'https://evil.example/cb' },
      { basic: { id: String(client.id), secret: creds.secret! } },
    )
    expectGrantError(res, 401, 'invalid_client')
    expect(res.headers['www-authenticate']).toBe('Basic realm="OAuth"')
  })

  it('when the authorization request left redirect_uri out, the exchange may too, or repeat the registered one', async () => {
    const { browser } = await start()
    const { client, creds } = await confidential()
    expect((await exchange(creds, await obtainCode(browser, { client_id: String(client.id) }))).statusCode).toBe(200)
    expect((await exchange(creds, await obtainCode(browser, { client_id: String(client.id) }), { redirect_uri: REDIRECT })).statusCode).toBe(200)
  })
})

describe('PKCE', () => {
  it('S256: the right verifier exchanges the code', async () => {
    const { user, browser } = await start()
    const { client, creds } = await confidential()
    const { verifier, challenge } = pkcePair()
    const code = await obtainCode(browser, { client_id: String(client.id), code_challenge: challenge, code_challenge_method: 'S256' })
    const res = await exchange(creds, code, { code_verifier: verifier })
    expect(res.statusCode, res.body).toBe(200)
    expect(await viewerState(s.app, res.json().access_token, user)).toBe('ok')
  })

  it('a wrong, malformed or missing verifier is invalid_grant', async () => {
    const { browser } = await start()
    const { client, creds } = await confidential()
    const { verifier, challenge } = pkcePair()
    const code = await obtainCode(browser, { client_id: String(client.id), code_challenge: challenge, code_challenge_method: 'S256' })
    expect(expectGrantError(await exchange(creds, code, { code_verifier: pkcePair().verifier }), 400, 'invalid_grant')).toContain('code_verifier')
    expect(expectGrantError(await exchange(creds, code, { code_verifier: 'short' }), 400, 'invalid_grant')).toContain('code_verifier')
    // The challenge itself is not the verifier.
    expectGrantError(await exchange(creds, code, { code_verifier: challenge }), 400, 'invalid_grant')
    expect(expectGrantError(await exchange(creds, code), 400, 'invalid_grant')).toContain('code_verifier')
    expect((await exchange(creds, code, { code_verifier: verifier })).statusCode).toBe(200)
  })

  it('a verifier sent when the authorization request had no challenge is refused (downgrade)', async () => {
    const { browser } = await start()
    const { client, creds } = await confidential()
    const code = await obtainCode(browser, { client_id: String(client.id) })
    expect(expectGrantError(await exchange(creds, code, { code_verifier: pkcePair().verifier }), 400, 'invalid_grant')).toContain('code_challenge')
  })

  it('plain is refused by default, as is a challenge without a method (which means plain)', async () => {
    const { browser } = await start()
    const { client } = await confidential()
    const { verifier } = pkcePair()
    const withMethod = await expectRedirectError(browser, { client_id: String(client.id), code_challenge: verifier, code_challenge_method: 'plain', state: 's1' }, 'invalid_request')
    expect(withMethod.get('error_description')).toContain('plain')
    expect(withMethod.get('state')).toBe('s1')
    await expectRedirectError(browser, { client_id: String(client.id), code_challenge: verifier }, 'invalid_request')
  })

  it('plain works when PKCE_ALLOW_PLAIN=1', async () => {
    const { browser } = await start({ PKCE_ALLOW_PLAIN: '1' })
    const { client, creds } = await confidential()
    const { verifier } = pkcePair()
    const code = await obtainCode(browser, { client_id: String(client.id), code_challenge: verifier, code_challenge_method: 'plain' })
    expectGrantError(await exchange(creds, code, { code_verifier: pkcePair().verifier }), 400, 'invalid_grant')
    expect((await exchange(creds, code, { code_verifier: verifier })).statusCode).toBe(200)
  })

  it('an unknown method, a malformed challenge, or a method without a challenge: invalid_request by redirect', async () => {
    const { browser } = await start()
    const { client } = await confidential()
    const id = String(client.id)
    const { challenge } = pkcePair()
    await expectRedirectError(browser, { client_id: id, code_challenge: challenge, code_challenge_method: 'S512' }, 'invalid_request')
    for (const bad of [challenge.slice(1), challenge + 'A', challenge.slice(1) + '=', challenge.slice(1) + '+']) {
      const params = await expectRedirectError(browser, { client_id: id, code_challenge: bad, code_challenge_method: 'S256' }, 'invalid_request')
      expect(params.get('error_description')).toContain('code_challenge')
    }
    await expectRedirectError(browser, { client_id: id, code_challenge_method: 'S256' }, 'invalid_request')
  })

  it('a code_verifier sent to the authorization endpoint is invalid_request by redirect', async () => {
    const { browser } = await start()
    const { client } = await confidential()
    const { verifier, challenge } = pkcePair()
    const params = await expectRedirectError(browser, { client_id: String(client.id), code_challenge: challenge, code_challenge_method: 'S256', code_verifier: verifier }, 'invalid_request')
    expect(params.get('error_description')).toContain('code_verifier')
  })

  it('PKCE parameters sent twice are invalid_request by redirect', async () => {
    const { browser } = await start()
    const { client } = await confidential()
    const { challenge } = pkcePair()
    const res = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=code&code_challenge=${challenge}&code_challenge=${challenge}&code_challenge_method=S256`)
    expect(res.statusCode).toBe(302)
    expect(locationParams(res).get('error')).toBe('invalid_request')
    expect(locationParams(res).get('error_description')).toContain('code_challenge')
  })

  it('the approval form carries the challenge through to the code', async () => {
    const { browser } = await start()
    const { client, creds } = await confidential()
    const { verifier, challenge } = pkcePair()
    // First approval goes through the page (its POST re-validates the carried parameters).
    const page = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=code&code_challenge=${challenge}&code_challenge_method=S256`)
    expect(page.statusCode).toBe(200)
    const code = await obtainCode(browser, { client_id: String(client.id), code_challenge: challenge, code_challenge_method: 'S256' })
    expect((await exchange(creds, code)).statusCode).toBe(400)
    expect((await exchange(creds, code, { code_verifier: verifier })).statusCode).toBe(200)
  })
})

describe('public clients', () => {
  it('without code_challenge: invalid_request by redirect, logged in or not', async () => {
    const { browser } = await start()
    const { client } = await makePublicClient(s.app)
    for (const b of [browser, new Browser(s.app)]) {
      const params = await expectRedirectError(b, { client_id: String(client.id), state: 'q' }, 'invalid_request')
      expect(params.get('error_description')).toContain('PKCE')
      expect(params.get('state')).toBe('q')
    }
  })

  it('with PKCE, completes with only client_id, and refreshes with only client_id', async () => {
    const { user, browser } = await start()
    const { client } = await makePublicClient(s.app)
    const creds: Credentials = { id: client.id, secret: null }
    const { verifier, challenge } = pkcePair()
    const code = await obtainCode(browser, { client_id: String(client.id), code_challenge: challenge, code_challenge_method: 'S256' })
    expectGrantError(await exchange(creds, code), 400, 'invalid_grant')
    const tokens = await exchangeCode(s.app, creds, code, { code_verifier: verifier })
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
    const refreshed = await refresh(s.app, creds, tokens.refresh_token)
    expect(refreshed.statusCode, refreshed.body).toBe(200)
  })

  it('may still use the implicit grant, as on AniList', async () => {
    const { browser } = await start()
    const { client } = await makePublicClient(s.app)
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'token' })
    expect(res.headers.location as string).toMatch(new RegExp(`^${REDIRECT}#access_token=`))
  })
})

describe('loopback redirect URIs (RFC 8252 §7.3)', () => {
  it('a registered http://127.0.0.1/cb matches any port, and the code is exchanged with that same URI', async () => {
    const { user, browser } = await start()
    const { client } = await makePublicClient(s.app, ['http://127.0.0.1/cb'])
    const creds: Credentials = { id: client.id, secret: null }
    const { verifier, challenge } = pkcePair()
    const requested = 'http://127.0.0.1:53127/cb'
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'code', redirect_uri: requested, code_challenge: challenge, code_challenge_method: 'S256' })
    expect((res.headers.location as string).startsWith(`${requested}?code=`)).toBe(true)
    const code = locationParams(res).get('code')!

    // The registered portless URI, or another port, is not what the code was issued for.
    expectGrantError(await exchange(creds, code, { code_verifier: verifier, redirect_uri: 'http://127.0.0.1/cb' }), 400, 'invalid_grant')
    expectGrantError(await exchange(creds, code, { code_verifier: verifier, redirect_uri: 'http://127.0.0.1:53128/cb' }), 400, 'invalid_grant')
    const tokens = await exchangeCode(s.app, creds, code, { code_verifier: verifier, redirect_uri: requested })
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
  })

  it('IPv6 loopback matches any port too', async () => {
    const { browser } = await start()
    const { client } = await makePublicClient(s.app, ['http://[::1]/cb'])
    const { challenge } = pkcePair()
    const res = await authorize(browser, { client_id: String(client.id), response_type: 'code', redirect_uri: 'http://[::1]:8123/cb', code_challenge: challenge, code_challenge_method: 'S256' })
    expect((res.headers.location as string).startsWith('http://[::1]:8123/cb?code=')).toBe(true)
  })

  for (const [name, uri] of [
    ['another path', 'http://127.0.0.1:53127/other'],
    ['localhost by name', 'http://localhost:53127/cb'],
    ['https instead of http', 'https://127.0.0.1:53127/cb'],
    ['a userinfo trick', 'http://127.0.0.1:80@evil.example/cb'],
    ['a port out of range', 'http://127.0.0.1:70000/cb'],
    ['another loopback address', 'http://127.0.0.2:53127/cb'],
    ['an added query', 'http://127.0.0.1:53127/cb?x=1'],
  ] as const) {
    it(`${name} does not match: an error page, no redirect`, async () => {
      const { browser } = await start()
      const { client } = await makePublicClient(s.app, ['http://127.0.0.1/cb'])
      const { challenge } = pkcePair()
      const query = new URLSearchParams({ client_id: String(client.id), response_type: 'code', redirect_uri: uri, code_challenge: challenge, code_challenge_method: 'S256' })
      const res = await browser.get(`/api/v2/oauth/authorize?${query}`)
      expect(res.statusCode).toBe(400)
      expect(res.headers.location).toBeUndefined()
      expect(res.body).toContain('<code>redirect_uri</code>')
    })
  }

  it('a non-loopback registered URI keeps exact matching: no other port', async () => {
    const { browser } = await start()
    const { client } = await confidential(['http://app.example/cb'])
    const res = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=code&redirect_uri=${encodeURIComponent('http://app.example:8080/cb')}`)
    expect(res.statusCode).toBe(400)
    expect(res.headers.location).toBeUndefined()
  })
})
