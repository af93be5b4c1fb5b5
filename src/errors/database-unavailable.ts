/**
 * Telling "the database is not there right now" apart from every other failure: the first is a 503
 * the client may retry (and the instance recovers by itself when the database returns), the second a
 * 500 and a bug. Anything not recognised here stays a 500.
 */
import { KirokuError } from './kiroku-error.js'

/** A connection to the database could not be had (refused, timed out, not allowed, shutting down). */
export class DatabaseUnavailableError extends KirokuError {
  readonly code = 'database_unavailable'
  override readonly status = 503
  constructor(cause: unknown) {
    super(`the database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

// PostgreSQL SQLSTATEs that mean the connection, not the query, failed: class 08 (connection
// exception), 57P01-57P03 (administrator or crash shutdown, cannot connect now), 53300 (too many
// connections).
const POSTGRES_CONNECTION_STATES = new Set(['08000', '08001', '08003', '08004', '08006', '08007', '08P01', '57P01', '57P02', '57P03', '53300'])
// Socket failures under a driver.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
// SQLite's file is locked by another writer for longer than its busy timeout: a wait, not a fault.
const SQLITE_BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY'])
// node-postgres reports a connection that died under a query with these messages and no code.
const LOST_CONNECTION = /^Connection terminated( unexpectedly| due to connection timeout)?$|^Client has encountered a connection error and is not queryable$/

/** True when `error`, or any error it wraps, says the database cannot be reached right now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof DatabaseUnavailableError) return true
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && (POSTGRES_CONNECTION_STATES.has(code) || NETWORK_CODES.has(code) || SQLITE_BUSY_CODES.has(code))) return true
    if (LOST_CONNECTION.test(e.message)) return true
  }
  return false
}
