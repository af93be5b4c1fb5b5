/**
 * Parameter types at the edge: a parameter is one string (a form field sent once, or a JSON string);
 * `client_id` may also be a JSON integer, as AniList apps send it. Everything else (objects, lists,
 * booleans, other numbers, a body that is no object) is invalid_request naming the parameter on the
 * JSON endpoints, a 400 page on the pages, and never a 500. HTTP Basic must be real base64.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities, hiddenFields } from '../helpers/browser.js'
import { fragmentParams, loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import { codeGrantSetup, expectNoStore, makePublicClient, postOAuth, REDIRECT, viewerState } from '../helpers/oauth.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  s.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) })

/** Asserts an RFC 6749 §5.2 invalid_request whose description names the parameter; returns the description. */
function expectInvalidRequest(res: LightMyRequestResponse, parameter: string): string {
  expect(res.statusCode, res.body).toBe(400)
  expectNoStore(res)
  const body = res.json() as Record<string, string>
  expect(body.error).toBe('invalid_request')
  expect(body.error_description).toContain(parameter)
  expect(body.message).toBe(body.error_description)
  return body.error_description!
}

// Values no parameter may take (client_id's integers are tested on their own).
const NOT_STRINGS: ReadonlyArray<[string, unknown]> = [
  ['an object with a broken toString', { toString: 1 }],
  ['an object', { $ne: null }],
  ['a boolean', true],
  ['a number', 12],
  ['a list', ['a', 'b']],
  ['an empty list', []],
]

describe('the token endpoint', () => {
  for (const [label, value] of NOT_STRINGS) {
    it(`refresh_token as ${label}: invalid_request naming refresh_token, and the real token still works`, async () => {
      const { user, creds, tokens } = await codeGrantSetup(s.app)
      const res = await postJson('/api/v2/oauth/token', { grant_type: 'refresh_token', client_id: creds.id, client_secret: creds.secret, refresh_token: value })
      expectInvalidRequest(res, 'refresh_token')
      expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
    })
  }

  for (const name of ['grant_type', 'code', 'redirect_uri', 'code_verifier', 'client_secret']) {
    it(`${name} as an object: invalid_request naming it`, async () => {
      const { creds } = await codeGrantSetup(s.app)
      const body: Record<string, unknown> = { grant_type: 'authorization_code', code: 'x', client_id: String(creds.id), client_secret: creds.secret }
      body[name] = { toString: 1 }
      expectInvalidRequest(await postJson('/api/v2/oauth/token', body), name)
    })
  }

  it('device_code as an object: invalid_request naming it', async () => {
    const { creds } = await codeGrantSetup(s.app)
    const body = { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: { a: 1 }, client_id: creds.id, client_secret: creds.secret }
    expectInvalidRequest(await postJson('/api/v2/oauth/token', body), 'device_code')
  })

  it('client_id as a JSON integer is accepted; as a fraction, an unsafe integer, a boolean or an object it is invalid_request', async () => {
    const { creds } = await codeGrantSetup(s.app)
    const ok = await postJson('/api/v2/oauth/revoke', { client_id: creds.id, client_secret: creds.secret, token: 'unknown' })
    expect(ok.statusCode, ok.body).toBe(200)
    for (const bad of [1.5, 2 ** 53, 1e300, true, { toString: 1 }, [creds.id]]) {
      expectInvalidRequest(await postJson('/api/v2/oauth/token', { grant_type: 'refresh_token', refresh_token: 'x', client_id: bad, client_secret: creds.secret }), 'client_id')
    }
  })

  it('a JSON null counts as an absent parameter', async () => {
    const { client } = await makePublicClient(s.app)
    const res = await postJson('/api/v2/oauth/device/code', { client_id: client.id, client_secret: null })
    expect(res.statusCode, res.body).toBe(200)
  })

  it('a JSON body that is not an object: invalid_request saying so', async () => {
    for (const body of [[1, 2], 'grant_type', 5, true]) {
      for (const url of ['/api/v2/oauth/token', '/api/v2/oauth/revoke', '/api/v2/oauth/introspect', '/api/v2/oauth/device/code']) {
        expectInvalidRequest(await postJson(url, body), 'body')
      }
    }
  })
})

