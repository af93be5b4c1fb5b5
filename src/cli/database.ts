/** Opens the database a command names, migrated to the latest schema, and closes it afterwards. */
import { DEFAULT_DATABASE_URL } from '../config.js'
import { DatabaseUrlError, openDatabase, type Database } from '../storage/db.js'
import { migrateToLatest } from '../storage/migrate.js'
import { CliError } from './errors.js'

export function databaseUrl(flag: string | undefined): string {
  return flag ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL
}

export async function withDatabase<T>(flag: string | undefined, fn: (database: Database) => Promise<T>): Promise<T> {
  let database: Database
  try {
    database = openDatabase(databaseUrl(flag))
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new CliError(error.message)
    throw error
  }
  try {
    await migrateToLatest(database)
    return await fn(database)
  } finally {
    await database.close()
  }
}
