import fs from 'node:fs'
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/storage/db.js'
import { verifyCredentials } from '../../src/accounts/users.js'
import { verifyClientSecret } from '../../src/oauth/clients.js'
import { readRows, runCli, tempDir } from '../helpers/cli.js'

const PASSWORD = 'a long enough password'
// One line on stderr, in the CLI's own voice: no stack trace, no usage dump.
const ONE_LINE_ERROR = /^kiroku: [^\n]+\n$/

let tmp: ReturnType<typeof tempDir>
let file: string
beforeEach(() => {
  tmp = tempDir()
  file = tmp.file('kiroku.db')
  // The developer's own DATABASE_URL must not leak into a test that omits --database.
  vi.stubEnv('DATABASE_URL', undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  tmp.remove()
})

const createUser = (name: string, ...extra: string[]) => runCli(['user', 'create', '--name', name, '--password-stdin', '--database', file, ...extra], PASSWORD + '\n')

async function withDb<T>(url: string, fn: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const database = openDatabase(url)
  try {
    return await fn(database.db)
  } finally {
    await database.close()
  }
}

describe('kiroku user create', () => {
  it('prints exactly {"id","name"} and stores a user who can log in with the password read from stdin', async () => {
    const run = await createUser('Nadia')
    expect(run).toEqual({ code: 0, out: '{"id":1,"name":"Nadia"}\n', err: '' })
    const [row] = readRows(file, 'SELECT name, email, password_hash FROM users')
    expect(row).toMatchObject({ name: 'Nadia', email: null })
    expect(String(row!.password_hash)).toMatch(/^\$argon2id\$/)
    // Only the final line break is dropped: the password is the rest of the line, spaces included.
    await withDb(file, async (db) => {
      expect(await verifyCredentials(db, 'Nadia', PASSWORD)).toMatchObject({ id: 1 })
      expect(await verifyCredentials(db, 'Nadia', PASSWORD + '\n')).toBeNull()
    })
  })

  it('accepts --email and stores it', async () => {
    const run = await createUser('bob', '--email', 'bob@example.org')
    expect(run.code).toBe(0)
    expect(run.out).toBe('{"id":1,"name":"bob"}\n')
    expect(readRows(file, 'SELECT email FROM users')).toEqual([{ email: 'bob@example.org' }])
  })

  it('refuses a name already taken, in any case, with one line on stderr and exit code 1', async () => {
    expect((await createUser('Nadia')).code).toBe(0)
    for (const name of ['Nadia', 'NADIA', 'nadia']) {
      const run = await createUser(name)
      expect(run.code).toBe(1)
      expect(run.out).toBe('')
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err).toContain('already taken')
    }
    expect(readRows(file, 'SELECT name FROM users')).toEqual([{ name: 'Nadia' }])
  })

  it('requires --password-stdin, and a non-empty password on stdin', async () => {
    const cases: Array<[string[], string, string]> = [
      [['--database', file], PASSWORD, '--password-stdin'],
      [['--password-stdin', '--database', file], '', 'no password'],
      [['--password-stdin', '--database', file], '\n', 'no password'],
    ]
    for (const [flags, stdin, says] of cases) {
      const run = await runCli(['user', 'create', '--name', 'carol', ...flags], stdin)
      expect(run.code).toBe(1)
      expect(run.out).toBe('')
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err).toContain(says)
    }
    // Nothing was created, not even the database file.
    expect(fs.existsSync(file)).toBe(false)
  })

  it('refuses an invalid name, a short password and a bad email, one line each', async () => {
    const runs = [
      await runCli(['user', 'create', '--name', 'no spaces', '--password-stdin', '--database', file], PASSWORD),
      await runCli(['user', 'create', '--name', 'dave', '--password-stdin', '--database', file], 'short'),
      await runCli(['user', 'create', '--name', 'dave', '--email', 'not-an-email', '--password-stdin', '--database', file], PASSWORD),
    ]
    for (const run of runs) {
      expect(run.code).toBe(1)
      expect(run.err).toMatch(ONE_LINE_ERROR)
    }
    expect(readRows(file, 'SELECT id FROM users')).toEqual([])
  })
})

