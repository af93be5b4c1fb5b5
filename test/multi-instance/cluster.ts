/**
 * Three Kiroku instances as a load balancer would see them: three servers listening on their own
 * ports, one PostgreSQL schema between them, one PUBLIC_URL, and (optionally) one Redis under a key
 * prefix of their own. They share one fake clock, so that a rate-limit window never ends mid-test.
 */
import type { FastifyInstance } from 'fastify'
import type { AddressInfo } from 'node:net'
import { buildServer } from '../../src/app/build-server.js'
import { loadConfig } from '../../src/app/config.js'
import { createTestDatabase } from '../helpers/database.js'
import { fakeClock, type FakeClock } from '../helpers/server.js'
import { deleteKeysUnder, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js'

export interface Instance {
  name: string
  app: FastifyInstance
  /** Where this instance listens, without a trailing slash. */
  base: string
}

export interface Cluster {
  instances: [Instance, Instance, Instance]
  clock: FakeClock
  databaseUrl: string
  /** The Redis key prefix, or null without Redis. */
  prefix: string | null
  close(): Promise<void>
}

export const PUBLIC_URL = 'http://kiroku.test'

/** Starts three instances on a fresh schema; with `redis`, all on the test Redis under a fresh prefix. */
export async function startCluster(options: { redis: boolean; env?: NodeJS.ProcessEnv }): Promise<Cluster> {
  const database = await createTestDatabase()
  const prefix = options.redis ? uniquePrefix() : null
  const clock = fakeClock()
  const started: Instance[] = []
  const close = async () => {
    await Promise.all(started.map((i) => i.app.close()))
    await database.drop()
    if (prefix) await deleteKeysUnder(prefix)
  }
  const start = (names: string[]) =>
    Promise.all(
      names.map(async (name) => {
        const config = {
          ...loadConfig({ database: database.url, publicUrl: PUBLIC_URL }, options.env ?? {}),
          logLevel: 'silent',
          redisUrl: prefix ? TEST_REDIS_URL! : null,
          ...(prefix ? { redisPrefix: prefix } : {}),
        }
        const app = await buildServer(config, { clock })
        started.push({ name, app, base: '' })
        await app.listen({ port: 0, host: '127.0.0.1' })
        started.find((i) => i.app === app)!.base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      }),
    )
  try {
    // A first: on an empty database it creates the first signing key. Instances started together on an
    // empty database would each create one, and without Redis sign with different (equally valid)
    // keys until their next reload.
    await start(['A'])
    await start(['B', 'C'])
  } catch (error) {
    await close().catch(() => {})
    throw error
  }
  started.sort((a, b) => a.name.localeCompare(b.name))
  return { instances: started as [Instance, Instance, Instance], clock, databaseUrl: database.url, prefix, close }
}
