/**
 * Moving a whole installation from one database to another (SQLite to PostgreSQL when a community
 * outgrows one machine, or back): every row of every table, ids included, so that users, clients
 * and their secrets, tokens, sessions and signing keys all stay valid.
 *
 * The target is migrated first and must then be at exactly the source's migration level, so both
 * have the same tables and columns. The tables are found in the source itself (any table a later
 * migration adds is copied without a change here), and copied parents before children along their
 * foreign keys, in batches, all inside one transaction on the target: a failure leaves it as it was.
 * The source is read inside one transaction too, so a server still writing to it cannot tear the copy.
 * Finally the target's id counters are moved past the copied ids, so new rows get fresh ones.
 * (A table whose foreign key points at itself needs its rows in parent-first order too: Kiroku's one,
 * forum_comments, gets it from primary-key order, as a reply is always written after its parent.)
 */
import { KirokuError } from '../errors/kiroku-error.js'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from './db.js'
import { MIGRATIONS_TABLE, migrateToLatest } from './migrate.js'
import { describeTables, foreignKeyOrder, nextGeneratedId, setNextGeneratedId, type TableShape } from './introspect.js'

/** A copy that cannot start: the message says why and what to do. */
export class CopyRefusedError extends KirokuError {
  readonly code = 'copy_refused'
}

export interface CopyOptions {
  /** Delete every row the target holds before copying, instead of refusing a target that has any. */
  emptyTarget?: boolean
  /** Most rows per batch (default 500, fewer for wide tables); tests make it small to cross batches. */
  batchRows?: number
  /** Called after each batch with the table, rows copied so far and its total. */
  onProgress?: (table: string, done: number, total: number) => void
}

export interface CopyReport {
  /** Rows copied per table, in the order they were copied. */
  tables: Array<{ name: string; rows: number }>
}

// Most bound parameters per INSERT: below SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS = 30_000
const MAX_BATCH_ROWS = 500

type Db = Kysely<any>

/** Copies every table of `source` into `target` (see the module comment); resolves to what was copied. */
export async function copyDatabase(source: Database, target: Database, options: CopyOptions = {}): Promise<CopyReport> {
  const sourceTables = await describeTables(source.db, source.dialect)
  if (!sourceTables.has(MIGRATIONS_TABLE)) throw new CopyRefusedError(`the source (${source.describe}) is not a Kiroku database: it has no ${MIGRATIONS_TABLE} table`)
  await migrateToLatest(target)
  await checkSameMigrations(source, target)
  sourceTables.delete(MIGRATIONS_TABLE)
  const targetTables = await describeTables(target.db, target.dialect)
  targetTables.delete(MIGRATIONS_TABLE)
  checkSameShape(sourceTables, targetTables)
  const order = foreignKeyOrder(sourceTables)

  // PostgreSQL's default isolation would let each batch see rows committed meanwhile; SQLite's read
  // transaction is one snapshot already.
  const reading = source.dialect === 'postgres' ? source.db.transaction().setIsolationLevel('repeatable read') : source.db.transaction()
  return reading.execute(async (from) =>
    target.db.transaction().execute(async (to) => {
      await prepareTarget(to, order, options.emptyTarget === true, target.describe)
      const tables: CopyReport['tables'] = []
      for (const table of order) {
        const total = await countRows(from, table.name)
        const copied = await copyTable(from, to, table, total, options)
        const landed = await countRows(to, table.name)
        if (copied !== total || landed !== total) throw new Error(`copying ${table.name}: ${total} rows in the source, ${copied} read, ${landed} in the target`)
        tables.push({ name: table.name, rows: total })
      }
      for (const table of order) await carryIdCounter(from, to, source, target, targetTables.get(table.name)!, table)
      return { tables }
    }),
  )
}

async function appliedNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom(MIGRATIONS_TABLE).select('name').orderBy('name').execute()
  return rows.map((r) => r.name as string)
}

