/** AniList's rate limit: per token (or address), X-RateLimit-* on every response, 429 over the limit. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { MemoryRateLimitStore, RateLimiter, type RateLimitStore } from '../../src/graphql/server/rate-limit.js'
import { ConfigError, loadConfig } from '../../src/app/config.js'
import { fakeClock, testServer, type TestServer } from '../helpers/server.js'
import { makeClient, makeUser } from '../helpers/flow.js'
import { expectAniListError, getQuery, postJson, schemaServer } from '../helpers/graphql.js'

const TOO_MANY = '{"data":null,"errors":[{"message":"Too Many Requests.","status":429}]}'

function expectLimitHeaders(res: LightMyRequestResponse, limit: number, remaining: number): void {
  expect(res.headers['x-ratelimit-limit'], res.body).toBe(String(limit))
  expect(res.headers['x-ratelimit-remaining'], res.body).toBe(String(remaining))
}

/** Asserts AniList's 429, with headers that say when to come back; `now` is the server's clock. */
function expectTooMany(res: LightMyRequestResponse, limit: number, now: number): void {
  expect(res.statusCode).toBe(429)
  expect(res.body).toBe(TOO_MANY)
  expect(res.headers['content-type']).toMatch(/^application\/json/)
  expectLimitHeaders(res, limit, 0)
  const reset = Number(res.headers['x-ratelimit-reset'])
  expect(reset % 60).toBe(0)
  expect(reset).toBeGreaterThan(now)
  expect(reset - now).toBeLessThanOrEqual(60)
  expect(res.headers['retry-after']).toBe(String(reset - now))
}

describe('RateLimiter', () => {
  it('allows `limit` requests per key per clock minute, then says how long to wait', async () => {
    const clock = fakeClock(1_750_000_000) // 40 s into a minute
    const limiter = new RateLimiter(new MemoryRateLimitStore(), 3, clock)
    const decisions = [await limiter.check('a'), await limiter.check('a'), await limiter.check('a')]
    expect(decisions.map((d) => [d.allowed, d.remaining])).toEqual([[true, 2], [true, 1], [true, 0]])
    expect(await limiter.check('a')).toEqual({ allowed: false, limit: 3, remaining: 0, resetAt: 1_750_000_020, retryAfter: 20 })
    expect((await limiter.check('b')).allowed).toBe(true)

    clock.advance(19)
    expect(await limiter.check('a')).toMatchObject({ allowed: false, retryAfter: 1 })
    clock.advance(1)
    expect(await limiter.check('a')).toEqual({ allowed: true, limit: 3, remaining: 2, resetAt: 1_750_000_080, retryAfter: 60 })
  })

  it('counts through whatever store it is given, one count per key and minute', async () => {
    const counts = new Map<string, number>()
    const store: RateLimitStore = { hit: async (key) => counts.set(key, (counts.get(key) ?? 0) + 1).get(key)! }
    const clock = fakeClock(1_750_000_000)
    const limiter = new RateLimiter(store, 1, clock)
    await limiter.check('token:x')
    await limiter.check('token:x')
    clock.advance(60)
    await limiter.check('token:x')
    expect([...counts]).toEqual([['token:x@1749999960', 2], ['token:x@1750000020', 1]])
  })
})

