/** `kiroku keys rotate` and `kiroku keys list`: the RS256 keys that sign access tokens. */
import type { Command } from 'commander'
import { ConfigError, loadConfig } from '../app/config.js'
import { describeKeys, KEYS_TOPIC, KeyStore } from '../oauth/keys.js'
import { SharedRedis } from '../cluster/redis.js'
import { systemClock } from '../util/clock.js'
import { withDatabase, withExistingDatabase } from './database.js'
import { describeTables } from '../storage/introspect.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'

const databaseOption = ['--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)'] as const

function envConfig() {
  try {
    return loadConfig({})
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message)
    throw error
  }
}

function tokenTtl(): number {
  return envConfig().accessTokenTtlSeconds
}

/**
 * Tells running servers of a new key through Redis (REDIS_URL), so that they sign with it at once;
 * without Redis, or if it cannot be reached, they do within a minute (their periodic reload).
 */
async function announceRotation(kid: string, io: CliIo): Promise<void> {
  const { redisUrl, redisPrefix } = envConfig()
  if (!redisUrl) return
  const redis = await SharedRedis.connect(redisUrl, redisPrefix)
  try {
    if (!(await redis.broadcast.publish(KEYS_TOPIC, kid))) {
      io.stderr('kiroku: warning: could not announce the new key through Redis; running servers start signing with it within a minute\n')
    }
  } finally {
    await redis.close()
  }
}

export function registerKeysCommands(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('manage the keys that sign access tokens')
  keys
    .command('rotate')
    .description('create a new signing key; older keys keep verifying (and stay in the JWKS) until their last token expires. Prints {"kid":…}. With REDIS_URL, running servers are told and sign with it at once (otherwise within a minute)')
    .option(...databaseOption)
    .action(async (opts: { database?: string }) => {
      const ttl = tokenTtl()
      await withDatabase(opts.database, async ({ db }) => {
        const store = new KeyStore(db, systemClock, ttl)
        await store.init()
        const kid = await store.rotate()
        io.stdout(JSON.stringify({ kid }) + '\n')
        await announceRotation(kid, io)
      })
    })
  keys
    .command('list')
    .description('list signing keys, newest first, as JSON lines: kid, alg, createdAt, state (signing, verifying, retired), retiresAt')
    .option(...databaseOption)
    .action(async (opts: { database?: string }) => {
      const ttl = tokenTtl()
      // Only reads: never creates the database, nor migrates it under servers of another version.
      await withExistingDatabase(opts.database, async ({ db, dialect, describe }) => {
        if (!(await describeTables(db, dialect)).has('signing_keys')) throw new CliError(`${describe} holds no Kiroku tables yet: run kiroku migrate up (or serve) first`)
        const iso = (t: number | null) => (t === null ? null : new Date(t * 1000).toISOString())
        for (const key of await describeKeys(db, systemClock, ttl)) {
          io.stdout(JSON.stringify({ kid: key.kid, alg: key.alg, createdAt: iso(key.createdAt), state: key.state, retiresAt: iso(key.retiresAt) }) + '\n')
        }
      })
    })
}