describe('kiroku client create', () => {
  const A = 'https://app.example/callback'
  const B = 'myapp://callback'
  const createClient = (...flags: string[]) => runCli(['client', 'create', '--database', file, ...flags])

  it('prints {"id","secret","name","redirectUris"} in that order, and stores only the SHA-256 of the secret', async () => {
    await createUser('alice')
    const run = await createClient('--name', 'My App', '--redirect-uri', A, '--redirect-uri', B, '--owner', 'ALICE')
    expect(run.code).toBe(0)
    expect(run.err).toBe('')
    expect(run.out.endsWith('}\n')).toBe(true)
    expect(run.out.split('\n')).toHaveLength(2)
    const printed = JSON.parse(run.out) as { id: number; secret: string; name: string; redirectUris: string[] }
    expect(Object.keys(printed)).toEqual(['id', 'secret', 'name', 'redirectUris'])
    expect(printed).toMatchObject({ id: 1, name: 'My App', redirectUris: [A, B] })
    expect(printed.secret).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const [row] = readRows(file, 'SELECT name, secret_hash, redirect_uris, owner_user_id FROM oauth_clients')
    expect(row).toEqual({
      name: 'My App',
      secret_hash: createHash('sha256').update(printed.secret).digest('hex'),
      redirect_uris: JSON.stringify([A, B]),
      owner_user_id: 1,
    })
    // The secret itself is nowhere in the database.
    for (const { name } of readRows(file, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
      for (const stored of readRows(file, `SELECT * FROM "${String(name)}"`)) expect(JSON.stringify(stored)).not.toContain(printed.secret)
    }
    await withDb(file, async (db) => {
      expect(await verifyClientSecret(db, printed.id, printed.secret)).toBe(true)
      expect(await verifyClientSecret(db, printed.id, printed.secret.slice(1))).toBe(false)
    })
  })

  it('makes a client without an owner when --owner is absent', async () => {
    const run = await createClient('--name', 'Solo', '--redirect-uri', A)
    expect(run.code).toBe(0)
    expect(JSON.parse(run.out)).toMatchObject({ id: 1, name: 'Solo', redirectUris: [A] })
    expect(readRows(file, 'SELECT owner_user_id FROM oauth_clients')).toEqual([{ owner_user_id: null }])
  })

  it('refuses an unknown owner, a malformed or forbidden redirect URI, and no redirect URI at all', async () => {
    await createUser('alice')
    const cases: Array<[string[], string]> = [
      [['--name', 'X', '--redirect-uri', A, '--owner', 'nobody'], 'nobody'],
      [['--name', 'X', '--redirect-uri', 'not-a-uri'], 'not-a-uri'],
      [['--name', 'X', '--redirect-uri', 'https://app.example/cb#frag'], 'fragment'],
      [['--name', 'X', '--redirect-uri', 'javascript:alert(1)'], 'javascript:'],
      [['--name', 'X', '--redirect-uri', A, '--redirect-uri', 'has space'], 'whitespace'],
      [['--name', 'X'], 'redirect'],
      [['--name', '   ', '--redirect-uri', A], 'name'],
    ]
    for (const [flags, says] of cases) {
      const run = await createClient(...flags)
      expect(run.code, flags.join(' ')).toBe(1)
      expect(run.out).toBe('')
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err).toContain(says)
    }
    expect(readRows(file, 'SELECT id FROM oauth_clients')).toEqual([])
  })
})

describe('flags and help', () => {
  // Each command with the flags that would make it run, so that only the unknown flag is wrong.
  const commands: Array<[string[], () => string[]]> = [
    [[], () => []],
    [['serve'], () => ['--port', '0', '--database', file]],
    [['user'], () => []],
    [['user', 'create'], () => ['--name', 'erin', '--password-stdin', '--database', file]],
    [['client'], () => []],
    [['client', 'create'], () => ['--name', 'X', '--redirect-uri', 'https://app.example/cb', '--database', file]],
  ]

  for (const [command, valid] of commands) {
    it(`${['kiroku', ...command].join(' ')} --bogus is a one-line error with a non-zero exit, and does nothing`, async () => {
      const run = await runCli([...command, ...valid(), '--bogus'], PASSWORD)
      expect(run.code).not.toBe(0)
      expect(run.out).toBe('')
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err).toContain('--bogus')
      expect(fs.existsSync(file)).toBe(false)
    })
  }

  it('a mistyped flag gets its suggestion on the same line', async () => {
    const run = await runCli(['client', 'create', '--name', 'X', '--redirect-uri', 'https://app.example/cb', '--ownr', 'alice'])
    expect(run.code).toBe(1)
    expect(run.err).toMatch(ONE_LINE_ERROR)
    expect(run.err).toContain('--ownr')
    expect(run.err).toContain('--owner')
  })

  it('an unknown command and a stray argument are one-line errors too', async () => {
    for (const argv of [['frobnicate'], ['user', 'create', '--name', 'erin', '--password-stdin', 'extra']]) {
      const run = await runCli(argv, PASSWORD)
      expect(run.code).toBe(1)
      expect(run.err).toMatch(ONE_LINE_ERROR)
    }
  })

  it('no command at all prints the help on stderr and exits 1', async () => {
    const run = await runCli([])
    expect(run.code).toBe(1)
    expect(run.out).toBe('')
    expect(run.err).toContain('Usage: kiroku')
  })

  const helps: Array<[string[], string[]]> = [
    [[], ['serve', 'user', 'client', '--help']],
    [['serve'], ['--port <port>', '--host <host>', '--database <url>', '--public-url <url>', '--demo', '--help']],
    [['user'], ['create', '--help']],
    [['user', 'create'], ['--name <name>', '--email <email>', '--password-stdin', '--database <url>', '--help']],
    [['client'], ['create', '--help']],
    [['client', 'create'], ['--name <name>', '--redirect-uri <uri>', '--owner <username>', '--database <url>', '--help']],
  ]
  for (const [command, mentions] of helps) {
    it(`${['kiroku', ...command, '--help'].join(' ')} exits 0 and lists ${mentions.join(', ')}`, async () => {
      const run = await runCli([...command, '--help'])
      expect(run.code).toBe(0)
      expect(run.err).toBe('')
      expect(run.out).toContain(`Usage: ${['kiroku', ...command].join(' ')} [options]`)
      for (const mention of mentions) expect(run.out).toContain(mention)
    })
  }
})

