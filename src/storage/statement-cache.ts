/**
 * SQLite's prepared statements kept for reuse, and wide rows built cheaply.
 *
 * Kysely asks the driver to prepare every statement it runs, and better-sqlite3 then parses and plans
 * the SQL anew each time: on a query as small as a lookup by primary key, preparing costs more than
 * running. Kiroku's queries are a fixed set of SQL texts (values travel as parameters), so a statement
 * is prepared once per text and reused; the cache is bounded, since texts with a variable number of
 * placeholders (`in (?, ?, …)`) come in many sizes. SQLite re-prepares a kept statement by itself when
 * the schema changes under it (a migration).
 *
 * better-sqlite3 builds each row as an object in V8's slow dictionary mode, one property at a time:
 * for the catalog's fifty columns that is most of a query's cost (a 5,000-row list's media: 3x the
 * time of reading the same rows as arrays), and every later read of a field is slow too. A statement
 * of many columns is therefore run in raw mode (rows as arrays) and each array turned into an object
 * by a function made for its columns, whose literal gives every row one shared, fast shape. The
 * columns are read again whenever the schema has changed since (PRAGMA schema_version).
 */
import type Sqlite from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'
import { LruCache } from '../util/lru.js'

// A few hundred distinct texts cover every query Kiroku runs with room for the `in (…)` sizes; each
// kept statement is a few kilobytes of SQLite's memory.
export const STATEMENT_CACHE_SIZE = 500
// From this many columns on, rows are built from arrays: below it better-sqlite3's objects cost about
// the same, and reading the schema version would cost more than it saves.
export const WIDE_ROW_COLUMNS = 10

type Row = Record<string, unknown>
type RowMaker = (values: unknown[]) => Row

/** A function building an object with these keys from an array of values in their order. */
function rowMaker(columns: readonly string[]): RowMaker {
  // The keys are JSON string literals, so any column name (quotes, spaces…) is a plain key; duplicates
  // keep the last value, as better-sqlite3's objects do. `__proto__` would set the prototype instead:
  // such a statement is never made raw (see wide()).
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- code made from column names, not from input
  return new Function('v', `return { ${columns.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ')} }`) as RowMaker
}

/** A reader of many columns, run in raw mode and answering objects like better-sqlite3's. */
class WideReader {
  readonly reader = true
  private make: RowMaker

  constructor(
    private readonly statement: Sqlite.Statement,
    columns: readonly string[],
    private schemaVersion: number,
    private readonly currentSchemaVersion: () => number,
  ) {
    statement.raw(true)
    this.make = rowMaker(columns)
  }

  get busy(): boolean {
    return this.statement.busy
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    const rows = this.statement.all(...parameters) as unknown[][]
    // Read after running: running is what re-prepares a statement whose schema changed.
    this.followSchema()
    return rows.map(this.make)
  }

  run(parameters: ReadonlyArray<unknown>): Sqlite.RunResult {
    return this.statement.run(...parameters)
  }

  *iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    let first = true
    for (const values of this.statement.iterate(...parameters) as IterableIterator<unknown[]>) {
      if (first) this.followSchema()
      first = false
      yield this.make(values)
    }
  }

  private followSchema(): void {
    const version = this.currentSchemaVersion()
    if (version === this.schemaVersion) return
    this.schemaVersion = version
    this.make = rowMaker(this.statement.columns().map((c) => c.name))
  }
}

/** `sqlite` as Kysely's SQLite dialect uses it, preparing each SQL text once. */
export function withStatementCache(sqlite: Sqlite.Database, capacity = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new LruCache<string, Sqlite.Statement | WideReader>(capacity)
  let versionStatement: Sqlite.Statement | undefined
  const schemaVersion = () => (versionStatement ??= sqlite.prepare('PRAGMA schema_version').pluck()).get() as number

  function prepare(sql: string): Sqlite.Statement | WideReader {
    const statement = sqlite.prepare(sql)
    if (!statement.reader) return statement
    const columns = statement.columns().map((c) => c.name)
    if (columns.length < WIDE_ROW_COLUMNS || columns.includes('__proto__')) return statement
    return new WideReader(statement, columns, schemaVersion(), schemaVersion)
  }

  return {
    prepare(sql: string): SqliteStatement {
      const kept = statements.get(sql)
      // A statement still stepping through an iterator (a streamed query) cannot run again until that
      // iterator ends: such a request gets a statement of its own, and the kept one stays kept.
      if (kept && !kept.busy) return kept as unknown as SqliteStatement
      const fresh = prepare(sql)
      if (!kept) statements.set(sql, fresh)
      return fresh as unknown as SqliteStatement
    },
    close(): void {
      statements.clear()
      sqlite.close()
    },
  }
}
