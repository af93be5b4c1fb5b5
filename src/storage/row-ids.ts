/**
 * The range of row ids. Id columns are `integer`: 32-bit signed on PostgreSQL, and every id Kiroku
 * makes fits. A larger number names no row, and PostgreSQL refuses to compare an `integer` column
 * with it (an error, not an empty result), so ids read from a request are checked against this first.
 */
export const MAX_ROW_ID = 2_147_483_647

/** True when `id` can be a row's id: a whole number from 1 to MAX_ROW_ID. */
export function isRowId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= MAX_ROW_ID
}

// One URL per row: digits without a leading zero, at most ten of them (nothing long reaches Number()).
const PATH_ID = /^[1-9][0-9]{0,9}$/

/** The row id a path segment names, or null when it can name none (letters, zero, a leading zero, too large). */
export function rowIdFromPath(value: string | undefined): number | null {
  if (value === undefined || !PATH_ID.test(value)) return null
  const id = Number(value)
  return isRowId(id) ? id : null
}
