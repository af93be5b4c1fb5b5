/**
 * The database each test server gets. The suite runs once per dialect (see vitest.config.ts): on
 * SQLite every server gets a private in-memory database; on PostgreSQL a private schema, dropped
 * when the server closes, so test files and tests never see each other's rows.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export type TestDialect = 'sqlite' | 'postgres'

export const TEST_DIALECT: TestDialect = process.env.KIROKU_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite'

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

/** A fresh, empty database for one test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DIALECT === 'sqlite') return { url: 'sqlite::memory:', drop: async () => {} }
  const base = process.env.KIROKU_TEST_POSTGRES_URL
  if (!base) throw new Error('KIROKU_TEST_DIALECT=postgres needs KIROKU_TEST_POSTGRES_URL')
  const schema = `kiroku_test_${randomBytes(6).toString('hex')}`
  await withClient(base, (c) => c.query(`CREATE SCHEMA ${schema}`))
  const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`
  return { url, drop: () => withClient(base, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => {}) }
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}
