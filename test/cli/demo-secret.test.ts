/**
 * The demo client's secret: `serve --demo` shows it once, on standard output and only when that is a
 * terminal (never on stderr, where logs are collected, nor into a pipe or file), and says how to get
 * a new one; `kiroku client secret --id N` issues one, and the old one stops working.
 */
import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openDatabase } from '../../src/storage/db.js'
import { verifyClientSecret } from '../../src/oauth/clients.js'
import { readRows, runCli, startServe, tempDir } from '../helpers/cli.js'
import { TEST_DIALECT } from '../helpers/database.js'

const ONCE = TEST_DIALECT === 'sqlite'

let tmp: ReturnType<typeof tempDir>
let file: string
beforeEach(() => {
  tmp = tempDir()
  file = tmp.file('kiroku.db')
  vi.stubEnv('LOG_LEVEL', 'silent')
  for (const name of ['PORT', 'HOST', 'PUBLIC_URL', 'DATABASE_URL']) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
  tmp.remove()
})

const serveDemo = (stdoutIsTTY: boolean) => startServe(['--host', '127.0.0.1', '--port', '0', '--database', file, '--demo'], { stdoutIsTTY })
const storedHash = () => readRows(file, 'SELECT secret_hash FROM oauth_clients WHERE id = 1')[0]!.secret_hash as string
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
/** Every 43-character base64url word in `text` whose digest is the demo client's stored one. */
const secretsIn = (text: string) => (text.match(/[A-Za-z0-9_-]{43}/g) ?? []).filter((word) => sha256(word) === storedHash())

async function verifies(secret: string): Promise<boolean> {
  const database = openDatabase(`sqlite:${file}`)
  try {
    return await verifyClientSecret(database.db, 1, secret)
  } finally {
    await database.close()
  }
}

describe.runIf(ONCE)('serve --demo and the demo client secret', () => {
  it('on a terminal: printed once, on stdout only, with how to get a new one', async () => {
    const server = await serveDemo(true)
    try {
      const line = /^Demo App client secret \(shown only now\): ([A-Za-z0-9_-]{43})$/m.exec(server.io.out)
      expect(line).not.toBeNull()
      expect(secretsIn(server.io.out)).toEqual([line![1]])
      expect(secretsIn(server.io.err)).toEqual([])
      expect(server.io.err).toContain('kiroku client secret --id 1')
    } finally {
      await server.stop()
    }
  })

  it('when stdout is not a terminal: not printed anywhere, but how to get one is', async () => {
    const server = await serveDemo(false)
    try {
      expect(secretsIn(server.io.out + server.io.err)).toEqual([])
      expect(server.io.err).toContain('Demo App client secret: not printed, because standard output is not a terminal (it would end up in a log).')
      expect(server.io.err).toContain('kiroku client secret --id 1')
      expect(storedHash()).toMatch(/^[0-9a-f]{64}$/)
    } finally {
      await server.stop()
    }
  })

  it('on a later run says how to get a new one, printing none', async () => {
    await (await serveDemo(true)).stop()
    const again = await serveDemo(true)
    try {
      expect(secretsIn(again.io.out + again.io.err)).toEqual([])
      expect(again.io.err).toContain('kiroku client secret --id 1')
    } finally {
      await again.stop()
    }
  })
})

describe.runIf(ONCE)('kiroku client secret', () => {
  it('issues a new secret: prints {"id","secret"}, stores only its digest, and the old one stops working', async () => {
    const created = JSON.parse((await runCli(['client', 'create', '--name', 'App', '--redirect-uri', 'https://app.example/cb', '--database', file])).out) as { id: number; secret: string }
    const run = await runCli(['client', 'secret', '--id', String(created.id), '--database', file])
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.out) as { id: number; secret: string }
    expect(Object.keys(printed)).toEqual(['id', 'secret'])
    expect(printed.id).toBe(created.id)
    expect(printed.secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(run.err).toBe('The previous secret no longer works.\n')
    expect(storedHash()).toBe(sha256(printed.secret))
    expect(await verifies(printed.secret)).toBe(true)
    expect(await verifies(created.secret)).toBe(false)
  })

  it.each([
    [['--id', '7'], 'kiroku: there is no client 7\n'],
    [['--id', 'seven'], 'kiroku: --id must be a client id (a positive whole number), not "seven"\n'],
    [['--id', '1.5'], 'kiroku: --id must be a client id (a positive whole number), not "1.5"\n'],
  ])('refuses %j in one line, changing nothing', async (args, message) => {
    await runCli(['client', 'create', '--name', 'App', '--redirect-uri', 'https://app.example/cb', '--database', file])
    const before = storedHash()
    const run = await runCli(['client', 'secret', ...args, '--database', file])
    expect(run).toEqual({ code: 1, out: '', err: message })
    expect(storedHash()).toBe(before)
  })

  it('refuses a public client, which has no secret', async () => {
    await runCli(['client', 'create', '--name', 'SPA', '--public', '--redirect-uri', 'https://spa.example/cb', '--database', file])
    const run = await runCli(['client', 'secret', '--id', '1', '--database', file])
    expect(run).toEqual({ code: 1, out: '', err: 'kiroku: client 1 is a public client: it has no secret (it uses PKCE)\n' })
    expect(storedHash()).toBeNull()
  })

  it('refuses a database that does not exist, creating none', async () => {
    const run = await runCli(['client', 'secret', '--id', '1', '--database', tmp.file('typo.db')])
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/^kiroku: there is no database at /)
    expect((await import('node:fs')).existsSync(tmp.file('typo.db'))).toBe(false)
  })
})
