/** A trivial round trip to the database, bounded in time: what readiness checks ask. */
import { sql } from 'kysely'
import type { Database } from './db.js'

export type PingResult = { ok: true } | { ok: false; reason: 'timeout' } | { ok: false; reason: 'error'; error: unknown }

/** Runs `select 1`; answers within `timeoutMs` whatever the database does (a query left running is abandoned). */
export async function pingDatabase(database: Database, timeoutMs: number): Promise<PingResult> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<PingResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: 'timeout' }), timeoutMs)
    timer.unref()
  })
  const query = sql`select 1 as ok`.execute(database.db).then(
    (): PingResult => ({ ok: true }),
    (error: unknown): PingResult => ({ ok: false, reason: 'error', error }),
  )
  try {
    return await Promise.race([query, timeout])
  } finally {
    clearTimeout(timer)
  }
}