describe('revocation, introspection and device authorization', () => {
  for (const [label, value] of NOT_STRINGS) {
    it(`token as ${label}: invalid_request naming token at revoke and introspect`, async () => {
      const { creds } = await codeGrantSetup(s.app)
      for (const url of ['/api/v2/oauth/revoke', '/api/v2/oauth/introspect']) {
        expectInvalidRequest(await postJson(url, { client_id: creds.id, client_secret: creds.secret, token: value }), 'token')
      }
    })
  }

  it('token_type_hint as an object: invalid_request naming it', async () => {
    const { creds, tokens } = await codeGrantSetup(s.app)
    for (const url of ['/api/v2/oauth/revoke', '/api/v2/oauth/introspect']) {
      const res = await postJson(url, { client_id: creds.id, client_secret: creds.secret, token: tokens.access_token, token_type_hint: { a: 1 } })
      expectInvalidRequest(res, 'token_type_hint')
    }
  })

  it('device/code: client_id or client_secret as an object is invalid_request', async () => {
    const { client, secret } = await makeClient(s.app)
    expectInvalidRequest(await postJson('/api/v2/oauth/device/code', { client_id: { a: 1 } }), 'client_id')
    expectInvalidRequest(await postJson('/api/v2/oauth/device/code', { client_id: client.id, client_secret: { toString: 1 } }), 'client_secret')
    expect(secret).not.toBeNull()
  })

  it('a form parameter sent twice is invalid_request naming it (RFC 6749 §3.1, §3.2)', async () => {
    const { creds, tokens } = await codeGrantSetup(s.app)
    const id = String(creds.id)
    const secret = creds.secret!
    expectInvalidRequest(await postOAuth(s.app, '/api/v2/oauth/revoke', { client_id: id, client_secret: secret, token: [tokens.access_token, 'x'] }), 'token')
    expectInvalidRequest(await postOAuth(s.app, '/api/v2/oauth/introspect', { client_id: id, client_secret: secret, token: tokens.access_token, token_type_hint: ['a', 'b'] }), 'token_type_hint')
    expectInvalidRequest(await postOAuth(s.app, '/api/v2/oauth/device/code', { client_id: [id, id], client_secret: secret }), 'client_id')
    // Nothing was revoked by the refused revocation.
    expect(await viewerState(s.app, tokens.access_token)).toBe('ok')
  })
})

describe('HTTP Basic that is not what RFC 6749 §2.3.1 describes: invalid_client with the challenge', () => {
  const basic = (credentials: string) => `Basic ${credentials}`
  const valid = (id: number, secret: string) => Buffer.from(`${id}:${secret}`).toString('base64')

  it.each([
    ['not base64 at all', () => '%%%'],
    ['base64 with a stray character', (id: number, secret: string) => `${valid(id, secret).slice(0, 4)}*${valid(id, secret).slice(4)}`],
    ['base64 with inner whitespace', (id: number, secret: string) => `${valid(id, secret).slice(0, 4)} ${valid(id, secret).slice(4)}`],
    ['empty', () => ''],
    ['no colon', () => Buffer.from('nocolon').toString('base64')],
    ['a bad percent-escape', (id: number) => Buffer.from(`${id}:%E0%A4%A`).toString('base64')],
    ['bytes that are not UTF-8', (id: number) => Buffer.concat([Buffer.from(`${id}:`), Buffer.from([0xff, 0xfe])]).toString('base64')],
  ])('%s', async (_label, make) => {
    const { creds, tokens } = await codeGrantSetup(s.app)
    for (const url of ['/api/v2/oauth/revoke', '/api/v2/oauth/introspect', '/api/v2/oauth/token', '/api/v2/oauth/device/code']) {
      const res = await postOAuth(s.app, url, { token: tokens.access_token, grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, {
        headers: { authorization: basic(make(creds.id as number, creds.secret!)) },
      })
      expect(res.statusCode, `${url}: ${res.body}`).toBe(401)
      expect(res.json().error).toBe('invalid_client')
      expect(res.headers['www-authenticate']).toBe('Basic realm="OAuth"')
    }
    expect(await viewerState(s.app, tokens.access_token)).toBe('ok')
  })
})

/** POSTs a JSON body with the browser's cookies (a hostile page can send any body type). */
function postJsonAs(browser: Browser, url: string, body: unknown) {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  return s.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', cookie }, payload: JSON.stringify(body) })
}

function alertText(html: string): string | null {
  const match = /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)
  return match ? decodeEntities(match[1]!) : null
}

