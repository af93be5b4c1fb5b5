/** What every 503 for an unreachable database tells clients about when to come back. */

/** Retry-After on those 503s: long enough not to hammer a recovering database, short enough to notice it back. */
export const DATABASE_RETRY_AFTER_SECONDS = 5
