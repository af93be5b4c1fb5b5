/**
 * POST /api/v2/oauth/token: body formats, client authentication (body, HTTP Basic, public clients),
 * grant_type handling, and the shape of every answer (headers, key order, error bodies).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { testServer, type TestServer } from '../helpers/server.js'
import { loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import { sha256Hex } from '../../src/util/random.js'
import {
  basicHeader,
  bodyCredentials,
  expectNoStore,
  makePublicClient,
  obtainCode,
  pkcePair,
  REDIRECT,
  tokenRequest,
  viewerState,
  type Credentials,
} from '../helpers/oauth.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

/** A user who approved a confidential client, and a fresh code for it. */
async function setup() {
  const user = await makeUser(s.app)
  const { client, secret } = await makeClient(s.app, [REDIRECT])
  const browser = await loggedInBrowser(s.app, user)
  const creds: Credentials = { id: client.id, secret }
  const newCode = () => obtainCode(browser, { client_id: String(client.id) })
  return { user, client, secret: secret!, creds, browser, newCode }
}

function expectError(res: LightMyRequestResponse, status: number, error: string): Record<string, string> {
  expect(res.statusCode, res.body).toBe(status)
  expectNoStore(res)
  expect(res.headers['content-type']).toContain('application/json')
  const body = res.json() as Record<string, string>
  expect(body.error).toBe(error)
  expect(typeof body.error_description).toBe('string')
  expect(body.error_description.length).toBeGreaterThan(0)
  expect(body.message).toBe(body.error_description)
  return body
}

describe('successful exchanges', () => {
  it('accepts a form body with credentials in it, and answers in AniList’s key order with no-store', async () => {
    const { user, creds, newCode } = await setup()
    const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code: await newCode(), ...bodyCredentials(creds) })
    expect(res.statusCode).toBe(200)
    expectNoStore(res)
    const body = res.json() as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['token_type', 'expires_in', 'access_token', 'refresh_token'])
    expect(body.token_type).toBe('Bearer')
    expect(body.expires_in).toBe(31_536_000)
    expect(typeof body.refresh_token).toBe('string')
    expect(await viewerState(s.app, body.access_token as string, user)).toBe('ok')
  })

  it('accepts a JSON body', async () => {
    const { user, creds, newCode } = await setup()
    const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code: await newCode(), ...bodyCredentials(creds) }, { as: 'json' })
    expect(res.statusCode, res.body).toBe(200)
    expectNoStore(res)
    expect(await viewerState(s.app, res.json().access_token, user)).toBe('ok')
  })

  it('accepts a JSON body whose client_id is a number, as AniList examples send it', async () => {
    const { creds, newCode } = await setup()
    const res = await s.app.inject({
      method: 'POST',
      url: '/api/v2/oauth/token',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ grant_type: 'authorization_code', code: await newCode(), client_id: Number(creds.id), client_secret: creds.secret }),
    })
    expect(res.statusCode, res.body).toBe(200)
  })

  it('accepts HTTP Basic credentials', async () => {
    const { client, secret, newCode } = await setup()
    const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code: await newCode() }, { basic: { id: String(client.id), secret } })
    expect(res.statusCode, res.body).toBe(200)
    expectNoStore(res)
    expect(res.headers['www-authenticate']).toBeUndefined()
  })

  it('accepts Basic with client_id repeated in the body', async () => {
    const { client, secret, newCode } = await setup()
    const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code: await newCode(), client_id: String(client.id) }, { basic: { id: String(client.id), secret } })
    expect(res.statusCode, res.body).toBe(200)
  })

  it('form-urldecodes each half of the Basic credentials (a secret holding + : % and a space)', async () => {
    const { client, newCode } = await setup()
    const odd = 'a+b:c%d e/f'
    await s.app.kiroku.db.updateTable('oauth_clients').set({ secret_hash: sha256Hex(odd) }).where('id', '=', client.id).execute()
    const ok = await tokenRequest(s.app, { grant_type: 'authorization_code', code: await newCode() }, { basic: { id: String(client.id), secret: odd } })
    expect(ok.statusCode, ok.body).toBe(200)
    // The same secret sent raw (not form-encoded) decodes to something else: '+' becomes a space.
    const raw = `Basic ${Buffer.from(`${client.id}:${odd.replace('%', '%25')}`).toString('base64')}`
    const wrong = await tokenRequest(s.app, { grant_type: 'authorization_code', code: await newCode() }, { headers: { authorization: raw } })
    expectError(wrong, 401, 'invalid_client')
    expect(basicHeader('1', odd)).toBe(`Basic ${Buffer.from('1:a%2Bb%3Ac%25d+e%2Ff').toString('base64')}`)
  })
})

