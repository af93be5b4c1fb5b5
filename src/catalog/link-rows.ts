/**
 * Replacing a work's list of linked rows (its studios, tags, links, streaming episodes) only when it
 * changed: imports run again and again, and an unchanged list must cost no write.
 */

/** True when the two row lists hold the same values in the same order (key order ignored). */
export function sameRows<R extends object>(stored: readonly R[], wanted: readonly R[]): boolean {
  if (stored.length !== wanted.length) return false
  return stored.every((row, i) => {
    const other = wanted[i] as Record<string, unknown>
    return Object.entries(row).every(([k, v]) => other[k] === v)
  })
}

// The IN-list splitting began here; it lives in storage/ now, for every store.
export { CHUNK, chunks } from '../storage/id-chunks.js'

/** A 0/1 column as a boolean. */
export const bool = (value: number) => value !== 0
/** A boolean as a 0/1 column. */
export const bit = (value: boolean | null | undefined) => (value ? 1 : 0)
