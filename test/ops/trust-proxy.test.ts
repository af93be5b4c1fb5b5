import { afterEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { ConfigError, loadConfig } from '../../src/app/config.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { makeUser } from '../helpers/flow.js'
import { csrfToken } from '../helpers/browser.js'
import { TEST_DIALECT } from '../helpers/database.js'

const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.app.close()
})
async function server(env: NodeJS.ProcessEnv, overrides: Parameters<typeof testServer>[0] = {}): Promise<FastifyInstance> {
  const s = await testServer(overrides, env)
  servers.push(s)
  return s.app
}

// Every request in these tests reaches Kiroku from 127.0.0.1: a reverse proxy on the same host.
const PROXY = '127.0.0.1'
const CLIENT_A = '203.0.113.5'
const CLIENT_B = '203.0.113.6'

/** One login attempt through the form, as relayed by a proxy that adds X-Forwarded-For. */
async function loginVia(app: FastifyInstance, forwardedFor: string, name: string, password: string): Promise<number> {
  const page = await app.inject({ url: '/login', remoteAddress: PROXY, headers: { 'x-forwarded-for': forwardedFor } })
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: PROXY,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': forwardedFor },
    payload: new URLSearchParams({ csrf_token: csrfToken(page.body), name, password, next: '/' }).toString(),
  })
  return res.statusCode
}

/** After ten wrong passwords for alice from client A: is a wrong password from client B throttled (429) or just wrong (401)? */
async function throttleSeenByOtherClient(env: NodeJS.ProcessEnv): Promise<number> {
  const app = await server(env)
  const user = await makeUser(app)
  for (let i = 0; i < 10; i++) expect(await loginVia(app, CLIENT_A, user.name, 'wrong password')).toBe(401)
  expect(await loginVia(app, CLIENT_A, user.name, 'wrong password')).toBe(429)
  return loginVia(app, CLIENT_B, user.name, 'wrong password')
}

async function graphqlVia(app: FastifyInstance, forwardedFor: string, remoteAddress = PROXY): Promise<number> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    remoteAddress,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    payload: '{"query":"{ __typename }"}',
  })
  return res.statusCode
}

describe(`TRUST_PROXY on ${TEST_DIALECT}`, () => {
  it('trusted: the login throttle counts per forwarded client address', async () => {
    expect(await throttleSeenByOtherClient({ TRUST_PROXY: PROXY })).toBe(401)
  })

  it('not set: X-Forwarded-For is ignored, so every client behind the proxy shares the proxy’s count', async () => {
    expect(await throttleSeenByOtherClient({})).toBe(429)
  })

  it('trusting another address than the peer’s: the header is ignored too', async () => {
    expect(await throttleSeenByOtherClient({ TRUST_PROXY: '10.0.0.0/8' })).toBe(429)
  })

  it('trusted: the GraphQL rate limit counts per forwarded client address; not trusted: per peer', async () => {
    const trusted = await server({ TRUST_PROXY: 'loopback' }, { rateLimitPerMinute: 2 })
    expect([await graphqlVia(trusted, CLIENT_A), await graphqlVia(trusted, CLIENT_A), await graphqlVia(trusted, CLIENT_A)]).toEqual([200, 200, 429])
    expect(await graphqlVia(trusted, CLIENT_B)).toBe(200)

    const untrusted = await server({}, { rateLimitPerMinute: 2 })
    expect([await graphqlVia(untrusted, CLIENT_A), await graphqlVia(untrusted, CLIENT_A)]).toEqual([200, 200])
    expect(await graphqlVia(untrusted, CLIENT_B)).toBe(429)
  })

  it('a hop count of 1 believes only the address the proxy added, not one the client wrote in before it', async () => {
    const app = await server({ TRUST_PROXY: '1' }, { rateLimitPerMinute: 2 })
    // Each client puts a made-up address first; the proxy appends the one it saw: the same client.
    expect(await graphqlVia(app, `198.51.100.1, ${CLIENT_A}`)).toBe(200)
    expect(await graphqlVia(app, `198.51.100.2, ${CLIENT_A}`)).toBe(200)
    expect(await graphqlVia(app, `198.51.100.3, ${CLIENT_A}`)).toBe(429)
    expect(await graphqlVia(app, `198.51.100.3, ${CLIENT_B}`)).toBe(200)
  })
})

describe('TRUST_PROXY values', () => {
  const trustProxy = (value: string | undefined) => loadConfig({}, value === undefined ? {} : { TRUST_PROXY: value }).trustProxy
  it('accepts off, true, a hop count, and lists of addresses, CIDRs and range names', () => {
    expect(trustProxy(undefined)).toBe(false)
    for (const off of ['', 'false', 'off', '0']) expect(trustProxy(off)).toBe(false)
    expect(trustProxy('true')).toBe(true)
    expect(trustProxy('2')).toBe(2)
    expect(trustProxy('127.0.0.1')).toEqual(['127.0.0.1'])
    expect(trustProxy(' 10.0.0.0/8, ::1 ,fd00::/8,loopback')).toEqual(['10.0.0.0/8', '::1', 'fd00::/8', 'loopback'])
  })

  it('refuses anything else with a message naming the bad entry', () => {
    for (const bad of ['proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '127.0.0.1,', '-1', '1.5']) {
      expect(() => trustProxy(bad), bad).toThrow(ConfigError)
    }
    expect(() => trustProxy('127.0.0.1,proxy.example')).toThrow(/"proxy\.example" is not an IP address or CIDR/)
  })
})