describe('client authentication failures', () => {
  it('a wrong secret in the body: invalid_client 401 without WWW-Authenticate', async () => {
    const { client, newCode } = await setup()
    const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code: await newCode(), client_id: String(client.id), client_secret: 'wrong' })
    const body = expectError(res, 401, 'invalid_client')
    expect(body.error_description).toContain('client_secret')
    expect(res.headers['www-authenticate']).toBeUndefined()
  })

  it('a wrong secret by Basic: invalid_client 401 with WWW-Authenticate: Basic realm="OAuth"', async () => {
    const { client, newCode } = await setup()
    const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code: await newCode() }, { basic: { id: String(client.id), secret: 'wrong' } })
    expectError(res, 401, 'invalid_client')
    expect(res.headers['www-authenticate']).toBe('Basic realm="OAuth"')
  })

  it('a missing secret, in the body or by Basic', async () => {
    const { client, newCode } = await setup()
    const code = await newCode()
    const inBody = await tokenRequest(s.app, { grant_type: 'authorization_code', code, client_id: String(client.id) })
    expect(expectError(inBody, 401, 'invalid_client').error_description).toContain('client_secret')
    expect(inBody.headers['www-authenticate']).toBeUndefined()
    const emptyBasic = await tokenRequest(s.app, { grant_type: 'authorization_code', code }, { basic: { id: String(client.id), secret: '' } })
    expectError(emptyBasic, 401, 'invalid_client')
    expect(emptyBasic.headers['www-authenticate']).toBe('Basic realm="OAuth"')
  })

  it('malformed Basic credentials (no colon, bad percent-encoding)', async () => {
    const { newCode } = await setup()
    const code = await newCode()
    for (const value of [`Basic ${Buffer.from('nocolon').toString('base64')}`, `Basic ${Buffer.from('1:%zz').toString('base64')}`]) {
      const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code }, { headers: { authorization: value } })
      expectError(res, 401, 'invalid_client')
      expect(res.headers['www-authenticate']).toBe('Basic realm="OAuth"')
    }
  })

  it('an unknown or malformed client_id, in the body or by Basic', async () => {
    const { newCode } = await setup()
    const code = await newCode()
    for (const id of ['999', 'abc', '0', '-1', '1e3']) {
      const inBody = await tokenRequest(s.app, { grant_type: 'authorization_code', code, client_id: id, client_secret: 'x' })
      expect(expectError(inBody, 401, 'invalid_client').error_description).toContain(`"${id}"`)
      const byBasic = await tokenRequest(s.app, { grant_type: 'authorization_code', code }, { basic: { id, secret: 'x' } })
      expectError(byBasic, 401, 'invalid_client')
      expect(byBasic.headers['www-authenticate']).toBe('Basic realm="OAuth"')
    }
  })

  it('no client_id at all', async () => {
    const { newCode } = await setup()
    const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code: await newCode() })
    expect(expectError(res, 401, 'invalid_client').error_description).toContain('client_id')
  })

  it('credentials both in the body and by Basic: invalid_request', async () => {
    const { client, secret, newCode } = await setup()
    const code = await newCode()
    const both = await tokenRequest(s.app, { grant_type: 'authorization_code', code, client_id: String(client.id), client_secret: secret }, { basic: { id: String(client.id), secret } })
    expectError(both, 400, 'invalid_request')
    const otherId = await tokenRequest(s.app, { grant_type: 'authorization_code', code, client_id: '12345' }, { basic: { id: String(client.id), secret } })
    expect(expectError(otherId, 400, 'invalid_request').error_description).toContain('client_id')
    // The code was not spent by these refusals.
    const ok = await tokenRequest(s.app, { grant_type: 'authorization_code', code }, { basic: { id: String(client.id), secret } })
    expect(ok.statusCode, ok.body).toBe(200)
  })

  it('a public client that sends a secret is refused', async () => {
    const user = await makeUser(s.app)
    const { client } = await makePublicClient(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const { verifier, challenge } = pkcePair()
    const code = await obtainCode(browser, { client_id: String(client.id), code_challenge: challenge, code_challenge_method: 'S256' })
    const inBody = await tokenRequest(s.app, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: String(client.id), client_secret: 'anything' })
    expect(expectError(inBody, 401, 'invalid_client').error_description).toContain('public')
    const byBasic = await tokenRequest(s.app, { grant_type: 'authorization_code', code, code_verifier: verifier }, { basic: { id: String(client.id), secret: 'anything' } })
    expectError(byBasic, 401, 'invalid_client')
    expect(byBasic.headers['www-authenticate']).toBe('Basic realm="OAuth"')
    const ok = await tokenRequest(s.app, { grant_type: 'authorization_code', code, code_verifier: verifier, client_id: String(client.id) })
    expect(ok.statusCode, ok.body).toBe(200)
  })
})

