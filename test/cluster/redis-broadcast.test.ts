/** Notices between instances over Redis pub/sub: heard by all, kept apart by prefix, gaps reported. */
import { afterEach, describe, expect, it } from 'vitest'
import { SharedRedis } from '../../src/cluster/redis.js'
import { TEST_DIALECT } from '../helpers/database.js'
import { closedRedisUrl, eventually, memoryLog, TEST_REDIS_URL, uniquePrefix, withRedis } from '../helpers/redis.js'

const ONCE = TEST_DIALECT === 'sqlite'

let opened: SharedRedis[] = []
afterEach(async () => {
  await Promise.all(opened.map((r) => r.close()))
  opened = []
})

async function connect(url: string, prefix: string): Promise<SharedRedis> {
  const redis = await SharedRedis.connect(url, prefix)
  opened.push(redis)
  return redis
}

function recorder(redis: SharedRedis, topic: string) {
  const heard: string[] = []
  const events: string[] = []
  redis.broadcast.subscribe(topic, {
    message: (payload) => void heard.push(payload),
    gap: () => void events.push('gap'),
    resume: () => void events.push('resume'),
  })
  return { heard, events }
}

describe.runIf(ONCE && TEST_REDIS_URL)('RedisBroadcast on a running Redis', () => {
  it('is listening once connected, and a notice reaches every instance of the installation, the sender too', async () => {
    const prefix = uniquePrefix()
    const a = await connect(TEST_REDIS_URL!, prefix)
    const b = await connect(TEST_REDIS_URL!, prefix)
    const other = await connect(TEST_REDIS_URL!, uniquePrefix())
    expect([a.broadcast.listening, b.broadcast.listening]).toEqual([true, true])
    const [atA, atB, atOther] = [recorder(a, 'revoked'), recorder(b, 'revoked'), recorder(other, 'revoked')]
    const keysAtB = recorder(b, 'keys')

    expect(await a.broadcast.publish('revoked', 'j1,j2')).toBe(true)
    expect(await b.broadcast.publish('keys', 'kid-1')).toBe(true)
    expect(await other.broadcast.publish('revoked', 'elsewhere')).toBe(true)
    await eventually(() => atA.heard.length === 1 && atB.heard.length === 1 && keysAtB.heard.length === 1 && atOther.heard.length === 1, 2000, 'every notice delivered')
    expect(atA.heard).toEqual(['j1,j2'])
    expect(atB.heard).toEqual(['j1,j2'])
    expect(keysAtB.heard).toEqual(['kid-1'])
    expect(atOther.heard).toEqual(['elsewhere'])
  })

  it('reports a gap when its connection drops, and resumes, hearing notices again, once resubscribed', async () => {
    const prefix = uniquePrefix()
    const a = await connect(TEST_REDIS_URL!, prefix)
    const b = await connect(TEST_REDIS_URL!, prefix)
    const atB = recorder(b, 'revoked')
    // Redis closes B's listening connection, as a restart or a network cut would.
    const port = (b as unknown as { subscriber: { stream: { localPort: number } } }).subscriber.stream.localPort
    await withRedis((r) => r.client('KILL', 'ADDR', `127.0.0.1:${port}`))
    await eventually(() => atB.events.includes('gap'), 2000, 'the gap reported')
    await eventually(() => b.broadcast.listening, 5000, 'listening again')
    expect(atB.events).toEqual(['gap', 'resume'])
    await a.broadcast.publish('revoked', 'after')
    await eventually(() => atB.heard.includes('after'), 2000, 'a notice after the gap heard')
  })
})

describe.runIf(ONCE)('RedisBroadcast with Redis down', () => {
  it('starts without it, is not listening, and publishing resolves false with a warning instead of failing', async () => {
    const redis = await connect(await closedRedisUrl(), uniquePrefix())
    const log = memoryLog()
    redis.useLog(log)
    expect(redis.broadcast.listening).toBe(false)
    expect(await redis.broadcast.publish('revoked', 'j')).toBe(false)
    expect(log.lines.some((l) => l.level === 'warn' && l.message.includes('announcing "revoked"'))).toBe(true)
    expect(log.lines.some((l) => l.level === 'warn' && l.message.includes('notices connection unavailable'))).toBe(true)
  })
})
