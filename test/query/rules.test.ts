/**
 * AniList's query rules (src/query/), tested once here on a table of the test's own, on SQLite and on
 * PostgreSQL: every domain's filters, sorts and pages are built from them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type Kysely } from 'kysely'
import { openDatabase, type Database } from '../../src/storage/db.js'
import { allOf, columnConditions, type FilterColumns } from '../../src/query/filters.js'
import { orderedBy, sortTerms, type SortKey } from '../../src/query/sorts.js'
import { lastPageOf, pageInfoOf, pageWindow } from '../../src/query/paging.js'
import { argumentProblem, checkArguments, MAX_LIST_VALUES } from '../../src/query/caps.js'
import { InvalidArgumentError } from '../../src/errors/refusals.js'
import { createTestDatabase, type TestDatabase } from '../helpers/database.js'

// A probe table: n and kind may be unknown (NULL), day is a YYYYMMDD number.
const ROWS = [
  { id: 1, n: 10, kind: 'TV', day: 20240105 },
  { id: 2, n: null, kind: 'MOVIE', day: 20231231 },
  { id: 3, n: 30, kind: null, day: 20240220 },
  { id: 4, n: 10, kind: 'OVA', day: null },
  { id: 5, n: 50, kind: 'TV', day: 20240101 },
]
const KINDS = ['TV', 'MOVIE', 'OVA'] as const

let target: TestDatabase
let database: Database
let db: Kysely<any>
const col = (name: string) => sql.ref(`probe.${name}`)
const COLUMNS: FilterColumns = { id: col('id'), n: col('n'), kind: col('kind'), day: col('day') }
const KEYS: Record<string, SortKey> = { N: col('n'), DAY: col('day'), KIND: { column: col('kind'), values: KINDS } }

beforeAll(async () => {
  target = await createTestDatabase()
  database = openDatabase(target.url)
  db = database.db as unknown as Kysely<any>
  await db.schema.createTable('probe').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('n', 'integer').addColumn('kind', 'text').addColumn('day', 'integer').execute()
  await db.insertInto('probe').values(ROWS).execute()
})
afterAll(async () => {
  await database.close()
  await target.drop()
})

/** The ids of the rows matching `args`, in id order. */
async function matching(args: Record<string, unknown>): Promise<number[]> {
  const condition = allOf(columnConditions(args, COLUMNS))
  let q = db.selectFrom('probe').select('id').orderBy('id')
  if (condition) q = q.where(condition)
  return (await q.execute()).map((r) => Number(r.id))
}

async function ordered(sorts: string[]): Promise<number[]> {
  const q = orderedBy(db.selectFrom('probe').select('id'), sortTerms(sorts, KEYS, col('id')))
  return (await q.execute()).map((r) => Number(r.id))
}

describe('filter operators', () => {
  it('equal, _greater and _lesser (strict)', async () => {
    expect(await matching({ n: 10 })).toEqual([1, 4])
    expect(await matching({ n_greater: 10 })).toEqual([3, 5])
    expect(await matching({ n_lesser: 30 })).toEqual([1, 4])
    expect(await matching({ n_greater: 10, n_lesser: 50 })).toEqual([3])
  })

  it('one null policy: an unknown value matches no comparison, _not and _not_in included', async () => {
    expect(await matching({ n_not: 10 })).toEqual([3, 5])
    expect(await matching({ kind_not: 'TV' })).toEqual([2, 4])
    expect(await matching({ kind_not_in: ['TV', 'MOVIE'] })).toEqual([4])
    expect(await matching({ day_lesser: 20240102 })).toEqual([2, 5])
  })

  it('_in keeps any listed value; an empty _in matches nothing, an empty _not_in excludes nothing; null items are ignored', async () => {
    expect(await matching({ kind_in: ['TV', 'OVA'] })).toEqual([1, 4, 5])
    expect(await matching({ id_in: [] })).toEqual([])
    expect(await matching({ id_not_in: [] })).toEqual([1, 2, 3, 4, 5])
    expect(await matching({ id_in: [2, null, 3] })).toEqual([2, 3])
    expect(await matching({ id_not_in: [null] })).toEqual([1, 2, 3, 4, 5])
  })

  it('_like is an SQL LIKE pattern on the value as text (a date by its YYYYMMDD)', async () => {
    expect(await matching({ day_like: '2024%' })).toEqual([1, 3, 5])
    expect(await matching({ day_like: '____01%' })).toEqual([1, 5])
  })

  it('absent and null arguments add no condition', async () => {
    expect(await matching({ n: null, kind: undefined })).toEqual([1, 2, 3, 4, 5])
  })
})

