import fs from 'node:fs'
import SQLite from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DatabaseUnavailableError, isDatabaseUnavailable } from '../../src/errors/database-unavailable.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { tempDir } from '../helpers/cli.js'
import { codeGrantSetup, refresh } from '../helpers/oauth.js'
import { TEST_DIALECT } from '../helpers/database.js'

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('isDatabaseUnavailable', () => {
  it('recognises connection failures, however deeply wrapped', () => {
    const unavailable = [
      new DatabaseUnavailableError(new Error('anything')),
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('sorry, too many clients already', '53300'),
      withCode('database is locked', 'SQLITE_BUSY'),
      new Error('Connection terminated unexpectedly'),
      new Error('query failed', { cause: new Error('outer', { cause: withCode('read ECONNRESET', 'ECONNRESET') }) }),
    ]
    for (const error of unavailable) expect(isDatabaseUnavailable(error), error.message).toBe(true)
  })

  it('leaves every other failure alone: those are bugs, answered 500', () => {
    const others = [
      withCode('duplicate key value violates unique constraint', '23505'),
      withCode('syntax error at or near "selec"', '42601'),
      withCode('relation "nope" does not exist', '42P01'),
      withCode('UNIQUE constraint failed: users.name_key', 'SQLITE_CONSTRAINT_UNIQUE'),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      'a string',
      null,
    ]
    for (const error of others) expect(isDatabaseUnavailable(error), String(error)).toBe(false)
  })
})

describe.runIf(TEST_DIALECT === 'sqlite')('a SQLite database locked by another process', () => {
  let tmp: ReturnType<typeof tempDir>
  let server: TestServer | undefined
  let holder: SQLite.Database | undefined
  afterEach(async () => {
    holder?.close()
    await server?.app.close()
    tmp.remove()
  })

  it('beyond the busy timeout, a write gets 503 temporarily_unavailable, and works again once the lock is gone', async () => {
    tmp = tempDir()
    const file = tmp.file('kiroku.db')
    server = await testServer({ databaseUrl: `sqlite:${file}` })
    const { creds, tokens } = await codeGrantSetup(server.app)
    expect(fs.existsSync(file)).toBe(true)
    // Another process (here, another connection) holds the write lock: a long VACUUM, a stuck script.
    holder = new SQLite(file)
    holder.exec('BEGIN IMMEDIATE')
    const refused = await refresh(server.app, creds, tokens.refresh_token)
    expect(refused.statusCode).toBe(503)
    expect(refused.json()).toMatchObject({ error: 'temporarily_unavailable' })
    expect(refused.headers['retry-after']).toBe('5')
    holder.exec('ROLLBACK')
    expect((await refresh(server.app, creds, tokens.refresh_token)).statusCode).toBe(200)
  })
})
