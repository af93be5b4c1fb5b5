/**
 * SQLite's prepared statements kept for reuse. Kysely asks the driver to prepare every statement it
 * runs, and better-sqlite3 then parses and plans the SQL anew each time: on a query as small as a
 * lookup by primary key, preparing costs more than running. Kiroku's queries are a fixed set of SQL
 * texts (values travel as parameters), so a statement is prepared once per text and reused; the cache
 * is bounded, since texts with a variable number of placeholders (`in (?, ?, …)`) come in many sizes.
 * SQLite re-prepares a kept statement by itself when the schema changes under it (a migration).
 */
import type Sqlite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'
import { LruCache } from '../util/lru.js'

// A few hundred distinct texts cover every query Kiroku runs with room for the `in (…)` sizes; each
// kept statement is a few kilobytes of SQLite's memory.
export const STATEMENT_CACHE_SIZE = 500

/** `sqlite` as Kysely's SQLite dialect uses it, preparing each SQL text once. */
export function withStatementCache(sqlite: Sqlite.Database, capacity = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new LruCache<string, Sqlite.Statement>(capacity)
  return {
    prepare(sql: string): SqliteStatement {
      const kept = statements.get(sql)
      // A statement still stepping through an iterator (a streamed query) cannot run again until that
      // iterator ends: such a request gets a statement of its own, and the kept one stays kept.
      if (kept && !kept.busy) return kept as unknown as SqliteStatement
      const fresh = sqlite.prepare(sql)
      if (!kept) statements.set(sql, fresh)
      return fresh as unknown as SqliteStatement
    },
    close(): void {
      statements.clear()
      sqlite.close()
    },
  }
}
