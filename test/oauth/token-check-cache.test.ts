/**
 * The cache of token rows read (not revoked): evicted at once by revocations made here or announced
 * by other instances, bounded by TOKEN_CHECK_CACHE_SECONDS when nothing is announced.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AccessTokens, InvalidTokenError, REVOKED_TOPIC, type AccessTokenOptions } from '../../src/oauth/tokens.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { makeClient, makeUser } from '../helpers/flow.js'
import { MemoryBus } from '../helpers/broadcast.js'

let s: TestServer
let userId: number
let clientId: number
let now: number
beforeEach(async () => {
  s = await testServer()
  userId = (await makeUser(s.app)).id
  clientId = (await makeClient(s.app)).client.id
  now = 0
})
afterEach(async () => s.app.close())

/** One instance's AccessTokens over the test server's database, on a monotonic clock the test moves. */
function instance(options: AccessTokenOptions = {}): AccessTokens {
  return new AccessTokens(s.app.kiroku.db, s.clock, s.app.kiroku.keys, 3600, { now: () => now, ...options })
}

async function accepts(tokens: AccessTokens, token: string): Promise<boolean> {
  try {
    await tokens.verify(token)
    return true
  } catch (error) {
    if (error instanceof InvalidTokenError) return false
    throw error
  }
}

/** Changes the row behind every instance's back, as SQL by hand would: nobody is told. */
async function deleteRowQuietly(jti: string): Promise<void> {
  await s.app.kiroku.db.deleteFrom('oauth_access_tokens').where('jti', '=', jti).execute()
}

describe('without announcements (no Redis)', () => {
  it('a revocation on another instance is seen once the cached check ends, TOKEN_CHECK_CACHE_SECONDS later', async () => {
    const a = instance({ checkCacheSeconds: 1 })
    const b = instance({ checkCacheSeconds: 1 })
    const { accessToken, jti } = await a.issue({ clientId, userId, grantType: 'implicit' })
    expect(await accepts(a, accessToken)).toBe(true)
    expect(await b.revoke(jti)).toBe(true)
    expect(await accepts(b, accessToken)).toBe(false)
    now += 999
    expect(await accepts(a, accessToken)).toBe(true)
    now += 1
    expect(await accepts(a, accessToken)).toBe(false)
  })

  it('a revocation on the same instance is refused at once, whichever way it was revoked', async () => {
    const a = instance({ checkCacheSeconds: 60 })
    const tokens = await Promise.all([0, 1, 2].map(() => a.issue({ clientId, userId, grantType: 'implicit', familyId: 'fam', codeId: 'code' })))
    for (const t of tokens) expect(await accepts(a, t.accessToken)).toBe(true)
    await a.revoke(tokens[0]!.jti)
    expect(await accepts(a, tokens[0]!.accessToken)).toBe(false)
    expect(await accepts(a, tokens[1]!.accessToken)).toBe(true)
    await a.revokeFamily('fam')
    expect(await accepts(a, tokens[1]!.accessToken)).toBe(false)

    const more = await a.issue({ clientId, userId, grantType: 'implicit', codeId: 'code2' })
    const other = await a.issue({ clientId, userId, grantType: 'implicit' })
    expect(await accepts(a, more.accessToken)).toBe(true)
    expect(await accepts(a, other.accessToken)).toBe(true)
    await a.revokeIssuedFromCode('code2')
    expect(await accepts(a, more.accessToken)).toBe(false)
    expect(await accepts(a, other.accessToken)).toBe(true)
    await a.revokeFor({ clientId, userId })
    expect(await accepts(a, other.accessToken)).toBe(false)
  })

  it('with TOKEN_CHECK_CACHE_SECONDS=0 reads the row on every use', async () => {
    const a = instance({ checkCacheSeconds: 0 })
    const { accessToken, jti } = await a.issue({ clientId, userId, grantType: 'implicit' })
    expect(await accepts(a, accessToken)).toBe(true)
    await deleteRowQuietly(jti)
    expect(await accepts(a, accessToken)).toBe(false)
  })

  it('does not cache a read that overlapped a revocation', async () => {
    const a = instance({ checkCacheSeconds: 60 })
    const { accessToken, jti } = await a.issue({ clientId, userId, grantType: 'implicit' })
    expect(await accepts(a, accessToken)).toBe(true)
    now += 60_000
    // The row read starts (the signature is known: nothing else is awaited first), then a revocation
    // of anything is heard before it finishes: the read may predate it, so it must not be trusted.
    const reading = a.verify(accessToken)
    a.forget(['some-other-jti'])
    await reading
    await deleteRowQuietly(jti)
    expect(await accepts(a, accessToken)).toBe(false)
  })

  it('still refuses an expired token however recently its row was read', async () => {
    const a = instance({ checkCacheSeconds: 60 })
    const { accessToken } = await a.issue({ clientId, userId, grantType: 'implicit' })
    expect(await accepts(a, accessToken)).toBe(true)
    s.clock.advance(3600)
    expect(await accepts(a, accessToken)).toBe(false)
  })
})

