/** A whole server with REDIS_URL: its counters live in Redis; with Redis unreachable it serves all the same. */
import { afterEach, describe, expect, it } from 'vitest'
import { decodeJwt } from 'jose'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, logIn } from '../helpers/browser.js'
import { graphql, PASSWORD } from '../helpers/flow.js'
import { codeGrantSetup, postOAuth, viewerState } from '../helpers/oauth.js'
import { closedRedisUrl, deleteKeysUnder, keysUnder, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js'

let s: TestServer | undefined
let prefix = ''
afterEach(async () => {
  await s?.app.close()
  s = undefined
  if (prefix && TEST_REDIS_URL) await deleteKeysUnder(prefix)
  prefix = ''
})

describe('a server whose Redis is unreachable', () => {
  it('starts and serves: logins, tokens, rate limits (per instance), revocation and key rotation all work', async () => {
    prefix = uniquePrefix()
    s = await testServer({ redisUrl: await closedRedisUrl(), redisPrefix: prefix, rateLimitPerMinute: 3 })
    expect(s.app.kiroku.redis?.broadcast.listening).toBe(false)
    const { user, creds, tokens } = await codeGrantSetup(s.app)
    for (let i = 0; i < 3; i++) expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
    const limited = await graphql(s.app, '{ Viewer { id } }', tokens.access_token)
    expect(limited.status).toBe(429)

    s.clock.advance(60)
    const revoked = await postOAuth(s.app, '/api/v2/oauth/revoke', { token: tokens.access_token, client_id: String(creds.id), client_secret: creds.secret! })
    expect(revoked.statusCode).toBe(200)
    expect(await viewerState(s.app, tokens.access_token)).toBe('Invalid token')

    const kid = await s.app.kiroku.keys.rotate()
    expect(s.app.kiroku.keys.current().kid).toBe(kid)
  })

  it('still throttles password guessing, in its own memory', async () => {
    s = await testServer({ redisUrl: await closedRedisUrl(), redisPrefix: uniquePrefix() })
    await codeGrantSetup(s.app)
    const browser = new Browser(s.app)
    for (let i = 0; i < 10; i++) expect((await logIn(browser, 'alice', 'wrong password')).statusCode).toBe(401)
    expect((await logIn(browser, 'alice', PASSWORD)).statusCode).toBe(429)
  })
})

describe.runIf(TEST_REDIS_URL)('a server with a running Redis', () => {
  it('counts GraphQL requests and failed logins in Redis, under its prefix', async () => {
    prefix = uniquePrefix()
    s = await testServer({ redisUrl: TEST_REDIS_URL, redisPrefix: prefix, rateLimitPerMinute: 90 })
    expect(s.app.kiroku.redis?.broadcast.listening).toBe(true)
    const { user, tokens } = await codeGrantSetup(s.app)
    expect(await viewerState(s.app, tokens.access_token, user)).toBe('ok')
    expect((await logIn(new Browser(s.app), 'alice', 'wrong password')).statusCode).toBe(401)
    const window = s.clock() - (s.clock() % 60)
    expect(await keysUnder(prefix)).toEqual([`${prefix}login:login|alice|127.0.0.1`, `${prefix}ratelimit:token:${decodeJwt(tokens.access_token).jti}@${window}`])
  })
})