async function checkSameMigrations(source: Database, target: Database): Promise<void> {
  const fromSource = await appliedNames(source.db as Db)
  const inTarget = await appliedNames(target.db as Db)
  const missingInSource = inTarget.filter((name) => !fromSource.includes(name))
  const unknownToTarget = fromSource.filter((name) => !inTarget.includes(name))
  if (unknownToTarget.length > 0) {
    throw new CopyRefusedError(`the source has migrations this Kiroku does not know (${unknownToTarget.join(', ')}): copy with the Kiroku version that made it`)
  }
  if (missingInSource.length > 0) {
    throw new CopyRefusedError(`the source is at an older migration level (missing ${missingInSource.join(', ')}): run \`kiroku migrate up --database <source>\` first`)
  }
}

function checkSameShape(source: Map<string, TableShape>, target: Map<string, TableShape>): void {
  const onlySource = [...source.keys()].filter((t) => !target.has(t))
  const onlyTarget = [...target.keys()].filter((t) => !source.has(t))
  if (onlySource.length > 0 || onlyTarget.length > 0) {
    throw new CopyRefusedError(`the databases differ in tables (only in the source: ${onlySource.join(', ') || 'none'}; only in the target: ${onlyTarget.join(', ') || 'none'})`)
  }
  for (const [name, shape] of source) {
    const other = target.get(name)!
    const missing = shape.columns.filter((c) => !other.columns.includes(c))
    const extra = other.columns.filter((c) => !shape.columns.includes(c))
    if (missing.length > 0 || extra.length > 0) {
      throw new CopyRefusedError(`table ${name} differs (columns only in the source: ${missing.join(', ') || 'none'}; only in the target: ${extra.join(', ') || 'none'})`)
    }
  }
}

async function countRows(db: Db, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Refuses a target that holds rows, or empties it (children first) when asked to. */
async function prepareTarget(to: Transaction<any>, order: TableShape[], empty: boolean, describe: string): Promise<void> {
  const occupied: string[] = []
  for (const table of order) {
    const rows = await countRows(to, table.name)
    if (rows > 0) occupied.push(`${table.name} (${rows})`)
  }
  if (occupied.length === 0) return
  if (!empty) throw new CopyRefusedError(`the target (${describe}) already holds rows in ${occupied.join(', ')}: copy into an empty database, or add --force-empty-target to delete them first`)
  for (const table of [...order].reverse()) await to.deleteFrom(table.name).execute()
}

/** Copies one table in batches, walking its primary key (or, without one, every column in order). */
async function copyTable(from: Db, to: Db, table: TableShape, total: number, { batchRows = MAX_BATCH_ROWS, onProgress }: CopyOptions): Promise<number> {
  const batch = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMETERS / table.columns.length)))
  const key = table.primaryKey
  let done = 0
  let after: unknown[] | null = null
  onProgress?.(table.name, 0, total)
  for (;;) {
    let query = from.selectFrom(table.name).select(table.columns).limit(batch)
    if (key.length > 0) {
      // Keyset pagination: each batch starts after the last key of the one before, whatever the size.
      if (after) query = query.where(sql<boolean>`(${sql.join(key.map((c) => sql.ref(c)))}) > (${sql.join(after)})`)
      for (const column of key) query = query.orderBy(column)
    } else {
      for (const column of table.columns) query = query.orderBy(column)
      query = query.offset(done)
    }
    const rows = (await query.execute()) as Array<Record<string, unknown>>
    if (rows.length === 0) break
    await to.insertInto(table.name).values(rows).execute()
    done += rows.length
    onProgress?.(table.name, done, total)
    const last = rows[rows.length - 1]!
    after = key.map((c) => last[c])
    if (rows.length < batch) break
  }
  return done
}

/** Moves the target's id counter for a table past every copied id, and past the source's own counter. */
async function carryIdCounter(from: Db, to: Db, source: Database, target: Database, targetShape: TableShape, sourceShape: TableShape): Promise<void> {
  const column = targetShape.generatedColumn
  if (!column) return
  const max = await to.selectFrom(targetShape.name).select((eb) => eb.fn.max(column).as('max')).executeTakeFirst()
  const afterCopied = Number(max?.max ?? 0) + 1
  const sourceNext = (await nextGeneratedId(from, source.dialect, sourceShape)) ?? 1
  await setNextGeneratedId(to, target.dialect, targetShape, Math.max(afterCopied, sourceNext))
}
