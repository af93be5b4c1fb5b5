/** Token revocation (RFC 7009) and introspection (RFC 7662). */
import { afterEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { decodeJwt } from 'jose'
import { testServer, type TestServer } from '../helpers/server.js'
import { loggedInBrowser, makeClient, makeUser } from '../helpers/flow.js'
import {
  anotherPair,
  bodyCredentials,
  codeGrantSetup,
  exchangeCode,
  expectNoStore,
  makePublicClient,
  obtainCode,
  pkcePair,
  postOAuth,
  refresh,
  viewerState,
  type Credentials,
  type PostOptions,
} from '../helpers/oauth.js'

let s: TestServer
afterEach(async () => s.app.close())

const revoke = (creds: Credentials | null, params: Record<string, string>, options?: PostOptions) =>
  postOAuth(s.app, '/api/v2/oauth/revoke', { ...params, ...(creds ? bodyCredentials(creds) : {}) }, options)
const introspect = (creds: Credentials | null, params: Record<string, string>, options?: PostOptions) =>
  postOAuth(s.app, '/api/v2/oauth/introspect', { ...params, ...(creds ? bodyCredentials(creds) : {}) }, options)

function expectRevoked200(res: LightMyRequestResponse): void {
  expect(res.statusCode, res.body).toBe(200)
  expectNoStore(res)
  expect(res.body).toBe('')
}

function expectOAuthError(res: LightMyRequestResponse, status: number, error: string): string {
  expect(res.statusCode, res.body).toBe(status)
  expectNoStore(res)
  expect(res.json().error).toBe(error)
  expect(res.json().message).toBe(res.json().error_description)
  return res.json().error_description
}

/** Two users who each approved a client, and a second client approved by the first user. */
async function twoClients() {
  const first = await codeGrantSetup(s.app)
  const { client: otherClient, secret } = await makeClient(s.app, ['https://other.example/cb'], 'Other App')
  const otherCreds: Credentials = { id: otherClient.id, secret }
  const otherTokens = await exchangeCode(s.app, otherCreds, await obtainCode(first.browser, { client_id: String(otherClient.id), redirect_uri: 'https://other.example/cb' }), {
    redirect_uri: 'https://other.example/cb',
  })
  return { ...first, otherCreds, otherTokens }
}

describe('revocation (RFC 7009)', () => {
  it('revoking an access token: 200 with an empty body, and GraphQL refuses the token at once', async () => {
    s = await testServer()
    const { user, creds, tokens } = await codeGrantSetup(s.app)
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
    expectRevoked200(await revoke(creds, { token: tokens.access_token }))
    expect(await viewerState(s.app, tokens.access_token)).toBe('Invalid token')
    // Revoking again is still 200.
    expectRevoked200(await revoke(creds, { token: tokens.access_token }))
  })

  it('revoking a refresh token revokes its family and the access tokens issued from it', async () => {
    s = await testServer()
    const { user, creds, browser, tokens } = await codeGrantSetup(s.app)
    const second = (await refresh(s.app, creds, tokens.refresh_token)).json()
    const unrelated = await anotherPair(s.app, browser, creds)
    expectRevoked200(await revoke(creds, { token: second.refresh_token }))
    expect(await viewerState(s.app, tokens.access_token)).toBe('Invalid token')
    expect(await viewerState(s.app, second.access_token)).toBe('Invalid token')
    expect((await refresh(s.app, creds, second.refresh_token)).json().error).toBe('invalid_grant')
    // Another grant of the same user and client is untouched.
    expect(await viewerState(s.app, unrelated.access_token, user)).toBe('ok')
    expect((await refresh(s.app, creds, unrelated.refresh_token)).statusCode).toBe(200)
  })

  it('token_type_hint only orders the lookups: a wrong or unknown hint still revokes', async () => {
    s = await testServer()
    const { creds, browser, tokens } = await codeGrantSetup(s.app)
    expectRevoked200(await revoke(creds, { token: tokens.access_token, token_type_hint: 'refresh_token' }))
    expect(await viewerState(s.app, tokens.access_token)).toBe('Invalid token')

    const b = await anotherPair(s.app, browser, creds)
    expectRevoked200(await revoke(creds, { token: b.refresh_token, token_type_hint: 'access_token' }))
    expect((await refresh(s.app, creds, b.refresh_token)).json().error).toBe('invalid_grant')

    const c = await anotherPair(s.app, browser, creds)
    expectRevoked200(await revoke(creds, { token: c.access_token, token_type_hint: 'id_token' }))
    expect(await viewerState(s.app, c.access_token)).toBe('Invalid token')

    const d = await anotherPair(s.app, browser, creds)
    expectRevoked200(await revoke(creds, { token: d.refresh_token, token_type_hint: 'refresh_token' }))
    expect(await viewerState(s.app, d.access_token)).toBe('Invalid token')
  })

  it('an unknown token is 200 and revokes nothing', async () => {
    s = await testServer()
    const { user, creds, tokens } = await codeGrantSetup(s.app)
    for (const token of ['unknown', 'a.b.c', tokens.access_token.slice(0, -2) + 'xx', 'x'.repeat(10_000)]) {
      expectRevoked200(await revoke(creds, { token }))
    }
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
    expect((await refresh(s.app, creds, tokens.refresh_token)).statusCode).toBe(200)
  })

  it('another client’s tokens: 200, and nothing is revoked', async () => {
    s = await testServer()
    const { user, creds, tokens, otherCreds, otherTokens } = await twoClients()
    expectRevoked200(await revoke(creds, { token: otherTokens.access_token }))
    expectRevoked200(await revoke(creds, { token: otherTokens.refresh_token }))
    expectRevoked200(await revoke(otherCreds, { token: tokens.access_token, token_type_hint: 'access_token' }))
    expectRevoked200(await revoke(otherCreds, { token: tokens.refresh_token, token_type_hint: 'refresh_token' }))
    expect(await viewerState(s.app, otherTokens.access_token, user)).toBe('ok')
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
    expect((await refresh(s.app, otherCreds, otherTokens.refresh_token)).statusCode).toBe(200)
    expect((await refresh(s.app, creds, tokens.refresh_token)).statusCode).toBe(200)
  })

  it('revoking an expired access token is 200', async () => {
    s = await testServer({}, { ACCESS_TOKEN_TTL: '60' })
    const { creds, tokens } = await codeGrantSetup(s.app)
    s.clock.advance(120)
    expectRevoked200(await revoke(creds, { token: tokens.access_token }))
    const row = await s.app.kiroku.db.selectFrom('oauth_access_tokens').select('revoked_at').where('jti', '=', decodeJwt(tokens.access_token).jti!).executeTakeFirstOrThrow()
    expect(row.revoked_at).toBe(s.clock())
  })

  it('a missing token is invalid_request', async () => {
    s = await testServer()
    const { creds } = await codeGrantSetup(s.app)
    expect(expectOAuthError(await revoke(creds, {}), 400, 'invalid_request')).toContain('token')
    expectOAuthError(await revoke(creds, { token: '' }), 400, 'invalid_request')
    expectOAuthError(await revoke(creds, {}, { as: 'json' }), 400, 'invalid_request')
  })

  it('client authentication is enforced, and a failed one revokes nothing', async () => {
    s = await testServer()
    const { user, creds, tokens } = await codeGrantSetup(s.app)
    expectOAuthError(await revoke(null, { token: tokens.access_token }), 401, 'invalid_client')
    expectOAuthError(await revoke({ id: creds.id, secret: null }, { token: tokens.access_token }), 401, 'invalid_client')
    expectOAuthError(await revoke({ id: creds.id, secret: 'wrong' }, { token: tokens.access_token }), 401, 'invalid_client')
    const basic = await revoke(null, { token: tokens.access_token }, { basic: { id: String(creds.id), secret: 'wrong' } })
    expectOAuthError(basic, 401, 'invalid_client')
    expect(basic.headers['www-authenticate']).toBe('Basic realm="OAuth"')
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')

    expectRevoked200(await revoke(null, { token: tokens.access_token }, { basic: { id: String(creds.id), secret: creds.secret! } }))
    expect(await viewerState(s.app, tokens.access_token)).toBe('Invalid token')
  })

  it('a public client revokes its own tokens with only its client_id', async () => {
    s = await testServer()
    const user = await makeUser(s.app)
    const { client } = await makePublicClient(s.app)
    const creds: Credentials = { id: client.id, secret: null }
    const browser = await loggedInBrowser(s.app, user)
    const { verifier, challenge } = pkcePair()
    const code = await obtainCode(browser, { client_id: String(client.id), code_challenge: challenge, code_challenge_method: 'S256' })
    const tokens = await exchangeCode(s.app, creds, code, { code_verifier: verifier })
    expectRevoked200(await revoke(creds, { token: tokens.refresh_token }, { as: 'json' }))
    expect(await viewerState(s.app, tokens.access_token)).toBe('Invalid token')
  })
})

describe('introspection (RFC 7662)', () => {
  it('an active access token: active, with client_id, username, sub, exp, iat, jti, token_type', async () => {
    s = await testServer()
    const { user, client, creds, tokens } = await codeGrantSetup(s.app)
    const res = await introspect(creds, { token: tokens.access_token })
    expect(res.statusCode, res.body).toBe(200)
    expectNoStore(res)
    const claims = decodeJwt(tokens.access_token)
    expect(res.json()).toMatchObject({
      active: true,
      client_id: String(client.id),
      username: user.name,
      sub: String(user.id),
      exp: claims.exp,
      iat: claims.iat,
      jti: claims.jti,
      token_type: 'Bearer',
      aud: String(client.id),
      iss: 'http://kiroku.test',
    })
  })

  it('an active refresh token is described too, by HTTP Basic and with a JSON body', async () => {
    s = await testServer()
    const { user, client, creds, tokens } = await codeGrantSetup(s.app)
    const res = await introspect(null, { token: tokens.refresh_token, token_type_hint: 'refresh_token' }, { as: 'json', basic: { id: String(client.id), secret: creds.secret! } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ active: true, client_id: String(client.id), username: user.name, sub: String(user.id), token_type: 'refresh_token' })
    expect(res.json().exp).toBe(s.clock() + 31_536_000)
  })

  it('revoked, rotated, expired, unknown and other clients’ tokens are exactly {"active":false}', async () => {
    s = await testServer({}, { ACCESS_TOKEN_TTL: '3600', REFRESH_TOKEN_TTL: '7200' })
    const { creds, browser, tokens, otherCreds, otherTokens } = await twoClients()
    const inactive = async (token: string, who = creds) => {
      const res = await introspect(who, { token })
      expect(res.statusCode, res.body).toBe(200)
      expectNoStore(res)
      expect(res.json()).toEqual({ active: false })
    }
    // Another client's live tokens, both ways round.
    await inactive(otherTokens.access_token)
    await inactive(otherTokens.refresh_token)
    await inactive(tokens.access_token, otherCreds)
    // Unknown strings.
    await inactive('nope')
    await inactive(tokens.access_token.slice(0, -4) + 'AAAA')
    // Revoked.
    const revoked = await anotherPair(s.app, browser, creds)
    await revoke(creds, { token: revoked.refresh_token })
    await inactive(revoked.access_token)
    await inactive(revoked.refresh_token)
    // Rotated.
    const rotated = await anotherPair(s.app, browser, creds)
    await refresh(s.app, creds, rotated.refresh_token)
    await inactive(rotated.refresh_token)
    // Expired: access after an hour, refresh after two.
    s.clock.advance(3600)
    await inactive(tokens.access_token)
    expect((await introspect(creds, { token: tokens.refresh_token })).json().active).toBe(true)
    s.clock.advance(3600)
    await inactive(tokens.refresh_token)
  })

  it('a public client cannot introspect: invalid_client', async () => {
    s = await testServer()
    const { client } = await makePublicClient(s.app)
    const res = await introspect({ id: client.id, secret: null }, { token: 'anything' })
    expect(expectOAuthError(res, 401, 'invalid_client')).toContain('public')
  })

  it('client authentication is enforced; a missing token is invalid_request', async () => {
    s = await testServer()
    const { creds, tokens } = await codeGrantSetup(s.app)
    expectOAuthError(await introspect(null, { token: tokens.access_token }), 401, 'invalid_client')
    expectOAuthError(await introspect({ id: creds.id, secret: 'wrong' }, { token: tokens.access_token }), 401, 'invalid_client')
    expect(expectOAuthError(await introspect(creds, {}), 400, 'invalid_request')).toContain('token')
  })
})
