/**
 * Telling a write refused by a foreign key apart from other failures. A row can vanish between the
 * check that found it and the write that points at it (an app deleted while one of its tokens is
 * being issued); the caller then answers as if the check had failed, not with a 500.
 */

/** True when `error`, or an error it wraps, is a foreign-key violation on either database. */
export function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    // PostgreSQL's SQLSTATE foreign_key_violation; better-sqlite3's extended result code.
    if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true
  }
  return false
}
