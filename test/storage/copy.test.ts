/**
 * storage/copy.ts below the CLI: many small batches (keyset pagination over single, composite and
 * text keys, and tables without a key), tables no migration knows about, and progress reports.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { sql, type Kysely } from 'kysely'
import { openDatabase, type Database } from '../../src/storage/db.js'
import { copyDatabase } from '../../src/storage/copy.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { describeTables, foreignKeyOrder } from '../../src/storage/introspect.js'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { createUser } from '../../src/accounts/users.js'
import { createSession } from '../../src/accounts/login-sessions.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'
import { tempDir } from '../helpers/cli.js'

const tmp = tempDir()
afterAll(() => tmp.remove())
const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function open(url: string): Promise<Database> {
  const database = openDatabase(url)
  cleanups.push(() => database.close())
  return database
}

async function target(): Promise<Database> {
  if (TEST_DIALECT === 'sqlite') return open(`sqlite:${tmp.file(`target-${Math.random().toString(36).slice(2)}.db`)}`)
  const created = await createTestDatabase()
  cleanups.push(created.drop)
  return open(created.url)
}

/** Rows of a table in a stable order, as JSON. */
async function rowsOf(db: Kysely<any>, table: string): Promise<string[]> {
  const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows
  return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))))).sort()
}

const clock = () => 1_750_000_000

describe(`copyDatabase from SQLite into ${TEST_DIALECT}`, () => {
  it('crosses many batches on every kind of key, and copies a table no migration made, without a key', async () => {
    const source = await open(`sqlite:${tmp.file(`source-${Math.random().toString(36).slice(2)}.db`)}`)
    await migrateToLatest(source)
    await seedCatalog(source.db, clock)
    for (let i = 0; i < 12; i++) {
      const user = await createUser(source.db, clock, { name: `user${i}`, password: 'a long enough password' })
      await createSession(source.db, clock, user.id, 3600)
    }
    // A table added by hand (or by a feature this file has never heard of), with duplicate rows.
    const extra = sql`create table scratch_notes (body text, n integer)`
    await extra.execute(source.db)
    for (const n of [3, 1, 2, 2, 5, 4, 1]) await sql`insert into scratch_notes (body, n) values (${`note ${n}`}, ${n})`.execute(source.db)
    const into = await target()
    await migrateToLatest(into)
    await extra.execute(into.db)

    const progress: Array<[string, number, number]> = []
    const report = await copyDatabase(source, into, { batchRows: 5, onProgress: (table, done, total) => progress.push([table, done, total]) })

    const tables = [...(await describeTables(source.db, 'sqlite')).keys()].filter((t) => t !== 'kiroku_migrations')
    expect(report.tables.map((t) => t.name).sort()).toEqual(tables.sort())
    for (const table of tables) expect(await rowsOf(into.db, table), table).toEqual(await rowsOf(source.db, table))
    expect(report.tables.find((t) => t.name === 'scratch_notes')?.rows).toBe(7)
    // media (integer key), media_genres (composite key), sessions (text key) each took several batches.
    for (const table of ['media', 'media_genres', 'sessions', 'scratch_notes']) {
      const steps = progress.filter(([name]) => name === table)
      expect(steps.length, table).toBeGreaterThan(2)
      expect(steps.at(-1)![1]).toBe(steps.at(-1)![2])
    }
  })
})

describe('foreignKeyOrder', () => {
  const shape = (name: string, references: string[]) => ({ name, columns: ['id'], primaryKey: ['id'], references, generatedColumn: null })
  it('puts every table after the tables it references, ties by name', () => {
    const tables = new Map([shape('tokens', ['clients', 'users']), shape('clients', ['users']), shape('users', []), shape('audit', [])].map((t) => [t.name, t]))
    expect(foreignKeyOrder(tables).map((t) => t.name)).toEqual(['audit', 'users', 'clients', 'tokens'])
  })
  it('refuses a cycle with the tables named', () => {
    const tables = new Map([shape('a', ['b']), shape('b', ['a']), shape('c', [])].map((t) => [t.name, t]))
    expect(() => foreignKeyOrder(tables)).toThrow(/a, b form a cycle/)
  })
  it('finds the real order of Kiroku’s own tables from the database', async () => {
    const database = await open(`sqlite:${tmp.file('order.db')}`)
    await migrateToLatest(database)
    const order = foreignKeyOrder(await describeTables(database.db, 'sqlite')).map((t) => t.name)
    for (const [parent, child] of [['users', 'sessions'], ['users', 'oauth_clients'], ['oauth_clients', 'oauth_access_tokens'], ['media', 'media_genres']]) {
      expect(order.indexOf(parent!), `${parent} before ${child}`).toBeLessThan(order.indexOf(child!))
    }
  })
})