describe('grant_type', () => {
  it('missing: invalid_request naming grant_type', async () => {
    const { creds, newCode } = await setup()
    const res = await tokenRequest(s.app, { code: await newCode(), ...bodyCredentials(creds) })
    expect(expectError(res, 400, 'invalid_request').error_description).toContain('grant_type')
  })

  for (const grantType of ['password', 'client_credentials', 'implicit', 'token', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'toString', '__proto__', 'constructor']) {
    it(`${grantType}: unsupported_grant_type 400 with league’s hint`, async () => {
      const { creds } = await setup()
      const res = await tokenRequest(s.app, { grant_type: grantType, username: 'alice', password: 'x', ...bodyCredentials(creds) })
      const body = expectError(res, 400, 'unsupported_grant_type')
      expect(body.hint).toBe('Check that all required parameters have been provided')
      expect(body.error_description).toContain(grantType)
    })
  }

  it('a grant the client is refused for never spends its code', async () => {
    const { creds, newCode } = await setup()
    const code = await newCode()
    await tokenRequest(s.app, { grant_type: 'password', code, ...bodyCredentials(creds) })
    expect((await tokenRequest(s.app, { grant_type: 'authorization_code', code, ...bodyCredentials(creds) })).statusCode).toBe(200)
  })
})

describe('malformed requests', () => {
  for (const name of ['grant_type', 'client_id', 'client_secret', 'code']) {
    it(`${name} sent twice: invalid_request naming it`, async () => {
      const { creds, newCode } = await setup()
      const params: Record<string, string | string[]> = { grant_type: 'authorization_code', code: await newCode(), ...bodyCredentials(creds) }
      params[name] = [params[name] as string, params[name] as string]
      const res = await tokenRequest(s.app, params)
      expect(expectError(res, 400, 'invalid_request').error_description).toContain(name)
    })
  }

  it('a JSON array value counts as sent twice', async () => {
    const { creds, newCode } = await setup()
    const res = await tokenRequest(s.app, { grant_type: 'authorization_code', code: [await newCode(), 'x'], ...bodyCredentials(creds) }, { as: 'json' })
    expect(expectError(res, 400, 'invalid_request').error_description).toContain('code')
  })

  const raw = (payload: string, contentType: string) =>
    s.app.inject({ method: 'POST', url: '/api/v2/oauth/token', headers: { 'content-type': contentType }, payload })

  for (const [name, payload, type] of [
    ['truncated JSON', '{"grant_type":"authorization_code"', 'application/json'],
    ['not JSON at all', 'grant_type=authorization_code', 'application/json'],
    ['an empty JSON body', '', 'application/json'],
    ['a JSON null', 'null', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a JSON string', '"grant_type"', 'application/json'],
    ['a prototype-poisoning body', '{"__proto__":{"grant_type":"authorization_code"}}', 'application/json'],
    ['an unsupported media type', 'grant_type=authorization_code', 'text/plain'],
    ['a multipart body', '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x'],
  ] as const) {
    it(`${name}: invalid_request 400, never a 500`, async () => {
      const res = await raw(payload, type)
      expectError(res, 400, 'invalid_request')
    })
  }

  it('no body at all: invalid_request', async () => {
    const res = await s.app.inject({ method: 'POST', url: '/api/v2/oauth/token' })
    expectError(res, 400, 'invalid_request')
  })

  it('an object where a string belongs is refused by name, never taken as a match (no operator injection)', async () => {
    const { creds, newCode } = await setup()
    const payload = JSON.stringify({ grant_type: 'authorization_code', code: await newCode(), client_id: String(creds.id), client_secret: { $ne: null } })
    expect(expectError(await raw(payload, 'application/json'), 400, 'invalid_request').error_description).toContain('client_secret')
  })

  it('the other OAuth endpoints answer malformed JSON the same way', async () => {
    for (const url of ['/api/v2/oauth/revoke', '/api/v2/oauth/introspect', '/api/v2/oauth/device/code']) {
      const res = await s.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{' })
      expectError(res, 400, 'invalid_request')
    }
  })
})
