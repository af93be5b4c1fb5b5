/**
 * Redis going away and coming back under running instances (a Redis of the test's own, on a port of
 * its own, so that no other test loses its Redis): they carry on without it and use it again by
 * themselves once it returns.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { SharedRedis } from '../../src/cluster/redis.js'
import { RedisRateLimitStore } from '../../src/graphql/server/redis-rate-limit-store.js'
import { TEST_DIALECT } from '../helpers/database.js'
import { freePort } from '../helpers/server.js'
import { eventually, memoryLog, uniquePrefix } from '../helpers/redis.js'
import { HAVE_REDIS_SERVER, OwnRedis, REDIS_SERVER } from '../faults/redis-server.js'

if (!HAVE_REDIS_SERVER) console.warn(`[kiroku] ${REDIS_SERVER} is missing: the Redis outage test is SKIPPED.`)

let redis: OwnRedis | undefined
let opened: SharedRedis[] = []
afterEach(async () => {
  await Promise.all(opened.map((r) => r.close()))
  opened = []
  await redis?.stop()
})

describe.runIf(HAVE_REDIS_SERVER && TEST_DIALECT === 'sqlite')('when Redis goes away and comes back', () => {
  it('instances count and announce without it meanwhile, then through it again, by themselves', async () => {
    redis = new OwnRedis(await freePort())
    await redis.start()
    const url = redis.url
    const prefix = uniquePrefix()
    const [a, b] = [await SharedRedis.connect(url, prefix), await SharedRedis.connect(url, prefix)]
    opened.push(a, b)
    const log = memoryLog()
    a.useLog(log)
    const [storeA, storeB] = [new RedisRateLimitStore(a), new RedisRateLimitStore(b)]
    const heard: string[] = []
    const events: string[] = []
    b.broadcast.subscribe('revoked', { message: (p) => void heard.push(p), gap: () => void events.push('gap'), resume: () => void events.push('resume') })
    expect([await storeA.hit('k@0'), await storeB.hit('k@0')]).toEqual([1, 2])

    await redis.stop()
    await eventually(() => !b.broadcast.listening && events.includes('gap'), 5000, 'B notices the outage')
    await eventually(() => a.commands.status !== 'ready' && b.commands.status !== 'ready', 5000, 'both command connections lost')
    // Per instance now: A and B count on their own, and nothing fails.
    expect([await storeA.hit('k@0'), await storeA.hit('k@0'), await storeB.hit('k@0')]).toEqual([1, 2, 1])
    expect(await a.broadcast.publish('revoked', 'lost')).toBe(false)
    expect(log.lines.filter((l) => l.message.includes('commands connection unavailable'))).toHaveLength(1)

    await redis.start()
    await eventually(() => a.broadcast.listening && b.broadcast.listening, 15_000, 'both listening again')
    await eventually(() => a.commands.status === 'ready' && b.commands.status === 'ready', 15_000, 'both command connections back')
    expect([await storeA.hit('fresh@0'), await storeB.hit('fresh@0')]).toEqual([1, 2])
    expect(await a.broadcast.publish('revoked', 'after')).toBe(true)
    await eventually(() => heard.includes('after'), 2000, 'B hears notices again')
    expect(heard).toEqual(['after'])
    expect(events).toEqual(['gap', 'resume'])
    expect(log.lines.some((l) => l.level === 'info' && l.message === 'Redis commands connection restored')).toBe(true)
  })
})
