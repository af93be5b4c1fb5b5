import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { openDatabase, type Database } from '../../src/storage/db.js'
import { migrateToLatest, migrationStatus } from '../../src/storage/migrate.js'
import { migrations } from '../../src/storage/migrations/index.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A database URL that several handles can share: a file for SQLite, a schema for PostgreSQL. */
async function sharedUrl(): Promise<string> {
  if (TEST_DIALECT === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-migrate-'))
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
    return `sqlite:${path.join(dir, 'db.sqlite')}`
  }
  const database = await createTestDatabase()
  cleanups.push(database.drop)
  return database.url
}

function open(url: string): Database {
  const database = openDatabase(url)
  cleanups.push(() => database.close())
  return database
}

describe(`migrations on ${TEST_DIALECT}`, () => {
  it('applies every migration once, in order, and nothing on a second run', async () => {
    const database = open(await sharedUrl())
    const before = await migrationStatus(database)
    expect(before.map((m) => m.name)).toEqual(Object.keys(migrations))
    expect(before.every((m) => m.appliedAt === null)).toBe(true)
    expect(await migrateToLatest(database)).toEqual(Object.keys(migrations))
    expect(await migrateToLatest(database)).toEqual([])
    expect((await migrationStatus(database)).every((m) => typeof m.appliedAt === 'number')).toBe(true)
  })

  // On PostgreSQL several instances share one database. (SQLite is one instance's own file; its
  // BEGIN IMMEDIATE waits out another process, but in-process handles would block the event loop.)
  it.runIf(TEST_DIALECT === 'postgres')('several instances starting at once apply each migration exactly once', async () => {
    const url = await sharedUrl()
    const handles = [open(url), open(url), open(url), open(url)]
    const results = await Promise.all(handles.map((h) => migrateToLatest(h)))
    const applied = results.flat()
    expect(applied.sort()).toEqual(Object.keys(migrations).sort())
    const rows = await handles[0]!.db.selectFrom('kiroku_migrations' as never).selectAll().execute()
    expect(rows).toHaveLength(Object.keys(migrations).length)
  })

  it('rolls back a failing migration entirely', async () => {
    const database = open(await sharedUrl())
    const name = '9999_broken_for_test'
    ;(migrations as Record<string, unknown>)[name] = {
      up: async (db: import('kysely').Kysely<any>) => {
        await db.schema.createTable('half_done').addColumn('x', 'integer').execute()
        throw new Error('boom')
      },
    }
    cleanups.push(() => void delete (migrations as Record<string, unknown>)[name])
    await expect(migrateToLatest(database)).rejects.toThrow(/database migration failed: boom/)
    const status = await migrationStatus(database)
    expect(status.every((m) => m.appliedAt === null)).toBe(true)
    for (const table of ['half_done', 'users']) {
      await expect(sql.raw(`select count(*) from ${table}`).execute(database.db)).rejects.toThrow(/no such table|does not exist/)
    }
  })
})