describe('with announcements (Redis)', () => {
  it('a revocation on another instance is refused at once, for every kind of revocation', async () => {
    const bus = new MemoryBus()
    const a = instance({ broadcast: bus.endpoint(), checkCacheSeconds: 1 })
    const b = instance({ broadcast: bus.endpoint(), checkCacheSeconds: 1 })
    const issue = (extra: { familyId?: string; codeId?: string } = {}) => a.issue({ clientId, userId, grantType: 'authorization_code', ...extra })
    const [one, family, fromCode, rest] = [await issue(), await issue({ familyId: 'f' }), await issue({ codeId: 'c' }), await issue()]
    for (const t of [one, family, fromCode, rest]) expect(await accepts(a, t.accessToken)).toBe(true)

    await b.revoke(one.jti)
    expect(await accepts(a, one.accessToken)).toBe(false)
    await b.revokeFamily('f')
    expect(await accepts(a, family.accessToken)).toBe(false)
    await b.revokeIssuedFromCode('c')
    expect(await accepts(a, fromCode.accessToken)).toBe(false)
    expect(await accepts(a, rest.accessToken)).toBe(true)
    await b.revokeFor({ clientId, userId })
    expect(await accepts(a, rest.accessToken)).toBe(false)
    expect(bus.sent.map(([topic, payload]) => [topic, payload.split(',').length])).toEqual([
      [REVOKED_TOPIC, 1],
      [REVOKED_TOPIC, 1],
      [REVOKED_TOPIC, 1],
      [REVOKED_TOPIC, 1],
    ])
  })

  it('announces nothing when nothing was revoked', async () => {
    const bus = new MemoryBus()
    const a = instance({ broadcast: bus.endpoint(), checkCacheSeconds: 1 })
    expect(await a.revoke('no-such-jti')).toBe(false)
    await a.revokeFor({ clientId, userId })
    expect(bus.sent).toEqual([])
  })

  it('trusts a read for 10 seconds while listening, so that what goes unannounced is still bounded', async () => {
    const bus = new MemoryBus()
    const a = instance({ broadcast: bus.endpoint(), checkCacheSeconds: 1 })
    const { accessToken, jti } = await a.issue({ clientId, userId, grantType: 'implicit' })
    expect(await accepts(a, accessToken)).toBe(true)
    await deleteRowQuietly(jti)
    now += 9_999
    expect(await accepts(a, accessToken)).toBe(true)
    now += 1
    expect(await accepts(a, accessToken)).toBe(false)
  })

  it('forgets every read at a gap, and trusts reads only TOKEN_CHECK_CACHE_SECONDS until listening again', async () => {
    const bus = new MemoryBus()
    const a = instance({ broadcast: bus.endpoint(), checkCacheSeconds: 1 })
    const first = await a.issue({ clientId, userId, grantType: 'implicit' })
    const second = await a.issue({ clientId, userId, grantType: 'implicit' })
    expect(await accepts(a, first.accessToken)).toBe(true)
    bus.gap()
    await deleteRowQuietly(first.jti)
    expect(await accepts(a, first.accessToken)).toBe(false)

    expect(await accepts(a, second.accessToken)).toBe(true)
    await deleteRowQuietly(second.jti)
    now += 1000
    expect(await accepts(a, second.accessToken)).toBe(false)
  })

  it('forgets every read when listening again, since notices sent meanwhile were missed', async () => {
    const bus = new MemoryBus()
    const a = instance({ broadcast: bus.endpoint(), checkCacheSeconds: 60 })
    bus.listening = false
    const { accessToken, jti } = await a.issue({ clientId, userId, grantType: 'implicit' })
    expect(await accepts(a, accessToken)).toBe(true)
    await deleteRowQuietly(jti)
    await bus.resume()
    expect(await accepts(a, accessToken)).toBe(false)
  })
})