describe('choosing the database', () => {
  it('uses DATABASE_URL when --database is absent, and --database over DATABASE_URL', async () => {
    const fromEnv = tmp.file('env.db')
    vi.stubEnv('DATABASE_URL', `sqlite:${fromEnv}`)
    const run = await runCli(['user', 'create', '--name', 'envuser', '--password-stdin'], PASSWORD)
    expect(run).toMatchObject({ code: 0, out: '{"id":1,"name":"envuser"}\n' })
    expect(readRows(fromEnv, 'SELECT name FROM users')).toEqual([{ name: 'envuser' }])

    expect((await createUser('flaguser')).code).toBe(0)
    expect(readRows(file, 'SELECT name FROM users')).toEqual([{ name: 'flaguser' }])
    expect(readRows(fromEnv, 'SELECT name FROM users')).toEqual([{ name: 'envuser' }])
  })

  it('a bare file path and sqlite:PATH name the same database', async () => {
    const made = await runCli(['user', 'create', '--name', 'alice', '--password-stdin', '--database', file], PASSWORD)
    expect(made.code).toBe(0)
    // The owner is found only if sqlite:PATH opened the file the bare path wrote to.
    const client = await runCli(['client', 'create', '--name', 'X', '--redirect-uri', 'https://app.example/cb', '--owner', 'alice', '--database', `sqlite:${file}`])
    expect(client.code).toBe(0)
    expect(readRows(file, 'SELECT owner_user_id FROM oauth_clients')).toEqual([{ owner_user_id: 1 }])
  })

  it('an unsupported URL scheme is a one-line error that does not print the password', async () => {
    for (const argv of [
      ['user', 'create', '--name', 'alice', '--password-stdin', '--database', 'mysql://root:hunter2@db.example/kiroku'],
      ['client', 'create', '--name', 'X', '--redirect-uri', 'https://app.example/cb', '--database', 'mysql://root:hunter2@db.example/kiroku'],
    ]) {
      const run = await runCli(argv, PASSWORD)
      expect(run.code).toBe(1)
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err).toContain('unsupported database URL')
      expect(run.err).not.toContain('hunter2')
    }
  })
})

describe('kiroku user role', () => {
  const role = (...flags: string[]) => runCli(['user', 'role', '--database', file, ...flags])

  it('grants and takes back the moderator role, printing the roles held after the change', async () => {
    expect((await createUser('Mod')).code).toBe(0)
    expect(await role('--name', 'Mod')).toEqual({ code: 0, out: '{"name":"Mod","roles":[]}\n', err: '' })
    expect(await role('--name', 'mod', '--add', 'moderator')).toEqual({ code: 0, out: '{"name":"Mod","roles":["moderator"]}\n', err: '' })
    // Granting twice changes nothing and is no error.
    expect((await role('--name', 'Mod', '--add', 'moderator')).out).toBe('{"name":"Mod","roles":["moderator"]}\n')
    expect(readRows(file, 'SELECT user_id, role FROM user_roles')).toEqual([{ user_id: 1, role: 'moderator' }])
    expect(await role('--name', 'Mod', '--remove', 'moderator')).toEqual({ code: 0, out: '{"name":"Mod","roles":[]}\n', err: '' })
    expect(readRows(file, 'SELECT role FROM user_roles')).toEqual([])
  })

  it('refuses an unknown role and an unknown user in one line, changing nothing', async () => {
    expect((await createUser('Mod')).code).toBe(0)
    for (const run of [await role('--name', 'Mod', '--add', 'admin'), await role('--name', 'nobody', '--add', 'moderator'), await role('--name', 'Mod', '--add', 'moderator', '--remove', 'moderator')]) {
      expect(run.code).toBe(1)
      expect(run.out).toBe('')
      expect(run.err).toMatch(ONE_LINE_ERROR)
    }
    expect(readRows(file, 'SELECT role FROM user_roles')).toEqual([])
  })
})
