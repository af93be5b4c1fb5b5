/**
 * Redis going away and coming back under two whole running servers of one installation (one
 * database, REDIS_URL pointing at a redis-server of the test's own, killed and restarted): requests
 * keep being served meanwhile, never a 500, with rate limits counted per instance; once Redis is back
 * the servers count together and hear each other's revocations again, by themselves, with no restart.
 * test/cluster/redis-outage.test.ts proves the same of the Redis connection on its own.
 */
import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'
import { freePort, testServer, type TestServer } from '../helpers/server.js'
import { tempDir } from '../helpers/cli.js'
import { Browser, logIn } from '../helpers/browser.js'
import { graphql } from '../helpers/flow.js'
import { anotherPair, codeGrantSetup, postOAuth, refresh, viewerState } from '../helpers/oauth.js'
import { eventually, uniquePrefix } from '../helpers/redis.js'
import { REVOKED_TOPIC } from '../../src/oauth/tokens.js'
import { HAVE_REDIS_SERVER, OwnRedis } from './redis-server.js'

const LIMIT = 5

const cleanups: Array<() => Promise<unknown> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** One database both servers use: a SQLite file, or a PostgreSQL schema. */
async function sharedDatabase(): Promise<string> {
  if (TEST_DIALECT === 'sqlite') {
    const tmp = tempDir()
    cleanups.push(() => tmp.remove())
    return `sqlite:${tmp.file('kiroku.db')}`
  }
  const database = await createTestDatabase()
  cleanups.push(database.drop)
  return database.url
}

/** The status of `{ Viewer { id } }` with `token` (200 while allowed, 429 over the limit). */
const viewerStatus = async (app: FastifyInstance, token: string) => (await graphql(app, '{ Viewer { id } }', token)).status

/** Moves every server into the next rate-limit window (the servers' clocks are the tests'). */
const nextWindow = (...servers: TestServer[]) => servers.forEach((s) => s.clock.advance(60))

describe.runIf(HAVE_REDIS_SERVER)(`two servers when their Redis goes away and comes back, on ${TEST_DIALECT}`, () => {
  it('keep serving without it (per-instance counts, no 500), then count and announce through it again by themselves', async () => {
    const redis = new OwnRedis(await freePort())
    await redis.start()
    cleanups.push(() => redis.stop())
    const databaseUrl = await sharedDatabase()
    const prefix = uniquePrefix()
    // Checks of a token's row are trusted for an hour when no notices can come, so that what B sees
    // of A's revocations below comes from Redis' notices, never from a check that happened to expire.
    const settings = { databaseUrl, redisUrl: redis.url, redisPrefix: prefix, rateLimitPerMinute: LIMIT, tokenCheckCacheSeconds: 3600 }
    const a = await testServer(settings)
    cleanups.push(() => a.app.close())
    const b = await testServer(settings)
    cleanups.push(() => b.app.close())
    const { user, creds, browser, tokens } = await codeGrantSetup(a.app)
    const second = await anotherPair(a.app, browser, creds)
    const token = tokens.access_token

    // Redis up: one count for both servers.
    nextWindow(a, b)
    for (const app of [a.app, a.app, a.app, b.app, b.app]) expect(await viewerStatus(app, token)).toBe(200)
    expect(await viewerStatus(b.app, token)).toBe(429)

    // Redis dies while requests are running on both servers: each answer is what it would be with
    // Redis (200, or 429 over the limit; 401 for a wrong password), never an error.
    nextWindow(a, b)
    const failures: string[] = []
    let stopped = false
    const traffic = Promise.all(
      [a.app, b.app].map(async (app) => {
        while (!stopped) {
          const answers = await Promise.all([
            graphql(app, '{ Viewer { id } }', second.access_token).then((r) => ['graphql', r.status, [200, 429]] as const),
            logIn(new Browser(app), 'nobody', 'wrong password').then((r) => ['login', r.statusCode, [401, 429]] as const),
            app.inject({ url: '/api/v2/oauth/jwks' }).then((r) => ['jwks', r.statusCode, [200]] as const),
          ])
          for (const [what, status, fine] of answers) if (!(fine as readonly number[]).includes(status)) failures.push(`${what}: ${status}`)
        }
      }),
    )
    cleanups.push(() => void (stopped = true))
    await redis.stop()
    for (const s of [a, b]) await eventually(() => s.app.kiroku.redis!.commands.status !== 'ready' && !s.app.kiroku.redis!.broadcast.listening, 10_000, 'the servers notice Redis is gone')
    stopped = true
    await traffic
    expect(failures).toEqual([])

    // Without Redis: every request served, the limit counted by each server on its own.
    nextWindow(a, b)
    for (let i = 0; i < LIMIT; i++) expect(await viewerStatus(a.app, token)).toBe(200)
    expect(await viewerStatus(a.app, token)).toBe(429)
    for (let i = 0; i < LIMIT; i++) expect(await viewerStatus(b.app, token)).toBe(200)
    const limited = await graphql(b.app, '{ Viewer { id } }', token)
    expect(limited.status).toBe(429)
    expect(limited.headers['retry-after']).toBeDefined()
    // Tokens are refreshed, logins checked, and a revocation holds on the server that made it at once.
    expect((await refresh(a.app, creds, tokens.refresh_token)).statusCode).toBe(200)
    expect((await logIn(new Browser(b.app), user.name, 'wrong password')).statusCode).toBe(401)
    expect(await viewerState(b.app, second.access_token, user)).toBe('ok')
    expect((await postOAuth(a.app, '/api/v2/oauth/revoke', { token: second.access_token, client_id: String(creds.id), client_secret: creds.secret! })).statusCode).toBe(200)
    expect(await viewerState(a.app, second.access_token)).toBe('Invalid token')
    // B cannot be told: it trusts its last check, as TOKEN_CHECK_CACHE_SECONDS allows.
    expect(await viewerState(b.app, second.access_token, user)).toBe('ok')

    await redis.start()
    for (const s of [a, b]) await eventually(() => s.app.kiroku.redis!.commands.status === 'ready' && s.app.kiroku.redis!.broadcast.listening, 20_000, 'the servers use Redis again')

    // Back, by themselves: B forgot what it may have missed, so the revocation holds there too …
    expect(await viewerState(b.app, second.access_token)).toBe('Invalid token')
    // … the two count together again …
    nextWindow(a, b)
    for (const app of [a.app, a.app, a.app, b.app, b.app]) expect(await viewerStatus(app, token)).toBe(200)
    expect(await viewerStatus(b.app, token)).toBe(429)
    expect(await a.app.kiroku.redis!.commands.keys(`${prefix}ratelimit:*`)).not.toEqual([])
    // … and a revocation on A reaches B's cached check through Redis, with no restart.
    const third = await anotherPair(a.app, browser, creds)
    const heardOnB: string[] = []
    b.app.kiroku.redis!.broadcast.subscribe(REVOKED_TOPIC, { message: (payload) => void heardOnB.push(payload) })
    expect(await viewerState(b.app, third.access_token, user)).toBe('ok')
    expect((await postOAuth(a.app, '/api/v2/oauth/revoke', { token: third.access_token, client_id: String(creds.id), client_secret: creds.secret! })).statusCode).toBe(200)
    await eventually(() => heardOnB.length > 0, 10_000, 'B hears of the revocation')
    expect(await viewerState(b.app, third.access_token)).toBe('Invalid token')
  }, 120_000)
})
