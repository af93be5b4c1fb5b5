import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { authorizeUrlIn, readRows, runCli, startServe, tempDir } from '../helpers/cli.js'

const ONE_LINE_ERROR = /^kiroku: [^\n]+\n$/

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

/** `kiroku serve` on 127.0.0.1, a free port and this test's database, with `flags` added. */
const serve = (...flags: string[]) => startServe(['--host', '127.0.0.1', '--port', '0', '--database', file, ...flags])

describe('kiroku serve --demo', () => {
  it('on an empty database creates demo/demo and "Demo App" redirecting to the PIN page, and prints a ready authorize URL', async () => {
    const server = await serve('--demo', '--public-url', 'http://127.0.0.1:0')
    const { address, io } = server
    try {
      expect(io.out).toBe('')
      expect(io.err).toContain(`Kiroku listening on ${address} (public URL ${address}, database ${file})`)
      expect(io.err).toContain('Log in as demo / demo.')
      expect(io.err).toContain('Demo App client id: 1\n')
      const authorizeUrl = authorizeUrlIn(io.err)
      expect(authorizeUrl).toBe(`${address}/api/v2/oauth/authorize?client_id=1&response_type=token`)
      expect(io.err).not.toContain('Warning')

      // The demo user first, then the two whose lists show other score formats.
      expect(readRows(file, 'SELECT id, name FROM users')).toEqual([{ id: 1, name: 'demo' }, { id: 2, name: 'hana' }, { id: 3, name: 'kenji' }])
      expect(io.err).toMatch(/Demo lists: \d+ entries added for demo, hana, kenji/)
      // A confidential client; its secret is not printed into a pipe (demo-secret.test.ts).
      expect(readRows(file, 'SELECT id, name, redirect_uris, owner_user_id, secret_hash FROM oauth_clients')).toEqual([
        {
          id: 1,
          name: 'Demo App',
          redirect_uris: JSON.stringify([`${address}/api/v2/oauth/pin`]),
          owner_user_id: 1,
          secret_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
        // And a public one (no secret) for PKCE and the device flow (test/demo/public-client.test.ts).
        { id: 2, name: 'Demo Public App', redirect_uris: JSON.stringify(['http://127.0.0.1/callback']), owner_user_id: 1, secret_hash: null },
      ])
      expect(io.err).toContain('Demo Public App client id: 2 (public, no secret')

      // Ready: the server knows the client and its single redirect URI, and asks a stranger to log in.
      const res = await fetch(authorizeUrl!, { redirect: 'manual' })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/)
    } finally {
      expect(await server.stop()).toBe(0)
    }
    expect(server.io.err).toContain('SIGINT received')
    // Closed: the port no longer answers.
    await expect(fetch(`${address}/`)).rejects.toThrow()
  })

  it('on a database that already has users creates nothing and says so; a second --demo points at the first one’s client', async () => {
    const first = await serve('--demo', '--public-url', 'http://127.0.0.1:0')
    expect(await first.stop()).toBe(0)

    const again = await serve('--demo')
    try {
      expect(again.io.err).toContain('The database is not empty: no demo data was created.')
      expect(again.io.err).not.toContain('Log in as')
      expect(again.io.err).not.toMatch(/[A-Za-z0-9_-]{43}/)
      expect(again.io.err).toContain('Demo App client id: 1\n')
      expect(again.io.err).toContain('Demo Public App client id: 2 ')
      expect(authorizeUrlIn(again.io.err)).toMatch(/\/api\/v2\/oauth\/authorize\?client_id=1&response_type=token$/)
      // The first run's port is gone: approving would redirect to its PIN page, and serve says so.
      expect(again.io.err).toContain(`Warning: the Demo App redirects to ${first.address}/api/v2/oauth/pin, not to this server's ${again.io.err.match(/public URL (\S+),/)![1]}/api/v2/oauth/pin`)
    } finally {
      await again.stop()
    }
    expect(readRows(file, 'SELECT name FROM users')).toEqual([{ name: 'demo' }, { name: 'hana' }, { name: 'kenji' }])
    expect(readRows(file, 'SELECT name FROM oauth_clients')).toEqual([{ name: 'Demo App' }, { name: 'Demo Public App' }])
    expect(again.io.err).not.toContain('Demo lists')
  })

  it('a second --demo under the same public URL prints the same ready URL, without a warning', async () => {
    const first = await serve('--demo', '--public-url', 'https://kiroku.example')
    expect(await first.stop()).toBe(0)
    const again = await serve('--demo', '--public-url', 'https://kiroku.example')
    try {
      expect(again.io.err).toContain('The database is not empty')
      expect(authorizeUrlIn(again.io.err)).toBe('https://kiroku.example/api/v2/oauth/authorize?client_id=1&response_type=token')
      expect(again.io.err).not.toContain('Warning')
    } finally {
      await again.stop()
    }
  })

  it('next to an ordinary user creates no demo data and prints no authorize URL', async () => {
    expect((await runCli(['user', 'create', '--name', 'alice', '--password-stdin', '--database', file], 'a long enough password')).code).toBe(0)
    const server = await serve('--demo')
    try {
      expect(server.io.err).toContain('The database is not empty: no demo data was created.')
      expect(server.io.err).not.toContain('client id')
      expect(authorizeUrlIn(server.io.err)).toBeUndefined()
    } finally {
      await server.stop()
    }
    expect(readRows(file, 'SELECT name FROM users')).toEqual([{ name: 'alice' }])
    expect(readRows(file, 'SELECT id FROM oauth_clients')).toEqual([])
  })

  it('without --demo seeds nothing, even on an empty database', async () => {
    const server = await serve()
    try {
      expect(server.io.err).not.toContain('Demo')
    } finally {
      await server.stop()
    }
    expect(readRows(file, 'SELECT id FROM users')).toEqual([])
  })
})

