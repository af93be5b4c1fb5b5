/**
 * What a database holds, read from the database itself (never from a list kept in code, so that a
 * table added by a later migration is seen without anyone updating this file): its tables, their
 * columns and primary keys, the foreign keys between them, and the columns the database numbers
 * itself. SQLite answers from sqlite_master and its pragmas; PostgreSQL from pg_catalog, limited to
 * the current schema (the first of the search_path), which is where Kiroku's migrations create tables.
 */
import { sql, type Kysely } from 'kysely'
import type { DialectName } from './db.js'

export interface TableShape {
  name: string
  /** Column names in table order. */
  columns: string[]
  /** Primary key columns in key order; empty when the table has none. */
  primaryKey: string[]
  /** Tables this one's foreign keys point at (itself excluded). */
  references: string[]
  /** The column whose values the database generates (identity, serial, AUTOINCREMENT), if any. */
  generatedColumn: string | null
}

type Db = Kysely<any>

/** Every table of the database, by name. */
export async function describeTables(db: Db, dialect: DialectName): Promise<Map<string, TableShape>> {
  return dialect === 'postgres' ? describePostgres(db) : describeSqlite(db)
}

async function describeSqlite(db: Db): Promise<Map<string, TableShape>> {
  const tables = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`.execute(db)
  const shapes = new Map<string, TableShape>()
  for (const { name, sql: ddl } of tables.rows) {
    const columns = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${name}) order by cid`.execute(db)
    const keys = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db)
    const primaryKey = columns.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name)
    // Only AUTOINCREMENT keeps a counter (sqlite_sequence) that must carry over; a plain INTEGER
    // PRIMARY KEY takes the next free value anyway.
    const autoincrement = /\bautoincrement\b/i.test(ddl ?? '') && primaryKey.length === 1
    shapes.set(name, {
      name,
      columns: columns.rows.map((c) => c.name),
      primaryKey,
      references: [...new Set(keys.rows.map((k) => k.table))].filter((t) => t !== name).sort(),
      generatedColumn: autoincrement ? primaryKey[0]! : null,
    })
  }
  return shapes
}

async function describePostgres(db: Db): Promise<Map<string, TableShape>> {
  const columns = await sql<{ table_name: string; column_name: string; generated: boolean }>`
    select c.relname as table_name, a.attname as column_name,
           (a.attidentity in ('a', 'd') or coalesce(pg_get_expr(d.adbin, d.adrelid), '') like 'nextval(%') as generated
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`.execute(db)
  const keys = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum = any(con.conkey)
    where con.contype = 'p' and n.nspname = current_schema()
    order by c.relname, array_position(con.conkey, a.attnum)`.execute(db)
  const references = await sql<{ table_name: string; referenced: string }>`
    select distinct c.relname as table_name, r.relname as referenced
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_class r on r.oid = con.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where con.contype = 'f' and n.nspname = current_schema()`.execute(db)

  const shapes = new Map<string, TableShape>()
  for (const row of columns.rows) {
    let shape = shapes.get(row.table_name)
    if (!shape) shapes.set(row.table_name, (shape = { name: row.table_name, columns: [], primaryKey: [], references: [], generatedColumn: null }))
    shape.columns.push(row.column_name)
    if (row.generated) shape.generatedColumn = row.column_name
  }
  for (const row of keys.rows) shapes.get(row.table_name)?.primaryKey.push(row.column_name)
  for (const row of references.rows) {
    const shape = shapes.get(row.table_name)
    if (shape && row.referenced !== row.table_name) shape.references.push(row.referenced)
  }
  for (const shape of shapes.values()) shape.references.sort()
  return new Map([...shapes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * The tables in an order where each comes after every table it references (parents before children),
 * ties broken by name so that the order is the same on every run. Throws on a cycle.
 */
export function foreignKeyOrder(tables: Map<string, TableShape>): TableShape[] {
  const ordered: TableShape[] = []
  const placed = new Set<string>()
  const pending = [...tables.values()].sort((a, b) => (a.name < b.name ? -1 : 1))
  while (pending.length > 0) {
    const ready = pending.findIndex((t) => t.references.every((r) => placed.has(r) || !tables.has(r)))
    if (ready < 0) throw new Error(`the foreign keys between ${pending.map((t) => t.name).join(', ')} form a cycle: no order can copy them`)
    const [table] = pending.splice(ready, 1)
    ordered.push(table!)
    placed.add(table!.name)
  }
  return ordered
}

/**
 * The value the database will give the next generated id of `table`, as its own counter says (not
 * the largest id present: rows deleted at the end leave the counter ahead). Null when it has none.
 */
export async function nextGeneratedId(db: Db, dialect: DialectName, table: TableShape): Promise<number | null> {
  if (!table.generatedColumn) return null
  if (dialect === 'sqlite') {
    const hasSequence = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'sqlite_sequence'`.execute(db)
    if (Number(hasSequence.rows[0]?.n) === 0) return null
    const row = await sql<{ seq: number }>`select seq from sqlite_sequence where name = ${table.name}`.execute(db)
    return row.rows[0] ? Number(row.rows[0].seq) + 1 : null
  }
  const sequence = await sql<{ name: string | null }>`select pg_get_serial_sequence(quote_ident(${table.name}), ${table.generatedColumn}) as name`.execute(db)
  const name = sequence.rows[0]?.name
  if (!name) return null
  const state = await sql<{ last_value: number; is_called: boolean }>`select last_value, is_called from ${sql.raw(name)}`.execute(db)
  const row = state.rows[0]
  if (!row) return null
  return row.is_called ? Number(row.last_value) + 1 : Number(row.last_value)
}

/** Makes the database's counter for `table` hand out `next` as the next generated id. */
export async function setNextGeneratedId(db: Db, dialect: DialectName, table: TableShape, next: number): Promise<void> {
  if (!table.generatedColumn) return
  if (dialect === 'sqlite') {
    // sqlite_sequence holds the last id used; an ordinary table that SQLite lets programs edit.
    await sql`delete from sqlite_sequence where name = ${table.name}`.execute(db)
    if (next > 1) await sql`insert into sqlite_sequence (name, seq) values (${table.name}, ${next - 1})`.execute(db)
    return
  }
  await sql`select setval(pg_get_serial_sequence(quote_ident(${table.name}), ${table.generatedColumn}), ${next}, false)`.execute(db)
}
