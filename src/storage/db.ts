/**
 * Opens the database named by a DATABASE_URL: SQLite (the embedded default) or PostgreSQL.
 * Returns a Kysely handle plus the facts other layers need (which dialect, how to close).
 */
import { KirokuError } from '../errors/kiroku-error.js'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { createRequire } from 'node:module'
import type pg from 'pg'
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPoolClient } from 'kysely'
import type { Tables } from './tables.js'
import { withStatementCache } from './statement-cache.js'
import { DatabaseUnavailableError } from '../errors/database-unavailable.js'

export type DialectName = 'sqlite' | 'postgres'

export interface Database {
  db: Kysely<Tables>
  dialect: DialectName
  /** A description safe to print: the file path, or the PostgreSQL URL without its password. */
  describe: string
  close(): Promise<void>
}

export class DatabaseUrlError extends KirokuError {
  readonly code = 'invalid_database_url'
}

/** A SQLite file asked for with `mustExist` is not there (and was not created). */
export class DatabaseMissingError extends KirokuError {
  readonly code = 'database_missing'
  constructor(readonly file: string) {
    super(`there is no database at ${file}`)
  }
}

export interface OpenOptions {
  /**
   * Refuse a SQLite file that does not exist instead of creating it (and its folders): for commands
   * that only read, where a mistyped path must not leave an empty database behind. PostgreSQL never
   * creates a database; a missing one fails at the first query.
   */
  mustExist?: boolean
  /** SQLite's synchronous mode (SQLITE_SYNCHRONOUS); `normal` unless given. */
  sqliteSynchronous?: SqliteSynchronous
  /**
   * How long a PostgreSQL statement may go unanswered before its connection counts as lost
   * (POSTGRES_QUERY_TIMEOUT_MS unless given); 0 waits for ever, for migrations and the CLI's batch
   * commands, whose statements (an index on a large table, a copy) may rightly take longer.
   */
  postgresQueryTimeoutMs?: number
}

/** Parses DATABASE_URL into what the dialect factories need. */
export function parseDatabaseUrl(url: string): { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string } {
  if (/^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', url }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('sqlite:')) {
    throw new DatabaseUrlError(`unsupported database URL "${redactUrl(url)}": use sqlite:PATH, a file path or postgres://…`)
  }
  const file = url.startsWith('sqlite://') ? url.slice('sqlite://'.length) : url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url
  if (!file) throw new DatabaseUrlError('empty SQLite path in the database URL')
  return { dialect: 'sqlite', file }
}

/** SQLite's synchronous modes that Kiroku offers (WAL makes OFF unsafe and EXTRA pointless). */
export type SqliteSynchronous = 'normal' | 'full'

/** Opens (and for SQLite, creates unless `mustExist`) the database. Does not migrate: see storage/migrate.ts. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  const target = parseDatabaseUrl(url)
  if (target.dialect === 'postgres') return openPostgres(target.url, options.postgresQueryTimeoutMs ?? POSTGRES_QUERY_TIMEOUT_MS)
  return openSqlite(target.file, options.mustExist === true, options.sqliteSynchronous ?? 'normal')
}

function openSqlite(file: string, mustExist: boolean, synchronous: SqliteSynchronous): Database {
  const onDisk = file !== ':memory:'
  if (onDisk && mustExist && !fs.existsSync(file)) throw new DatabaseMissingError(file)
  if (onDisk && !mustExist) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  // fileMustExist: a file removed since the check above is refused too, not created.
  const sqlite = new SQLite(file, { fileMustExist: onDisk && mustExist })
  // WAL lets readers run while a writer commits; a busy timeout rides out a second process (the CLI
  // while the server runs) instead of failing at once with SQLITE_BUSY. WAL is kept in the file, so a
  // database opened only to be read (mustExist) is left in whatever mode it is: setting it writes.
  if (!mustExist) sqlite.pragma('journal_mode = WAL')
  // Durability. In WAL mode a commit is written to the WAL file before the answer leaves, so NORMAL
  // loses no commit when the process dies (SIGKILL, out of memory, a crash: test/faults proves it); it
  // fsyncs only at checkpoints, so on power loss or an operating-system crash the commits since the
  // last checkpoint may roll back (the file stays consistent). FULL also fsyncs the WAL at every
  // commit, which better-sqlite3 does on the event loop: 7-20x the cost of a commit on this project's
  // machines (docs/deployment.md). NORMAL is the default; SQLITE_SYNCHRONOUS=full is there for hosts
  // that can lose power and cannot lose a second of writes (a revocation, a rotated refresh token).
  sqlite.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`)
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  return { db, dialect: 'sqlite', describe: file, close: () => db.destroy() }
}

/**
 * The PostgreSQL driver, loaded when a PostgreSQL database is first opened rather than at start-up:
 * the default SQLite installation never needs it, and loading it is a tenth of a start-up.
 */
