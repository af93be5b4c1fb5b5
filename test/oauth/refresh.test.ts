/**
 * grant_type=refresh_token: rotation on every use, reuse detection revoking the whole family
 * (RFC 9700 §4.14.2), expiry, binding to the client, and revocation through /revoke.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { decodeJwt } from 'jose'
import { testServer, type TestServer } from '../helpers/server.js'
import { makeClient } from '../helpers/flow.js'
import { sha256Hex } from '../../src/util/random.js'
import {
  anotherPair,
  bodyCredentials,
  codeGrantSetup,
  expectNoStore,
  postOAuth,
  refresh,
  tokenRequest,
  viewerState,
  type Credentials,
  type TokenPair,
} from '../helpers/oauth.js'

let s: TestServer
afterEach(async () => s.app.close())

function expectInvalidGrant(res: LightMyRequestResponse): string {
  expect(res.statusCode, res.body).toBe(400)
  expectNoStore(res)
  const body = res.json() as Record<string, string>
  expect(body.error).toBe('invalid_grant')
  expect(body.message).toBe(body.error_description)
  return body.error_description!
}

async function rotate(creds: Credentials, token: string): Promise<TokenPair> {
  const res = await refresh(s.app, creds, token)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as TokenPair
}

describe('rotation', () => {
  it('every use returns a new pair in AniList’s key order; the used refresh token is refused', async () => {
    s = await testServer()
    const { user, client, creds, tokens } = await codeGrantSetup(s.app)
    s.clock.advance(100)
    const res = await refresh(s.app, creds, tokens.refresh_token)
    expect(res.statusCode, res.body).toBe(200)
    expectNoStore(res)
    const second = res.json() as TokenPair
    expect(Object.keys(second)).toEqual(['token_type', 'expires_in', 'access_token', 'refresh_token'])
    expect(second.token_type).toBe('Bearer')
    expect(second.expires_in).toBe(31_536_000)
    expect(second.refresh_token).not.toBe(tokens.refresh_token)
    expect(second.access_token).not.toBe(tokens.access_token)
    const claims = decodeJwt(second.access_token)
    expect(claims.sub).toBe(String(user.id))
    expect(claims.aud).toBe(String(client.id))
    expect(claims.iat).toBe(s.clock())
    expect(await viewerState(s.app, second.access_token, user)).toBe('ok')

    const third = await rotate(creds, second.refresh_token)
    expect(third.refresh_token).not.toBe(second.refresh_token)
    expect(await viewerState(s.app, third.access_token, user)).toBe('ok')
  })

  it('stores refresh tokens only as digests', async () => {
    s = await testServer()
    const { tokens } = await codeGrantSetup(s.app)
    const rows = await s.app.kiroku.db.selectFrom('oauth_refresh_tokens').selectAll().execute()
    expect(rows.map((r) => r.id)).toEqual([sha256Hex(tokens.refresh_token)])
    expect(JSON.stringify(rows)).not.toContain(tokens.refresh_token)
  })

  it('reuse of a rotated token revokes the whole family: the newest refresh token and every access token', async () => {
    s = await testServer()
    const { user, creds, tokens } = await codeGrantSetup(s.app)
    const second = await rotate(creds, tokens.refresh_token)
    const third = await rotate(creds, second.refresh_token)
    for (const t of [tokens, second, third]) expect(await viewerState(s.app, t.access_token, user)).toBe('ok')

    // An attacker (or a buggy app) presents the first, long-rotated refresh token.
    expect(expectInvalidGrant(await refresh(s.app, creds, tokens.refresh_token))).toContain('already used')

    for (const t of [tokens, second, third]) expect(await viewerState(s.app, t.access_token)).toBe('Invalid token')
    expectInvalidGrant(await refresh(s.app, creds, third.refresh_token))
    expectInvalidGrant(await refresh(s.app, creds, second.refresh_token))
  })

  it('reuse revokes only that family: another grant of the same user and client keeps working', async () => {
    s = await testServer()
    const { user, creds, browser, tokens } = await codeGrantSetup(s.app)
    const other = await anotherPair(s.app, browser, creds)
    await rotate(creds, tokens.refresh_token)
    expectInvalidGrant(await refresh(s.app, creds, tokens.refresh_token))
    expect(await viewerState(s.app, other.access_token, user)).toBe('ok')
    expect(await viewerState(s.app, (await rotate(creds, other.refresh_token)).access_token, user)).toBe('ok')
  })

  it('an unknown, empty or missing refresh token', async () => {
    s = await testServer()
    const { creds } = await codeGrantSetup(s.app)
    expectInvalidGrant(await refresh(s.app, creds, 'not-a-token'))
    expectInvalidGrant(await refresh(s.app, creds, 'x'.repeat(10_000)))
    const attempts: Array<Record<string, string>> = [{ refresh_token: '' }, {}]
    for (const params of attempts) {
      const res = await tokenRequest(s.app, { grant_type: 'refresh_token', ...params, ...bodyCredentials(creds) })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toBe('invalid_request')
      expect(res.json().error_description).toContain('refresh_token')
    }
  })

  it('works with a JSON body and with HTTP Basic', async () => {
    s = await testServer()
    const { user, creds, tokens } = await codeGrantSetup(s.app)
    const json = await tokenRequest(s.app, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, ...bodyCredentials(creds) }, { as: 'json' })
    expect(json.statusCode, json.body).toBe(200)
    const basic = await tokenRequest(s.app, { grant_type: 'refresh_token', refresh_token: json.json().refresh_token }, { basic: { id: String(creds.id), secret: creds.secret! } })
    expect(basic.statusCode, basic.body).toBe(200)
    expect(await viewerState(s.app, basic.json().access_token, user)).toBe('ok')
  })
})

describe('expiry', () => {
  it('REFRESH_TOKEN_TTL sets the lifetime: good one second before, refused at the instant', async () => {
    s = await testServer({}, { REFRESH_TOKEN_TTL: '3600' })
    const { creds, browser, tokens } = await codeGrantSetup(s.app)
    const spare = await anotherPair(s.app, browser, creds)
    s.clock.advance(3599)
    const renewed = await rotate(creds, tokens.refresh_token)
    s.clock.advance(1)
    expect(expectInvalidGrant(await refresh(s.app, creds, spare.refresh_token))).toContain('expired')
    // The rotated successor got a full lifetime of its own.
    s.clock.advance(3598)
    await rotate(creds, renewed.refresh_token)
  })

  it('without REFRESH_TOKEN_TTL the lifetime is one year', async () => {
    s = await testServer()
    const { creds, browser, tokens } = await codeGrantSetup(s.app)
    const spare = await anotherPair(s.app, browser, creds)
    s.clock.advance(31_536_000 - 1)
    await rotate(creds, tokens.refresh_token)
    s.clock.advance(1)
    expectInvalidGrant(await refresh(s.app, creds, spare.refresh_token))
  })
})

describe('binding to the client', () => {
  it('another client’s refresh token is invalid_grant, and the owner can still use it', async () => {
    s = await testServer()
    const { user, creds, tokens } = await codeGrantSetup(s.app)
    const { client: other, secret } = await makeClient(s.app, ['https://other.example/cb'], 'Other')
    const stolen = await refresh(s.app, { id: other.id, secret }, tokens.refresh_token)
    expect(expectInvalidGrant(stolen)).toContain('another client')
    expect(await viewerState(s.app, (await rotate(creds, tokens.refresh_token)).access_token, user)).toBe('ok')
  })

  it('the owning client must still authenticate', async () => {
    s = await testServer()
    const { creds, tokens } = await codeGrantSetup(s.app)
    const noSecret = await tokenRequest(s.app, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: String(creds.id) })
    expect(noSecret.statusCode).toBe(401)
    expect(noSecret.json().error).toBe('invalid_client')
    const wrong = await refresh(s.app, { id: creds.id, secret: 'wrong' }, tokens.refresh_token)
    expect(wrong.statusCode).toBe(401)
    // Neither attempt counted as a use.
    await rotate(creds, tokens.refresh_token)
  })
})

describe('revocation', () => {
  it('a refresh token revoked through /revoke is invalid_grant, and so is its family', async () => {
    s = await testServer()
    const { creds, tokens } = await codeGrantSetup(s.app)
    const second = await rotate(creds, tokens.refresh_token)
    const revoked = await postOAuth(s.app, '/api/v2/oauth/revoke', { token: second.refresh_token, ...bodyCredentials(creds) })
    expect(revoked.statusCode).toBe(200)
    expect(expectInvalidGrant(await refresh(s.app, creds, second.refresh_token))).toContain('revoked')
    expect(await viewerState(s.app, second.access_token)).toBe('Invalid token')
    expect(await viewerState(s.app, tokens.access_token)).toBe('Invalid token')
  })
})
