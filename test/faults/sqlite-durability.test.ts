/**
 * SQLite's durability setting: WAL with synchronous=NORMAL by default (no commit lost when the process
 * dies; the last ones may roll back on power loss), FULL when SQLITE_SYNCHRONOUS=full asks for commits
 * that survive power loss too, at an fsync per commit.
 */
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/app/config.js'
import { openDatabase, type Database } from '../../src/storage/db.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { tempDir } from '../helpers/cli.js'

let tmp: ReturnType<typeof tempDir> | undefined
let opened: Database | undefined
let server: TestServer | undefined
afterEach(async () => {
  await opened?.close()
  await server?.app.close()
  tmp?.remove()
  opened = server = tmp = undefined
})

// SQLite's numbers for PRAGMA synchronous.
const NORMAL = 1
const FULL = 2

async function pragmas(database: Database): Promise<{ journal: string; synchronous: number }> {
  const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db)
  const synchronous = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db)
  return { journal: journal.rows[0]!.journal_mode, synchronous: synchronous.rows[0]!.synchronous }
}

describe('SQLITE_SYNCHRONOUS', () => {
  it('is normal unless set; full and normal are accepted in any case', () => {
    expect(loadConfig({}, {}).sqliteSynchronous).toBe('normal')
    expect(loadConfig({}, { SQLITE_SYNCHRONOUS: 'FULL' }).sqliteSynchronous).toBe('full')
    expect(loadConfig({}, { SQLITE_SYNCHRONOUS: 'normal' }).sqliteSynchronous).toBe('normal')
  })

  it('refuses any other value with an error that names the setting and the choices', () => {
    for (const value of ['off', 'extra', '2', ' ', 'fullest']) {
      expect(() => loadConfig({}, { SQLITE_SYNCHRONOUS: value }), value).toThrow(ConfigError)
      expect(() => loadConfig({}, { SQLITE_SYNCHRONOUS: value }), value).toThrow(/SQLITE_SYNCHRONOUS.*normal.*full/)
    }
  })
})

describe('a SQLite file database', () => {
  it('opens in WAL mode with synchronous=NORMAL by default', async () => {
    tmp = tempDir()
    opened = openDatabase(`sqlite:${tmp.file('kiroku.db')}`)
    expect(await pragmas(opened)).toEqual({ journal: 'wal', synchronous: NORMAL })
  })

  it('opens with synchronous=FULL when asked', async () => {
    tmp = tempDir()
    opened = openDatabase(`sqlite:${tmp.file('kiroku.db')}`, { sqliteSynchronous: 'full' })
    expect(await pragmas(opened)).toEqual({ journal: 'wal', synchronous: FULL })
  })

  it('the server passes SQLITE_SYNCHRONOUS on to its database', async () => {
    tmp = tempDir()
    server = await testServer({ databaseUrl: `sqlite:${tmp.file('kiroku.db')}` }, { SQLITE_SYNCHRONOUS: 'full' })
    expect(await pragmas(server.app.kiroku.database)).toEqual({ journal: 'wal', synchronous: FULL })
  })
})
