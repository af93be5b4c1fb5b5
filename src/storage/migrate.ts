/**
 * Applies pending migrations. Kysely's migrator takes a lock (an advisory lock on PostgreSQL, the
 * write lock on SQLite), so several instances starting at once apply each migration exactly once.
 */
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely'
import type { Database } from './db.js'
import { migrations } from './migrations/index.js'

export interface MigrationStatus {
  name: string
  appliedAt: Date | null
}

async function migrator(database: Database): Promise<Migrator> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {}
      for (const [name, m] of Object.entries(migrations)) out[name] = { up: (db) => m.up(db, database.dialect) }
      return out
    },
  }
  // On PostgreSQL the bookkeeping tables live in the schema Kiroku uses (search_path), named
  // explicitly: Kysely otherwise takes a table of that name in any schema as its own.
  const schema =
    database.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema
      : undefined
  return new Migrator({
    db: database.db,
    provider,
    migrationTableName: 'kiroku_migrations',
    migrationLockTableName: 'kiroku_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  })
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const { error, results } = await (await migrator(database)).migrateToLatest()
  if (error) throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Every known migration and when it was applied (null: pending). */
export async function migrationStatus(database: Database): Promise<MigrationStatus[]> {
  const list = await (await migrator(database)).getMigrations()
  return list.map((m) => ({ name: m.name, appliedAt: m.executedAt ?? null }))
}
