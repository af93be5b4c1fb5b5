/** `kiroku keys rotate` and `kiroku keys list`: the RS256 keys that sign access tokens. */
import type { Command } from 'commander'
import { ConfigError, loadConfig } from '../config.js'
import { describeKeys, KeyStore } from '../oauth/keys.js'
import { systemClock } from '../util/clock.js'
import { withDatabase } from './database.js'
import { CliError } from './errors.js'
import type { CliIo } from './io.js'

const databaseOption = ['--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)'] as const

function tokenTtl(): number {
  try {
    return loadConfig({}).accessTokenTtlSeconds
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message)
    throw error
  }
}

export function registerKeysCommands(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('manage the keys that sign access tokens')
  keys
    .command('rotate')
    .description('create a new signing key; older keys keep verifying (and stay in the JWKS) until their last token expires. Prints {"kid":…}')
    .option(...databaseOption)
    .action(async (opts: { database?: string }) => {
      const ttl = tokenTtl()
      await withDatabase(opts.database, async ({ db }) => {
        const store = new KeyStore(db, systemClock, ttl)
        await store.init()
        const kid = await store.rotate()
        io.stdout(JSON.stringify({ kid }) + '\n')
      })
    })
  keys
    .command('list')
    .description('list signing keys, newest first, as JSON lines: kid, alg, createdAt, state (signing, verifying, retired), retiresAt')
    .option(...databaseOption)
    .action(async (opts: { database?: string }) => {
      const ttl = tokenTtl()
      await withDatabase(opts.database, async ({ db }) => {
        const iso = (t: number | null) => (t === null ? null : new Date(t * 1000).toISOString())
        for (const key of await describeKeys(db, systemClock, ttl)) {
          io.stdout(JSON.stringify({ kid: key.kid, alg: key.alg, createdAt: iso(key.createdAt), state: key.state, retiresAt: iso(key.retiresAt) }) + '\n')
        }
      })
    })
}
