/** Opens the database a command names, migrated to the latest schema, and closes it afterwards. */
import { DEFAULT_DATABASE_URL } from '../config.js'
import { DatabaseUrlError, openDatabase, type Database } from '../storage/db.js'
import { migrateToLatest } from '../storage/migrate.js'
import { CliError } from './errors.js'

export function databaseUrl(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL
}

/** Opens `url` as it is (no migration), turning a malformed URL into a one-line CLI error. */
export function openCliDatabase(url: string): Database {
  try {
    return openDatabase(url)
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new CliError(error.message)
    throw error
  }
}

export async function withDatabase<T>(flag: string | undefined, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = openCliDatabase(databaseUrl(flag))
  try {
    await migrateToLatest(database)
    return await fn(database)
  } finally {
    await database.close()
  }
}
