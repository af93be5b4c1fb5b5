/** Login and device-code throttles shared through Redis; per instance in memory without it or while it is down. */
import { afterEach, describe, expect, it } from 'vitest'
import { SharedRedis } from '../../src/cluster/redis.js'
import { sharedFailureThrottle } from '../../src/cluster/failure-throttles.js'
import { TEST_DIALECT } from '../helpers/database.js'
import { closedRedisUrl, deleteKeysUnder, keysUnder, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js'

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

describe.runIf(ONCE && TEST_REDIS_URL)('sharedFailureThrottle on a running Redis', () => {
  it('counts attempts from every instance together, and a reset on one clears them for all', async () => {
    prefix = uniquePrefix()
    const a = sharedFailureThrottle(await connect(TEST_REDIS_URL!), 'login', 3, 900)
    const b = sharedFailureThrottle(await connect(TEST_REDIS_URL!), 'login', 3, 900)
    expect(await a.take('login|alice|10.0.0.1')).toBe(0)
    expect(await b.take('login|alice|10.0.0.1')).toBe(0)
    expect(await a.take('login|alice|10.0.0.1')).toBe(0)
    for (const throttle of [a, b]) {
      const wait = await throttle.take('login|alice|10.0.0.1')
      expect(wait).toBeGreaterThan(890)
      expect(wait).toBeLessThanOrEqual(900)
    }
    expect(await b.take('login|bob|10.0.0.1')).toBe(0)
    expect(await keysUnder(prefix)).toEqual([`${prefix}login:login|alice|10.0.0.1`, `${prefix}login:login|bob|10.0.0.1`])
    await b.reset('login|alice|10.0.0.1')
    expect(await a.take('login|alice|10.0.0.1')).toBe(0)
  })

  it('takes attempts atomically across instances, and gives them back', async () => {
    prefix = uniquePrefix()
    const a = sharedFailureThrottle(await connect(TEST_REDIS_URL!), 'signup', 4, 900)
    const b = sharedFailureThrottle(await connect(TEST_REDIS_URL!), 'signup', 4, 900)
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take('signup|10.0.0.1')))
    expect(waits.filter((w) => w === 0)).toHaveLength(4)
    await a.reset('signup|10.0.0.1')
    expect(await a.take('signup|10.0.0.1')).toBe(0)
    await b.giveBack('signup|10.0.0.1')
    for (let i = 0; i < 4; i++) expect(await b.take('signup|10.0.0.1')).toBe(0)
    expect(await a.take('signup|10.0.0.1')).toBeGreaterThan(0)
  })
})

describe.runIf(ONCE)('sharedFailureThrottle without a working Redis', () => {
  it('still throttles, in this instance\'s memory, when Redis is down (neither open nor locking everyone out)', async () => {
    prefix = uniquePrefix()
    const throttle = sharedFailureThrottle(await connect(await closedRedisUrl()), 'activate', 2, 60)
    expect(await throttle.take('activate|1')).toBe(0)
    expect(await throttle.take('activate|1')).toBe(0)
    expect(await throttle.take('activate|1')).toBeGreaterThan(0)
    expect(await throttle.take('activate|2')).toBe(0)
    await throttle.reset('activate|1')
    expect(await throttle.take('activate|1')).toBe(0)
  })

  it('counts in memory without Redis at all', async () => {
    const a = sharedFailureThrottle(null, 'login', 1, 60)
    const b = sharedFailureThrottle(null, 'login', 1, 60)
    expect(await a.take('k')).toBe(0)
    expect(await a.take('k')).toBeGreaterThan(0)
    expect(await b.take('k')).toBe(0)
  })
})
