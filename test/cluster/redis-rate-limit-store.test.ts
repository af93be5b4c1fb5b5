/** GraphQL rate-limit counts in Redis: shared by instances, atomic, under the prefix; in memory while Redis is down. */
import { afterEach, describe, expect, it } from 'vitest'
import { SharedRedis } from '../../src/cluster/redis.js'
import { RedisRateLimitStore } from '../../src/graphql/server/redis-rate-limit-store.js'
import { RateLimiter } from '../../src/graphql/server/rate-limit.js'
import { TEST_DIALECT } from '../helpers/database.js'
import { fakeClock } from '../helpers/server.js'
import { closedRedisUrl, deleteKeysUnder, keysUnder, memoryLog, TEST_REDIS_URL, uniquePrefix, withRedis } from '../helpers/redis.js'

// These tests use no database: one run (the SQLite project's) is enough.
const ONCE = TEST_DIALECT === 'sqlite'

let opened: SharedRedis[] = []
let prefix = ''
afterEach(async () => {
  await Promise.all(opened.map((r) => r.close()))
  opened = []
  if (prefix && TEST_REDIS_URL) await deleteKeysUnder(prefix)
  prefix = ''
})

async function connect(url: string): Promise<SharedRedis> {
  const redis = await SharedRedis.connect(url, prefix)
  opened.push(redis)
  return redis
}

describe.runIf(ONCE && TEST_REDIS_URL)('RedisRateLimitStore on a running Redis', () => {
  it('counts each key once per hit across instances, even when they hit at the same moment', async () => {
    prefix = uniquePrefix()
    const a = new RedisRateLimitStore(await connect(TEST_REDIS_URL!))
    const b = new RedisRateLimitStore(await connect(TEST_REDIS_URL!))
    const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit('token:x@60')))
    expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    expect(await a.hit('token:y@60')).toBe(1)
  })

  it('keeps its counters under the prefix, each expiring after two windows', async () => {
    prefix = uniquePrefix()
    const store = new RedisRateLimitStore(await connect(TEST_REDIS_URL!), 60)
    await store.hit('ip:127.0.0.1@1750000020')
    expect(await keysUnder(prefix)).toEqual([`${prefix}ratelimit:ip:127.0.0.1@1750000020`])
    const ttl = await withRedis((r) => r.ttl(`${prefix}ratelimit:ip:127.0.0.1@1750000020`))
    expect(ttl).toBeGreaterThan(60)
    expect(ttl).toBeLessThanOrEqual(120)
  })

  it('gives RateLimiters on several instances one limit between them', async () => {
    prefix = uniquePrefix()
    const clock = fakeClock()
    const limiters = [await connect(TEST_REDIS_URL!), await connect(TEST_REDIS_URL!), await connect(TEST_REDIS_URL!)].map(
      (redis) => new RateLimiter(new RedisRateLimitStore(redis), 4, clock),
    )
    const allowed = []
    for (let i = 0; i < 6; i++) allowed.push((await limiters[i % 3]!.check('token:t')).allowed)
    expect(allowed).toEqual([true, true, true, true, false, false])
  })
})

describe.runIf(ONCE)('RedisRateLimitStore with Redis down', () => {
  it('counts in memory instead, never failing, and says so once in the log', async () => {
    prefix = uniquePrefix()
    const redis = await connect(await closedRedisUrl())
    const log = memoryLog()
    redis.useLog(log)
    const store = new RedisRateLimitStore(redis)
    expect([await store.hit('k@0'), await store.hit('k@0'), await store.hit('k@0'), await store.hit('other@0')]).toEqual([1, 2, 3, 1])
    const warnings = log.lines.filter((l) => l.level === 'warn')
    expect(warnings.filter((l) => l.message.includes('counting GraphQL requests'))).toHaveLength(1)
    // And the connection's own outage line, once however often ioredis retries.
    expect(warnings.filter((l) => l.message.includes('commands connection unavailable'))).toHaveLength(1)
  })
})
