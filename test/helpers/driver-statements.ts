/**
 * Records every SQL statement the database drivers execute (better-sqlite3's statements, pg's client
 * queries), below Kysely: compiled-once queries, transactions' BEGIN/COMMIT and anything a statement
 * cache reuses are all seen. For tests that pin how many statements and commits a request costs.
 */
import SQLite from 'better-sqlite3'
import pg from 'pg'

export interface StatementLog {
  /** The SQL of each statement, in order. */
  statements: string[]
  /** Statements that are neither BEGIN, COMMIT nor ROLLBACK. */
  readonly work: number
  /** Commits: each COMMIT, plus each write run outside a transaction (an autocommit). */
  readonly commits: number
  stop(): void
}

const WRITE = /^\s*(insert|update|delete)\b/i
const BEGIN = /^\s*begin\b/i
const END = /^\s*(commit|rollback)\b/i

/** Starts recording; call stop() to put the drivers back. */
export function recordStatements(): StatementLog {
  const statements: string[] = []
  const probe = new SQLite(':memory:')
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>
  probe.close()
  const restore: Array<() => void> = []
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = statementProto[method]!
    statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
      // The statement cache's check that the schema has not changed under a kept wide statement
      // (storage/statement-cache.ts) reads a header field, no table: it is not a statement of the path.
      if (this.source !== 'PRAGMA schema_version') statements.push(this.source)
      return original.apply(this, args)
    }
    restore.push(() => void (statementProto[method] = original))
  }
  const clientProto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const originalQuery = clientProto.query
  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text
    if (typeof text === 'string') statements.push(text)
    return originalQuery.apply(this, args)
  }
  restore.push(() => void (clientProto.query = originalQuery))

  return {
    statements,
    get work() {
      return statements.filter((sql) => !BEGIN.test(sql) && !END.test(sql)).length
    },
    get commits() {
      let inTransaction = false
      let commits = 0
      for (const sql of statements) {
        if (BEGIN.test(sql)) inTransaction = true
        else if (END.test(sql)) {
          if (/^\s*commit/i.test(sql)) commits++
          inTransaction = false
        } else if (!inTransaction && WRITE.test(sql)) commits++
      }
      return commits
    },
    stop: () => restore.forEach((undo) => undo()),
  }
}
