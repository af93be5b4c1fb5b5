import { describe, expect, it, vi } from 'vitest'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import { WIDE_ROW_COLUMNS, withStatementCache } from '../../src/storage/statement-cache.js'

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

  describe('rows of many columns', () => {
    // Wide enough to be built from arrays; names that need quoting as keys, and a repeated one.
    const names = Array.from({ length: WIDE_ROW_COLUMNS + 2 }, (_, i) => `c${i}`)
    names[1] = 'it\'s "quoted"'
    const create = `create table wide (${names.map((n) => `"${n.replace(/"/g, '""')}" text`).join(', ')})`
    const insert = (sqlite: SQLite.Database, row: number) =>
      sqlite.prepare(`insert into wide values (${names.map(() => '?').join(', ')})`).run(...names.map((_, i) => (i === 3 ? null : i === 4 ? row * 1.5 : `${row}:${i}`)))

    function both() {
      const plain = new SQLite(':memory:')
      plain.exec(create)
      const cachedFile = new SQLite(':memory:')
      cachedFile.exec(create)
      for (const db of [plain, cachedFile]) for (let r = 0; r < 5; r++) insert(db, r)
      return { plain, cachedFile, cached: withStatementCache(cachedFile) }
    }

    it('come back as better-sqlite3 builds them, values, nulls, odd names and repeated columns alike', () => {
      const { plain, cached } = both()
      for (const text of ['select * from wide order by rowid', 'select *, c0 as c2 from wide where c0 = ?']) {
        const params = text.includes('?') ? ['3:0'] : []
        const expected = plain.prepare(text).all(...params)
        expect(cached.prepare(text).all(params)).toEqual(expected)
        expect(cached.prepare(text).all(params)).toEqual(expected) // the kept statement, run again
        expect(JSON.stringify(cached.prepare(text).all(params))).toBe(JSON.stringify(expected)) // key order too
      }
      expect(cached.prepare('select * from wide where c0 = ?').all(['none'])).toEqual([])
    })

    it('follow columns added or renamed after the statement was kept', () => {
      const { cachedFile, cached } = both()
      const text = 'select * from wide where c0 = ?'
      expect(Object.keys(cached.prepare(text).all(['0:0'])[0] as object)).toHaveLength(names.length)
      cachedFile.exec("alter table wide add column extra text not null default 'x'")
      expect(cached.prepare(text).all(['0:0'])[0]).toMatchObject({ extra: 'x', c0: '0:0' })
      cachedFile.exec('alter table wide rename column c2 to renamed')
      const row = cached.prepare(text).all(['0:0'])[0] as Record<string, unknown>
      expect(row.renamed).toBe('0:2')
      expect(row).not.toHaveProperty('c2')
    })

    it('are streamed as objects too', () => {
      const { plain, cached } = both()
      const text = 'select * from wide order by rowid'
      const streamed = [...((cached.prepare(text) as unknown as { iterate(p: unknown[]): Iterable<unknown> }).iterate([]))]
      expect(streamed).toEqual(plain.prepare(text).all())
    })

    it('still write through run', () => {
      const { cached, cachedFile } = both()
      const result = cached.prepare('delete from wide where c0 = ?').run(['1:0'])
      expect(result.changes).toBe(1)
      expect(cachedFile.prepare('select count(*) as n from wide').get()).toEqual({ n: 4 })
    })
  })
})
