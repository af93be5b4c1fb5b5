/**
 * Applies pending migrations, exactly once each, even when several instances start at once: all of
 * it runs in one transaction that first takes a lock (an advisory lock on PostgreSQL, the write lock
 * on SQLite via BEGIN IMMEDIATE), so a second instance waits, then finds nothing left to do.
 *
 * Kiroku keeps its own small runner rather than Kysely's Migrator: that one lists the tables of every
 * schema to find its own, which is slow on a shared server and fails when another schema is dropped
 * at the same moment.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from './db.js'
import { migrations } from './migrations/index.js'

export const MIGRATIONS_TABLE = 'kiroku_migrations'
// An arbitrary constant that names Kiroku's migration lock among PostgreSQL advisory locks.
const ADVISORY_LOCK_ID = 7_314_159_265

export interface MigrationStatus {
  name: string
  /** Unix seconds; null while pending. */
  appliedAt: number | null
}

async function ensureTable(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable(MIGRATIONS_TABLE)
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'bigint', (c) => c.notNull())
    .execute()
}

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  try {
    return await database.db.connection().execute(async (conn) => {
      await sql.raw(database.dialect === 'postgres' ? 'begin' : 'begin immediate').execute(conn)
      try {
        if (database.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${ADVISORY_LOCK_ID})`.execute(conn)
        const trx = conn as Kysely<any>
        await ensureTable(trx)
        const applied = new Set((await trx.selectFrom(MIGRATIONS_TABLE).select('name').execute()).map((r) => r.name as string))
        const ran: string[] = []
        for (const [name, migration] of Object.entries(migrations)) {
          if (applied.has(name)) continue
          await migration.up(trx, database.dialect)
          await trx.insertInto(MIGRATIONS_TABLE).values({ name, applied_at: Math.floor(Date.now() / 1000) }).execute()
          ran.push(name)
        }
        await sql`commit`.execute(conn)
        return ran
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => {})
        throw error
      }
    })
  } catch (error) {
    throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })
  }
}

/** Every known migration and when it was applied (null: pending), in order. */
export async function migrationStatus(database: Database): Promise<MigrationStatus[]> {
  const appliedAt = await appliedMigrations(database)
  return Object.keys(migrations).map((name) => ({ name, appliedAt: appliedAt.get(name) ?? null }))
}

/**
 * Every migration recorded as applied in the database, known to this version or not (a newer Kiroku
 * may have applied ones this one lacks), with when it was applied in Unix seconds.
 */
export async function appliedMigrations(database: Database): Promise<Map<string, number>> {
  const db = database.db as Kysely<any>
  await ensureTable(db)
  const rows = await db.selectFrom(MIGRATIONS_TABLE).select(['name', 'applied_at']).orderBy('name').execute()
  return new Map(rows.map((r) => [r.name as string, Number(r.applied_at)]))
}
