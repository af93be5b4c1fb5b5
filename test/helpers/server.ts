/** Builds a Kiroku server on a fresh in-memory database with a clock the test can move. */
import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../src/server.js'
import { loadConfig, type Config } from '../../src/config.js'

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

export async function testServer(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestServer> {
  const config = { ...loadConfig({ database: 'sqlite::memory:', publicUrl: 'http://kiroku.test' }, env), logLevel: 'silent', ...overrides }
  const clock = fakeClock()
  const app = await buildServer(config, { clock })
  return { app, clock, config }
}
