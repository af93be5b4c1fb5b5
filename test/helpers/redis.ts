/**
 * Redis for tests: KIROKU_TEST_REDIS_URL (CI sets it), a key prefix of its own for every test so that
 * test files running side by side never share a counter or a channel, and a URL where nothing listens.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { freePort } from './server.js'

export const TEST_REDIS_URL = process.env.KIROKU_TEST_REDIS_URL

if (!TEST_REDIS_URL) {
  console.warn('[kiroku] KIROKU_TEST_REDIS_URL is not set: the tests that need a running Redis are SKIPPED (set it to redis://… to run them).')
}

/** A prefix no other test uses. */
export function uniquePrefix(): string {
  return `kiroku-test:${randomBytes(6).toString('hex')}:`
}

/** Every key under `prefix`, sorted (through a connection of the test's own). */
export async function keysUnder(prefix: string): Promise<string[]> {
  return withRedis(async (redis) => (await redis.keys(`${prefix}*`)).sort())
}

/** Deletes every key under `prefix`. */
export async function deleteKeysUnder(prefix: string): Promise<void> {
  await withRedis(async (redis) => {
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
  })
}

/** Runs `fn` with a connection to the test Redis, closed afterwards. */
export async function withRedis<T>(fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(TEST_REDIS_URL!, { maxRetriesPerRequest: 1 })
  try {
    return await fn(redis)
  } finally {
    redis.disconnect()
  }
}

/** A redis:// URL on a local port where nothing listens: Redis "down". */
export async function closedRedisUrl(): Promise<string> {
  return `redis://127.0.0.1:${await freePort()}`
}

/** A log that keeps what it is told. */
export function memoryLog() {
  const lines: Array<{ level: 'warn' | 'info'; details: object; message: string }> = []
  return {
    lines,
    warn: (details: object, message: string) => void lines.push({ level: 'warn', details, message }),
    info: (details: object, message: string) => void lines.push({ level: 'info', details, message }),
  }
}

/** Waits until `check` holds, polling every few milliseconds; fails after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
