/**
 * Read-only commands (`keys list`, `migrate status`, and `copy`'s source) never create a database:
 * a mistyped path gets a one-line error naming it and a non-zero exit, and nothing appears on disk.
 * A PostgreSQL database that does not exist is named just as plainly.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli, tempDir } from '../helpers/cli.js'
import { TEST_DIALECT } from '../helpers/database.js'

const ONCE = TEST_DIALECT === 'sqlite'
const READ_ONLY = [['keys', 'list'], ['migrate', 'status']]

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
  vi.stubEnv('DATABASE_URL', undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  tmp.remove()
})

/** Every file and folder under the temporary directory. */
const everything = () => fs.readdirSync(tmp.dir, { recursive: true })

describe.runIf(ONCE)('read-only commands on a SQLite path with no database', () => {
  it.each(READ_ONLY)('%s %s refuses a missing file in missing folders, creating neither', async (...command) => {
    const file = path.join(tmp.dir, 'typo', 'deeper', 'kiroku.db')
    for (const url of [`sqlite:${file}`, file, `sqlite://${file}`]) {
      const run = await runCli([...command, '--database', url])
      expect(run.code).toBe(1)
      expect(run.out).toBe('')
      expect(run.err).toBe(`kiroku: there is no database at ${file}: check --database or DATABASE_URL (serve and migrate up create one)\n`)
    }
    expect(everything()).toEqual([])
  })

  it.each(READ_ONLY)('%s %s refuses a missing file in an existing folder, and reads DATABASE_URL the same way', async (...command) => {
    const file = tmp.file('kiroku.db')
    vi.stubEnv('DATABASE_URL', `sqlite:${file}`)
    const run = await runCli(command)
    expect(run.code).toBe(1)
    expect(run.err).toMatch(new RegExp(`^kiroku: there is no database at ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [^\\n]+\\n$`))
    expect(everything()).toEqual([])
  })

  it('keys list and migrate status still read an existing database', async () => {
    const url = `sqlite:${tmp.file('kiroku.db')}`
    expect((await runCli(['migrate', 'up', '--database', url])).code).toBe(0)
    const status = await runCli(['migrate', 'status', '--database', url])
    expect(status.code).toBe(0)
    expect(status.out).toMatch(/"state":"applied"/)
    expect(await runCli(['keys', 'list', '--database', url])).toEqual({ code: 0, out: '', err: '' })
  })

  it('keys list on an existing file that holds no Kiroku tables says so, and adds none', async () => {
    const file = tmp.file('empty.db')
    fs.writeFileSync(file, '')
    const run = await runCli(['keys', 'list', '--database', `sqlite:${file}`])
    expect(run.code).toBe(1)
    expect(run.err).toBe(`kiroku: ${file} holds no Kiroku tables yet: run kiroku migrate up (or serve) first\n`)
    expect(fs.statSync(file).size).toBe(0)
  })

  it('copy refuses a missing source without creating it', async () => {
    const from = path.join(tmp.dir, 'nowhere', 'kiroku.db')
    const run = await runCli(['copy', '--from', `sqlite:${from}`, '--to', `sqlite:${tmp.file('copy.db')}`])
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/^kiroku: [^\n]+\n$/)
    expect(fs.existsSync(path.dirname(from))).toBe(false)
  })
})

describe.runIf(TEST_DIALECT === 'postgres')('read-only commands on a PostgreSQL database that does not exist', () => {
  it.each(READ_ONLY)('%s %s names the database in one line and exits 1', async (...command) => {
    const url = new URL(process.env.KIROKU_TEST_POSTGRES_URL!)
    url.pathname = '/kiroku_no_such_database'
    const run = await runCli([...command, '--database', url.href])
    expect(run.code).toBe(1)
    expect(run.out).toBe('')
    expect(run.err).toBe(`kiroku: there is no PostgreSQL database "kiroku_no_such_database" at ${url.host}: create it (createdb kiroku_no_such_database) or check --database or DATABASE_URL\n`)
  })

  it('copy names a missing source database the same way', async () => {
    const from = new URL(process.env.KIROKU_TEST_POSTGRES_URL!)
    from.pathname = '/kiroku_no_such_source'
    const run = await runCli(['copy', '--from', from.href, '--to', `sqlite:${tmp.file('copy.db')}`])
    expect(run.code).toBe(1)
    expect(run.err).toBe(`kiroku: there is no PostgreSQL database "kiroku_no_such_source" at ${from.host}: create it (createdb kiroku_no_such_source) or check --database or DATABASE_URL\n`)
  })
})
