/**
 * `kiroku migrate up` and `kiroku migrate status`: the database schema, outside of `serve` (which
 * applies pending migrations itself at start). Both print JSON lines on stdout, one per migration,
 * so that scripts can read them; `up` says in words on stderr what it did.
 */
import type { Command } from 'commander'
import type { Database } from '../storage/db.js'
import { appliedMigrations, migrateToLatest } from '../storage/migrate.js'
import { migrations } from '../storage/migrations/index.js'
import { databaseUrl, explainDatabaseError, openCliDatabase, withExistingDatabase } from './database.js'
import type { CliIo } from './io.js'

const databaseOption = ['--database <url>', 'database URL (default: DATABASE_URL or sqlite:./data/kiroku.db)'] as const

/** A migration's state: applied, pending, or applied by a newer Kiroku that this one does not know. */
export type MigrationState = 'applied' | 'pending' | 'unknown'

/** One line of `kiroku migrate status`. */
export interface MigrationLine {
  name: string
  state: MigrationState
  /** ISO 8601, or null while pending. */
  appliedAt: string | null
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString()

/** Every migration this version knows, in order, then any the database holds that it does not. */
export async function describeMigrations(database: Database): Promise<MigrationLine[]> {
  const applied = await appliedMigrations(database)
  const known = Object.keys(migrations)
  const lines: MigrationLine[] = known.map((name) => {
    const at = applied.get(name)
    return at === undefined ? { name, state: 'pending', appliedAt: null } : { name, state: 'applied', appliedAt: iso(at) }
  })
  for (const [name, at] of applied) if (!known.includes(name)) lines.push({ name, state: 'unknown', appliedAt: iso(at) })
  return lines
}

/** `migrate up` opens the database as it is, creating a new SQLite file: migrating it is the point. */
async function withUnmigrated<T>(flag: string | undefined, fn: (database: Database) => Promise<T>): Promise<T> {
  const url = databaseUrl(flag)
  const database = openCliDatabase(url)
  try {
    return await fn(database)
  } catch (error) {
    throw explainDatabaseError(error, url)
  } finally {
    await database.close()
  }
}

/** Adds `kiroku migrate up` and `kiroku migrate status` to the program. */
export function registerMigrateCommands(program: Command, io: CliIo): void {
  const migrate = program.command('migrate').description('show or apply database migrations (serve applies pending ones at start too)')
  migrate
    .command('up')
    .description('apply every pending migration, in one transaction under a lock; prints a JSON line {"name","appliedAt"} for each one applied')
    .option(...databaseOption)
    .action(async (opts: { database?: string }) => {
      await withUnmigrated(opts.database, async (database) => {
        const ran = await migrateToLatest(database)
        const applied = await appliedMigrations(database)
        for (const name of ran) io.stdout(JSON.stringify({ name, appliedAt: iso(applied.get(name)!) }) + '\n')
        io.stderr(ran.length === 0 ? 'Nothing to apply: the database is up to date.\n' : `Applied ${ran.length} migration${ran.length === 1 ? '' : 's'}: the database is up to date.\n`)
      })
    })
  migrate
    .command('status')
    .description('list every migration as JSON lines {"name","state","appliedAt"}: state is applied, pending, or unknown (applied by a newer Kiroku)')
    .option(...databaseOption)
    .action(async (opts: { database?: string }) => {
      await withExistingDatabase(opts.database, async (database) => {
        for (const line of await describeMigrations(database)) io.stdout(JSON.stringify(line) + '\n')
      })
    })
}
