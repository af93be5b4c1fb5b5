/**
 * AniList's sort arguments, written once for every domain: a list of enum values applied in order,
 * each `X` ascending and `X_DESC` descending. Unknown values (NULL) sort last in both directions on
 * both databases, enums sort by their declared order (as AniList stores them), and every order ends
 * with the row's id, so that pages never overlap or skip a row.
 */
import { sql, type RawBuilder } from 'kysely'

/** One ORDER BY term. */
export interface OrderTerm {
  expression: RawBuilder<unknown>
  direction: 'asc' | 'desc'
}

/** How a sort key orders: by an expression, or by an enum column's position in its declared values. */
export type SortKey = RawBuilder<unknown> | { column: RawBuilder<unknown>; values: readonly string[] }

/** A sort a domain orders itself (SEARCH_MATCH): the terms, or none to add nothing. */
export type SpecialSort = (sort: string) => OrderTerm[] | undefined

/** Terms that put NULLs last whichever the direction. */
export function nullsLast(expression: RawBuilder<unknown>, direction: 'asc' | 'desc'): OrderTerm[] {
  return [{ expression: sql`case when ${expression} is null then 1 else 0 end`, direction: 'asc' }, { expression, direction }]
}

/** The position of an enum column's value among its declared values. */
export function enumPosition(column: RawBuilder<unknown>, values: readonly string[]): RawBuilder<unknown> {
  const cases = values.map((v, i) => sql`when ${sql.lit(v)} then ${sql.lit(i)}`)
  return sql`case ${column} ${sql.join(cases, sql` `)} end`
}

/**
 * The ORDER BY terms of a list of sorts over `keys`, ending with `id` ascending. Values neither in
 * `keys` nor answered by `special` add nothing (GraphQL has already refused values outside the enum).
 */
export function sortTerms(sorts: ReadonlyArray<string | null> | null | undefined, keys: Readonly<Record<string, SortKey>>, id: RawBuilder<unknown>, special?: SpecialSort): OrderTerm[] {
  const terms: OrderTerm[] = []
  for (const sort of sorts ?? []) {
    if (sort === null) continue
    const own = special?.(sort)
    if (own) {
      terms.push(...own)
      continue
    }
    const desc = sort.endsWith('_DESC')
    const name = desc ? sort.slice(0, -'_DESC'.length) : sort
    const key = Object.hasOwn(keys, name) ? keys[name] : undefined
    if (!key) continue
    const direction = desc ? 'desc' : 'asc'
    terms.push(...nullsLast('values' in key ? enumPosition(key.column, key.values) : key, direction))
  }
  terms.push({ expression: id, direction: 'asc' })
  return terms
}

/** A query builder with the terms applied in order. */
export function orderedBy<Q extends { orderBy(expression: RawBuilder<unknown>, direction: 'asc' | 'desc'): Q }>(query: Q, terms: readonly OrderTerm[]): Q {
  let out = query
  for (const term of terms) out = out.orderBy(term.expression, term.direction)
  return out
}
