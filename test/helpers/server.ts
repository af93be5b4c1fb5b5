/** Builds a Kiroku server on a fresh in-memory database with a clock the test can move. */
import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../src/app/build-server.js'
import { loadConfig, type Config } from '../../src/app/config.js'
import { createTestDatabase } from './database.js'
import { newKeyPair, type SigningKeyPair } from '../../src/oauth/keys.js'

export interface FakeClock {
  (): number
  advance(seconds: number): void
  set(seconds: number): void
}

export function fakeClock(start = 1_750_000_000): FakeClock {
  let now = start
  const clock = (() => now) as FakeClock
  clock.advance = (s) => void (now += s)
  clock.set = (s) => void (now = s)
  return clock
}

export interface TestServer {
  app: FastifyInstance
  clock: FakeClock
  config: Config
}

// One key pair per test worker for every test server's first signing key: generating an RSA key takes
// most of a server's build. Each database still stores its own copy; rotations make fresh keys.
let keyPair: Promise<SigningKeyPair> | undefined
const sharedKeyPair = () => (keyPair ??= newKeyPair())

/** A server on a fresh database of the dialect under test (in-memory SQLite, or a private PostgreSQL schema). */
export async function testServer(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const database = overrides.databaseUrl ? null : await createTestDatabase()
  // Tests send far more than 90 requests a minute from one address: the rate limit is off unless a
  // test turns it on (through `overrides` or RATE_LIMIT_PER_MINUTE in `env`).
  const rateLimit = env.RATE_LIMIT_PER_MINUTE === undefined ? { rateLimitPerMinute: 0 } : {}
  // Nor does the airing notifier tick on its own: tests drive it (social/airing-notifier.ts) with the fake clock.
  const airing = env.AIRING_NOTIFY_INTERVAL_SECONDS === undefined ? { airingNotifyIntervalSeconds: 0 } : {}
  const config = { ...loadConfig({ database: database?.url, publicUrl: 'http://kiroku.test' }, env), logLevel: 'silent', ...rateLimit, ...airing, ...overrides }
  const clock = fakeClock()
  const app = await buildServer(config, { clock, firstKeyPair: sharedKeyPair, ...(database ? { afterClose: database.drop } : {}) })
  return { app, clock, config }
}

/** A free TCP port on 127.0.0.1 (closed again at once, so that a server can take it). */
export async function freePort(): Promise<number> {
  const net = await import('node:net')
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** A test server listening on a real port, its PUBLIC_URL being that address (for real HTTP clients). */
export async function listeningServer(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestServer & { baseUrl: string }> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const server = await testServer({ publicUrl: baseUrl, port, ...overrides }, env)
  await server.app.listen({ port, host: '127.0.0.1' })
  return { ...server, baseUrl }
}