describe('RATE_LIMIT_PER_MINUTE', () => {
  it('defaults to AniList\'s 90, and 0 turns the limit off', () => {
    expect(loadConfig({}, {}).rateLimitPerMinute).toBe(90)
    expect(loadConfig({}, { RATE_LIMIT_PER_MINUTE: '30' }).rateLimitPerMinute).toBe(30)
    expect(loadConfig({}, { RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0)
    for (const bad of ['-1', 'many', '1.5', '']) expect(() => loadConfig({}, { RATE_LIMIT_PER_MINUTE: bad }), bad).toThrow(ConfigError)
  })
})

describe('the rate limit on the GraphQL endpoint', () => {
  let s: TestServer
  beforeEach(async () => {
    s = await testServer({ rateLimitPerMinute: 3 })
  })
  afterEach(async () => s.app.close())

  async function tokenFor(name: string): Promise<string> {
    const user = await makeUser(s.app, name)
    const { client } = await makeClient(s.app)
    return (await s.app.kiroku.tokens.issue({ clientId: client.id, userId: user.id, grantType: 'implicit' })).accessToken
  }
  const viewer = (headers: Record<string, string> = {}, remoteAddress?: string) =>
    s.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: { query: '{ Viewer { id } }' }, ...(remoteAddress ? { remoteAddress } : {}) })

  it('puts the limit and what is left on every response, errors included, and answers 429 past it', async () => {
    const token = await tokenFor('alice')
    const auth = { authorization: `Bearer ${token}` }
    const ok = await viewer(auth)
    expect(ok.statusCode).toBe(200)
    expectLimitHeaders(ok, 3, 2)
    const syntax = await postJson(s.app, { query: '{ Viewer {' }, { headers: auth })
    expectAniListError(syntax, 400)
    expectLimitHeaders(syntax, 3, 1)
    const overGet = await getQuery(s.app, { query: 'mutation { Viewer { id } }' }, { headers: auth })
    expectAniListError(overGet, 405)
    expectLimitHeaders(overGet, 3, 0)
    for (const res of [await viewer(auth), await getQuery(s.app, { query: '{ Viewer { id } }' }, { headers: auth, url: '/' }), await postJson(s.app, { query: '{ Viewer { id } }' }, { headers: auth, url: '/' })]) {
      expectTooMany(res, 3, s.clock())
    }
  })

  it('counts anonymous requests per client address', async () => {
    for (let i = 2; i >= 0; i--) expectLimitHeaders(await viewer({}, '10.0.0.1'), 3, i)
    expectTooMany(await viewer({}, '10.0.0.1'), 3, s.clock())
    const other = await viewer({}, '10.0.0.2')
    expectAniListError(other, 401, 'Unauthorized.')
    expectLimitHeaders(other, 3, 2)
  })

  it('counts each token on its own, under its jti however the header is spelled', async () => {
    const a = await tokenFor('alice')
    const b = await tokenFor('bob')
    for (const header of [`Bearer ${a}`, `bearer   ${a}`, `BEARER ${a} `]) expect((await viewer({ authorization: header })).statusCode).toBe(200)
    expectTooMany(await viewer({ authorization: `Bearer ${a}` }), 3, s.clock())
    const other = await viewer({ authorization: `Bearer ${b}` })
    expect(other.statusCode).toBe(200)
    expectLimitHeaders(other, 3, 2)
    // The address that token A came from is not punished for it.
    expectLimitHeaders(await viewer(), 3, 2)
  })

  it('counts requests with a credential that fails under the client address, so random tokens mint no buckets', async () => {
    // Three different made-up tokens from one address: one count, the address's.
    for (const [i, header] of ['Bearer not.a.token', `Bearer ${'x'.repeat(40)}`, 'Basic dXNlcjpwYXNz'].entries()) {
      const res = await viewer({ authorization: header }, '10.0.0.7')
      expectAniListError(res, 400, 'Invalid token')
      expectLimitHeaders(res, 3, 2 - i)
    }
    expectTooMany(await viewer({ authorization: 'Bearer yet.another.one' }, '10.0.0.7'), 3, s.clock())
    // The same address without a token shares that count; another address and a real token do not.
    expectTooMany(await viewer({}, '10.0.0.7'), 3, s.clock())
    expectLimitHeaders(await viewer({ authorization: 'Bearer not.a.token' }, '10.0.0.8'), 3, 2)
    const token = await tokenFor('alice')
    expect((await viewer({ authorization: `Bearer ${token}` }, '10.0.0.7')).statusCode).toBe(200)
  })

  it('counts a token that was valid and is revoked under the address from then on', async () => {
    const token = await tokenFor('alice')
    const auth = { authorization: `Bearer ${token}` }
    expectLimitHeaders(await viewer(auth, '10.0.0.9'), 3, 2)
    const { jti } = await s.app.kiroku.tokens.verify(token)
    await s.app.kiroku.tokens.revoke(jti)
    const refused = await viewer(auth, '10.0.0.9')
    expectAniListError(refused, 400, 'Invalid token')
    expectLimitHeaders(refused, 3, 2)
  })

  it('refuses a known token over its limit without verifying it again', async () => {
    const token = await tokenFor('alice')
    for (let i = 0; i < 3; i++) await viewer({ authorization: `Bearer ${token}` })
    const verify = vi.spyOn(s.app.kiroku.tokens, 'verify')
    expectTooMany(await viewer({ authorization: `Bearer ${token}` }), 3, s.clock())
    expect(verify).not.toHaveBeenCalled()
  })

  it('verifies a new token once per request, though both the limit and the resolvers need it', async () => {
    const token = await tokenFor('alice')
    const verify = vi.spyOn(s.app.kiroku.tokens, 'verify')
    expect((await viewer({ authorization: `Bearer ${token}` })).statusCode).toBe(200)
    expect(verify).toHaveBeenCalledTimes(1)
    expect((await viewer({ authorization: `Bearer ${token}` })).statusCode).toBe(200)
    expect(verify).toHaveBeenCalledTimes(2)
  })

  it('starts a fresh count when the clock reaches the next minute', async () => {
    for (let i = 0; i < 3; i++) await viewer()
    const refused = await viewer()
    expectTooMany(refused, 3, s.clock())
    s.clock.advance(Number(refused.headers['retry-after']) - 1)
    expect((await viewer()).statusCode).toBe(429)
    s.clock.advance(1)
    const again = await viewer()
    expect(again.statusCode).toBe(401)
    expectLimitHeaders(again, 3, 2)
  })

  it('counts requests refused for their size, before reading their body', async () => {
    const big = await postJson(s.app, { query: '{ Viewer { id } }', padding: 'x'.repeat(1024 * 1024) })
    expectAniListError(big, 413, 'The request body is too large.')
    expectLimitHeaders(big, 3, 2)
  })
})

