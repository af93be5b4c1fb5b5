import { describe, expect, it, vi } from 'vitest'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { withStatementCache } from '../../src/storage/statement-cache.js'

interface Db { items: { id: number; label: string } }

function open(capacity?: number) {
  const sqlite = new SQLite(':memory:')
  const prepare = vi.spyOn(sqlite, 'prepare')
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, capacity) }) })
  return { sqlite, prepare, db }
}

async function seed(db: Kysely<Db>, n: number) {
  await sql`create table items (id integer primary key, label text not null)`.execute(db)
  for (let i = 1; i <= n; i++) await db.insertInto('items').values({ id: i, label: `item ${i}` }).execute()
}

describe('the SQLite statement cache', () => {
  it('prepares a repeated SQL text once and answers each run with its own parameters', async () => {
    const { db, prepare } = open()
    await seed(db, 5)
    prepare.mockClear()
    const labels = []
    for (const id of [1, 2, 3, 2]) labels.push((await db.selectFrom('items').select('label').where('id', '=', id).executeTakeFirst())?.label)
    expect(labels).toEqual(['item 1', 'item 2', 'item 3', 'item 2'])
    expect(prepare).toHaveBeenCalledTimes(1)
    await db.destroy()
  })

  it('gives a text whose kept statement is still stepping through rows a statement of its own', async () => {
    // Kysely holds SQLite's one connection while it streams, so only a caller of the wrapper itself
    // can ask while a kept statement is busy: it must still get a working statement.
    const sqlite = new SQLite(':memory:')
    sqlite.exec("create table items (id integer primary key); insert into items values (1), (2), (3)")
    const cached = withStatementCache(sqlite)
    const text = 'select id from items order by id'
    const outer: number[] = []
    const inner: unknown[] = []
    for (const row of (cached.prepare(text) as unknown as SQLite.Statement).iterate() as Iterable<{ id: number }>) {
      outer.push(row.id)
      inner.push(cached.prepare(text).all([]))
    }
    expect(outer).toEqual([1, 2, 3])
    expect(inner).toEqual(Array(3).fill([{ id: 1 }, { id: 2 }, { id: 3 }]))
    cached.close()
  })

  it('keeps at most its capacity of statements, forgetting the least recently used', async () => {
    const { db, prepare } = open(2)
    await seed(db, 3)
    const byId = (id: number) => db.selectFrom('items').select('label').where('id', '=', id)
    const byLabel = (label: string) => db.selectFrom('items').select('id').where('label', '=', label)
    const count = () => db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n'))
    prepare.mockClear()
    await byId(1).execute()
    await byLabel('item 1').execute()
    await byId(2).execute() // kept
    await count().execute() // pushes out byLabel's text, the least recently used
    await byId(3).execute() // still kept
    await byLabel('item 2').execute() // prepared again
    expect(prepare).toHaveBeenCalledTimes(4)
    await db.destroy()
  })

  it('follows a schema change made after a statement was kept', async () => {
    const { db } = open()
    await seed(db, 1)
    const all = () => sql<Record<string, unknown>>`select * from items`.execute(db)
    expect((await all()).rows).toEqual([{ id: 1, label: 'item 1' }])
    await sql`alter table items add column note text not null default 'n'`.execute(db)
    expect((await all()).rows).toEqual([{ id: 1, label: 'item 1', note: 'n' }])
    await db.destroy()
  })

  it('closes the database with the dialect', async () => {
    const { db, sqlite } = open()
    await seed(db, 1)
    await db.destroy()
    expect(sqlite.open).toBe(false)
  })
})
