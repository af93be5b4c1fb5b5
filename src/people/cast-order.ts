/**
 * The order of a work's cast, a character's voice actors and a work's staff under AniList's
 * CharacterSort and StaffSort. These lists are small and read whole (cast-store.ts), so they are
 * ordered here rather than in SQL, by the same rules as query/sorts.ts: sorts apply in turn, unknown
 * values last whichever the direction, and the stored order (AniList's relevance), then the id, last.
 */
import { CHARACTER_ROLES } from './people.js'

type Value = number | string | null | undefined

/** The value each sort key reads from an item, by the sort's name without _DESC (ID, ROLE, RELEVANCE…). */
export type SortValues<T> = Readonly<Record<string, (item: T) => Value>>

function compare(a: Value, b: Value, desc: boolean): number {
  const aNull = a === null || a === undefined
  const bNull = b === null || b === undefined
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? 1 : -1
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))
  return desc ? -c : c
}

/**
 * The items in the order of `sorts`, then by the `tiebreak` keys ascending (RELEVANCE, the stored
 * order, then ID). Sorts without a key here (SEARCH_MATCH: there is no search) order nothing.
 */
export function sortItems<T>(items: readonly T[], sorts: ReadonlyArray<string | null> | null | undefined, values: SortValues<T>, tiebreak: readonly string[] = ['RELEVANCE', 'ID']): T[] {
  const terms: Array<{ value: (item: T) => Value; desc: boolean }> = []
  for (const sort of sorts ?? []) {
    if (!sort) continue
    const desc = sort.endsWith('_DESC')
    const name = desc ? sort.slice(0, -5) : sort
    const value = Object.hasOwn(values, name) ? values[name] : undefined
    if (value) terms.push({ value, desc })
  }
  for (const name of tiebreak) {
    const value = Object.hasOwn(values, name) ? values[name] : undefined
    if (value) terms.push({ value, desc: false })
  }
  return [...items].sort((a, b) => {
    for (const term of terms) {
      const c = compare(term.value(a), term.value(b), term.desc)
      if (c !== 0) return c
    }
    return 0
  })
}

/** A CharacterRole's place in AniList's order (MAIN first); null for none. */
export const roleRank = (role: string | null): number | null => {
  const i = (CHARACTER_ROLES as readonly string[]).indexOf(role ?? '')
  return i < 0 ? null : i
}

/** Whether a sort list orders by favourites (the caller then loads the counts first). */
export const sortsByFavourites = (sorts: ReadonlyArray<string | null> | null | undefined) => (sorts ?? []).some((s) => s === 'FAVOURITES' || s === 'FAVOURITES_DESC')
