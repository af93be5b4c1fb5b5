/**
 * AniList's filter operators, written once for every domain. An argument names a column by its stem
 * and an operator by its suffix: `episodes` (equal), `episodes_not`, `episodes_in`, `episodes_not_in`,
 * `episodes_greater`, `episodes_lesser` (both strict) and `startDate_like` (an SQL LIKE pattern on the
 * value as text, the way AniList matches YYYYMMDD dates).
 *
 * One null policy, SQL's, which AniList's SQL backend follows: a row whose value is unknown (NULL)
 * matches no comparison. `format_not: TV` keeps only media whose format is known and is not TV; an
 * empty `_in` list matches nothing; an empty `_not_in` list excludes nothing; null items in a list
 * are ignored.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely'

/** An argument as GraphQL hands it over: absent, null, or a value. */
export type Maybe<T> = T | null | undefined
/** A list argument: absent, null, or a list whose items may be null. */
export type List<T> = Maybe<ReadonlyArray<T | null>>

/** What a domain's filter can compare: the SQL expression of each stem. */
export type FilterColumns = Readonly<Record<string, RawBuilder<unknown>>>

/** A condition that matches nothing. */
export const NOTHING = sql<SqlBool>`1 = 0`

/** The values of a list argument that are given (null items dropped). */
export function present<T>(values: ReadonlyArray<T | null | undefined>): T[] {
  return values.filter((v): v is T => v !== null && v !== undefined)
}

/** True when an argument was given a value (not absent, not null). */
export function given<T>(value: T | null | undefined): value is T {
  return value !== undefined && value !== null
}

/** `expression in (values)`; nothing at all for an empty list. */
export function isIn(expression: RawBuilder<unknown>, values: ReadonlyArray<unknown>): Expression<SqlBool> {
  return values.length === 0 ? NOTHING : sql<SqlBool>`${expression} in (${sql.join(values)})`
}

/**
 * The conditions AniList's operators put on `columns`, read from `args` by stem and suffix, to be
 * combined with AND. `transform` may adjust a value before it is compared (upper-casing a code).
 */
export function columnConditions(args: Readonly<Record<string, unknown>>, columns: FilterColumns, transform: (stem: string, value: unknown) => unknown = (_s, v) => v): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = []
  for (const [stem, column] of Object.entries(columns)) {
    const value = (suffix: string) => args[stem + suffix]
    const eq = value('')
    if (given(eq)) out.push(sql<SqlBool>`${column} = ${transform(stem, eq)}`)
    const not = value('_not')
    if (given(not)) out.push(sql<SqlBool>`${column} <> ${transform(stem, not)}`)
    const inList = value('_in')
    if (Array.isArray(inList)) out.push(isIn(column, present(inList).map((v) => transform(stem, v))))
    const notInList = value('_not_in')
    if (Array.isArray(notInList) && present(notInList).length > 0) out.push(sql<SqlBool>`${column} not in (${sql.join(present(notInList).map((v) => transform(stem, v)))})`)
    const greater = value('_greater')
    if (given(greater)) out.push(sql<SqlBool>`${column} > ${greater}`)
    const lesser = value('_lesser')
    if (given(lesser)) out.push(sql<SqlBool>`${column} < ${lesser}`)
    const like = value('_like')
    if (typeof like === 'string') out.push(sql<SqlBool>`cast(${column} as text) like ${like}`)
  }
  return out
}

/** The conditions joined by AND, or null when there are none. */
export function allOf(conditions: readonly Expression<SqlBool>[]): Expression<SqlBool> | null {
  return conditions.length === 0 ? null : sql<SqlBool>`${sql.join(conditions, sql` and `)}`
}