describe('kiroku serve settings', () => {
  it('with port 0 and no public URL, the default public URL names the port actually bound', async () => {
    const server = await serve()
    try {
      const port = new URL(server.address).port
      expect(port).not.toBe('0')
      expect(server.io.err).toContain(`(public URL http://localhost:${port}, `)
    } finally {
      await server.stop()
    }
  })

  it('with port 0, advertises the bound port everywhere: the OAuth issuer, its endpoints, and the JWKS', async () => {
    const server = await serve()
    try {
      const port = new URL(server.address).port
      const res = await fetch(`${server.address}/.well-known/oauth-authorization-server`)
      const metadata = (await res.json()) as { issuer: string; authorization_endpoint: string; token_endpoint: string; jwks_uri: string }
      expect(metadata.issuer).toBe(`http://localhost:${port}`)
      for (const url of [metadata.authorization_endpoint, metadata.token_endpoint, metadata.jwks_uri]) expect(new URL(url).port).toBe(port)
    } finally {
      await server.stop()
    }
  })

  it('takes the public URL from PUBLIC_URL', async () => {
    vi.stubEnv('PUBLIC_URL', 'https://kiroku.example/')
    const server = await serve('--demo')
    try {
      expect(server.io.err).toContain('(public URL https://kiroku.example, ')
      expect(authorizeUrlIn(server.io.err)).toBe('https://kiroku.example/api/v2/oauth/authorize?client_id=1&response_type=token')
    } finally {
      await server.stop()
    }
    expect(readRows(file, 'SELECT redirect_uris FROM oauth_clients WHERE id = 1')).toEqual([{ redirect_uris: JSON.stringify(['https://kiroku.example/api/v2/oauth/pin']) }])
  })

  const bad: Array<[string[], string]> = [
    [['--port', 'abc'], 'invalid port'],
    [['--port', '-1'], 'invalid port'],
    [['--port', '65536'], 'invalid port'],
    [['--port', '80.5'], 'invalid port'],
    [['--public-url', 'not a url'], 'invalid public URL'],
    [['--public-url', 'ftp://kiroku.example'], 'invalid public URL'],
    [['--public-url', 'https://kiroku.example/?x=1'], 'invalid public URL'],
    [['--database', 'mysql://root:hunter2@db.example/kiroku'], 'unsupported database URL'],
  ]
  for (const [flags, says] of bad) {
    it(`${flags.join(' ')} is a one-line error, exit 1, before anything is opened`, async () => {
      const run = await runCli(['serve', '--port', '0', '--database', file, ...flags])
      expect(run.code).toBe(1)
      expect(run.out).toBe('')
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err).toContain(says)
      expect(run.err).not.toContain('hunter2')
      expect(fs.existsSync(file)).toBe(false)
    })
  }

  it('a port already in use is a one-line error, exit 1', async () => {
    const first = await serve()
    try {
      const port = new URL(first.address).port
      const run = await runCli(['serve', '--host', '127.0.0.1', '--port', port, '--database', tmp.file('other.db')])
      expect(run.code).toBe(1)
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err).toContain('EADDRINUSE')
    } finally {
      await first.stop()
    }
  })
})