describe('a refused request', () => {
  it('is never executed', async () => {
    let runs = 0
    const server = await schemaServer('type Query { ping: Int }', { Query: { ping: () => ++runs } }, { rateLimitPerMinute: 2 })
    try {
      for (let i = 0; i < 4; i++) await postJson(server.app, { query: '{ ping }' })
      expect(runs).toBe(2)
      expect((await postJson(server.app, { query: '{ ping }' })).body).toBe(TOO_MANY)
    } finally {
      await server.close()
    }
  })
})

describe('with RATE_LIMIT_PER_MINUTE=0', () => {
  it('neither counts nor refuses', async () => {
    const s = await testServer({}, { RATE_LIMIT_PER_MINUTE: '0' })
    try {
      for (let i = 0; i < 95; i++) {
        const res = await postJson(s.app, { query: '{ Viewer { id } }' })
        expect(res.statusCode).toBe(401)
        expect(res.headers['x-ratelimit-limit']).toBeUndefined()
        expect(res.headers['x-ratelimit-remaining']).toBeUndefined()
      }
    } finally {
      await s.app.close()
    }
  })
})

describe('by default', () => {
  it('allows 90 requests a minute', async () => {
    const s = await testServer({ rateLimitPerMinute: loadConfig({}, {}).rateLimitPerMinute })
    try {
      let last: LightMyRequestResponse | undefined
      for (let i = 0; i < 90; i++) last = await postJson(s.app, { query: '{ Viewer { id } }' })
      expectLimitHeaders(last!, 90, 0)
      expectTooMany(await postJson(s.app, { query: '{ Viewer { id } }' }), 90, s.clock())
    } finally {
      await s.app.close()
    }
  })
})
