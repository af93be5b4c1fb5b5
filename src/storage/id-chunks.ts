/** Splitting id lists for IN (...) clauses, for every store that reads or writes by many ids. */

/** Ids per IN (...) list: well under SQLite's and PostgreSQL's bound-parameter limits. */
export const CHUNK = 500

/** The distinct values, split into chunks for IN lists. */
export function chunks<T>(values: readonly T[]): T[][] {
  const unique = [...new Set(values)]
  const out: T[][] = []
  for (let start = 0; start < unique.length; start += CHUNK) out.push(unique.slice(start, start + CHUNK))
  return out
}
