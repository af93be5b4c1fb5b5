/**
 * Discovery (RFC 8414), the JWKS, signing-key rotation, and the CLI commands `keys rotate`,
 * `keys list` and `client create --public`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose'
import { testServer, type TestServer } from '../helpers/server.js'
import { codeGrantSetup, anotherPair, viewerState } from '../helpers/oauth.js'
import { main } from '../../src/cli/main.js'
import type { CliIo } from '../../src/cli/io.js'

let s: TestServer | undefined
afterEach(async () => {
  await s?.app.close()
  s = undefined
})

const BASE = 'http://kiroku.test'
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

async function metadata(server: TestServer): Promise<Record<string, any>> {
  const res = await server.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toContain('application/json')
  return res.json()
}

async function jwks(server: TestServer): Promise<{ keys: JWK[] }> {
  const res = await server.app.inject({ method: 'GET', url: '/api/v2/oauth/jwks' })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toContain('application/jwk-set+json')
  return res.json()
}

describe('the metadata document (RFC 8414)', () => {
  it('lists the issuer, every endpoint and every capability', async () => {
    s = await testServer()
    const doc = await metadata(s)
    expect(doc).toMatchObject({
      issuer: BASE,
      authorization_endpoint: `${BASE}/api/v2/oauth/authorize`,
      token_endpoint: `${BASE}/api/v2/oauth/token`,
      jwks_uri: `${BASE}/api/v2/oauth/jwks`,
      revocation_endpoint: `${BASE}/api/v2/oauth/revoke`,
      introspection_endpoint: `${BASE}/api/v2/oauth/introspect`,
      device_authorization_endpoint: `${BASE}/api/v2/oauth/device/code`,
      authorization_response_iss_parameter_supported: true,
    })
    expect([...doc.response_types_supported].sort()).toEqual(['code', 'token'])
    expect(doc.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'implicit', 'refresh_token', DEVICE_GRANT]))
    expect(doc.grant_types_supported).not.toContain('password')
    expect(doc.grant_types_supported).not.toContain('client_credentials')
    expect(doc.code_challenge_methods_supported).toEqual(['S256'])
    expect([...doc.token_endpoint_auth_methods_supported].sort()).toEqual(['client_secret_basic', 'client_secret_post', 'none'])
    expect(doc.revocation_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']))
    expect(doc.introspection_endpoint_auth_methods_supported).not.toContain('none')
  })

  it('the issuer is PUBLIC_URL without a trailing slash, and every endpoint lives under it', async () => {
    const { loadConfig } = await import('../../src/app/config.js')
    const { buildServer } = await import('../../src/app/build-server.js')
    const config = { ...loadConfig({ database: 'sqlite::memory:', publicUrl: 'https://auth.example/kiroku/' }, {}), logLevel: 'silent' }
    const app = await buildServer(config)
    try {
      const doc = (await app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' })).json()
      expect(doc.issuer).toBe('https://auth.example/kiroku')
      for (const [key, value] of Object.entries(doc)) if (key.endsWith('_endpoint') || key === 'jwks_uri') expect(String(value).startsWith('https://auth.example/kiroku/api/v2/oauth/')).toBe(true)
    } finally {
      await app.close()
    }
  })

  it('lists plain among the PKCE methods only when PKCE_ALLOW_PLAIN=1', async () => {
    s = await testServer({}, { PKCE_ALLOW_PLAIN: '1' })
    expect((await metadata(s)).code_challenge_methods_supported).toEqual(['S256', 'plain'])
  })

  it('every advertised endpoint is reachable and answers an empty request with its own error', async () => {
    s = await testServer()
    const doc = await metadata(s)
    const pathOf = (url: string) => new URL(url).pathname
    const authorize = await s.app.inject({ method: 'GET', url: pathOf(doc.authorization_endpoint) })
    expect(authorize.statusCode).toBe(400)
    expect(authorize.body).toContain('<code>client_id</code>')
    const token = await s.app.inject({ method: 'POST', url: pathOf(doc.token_endpoint), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' })
    expect(token.statusCode).toBe(400)
    expect(token.json().error).toBe('invalid_request')
    for (const key of ['revocation_endpoint', 'introspection_endpoint', 'device_authorization_endpoint']) {
      const res = await s.app.inject({ method: 'POST', url: pathOf(doc[key]), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' })
      expect(res.statusCode, key).toBe(401)
      expect(res.json().error, key).toBe('invalid_client')
    }
    expect((await s.app.inject({ method: 'GET', url: pathOf(doc.jwks_uri) })).statusCode).toBe(200)
  })
})

describe('the JWKS', () => {
  it('publishes the signing key’s public half only, and verifies an issued token', async () => {
    s = await testServer()
    const { user, client, tokens } = await codeGrantSetup(s.app)
    const set = await jwks(s)
    expect(set.keys).toHaveLength(1)
    const [key] = set.keys
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: s.app.kiroku.keys.current().kid })
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret)
    expect(decodeProtectedHeader(tokens.access_token).kid).toBe(key!.kid)
    const { payload } = await jwtVerify(tokens.access_token, createLocalJWKSet(set), { algorithms: ['RS256'], currentDate: new Date(s.clock() * 1000) })
    expect(payload.sub).toBe(String(user.id))
    expect(payload.aud).toBe(String(client.id))
  })
})

describe('key rotation', () => {
  it('new tokens carry the new kid; old ones keep answering until the old key retires one token lifetime later', async () => {
    s = await testServer({}, { ACCESS_TOKEN_TTL: '3600' })
    const { user, creds, browser, tokens: before } = await codeGrantSetup(s.app)
    const oldKid = decodeProtectedHeader(before.access_token).kid!
    s.clock.advance(10)
    // The old key's last token, signed the second it is superseded.
    const lastOld = await anotherPair(s.app, browser, creds)
    const newKid = await s.app.kiroku.keys.rotate()
    expect(newKid).not.toBe(oldKid)
    expect(s.app.kiroku.keys.current().kid).toBe(newKid)

    const after = await anotherPair(s.app, browser, creds)
    expect(decodeProtectedHeader(after.access_token).kid).toBe(newKid)
    expect(decodeProtectedHeader(lastOld.access_token).kid).toBe(oldKid)
    for (const t of [before, lastOld, after]) expect(await viewerState(s.app, t.access_token, user)).toBe('ok')
    expect((await jwks(s)).keys.map((k) => k.kid)).toEqual([newKid, oldKid])
    const set = createLocalJWKSet(await jwks(s))
    for (const t of [before, after]) await jwtVerify(t.access_token, set, { currentDate: new Date(s.clock() * 1000) })

    // One second before the old key's last token expires, the key still verifies and is published.
    s.clock.advance(3599)
    await s.app.kiroku.keys.reload()
    expect(await viewerState(s.app, lastOld.access_token, user)).toBe('ok')
    expect((await jwks(s)).keys.map((k) => k.kid)).toEqual([newKid, oldKid])
    s.clock.advance(1)
    await s.app.kiroku.keys.reload()
    expect((await jwks(s)).keys.map((k) => k.kid)).toEqual([newKid])
    expect(await viewerState(s.app, (await anotherPair(s.app, browser, creds)).access_token, user)).toBe('ok')
  })

  it('a rotation in the same second as the previous key still makes the new key the signing one', async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      s = await testServer()
      const first = s.app.kiroku.keys.current().kid
      const second = await s.app.kiroku.keys.rotate()
      const third = await s.app.kiroku.keys.rotate()
      expect(s.app.kiroku.keys.current().kid).toBe(third)
      expect((await jwks(s)).keys.map((k) => k.kid)).toEqual([third, second, first])
      await s.app.close()
      s = undefined
    }
  })
})

describe('the CLI', () => {
  function captureIo(): CliIo & { out: string[]; err: string[] } {
    const out: string[] = []
    const err: string[] = []
    return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => '', untilStopped: () => new Promise<string>(() => {}) }
  }

  const tempDirs: string[] = []
  afterEach(() => {
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })
  function tempDatabase(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-cli-'))
    tempDirs.push(dir)
    return `sqlite:${path.join(dir, 'kiroku.db')}`
  }

  async function run(argv: string[]) {
    const io = captureIo()
    const code = await main(argv, io)
    return { code, lines: io.out.join('').split('\n').filter(Boolean), stderr: io.err.join('') }
  }

  it('keys rotate prints the new kid; keys list shows it signing and the previous key verifying', async () => {
    const database = tempDatabase()
    // Listing only reads: a database that does not exist yet is refused, not created.
    const missing = await run(['keys', 'list', '--database', database])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^kiroku: there is no database at /)

    const rotated = await run(['keys', 'rotate', '--database', database])
    expect(rotated.code, rotated.stderr).toBe(0)
    expect(rotated.lines).toHaveLength(1)
    const { kid } = JSON.parse(rotated.lines[0]!)
    expect(kid).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const listed = await run(['keys', 'list', '--database', database])
    expect(listed.code, listed.stderr).toBe(0)
    const keys = listed.lines.map((l) => JSON.parse(l))
    // The first rotate on an empty database creates the initial key, then its successor.
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatchObject({ kid, alg: 'RS256', state: 'signing', retiresAt: null })
    expect(keys[1]).toMatchObject({ alg: 'RS256', state: 'verifying' })
    expect(Object.keys(keys[0])).toEqual(['kid', 'alg', 'createdAt', 'state', 'retiresAt'])
    expect(Date.parse(keys[1].retiresAt)).toBeGreaterThan(Date.now() + 364 * 86_400_000)
    expect(Number.isNaN(Date.parse(keys[0].createdAt))).toBe(false)

    const again = await run(['keys', 'rotate', '--database', database])
    const newest = JSON.parse(again.lines[0]!).kid
    const states = (await run(['keys', 'list', '--database', database])).lines.map((l) => JSON.parse(l))
    expect(states.map((k) => [k.kid, k.state])).toEqual([
      [newest, 'signing'],
      [kid, 'verifying'],
      [keys[1].kid, 'verifying'],
    ])
  })

  it('keys rotate on the database of a running server: earlier tokens stay valid, new ones use the new key', async () => {
    const database = tempDatabase()
    s = await testServer({ databaseUrl: database })
    s.clock.set(Math.floor(Date.now() / 1000))
    const { user, creds, browser, tokens: before } = await codeGrantSetup(s.app)
    const rotated = await run(['keys', 'rotate', '--database', database])
    expect(rotated.code, rotated.stderr).toBe(0)
    const { kid } = JSON.parse(rotated.lines[0]!)
    await s.app.kiroku.keys.reload()
    const after = await anotherPair(s.app, browser, creds)
    expect(decodeProtectedHeader(after.access_token).kid).toBe(kid)
    expect(await viewerState(s.app, before.access_token, user)).toBe('ok')
    expect(await viewerState(s.app, after.access_token, user)).toBe('ok')
    expect((await jwks(s)).keys).toHaveLength(2)
  })

  it('client create --public prints "secret":null; without it, a secret', async () => {
    const database = tempDatabase()
    const pub = await run(['client', 'create', '--name', 'CLI App', '--redirect-uri', 'http://127.0.0.1/cb', '--public', '--database', database])
    expect(pub.code, pub.stderr).toBe(0)
    expect(pub.lines).toHaveLength(1)
    expect(pub.lines[0]).toContain('"secret":null')
    expect(JSON.parse(pub.lines[0]!)).toEqual({ id: 1, secret: null, name: 'CLI App', redirectUris: ['http://127.0.0.1/cb'] })

    const conf = await run(['client', 'create', '--name', 'Web App', '--redirect-uri', 'https://app.example/cb', '--database', database])
    expect(JSON.parse(conf.lines[0]!).secret).toMatch(/^[A-Za-z0-9_-]{43}$/)

    s = await testServer({ databaseUrl: database })
    const { findClient } = await import('../../src/oauth/clients.js')
    expect((await findClient(s.app.kiroku.db, 1))?.isPublic).toBe(true)
    expect((await findClient(s.app.kiroku.db, 2))?.isPublic).toBe(false)
  })
})