describe('sorts', () => {
  it('ascending and _DESC, unknown values last both ways, ties broken by id', async () => {
    expect(await ordered(['N'])).toEqual([1, 4, 3, 5, 2])
    expect(await ordered(['N_DESC'])).toEqual([5, 3, 1, 4, 2])
    expect(await ordered(['DAY_DESC'])).toEqual([3, 1, 5, 2, 4])
  })

  it('an enum by its declared order, not alphabetically', async () => {
    expect(await ordered(['KIND'])).toEqual([1, 5, 2, 4, 3])
    expect(await ordered(['KIND_DESC'])).toEqual([4, 2, 1, 5, 3])
  })

  it('several sorts in order, and the id alone without any', async () => {
    expect(await ordered(['KIND', 'N_DESC'])).toEqual([5, 1, 2, 4, 3])
    expect(await ordered([])).toEqual([1, 2, 3, 4, 5])
    expect(await ordered(['NOT_A_KEY'])).toEqual([1, 2, 3, 4, 5])
  })

  it('a domain sort answers for itself, and may add nothing', () => {
    const special = (sort: string) => (sort === 'SEARCH_MATCH' ? [] : undefined)
    expect(sortTerms(['SEARCH_MATCH'], KEYS, col('id'), special)).toHaveLength(1)
  })
})

describe('paging', () => {
  it('counts pages from 1, caps perPage at 50 (or the connection\'s own limit), reads sizes below 1 as 1', () => {
    expect(pageWindow(undefined, undefined)).toEqual({ page: 1, perPage: 50, limit: 50, offset: 0 })
    expect(pageWindow(3, 20)).toEqual({ page: 3, perPage: 20, limit: 20, offset: 40 })
    expect(pageWindow(0, 500)).toEqual({ page: 1, perPage: 50, limit: 50, offset: 0 })
    expect(pageWindow(-2, 0)).toMatchObject({ page: 1, perPage: 1 })
    expect(pageWindow(2, 100, 25)).toEqual({ page: 2, perPage: 25, limit: 25, offset: 25 })
  })

  it('pageInfo: lastPage at least 1, hasNextPage while items lie past the page', () => {
    expect(pageInfoOf(0, { page: 1, perPage: 10 })).toEqual({ total: 0, perPage: 10, currentPage: 1, lastPage: 1, hasNextPage: false })
    expect(pageInfoOf(21, { page: 2, perPage: 10 })).toEqual({ total: 21, perPage: 10, currentPage: 2, lastPage: 3, hasNextPage: true })
    expect(pageInfoOf(20, { page: 2, perPage: 10 }).hasNextPage).toBe(false)
    expect(lastPageOf(20, 10)).toBe(2)
  })
})

describe('caps', () => {
  it('refuse a list of more than 500 values, and text past its limit, naming the argument', () => {
    expect(argumentProblem({ id_in: Array.from({ length: MAX_LIST_VALUES + 1 }, (_, i) => i) })).toBe('id_in accepts at most 500 values.')
    expect(argumentProblem({ search: 'x'.repeat(201) })).toBe('search accepts at most 200 characters.')
    expect(argumentProblem({ startDate_like: '%'.repeat(33) })).toBe('startDate_like accepts at most 32 characters.')
    expect(argumentProblem({ genre_in: ['x'.repeat(201)] })).toBe('genre_in accepts values of at most 200 characters.')
    expect(argumentProblem({ notes: 'x'.repeat(300) }, { text: 200, byName: { notes: 10_000 } })).toBeNull()
    expect(argumentProblem({ id_in: [1, 2], search: 'frieren' })).toBeNull()
  })

  it('answer with a 400 InvalidArgumentError', () => {
    expect(() => checkArguments({ search: 'x'.repeat(201) })).toThrow(InvalidArgumentError)
  })
})
