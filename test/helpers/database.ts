/**
 * The database each test server gets. The suite runs once per dialect (see vitest.config.ts): on
 * SQLite every server gets a private in-memory database; on PostgreSQL a private schema, dropped
 * when the server closes, so test files and tests never see each other's rows.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { migrations } from '../../src/storage/migrations/index.js'

export type TestDialect = 'sqlite' | 'postgres'

export const TEST_DIALECT: TestDialect = process.env.KIROKU_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite'

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

/** A fresh, empty database for one test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} }
  const base = postgresBase()
  const schema = `kiroku_test_${randomBytes(6).toString('hex')}`
  await withClient(base, (c) => c.query(`CREATE SCHEMA ${schema}`))
  return { url: urlForSchema(base, schema), drop: () => withClient(base, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => {}) }
}

function postgresBase(): string {
  const base = process.env.KIROKU_TEST_POSTGRES_URL
  if (!base) throw new Error('KIROKU_TEST_DIALECT=postgres needs KIROKU_TEST_POSTGRES_URL')
  return base
}

const urlForSchema = (base: string, schema: string) => `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`
const schemaOf = (url: string) => decodeURIComponent(url.slice(url.indexOf('options=') + 'options='.length)).replace('-c search_path=', '')

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * A database already migrated, for a test server. On SQLite, a fresh in-memory one (the server
 * migrates it in about a tenth of a second). On PostgreSQL, migrating a new schema takes a second or
 * more and dropping it another quarter, most of a small test's time; so schemas are reused: when a
 * server closes, its schema is emptied (every table but the migration record truncated, identities
 * restarted: a fresh database in all but its catalog entries) and handed to the next test server, in
 * any worker. The pool is keyed by the migration files' contents, so a schema is reused only with
 * the exact migrations it was built with; a schema whose migrations are not all applied is dropped.
 * Tests of migrations themselves use createTestDatabase, always empty.
 */
export async function createMigratedTestDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'sqlite') return createTestDatabase()
  const base = postgresBase()
  const schema = (await withClient(base, claimPooledSchema)) ?? null
  if (schema === null) {
    const fresh = await createTestDatabase()
    return { url: fresh.url, drop: () => releaseSchema(base, schemaOf(fresh.url)) }
  }
  return { url: urlForSchema(base, schema), drop: () => releaseSchema(base, schema) }
}

const POOL = 'public.kiroku_test_pool'
// A schema claimed for longer than this belongs to a worker that died: it is dropped, not reused.
const ABANDONED_AFTER_SECONDS = 3600

let expectedTables: Set<string> | undefined
/** The tables a migrated schema holds: every table of src/storage/tables.ts' `Tables`, and the migration record. */
function expectedTableNames(): Set<string> {
  if (expectedTables) return expectedTables
  const source = fs.readFileSync(fileURLToPath(new URL('../../src/storage/tables.ts', import.meta.url)), 'utf8')
  const body = source.slice(source.indexOf('export interface Tables {'))
  const names = [...body.slice(0, body.indexOf('\n}')).matchAll(/^  (\w+): \w+Table$/gm)].map((m) => m[1]!)
  if (names.length < 10) throw new Error('test/helpers/database.ts could not read the table list of src/storage/tables.ts')
  return (expectedTables = new Set([...names, 'kiroku_migrations']))
}

let version: string | undefined
/** The migrations' fingerprint: a hash of every migration file. */
function migrationsVersion(): string {
  if (version) return version
  const dir = fileURLToPath(new URL('../../src/storage/migrations/', import.meta.url))
  const hash = createHash('sha256')
  for (const file of fs.readdirSync(dir).sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)))
  return (version = hash.digest('hex').slice(0, 16))
}

async function ensurePool(client: pg.Client): Promise<void> {
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS ${POOL} (schema_name text PRIMARY KEY, version text NOT NULL, free boolean NOT NULL, claimed_at bigint)`)
  } catch (error) {
    // Two workers creating it at once: the loser sees a duplicate type; the table exists either way.
    if ((error as { code?: string }).code !== '23505') throw error
  }
}

async function claimPooledSchema(client: pg.Client): Promise<string | null> {
  await ensurePool(client)
  // Times are the database's own, so that every worker reads them alike.
  const claimed = await client.query<{ schema_name: string }>(
    `UPDATE ${POOL} SET free = false, claimed_at = extract(epoch from now())::bigint WHERE schema_name = (
       SELECT schema_name FROM ${POOL} WHERE free AND version = $1 LIMIT 1 FOR UPDATE SKIP LOCKED
     ) RETURNING schema_name`,
    [migrationsVersion()],
  )
  if (claimed.rows[0]) return claimed.rows[0].schema_name
  // Nothing to reuse: a moment to drop what cannot be reused (older migrations, dead workers).
  const stale = await client.query<{ schema_name: string }>(
    `DELETE FROM ${POOL} WHERE schema_name IN (
       SELECT schema_name FROM ${POOL}
       WHERE (free AND version <> $1) OR (NOT free AND claimed_at < extract(epoch from now())::bigint - $2)
       FOR UPDATE SKIP LOCKED
     ) RETURNING schema_name`,
    [migrationsVersion(), ABANDONED_AFTER_SECONDS],
  )
  for (const { schema_name } of stale.rows) await client.query(`DROP SCHEMA IF EXISTS ${schema_name} CASCADE`)
  return null
}

/** Empties the schema and offers it to the next server, or drops it when it is not a whole, current migration. */
async function releaseSchema(base: string, schema: string): Promise<void> {
  await withClient(base, async (client) => {
    const tables = (await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema])).rows.map((r) => r.tablename)
    const applied = tables.includes('kiroku_migrations')
      ? Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.kiroku_migrations`)).rows[0]!.n)
      : 0
    // A test may have dropped a table (to make the server fail) or added one: such a schema is not reused.
    const whole = tables.length === expectedTableNames().size && tables.every((t) => expectedTableNames().has(t))
    if (!whole || applied !== Object.keys(migrations).length) {
      await client.query(`DELETE FROM ${POOL} WHERE schema_name = $1`, [schema])
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      return
    }
    const data = tables.filter((t) => t !== 'kiroku_migrations').map((t) => `${schema}."${t}"`)
    await client.query(`TRUNCATE ${data.join(', ')} RESTART IDENTITY CASCADE`)
    await ensurePool(client)
    await client.query(
      `INSERT INTO ${POOL} (schema_name, version, free, claimed_at) VALUES ($1, $2, true, null)
       ON CONFLICT (schema_name) DO UPDATE SET free = true, version = excluded.version, claimed_at = null`,
      [schema, migrationsVersion()],
    )
  })
}
