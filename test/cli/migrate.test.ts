import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sql, type Kysely } from 'kysely'
import SQLite from 'better-sqlite3'
import { openDatabase } from '../../src/storage/db.js'
import { migrations } from '../../src/storage/migrations/index.js'
import { runCli, tempDir } from '../helpers/cli.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'

const ONE_LINE_ERROR = /^kiroku: [^\n]+\n$/
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/
const names = Object.keys(migrations)

let tmp: ReturnType<typeof tempDir>
let url: string
let drop: () => Promise<void>
beforeEach(async () => {
  tmp = tempDir()
  vi.stubEnv('DATABASE_URL', undefined)
  // A database both the CLI and the test can open: a file for SQLite, a private schema for PostgreSQL.
  if (TEST_DIALECT === 'sqlite') {
    url = `sqlite:${tmp.file('kiroku.db')}`
    drop = async () => {}
  } else {
    const database = await createTestDatabase()
    url = database.url
    drop = database.drop
  }
})
afterEach(async () => {
  vi.unstubAllEnvs()
  tmp.remove()
  await drop()
})

const lines = (out: string) => out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line))

describe(`kiroku migrate on ${TEST_DIALECT}`, () => {
  it('status on an empty database lists every migration as pending, in order', async () => {
    // (A SQLite file that does not exist is refused, not created: read-only.test.ts.)
    if (TEST_DIALECT === 'sqlite') new SQLite(tmp.file('kiroku.db')).close()
    const run = await runCli(['migrate', 'status', '--database', url])
    expect(run.code).toBe(0)
    expect(run.err).toBe('')
    expect(lines(run.out)).toEqual(names.map((name) => ({ name, state: 'pending', appliedAt: null })))
  })

  it('up applies every pending migration once and prints each; a second up applies nothing', async () => {
    const first = await runCli(['migrate', 'up', '--database', url])
    expect(first.code).toBe(0)
    const applied = lines(first.out)
    expect(applied.map((line) => line.name)).toEqual(names)
    for (const line of applied) expect(line.appliedAt).toMatch(ISO)
    expect(first.err).toBe(`Applied ${names.length} migrations: the database is up to date.\n`)

    const status = await runCli(['migrate', 'status', '--database', url])
    expect(lines(status.out)).toEqual(applied.map((line) => ({ ...line, state: 'applied' })))

    const again = await runCli(['migrate', 'up', '--database', url])
    expect(again).toEqual({ code: 0, out: '', err: 'Nothing to apply: the database is up to date.\n' })
    // The schema is really there: the first table of the first migration answers.
    const database = openDatabase(url)
    try {
      await expect(sql`select count(*) as n from users`.execute(database.db)).resolves.toBeTruthy()
    } finally {
      await database.close()
    }
  })

  it('up applies only what is pending; status shows a migration applied by a newer Kiroku as unknown', async () => {
    expect((await runCli(['migrate', 'up', '--database', url])).code).toBe(0)
    // A release later: one more migration in this version, and one the database got from a newer one.
    const added = '9998_added_for_test'
    ;(migrations as Record<string, unknown>)[added] = {
      up: async (db: Kysely<any>) => db.schema.createTable('added_for_test').addColumn('x', 'integer').execute(),
    }
    try {
      const database = openDatabase(url)
      try {
        await sql`insert into kiroku_migrations (name, applied_at) values (${'9999_from_the_future'}, ${1_750_000_000})`.execute(database.db)
      } finally {
        await database.close()
      }
      const up = await runCli(['migrate', 'up', '--database', url])
      expect(up.code).toBe(0)
      expect(lines(up.out).map((line) => line.name)).toEqual([added])
      expect(up.err).toBe('Applied 1 migration: the database is up to date.\n')

      const status = lines((await runCli(['migrate', 'status', '--database', url])).out)
      expect(status.map((line) => [line.name, line.state])).toEqual([...names.map((name) => [name, 'applied']), [added, 'applied'], ['9999_from_the_future', 'unknown']])
      expect(status.at(-1).appliedAt).toBe('2025-06-15T15:06:40.000Z')
    } finally {
      delete (migrations as Record<string, unknown>)[added]
    }
  })

  it('reads DATABASE_URL when --database is absent', async () => {
    vi.stubEnv('DATABASE_URL', url)
    const run = await runCli(['migrate', 'up'])
    expect(run.code).toBe(0)
    expect(lines(run.out)).toHaveLength(names.length)
  })
})

describe('kiroku migrate errors and help', () => {
  it('a database URL of an unsupported kind is a one-line error that hides the password', async () => {
    for (const sub of ['up', 'status']) {
      const run = await runCli(['migrate', sub, '--database', 'mysql://root:hunter2@db.example/kiroku'])
      expect(run.code).toBe(1)
      expect(run.out).toBe('')
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err).toContain('unsupported database URL')
      expect(run.err).not.toContain('hunter2')
    }
  })

  it('kiroku migrate alone prints its help on stderr and exits non-zero', async () => {
    const run = await runCli(['migrate'])
    expect(run.code).not.toBe(0)
    expect(run.err).toContain('Usage: kiroku migrate')
  })

  const helps: Array<[string[], string[]]> = [
    [['migrate'], ['up', 'status']],
    [['migrate', 'up'], ['--database <url>', 'appliedAt']],
    [['migrate', 'status'], ['--database <url>', 'pending', 'unknown']],
  ]
  for (const [command, mentions] of helps) {
    it(`kiroku ${command.join(' ')} --help exits 0 and mentions ${mentions.join(', ')}`, async () => {
      const run = await runCli([...command, '--help'])
      expect(run.code).toBe(0)
      expect(run.out).toContain(`Usage: kiroku ${command.join(' ')}`)
      for (const mention of mentions) expect(run.out).toContain(mention)
    })
  }
})