function loadPg(): typeof pg {
  const driver = createRequire(import.meta.url)('pg') as typeof pg
  // int8 (bigint) columns hold Unix seconds, far below 2^53: read them as numbers, not strings.
  driver.types.setTypeParser(driver.types.builtins.INT8, (value) => Number(value))
  return driver
}

// How long a request waits for a new connection before it is answered 503: without a limit, requests
// to an unreachable server would hang until the operating system gives up on the TCP handshake.
const CONNECT_TIMEOUT_MS = 5000
// How long a statement may go without an answer before its connection is taken for lost. A network
// partition leaves connections open but dead, and neither TCP nor PostgreSQL would end the wait for
// many minutes; Kiroku's own statements take milliseconds, so a wait this long means the connection
// is gone: the request gets 503 and the connection is dropped, not reused.
export const POSTGRES_QUERY_TIMEOUT_MS = 30_000

function openPostgres(url: string, queryTimeoutMs: number): Database {
  // keepAlive: a connection whose server vanished without closing it (a network partition) is noticed.
  const timeout = queryTimeoutMs > 0 ? { query_timeout: queryTimeoutMs } : {}
  const pool = new (loadPg().Pool)({ connectionString: url, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...timeout, keepAlive: true })
  // An idle client losing its connection (database restart) must not crash the process; the pool
  // drops it and opens a new one for the next query.
  pool.on('error', () => {})
  // A client in use that loses its connection (reset, server gone) emits 'error' besides failing its
  // query, and the pool listens only to idle ones: without a listener of its own, that event would end
  // the process. The failed query already carries the error to its request (a 503), so it is dropped.
  pool.on('connect', (client) => void client.on('error', () => {}))
  const guarded = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  // Failing to get a connection at all is the database being unavailable, whatever the driver's reason
  // (refused, timed out, not accepting connections): say so once, here, for the error handlers.
  const connectOrUnavailable = {
    connect: async () => {
      const client = await pool.connect().catch((error: unknown) => Promise.reject(new DatabaseUnavailableError(error)))
      let wrapper = guarded.get(client)
      if (!wrapper) guarded.set(client, (wrapper = dropWhenUnanswered(client)))
      return wrapper
    },
    end: () => pool.end(),
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: connectOrUnavailable }) })
  return { db, dialect: 'postgres', describe: redactUrl(url), close: () => db.destroy() }
}

/**
 * The client as Kysely uses it, except that a statement left unanswered (pg's query_timeout) counts
 * as the database being unavailable, and its connection, which may still be waiting for that answer,
 * goes back to the pool to be destroyed rather than handed to the next request.
 */
function dropWhenUnanswered(client: pg.PoolClient): PostgresPoolClient {
  let unanswered = false
  const query = async (text: string, parameters: ReadonlyArray<unknown>) => {
    try {
      return await client.query(text, [...parameters])
    } catch (error) {
      if (error instanceof Error && error.message === 'Query read timeout') {
        unanswered = true
        throw new DatabaseUnavailableError(error)
      }
      throw error
    }
  }
  // Kysely also declares a cursor form of query(), which Kiroku never configures (no `cursor` option).
  return { query, release: (destroy?: boolean) => client.release(destroy || unanswered) } as unknown as PostgresPoolClient
}

/** The URL with any password replaced, for logs and error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.href
  } catch {
    return url
  }
}