describe('the approval form', () => {
  async function approvalPage() {
    const user = await makeUser(s.app)
    const { client } = await makeClient(s.app, [REDIRECT])
    const browser = await loggedInBrowser(s.app, user)
    const page = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=token&state=s1`)
    expect(page.statusCode).toBe(200)
    return { browser, fields: { ...hiddenFields(page.body, '/api/v2/oauth/authorize'), csrf_token: csrfToken(page.body) } as Record<string, unknown> }
  }

  it('client_id or redirect_uri as an object: a 400 page naming it, and no redirect', async () => {
    for (const name of ['client_id', 'redirect_uri']) {
      const { browser, fields } = await approvalPage()
      const res = await postJsonAs(browser, '/api/v2/oauth/authorize', { ...fields, [name]: { toString: 1 }, decision: 'approve' })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.headers.location).toBeUndefined()
      expect(res.body).toContain(`The ${name} parameter must be`)
      await s.app.close()
      s = await testServer()
    }
  })

  it('state or response_type as an object, once the redirect URI is verified: invalid_request to the app, no token', async () => {
    for (const name of ['state', 'response_type', 'prompt', 'code_challenge']) {
      const { browser, fields } = await approvalPage()
      const res = await postJsonAs(browser, '/api/v2/oauth/authorize', { ...fields, [name]: { a: 1 }, decision: 'approve' })
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(300)
      expect(res.statusCode).toBeLessThan(400)
      const answer = fragmentParams(String(res.headers.location))
      expect(answer.get('error')).toBe('invalid_request')
      expect(answer.get('error_description')).toContain(name)
      expect(answer.get('access_token')).toBeNull()
      await s.app.close()
      s = await testServer()
    }
  })

  it('a decision that is not the string "approve" is a refusal', async () => {
    const { browser, fields } = await approvalPage()
    const res = await postJsonAs(browser, '/api/v2/oauth/authorize', { ...fields, decision: { toString: 1 } })
    expect(fragmentParams(String(res.headers.location)).get('error')).toBe('access_denied')
  })
})

describe('the /activate form', () => {
  it('user_code or decision as an object: a 400 page naming the field', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const page = await browser.get('/activate')
    for (const body of [{ user_code: { toString: 1 } }, { user_code: 'BCDF-GHJK', decision: ['approve'] }]) {
      const res = await postJsonAs(browser, '/activate', { csrf_token: csrfToken(page.body), ...body })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.body).toMatch(/The (user_code|decision) field/)
    }
  })
})

describe('the developer page', () => {
  it('name, redirect_uris or public of the wrong type: a 400 page naming the field, and no client', async () => {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const page = await browser.get('/settings/developer')
    for (const body of [
      { name: { toString: 1 }, redirect_uris: REDIRECT },
      { name: 'App', redirect_uris: [REDIRECT, { toString: 1 }] },
      { name: 'App', redirect_uris: { a: 1 } },
      { name: 'App', redirect_uris: REDIRECT, public: true },
    ]) {
      const res = await postJsonAs(browser, '/settings/developer/clients', { csrf_token: csrfToken(page.body), ...body })
      expect(res.statusCode, res.body).toBe(400)
      expect(alertText(res.body) ?? res.body).toMatch(/The (name|redirect_uris|public) field/)
    }
    expect(await s.app.kiroku.db.selectFrom('oauth_clients').select('id').execute()).toHaveLength(0)
  })
})
