/** Opens the database a command names (migrated, or as it is for commands that only read) and closes it afterwards. */
import { DEFAULT_DATABASE_URL } from '../app/config.js'
import { DatabaseMissingError, DatabaseUrlError, openDatabase, type Database, type OpenOptions } from '../storage/db.js'
import { migrateToLatest } from '../storage/migrate.js'
import { CliError } from './errors.js'

export function databaseUrl(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL
}

/**
 * Opens `url` as it is (no migration), turning a malformed URL or a missing file into a one-line CLI
 * error. Commands are batch work: their PostgreSQL statements may take as long as they need.
 */
export function openCliDatabase(url: string, options: OpenOptions = {}): Database {
  try {
    return openDatabase(url, { postgresQueryTimeoutMs: 0, ...options })
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new CliError(error.message)
    if (error instanceof DatabaseMissingError) throw new CliError(`${error.message}: check --database or DATABASE_URL (serve and migrate up create one)`)
    throw error
  }
}

// PostgreSQL's SQLSTATE for a database that does not exist (invalid_catalog_name).
const NO_SUCH_DATABASE = '3D000'

/**
 * A failure of a command on the databases `urls` name, as the CLI says it: a PostgreSQL database
 * that does not exist becomes one plain sentence naming it and its server (the driver's words come
 * wrapped in two layers of context); anything else is returned as it is.
 */
export function explainDatabaseError(error: unknown, ...urls: string[]): unknown {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if ((e as { code?: unknown }).code !== NO_SUCH_DATABASE) continue
    const targets = urls.flatMap((url) => {
      try {
        const parsed = new URL(url)
        return [{ host: parsed.host, name: decodeURIComponent(parsed.pathname.slice(1)) }]
      } catch {
        return []
      }
    })
    const name = /database "(.*)" does not exist/.exec(e.message)?.[1] ?? targets[0]?.name ?? ''
    const host = (targets.find((t) => t.name === name) ?? targets[0])?.host ?? 'the PostgreSQL server'
    return new CliError(`there is no PostgreSQL database "${name}" at ${host}: create it (createdb ${name}) or check --database or DATABASE_URL`)
  }
  return error
}

/** Runs `fn` on the named database, migrated to the latest schema (created when it is a new SQLite file). */
export async function withDatabase<T>(flag: string | undefined, fn: (database: Database) => Promise<T>): Promise<T> {
  const url = databaseUrl(flag)
  const database = openCliDatabase(url)
  try {
    await migrateToLatest(database)
    return await fn(database)
  } catch (error) {
    throw explainDatabaseError(error, url)
  } finally {
    await database.close()
  }
}

/** Runs `fn` on the named database as it is, for commands that only read: a database that does not exist is an error, never created. */
export async function withExistingDatabase<T>(flag: string | undefined, fn: (database: Database) => Promise<T>): Promise<T> {
  const url = databaseUrl(flag)
  const database = openCliDatabase(url, { mustExist: true })
  try {
    return await fn(database)
  } catch (error) {
    throw explainDatabaseError(error, url)
  } finally {
    await database.close()
  }
}
