/**
 * `kiroku copy`: an installation built on SQLite through the real flows is copied into a database of
 * the dialect under test (PostgreSQL in the suite's PostgreSQL half, another SQLite file otherwise),
 * compared table by table and row by row, then served: the same users, sessions, clients, secrets,
 * tokens and keys work there, and new rows get new ids. Then it is copied back to SQLite, unchanged.
 */
import fs from 'node:fs'
import SQLite from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { openDatabase } from '../../src/storage/db.js'
import { updateProfile } from '../../src/accounts/profiles.js'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { runCli, tempDir } from '../helpers/cli.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'
import { authorize, fragmentParams, graphql, loggedInBrowser, makeClient, makeUser, PASSWORD } from '../helpers/flow.js'
import { Browser, csrfToken, logIn } from '../helpers/browser.js'
import { bodyCredentials, codeGrantSetup, postOAuth, refresh, viewerState } from '../helpers/oauth.js'

const ONE_LINE_ERROR = /^kiroku: [^\n]+\n$/

if (TEST_DIALECT === 'sqlite' && !process.env.KIROKU_TEST_POSTGRES_URL) {
  console.warn('[kiroku] kiroku copy is tested SQLite to SQLite only: set KIROKU_TEST_POSTGRES_URL to test SQLite to PostgreSQL and back')
}

let tmp: ReturnType<typeof tempDir>
const cleanups: Array<() => Promise<unknown> | unknown> = []
beforeEach(() => {
  tmp = tempDir()
  vi.stubEnv('DATABASE_URL', undefined)
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  vi.unstubAllEnvs()
  tmp.remove()
})

/** An empty database of the dialect under test, that the CLI and a server can both open by URL. */
async function targetUrl(name = 'target.db'): Promise<string> {
  if (TEST_DIALECT === 'sqlite') return `sqlite:${tmp.file(name)}`
  const database = await createTestDatabase()
  cleanups.push(database.drop)
  return database.url
}

async function serverOn(databaseUrl: string): Promise<TestServer> {
  const server = await testServer({ databaseUrl })
  cleanups.push(() => server.app.close())
  return server
}

/** Every table's rows, read straight from the database's own catalog, in a stable order. */
async function dump(url: string): Promise<Map<string, string[]>> {
  const database = openDatabase(url)
  try {
    const tables =
      database.dialect === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db)
        : await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(database.db)
    const out = new Map<string, string[]>()
    for (const { name } of tables.rows) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(database.db)).rows
      // The bookkeeping's times are when each database was migrated: only the names must match.
      const kept = name === 'kiroku_migrations' ? rows.map((r) => ({ name: r.name })) : rows
      out.set(name, kept.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))))).sort())
    }
    return out
  } finally {
    await database.close()
  }
}

/** A client registered on the developer page by the logged-in user; returns its id. */
async function registerOnDeveloperPage(browser: Browser, name: string): Promise<number> {
  const page = await browser.get('/settings/developer')
  const res = await browser.post('/settings/developer/clients', { csrf_token: csrfToken(page.body), name, redirect_uris: 'https://dev.example/cb' })
  expect(res.statusCode).toBe(303)
  const shown = await browser.get(res.headers.location as string)
  const id = /<dt>Client ID<\/dt><dd><code>(\d+)<\/code>/.exec(shown.body)?.[1]
  if (!id) throw new Error('no client id on the developer page')
  return Number(id)
}

/** An installation with a row in every table Kiroku has, made the way users and apps make them. */
async function buildInstallation(app: FastifyInstance) {
  const { user: alice, creds, tokens, browser } = await codeGrantSetup(app, 'alice')
  // A rotated refresh token (its successor is the live one), a revoked access token, an implicit token.
  const rotated = (await refresh(app, creds, tokens.refresh_token)).json() as { access_token: string; refresh_token: string }
  const revoked = (await refresh(app, creds, rotated.refresh_token)).json() as { access_token: string; refresh_token: string }
  expect((await postOAuth(app, '/api/v2/oauth/revoke', { token: revoked.access_token, ...bodyCredentials(creds) })).statusCode).toBe(200)
  const { client: spa } = await makeClient(app, ['https://spa.example/cb'], 'Implicit App')
  const implicit = fragmentParams(String((await authorize(browser, { client_id: String(spa.id), response_type: 'token' })).headers.location)).get('access_token')!
  // A second signing key: tokens from the first must still verify after the copy.
  await app.kiroku.keys.rotate()
  const afterRotation = (await refresh(app, creds, revoked.refresh_token)).json() as { access_token: string; refresh_token: string }
  // A pending device authorization, a profile, the catalog (media and genres).
  expect((await postOAuth(app, '/api/v2/oauth/device/code', bodyCredentials(creds))).statusCode).toBe(200)
  await updateProfile(app.kiroku.db, app.kiroku.clock, alice.id, { about: 'copied with care', options: { titleLanguage: 'NATIVE' } })
  await seedCatalog(app.kiroku.db, app.kiroku.clock)
  // Clients made and deleted on the developer page: the deleted id must never be handed out again.
  const kept = await registerOnDeveloperPage(browser, 'Kept App')
  const deleted = await registerOnDeveloperPage(browser, 'Deleted App')
  const page = await browser.get('/settings/developer')
  expect((await browser.post(`/settings/developer/clients/${deleted}/delete`, { csrf_token: csrfToken(page.body) })).statusCode).toBe(303)
  const bob = await makeUser(app, 'bob')
  return { alice, bob, creds, browser, kept, deleted, tokens: { code: tokens.access_token, implicit, revoked: revoked.access_token, afterRotation } }
}

describe(`kiroku copy from SQLite to ${TEST_DIALECT}`, () => {
  it('copies every table row for row; the copy serves the same users, sessions, clients, secrets, tokens and keys, and new rows get new ids', async () => {
    const sourceUrl = `sqlite:${tmp.file('source.db')}`
    const source = await testServer({ databaseUrl: sourceUrl })
    const built = await buildInstallation(source.app)
    await source.app.close()
    const before = await dump(sourceUrl)
    for (const table of ['users', 'sessions', 'oauth_clients', 'signing_keys', 'oauth_access_tokens', 'oauth_codes', 'oauth_refresh_tokens', 'oauth_approvals', 'oauth_device_codes', 'user_profiles', 'media', 'media_genres']) {
      expect(before.get(table)?.length, `${table} has rows to copy`).toBeGreaterThan(0)
    }

    const target = await targetUrl()
    const run = await runCli(['copy', '--from', sourceUrl, '--to', target])
    expect(run.err).toMatch(/^Copied \d+ rows in \d+ tables from /)
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.out) as { tables: Record<string, number>; rows: number }
    expect(Object.keys(printed.tables).sort()).toEqual([...before.keys()].filter((t) => t !== 'kiroku_migrations').sort())
    for (const [table, rows] of Object.entries(printed.tables)) expect(rows, table).toBe(before.get(table)!.length)
    // Parents before children: users and clients come before the tokens that point at them.
    const order = Object.keys(printed.tables)
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('oauth_clients'))
    expect(order.indexOf('oauth_clients')).toBeLessThan(order.indexOf('oauth_access_tokens'))

    // Row for row, in every table, the bookkeeping included.
    expect(await dump(target)).toEqual(before)

    // A server on the copy.
    const { app } = await serverOn(target)
    // Users: alice logs in with her password; her browser's session from before is still logged in.
    expect((await logIn(new Browser(app), 'alice', PASSWORD)).statusCode).toBe(303)
    const carried = new Browser(app)
    for (const [name, value] of built.browser.cookies) carried.cookies.set(name, value)
    const developer = await carried.get('/settings/developer')
    expect(developer.statusCode).toBe(200)
    expect(developer.body).toContain('Kept App')
    // Tokens: each still answers Viewer, the revoked one is still refused, whichever key signed them.
    expect(await viewerState(app, built.tokens.code, built.alice)).toBe('ok')
    expect(await viewerState(app, built.tokens.implicit, built.alice)).toBe('ok')
    expect(await viewerState(app, built.tokens.afterRotation.access_token, built.alice)).toBe('ok')
    expect(await viewerState(app, built.tokens.revoked)).toBe('Invalid token')
    // Clients: the old secret still authenticates, and the last refresh token still refreshes.
    const refreshed = await refresh(app, built.creds, built.tokens.afterRotation.refresh_token)
    expect(refreshed.statusCode).toBe(200)
    expect(await viewerState(app, refreshed.json().access_token, built.alice)).toBe('ok')
    expect((await refresh(app, { ...built.creds, secret: 'not-the-secret' }, refreshed.json().refresh_token)).statusCode).toBe(401)
    // The catalog answers.
    const someMedia = JSON.parse(before.get('media')![0]!) as { id: number }
    expect((await graphql(app, `{ Media(id: ${someMedia.id}) { id } }`)).body.data.Media.id).toBe(someMedia.id)

    // New rows: fresh ids past every copied one, and past the deleted client's.
    const carol = await makeUser(app, 'carol')
    expect(carol.id).toBe(built.bob.id + 1)
    const { client: fresh } = await makeClient(app, ['https://fresh.example/cb'], 'Fresh App')
    expect(fresh.id).toBe(built.deleted + 1)
    expect(fresh.id).toBeGreaterThan(built.kept)
    const carolBrowser = await loggedInBrowser(app, carol)
    const token = fragmentParams(String((await authorize(carolBrowser, { client_id: String(fresh.id), response_type: 'token' })).headers.location)).get('access_token')!
    expect(await viewerState(app, token, carol)).toBe('ok')
  })

  it('copies back to SQLite unchanged', async () => {
    const sourceUrl = `sqlite:${tmp.file('source.db')}`
    const source = await testServer({ databaseUrl: sourceUrl })
    await buildInstallation(source.app)
    await source.app.close()
    const middle = await targetUrl('middle.db')
    expect((await runCli(['copy', '--from', sourceUrl, '--to', middle])).code).toBe(0)
    const back = `sqlite:${tmp.file('back.db')}`
    const run = await runCli(['copy', '--from', middle, '--to', back])
    expect(run.code).toBe(0)
    expect(await dump(back)).toEqual(await dump(sourceUrl))
    // The id counters came back too: the next client after the deleted one is not given its id.
    const { app } = await serverOn(back)
    const before = await dump(sourceUrl)
    const ids = before.get('oauth_clients')!.map((row) => (JSON.parse(row) as { id: number }).id)
    const { client } = await makeClient(app, ['https://again.example/cb'], 'Again')
    expect(client.id).toBeGreaterThan(Math.max(...ids) + 1)
  })
})

describe(`kiroku copy refuses, and changes nothing, on ${TEST_DIALECT}`, () => {
  async function smallSource(): Promise<string> {
    const url = `sqlite:${tmp.file('small.db')}`
    const server = await testServer({ databaseUrl: url })
    await makeUser(server.app, 'solo')
    await server.app.close()
    return url
  }

  it('a target that holds rows, unless --force-empty-target, which then replaces them', async () => {
    const source = await smallSource()
    const target = await targetUrl()
    const occupant = await serverOn(target)
    await makeUser(occupant.app, 'occupant')
    await occupant.app.close()
    cleanups.pop()

    const refused = await runCli(['copy', '--from', source, '--to', target])
    expect(refused.code).toBe(1)
    expect(refused.out).toBe('')
    expect(refused.err).toMatch(ONE_LINE_ERROR)
    expect(refused.err).toContain('already holds rows in')
    expect(refused.err).toContain('users (1)')
    expect(refused.err).toContain('--force-empty-target')
    expect((await dump(target)).get('users')!.join()).toContain('occupant')

    const forced = await runCli(['copy', '--from', source, '--to', target, '--force-empty-target'])
    expect(forced.code).toBe(0)
    const after = await dump(target)
    expect(after.get('users')!.join()).toContain('solo')
    expect(after.get('users')!.join()).not.toContain('occupant')
    expect(after).toEqual(await dump(source))
  })

  it('a failure half-way (a row the target refuses) rolls the whole copy back', async () => {
    const source = await smallSource()
    // A token pointing at a client that does not exist: SQLite kept it because its foreign keys were
    // off when it was written (an old file, a manual edit); the target enforces them.
    const raw = new SQLite(source.slice('sqlite:'.length))
    raw.pragma('foreign_keys = OFF')
    raw.prepare("insert into oauth_access_tokens (jti, client_id, user_id, grant_type, issued_at, expires_at) values ('orphan', 999, 1, 'implicit', 1, 2)").run()
    raw.close()
    const target = await targetUrl()
    const run = await runCli(['copy', '--from', source, '--to', target])
    expect(run.code).toBe(1)
    expect(run.err).toMatch(ONE_LINE_ERROR)
    expect(run.err).toMatch(/foreign key/i)
    // users was copied before oauth_access_tokens failed: rolled back with the rest.
    for (const [table, rows] of await dump(target)) if (table !== 'kiroku_migrations') expect(rows, table).toEqual([])
  })

  it('a source at another migration level than this Kiroku, older or newer', async () => {
    const source = await smallSource()
    const target = await targetUrl()
    const database = openDatabase(source)
    const [last] = (await sql<{ name: string }>`select name from kiroku_migrations order by name desc limit 1`.execute(database.db)).rows
    await sql`delete from kiroku_migrations where name = ${last!.name}`.execute(database.db)
    await database.close()
    const older = await runCli(['copy', '--from', source, '--to', target])
    expect(older.code).toBe(1)
    expect(older.err).toMatch(ONE_LINE_ERROR)
    expect(older.err).toContain(`older migration level (missing ${last!.name})`)
    expect(older.err).toContain('kiroku migrate up')

    const again = openDatabase(source)
    await sql`insert into kiroku_migrations (name, applied_at) values (${last!.name}, 1), (${'9999_from_the_future'}, 1)`.execute(again.db)
    await again.close()
    const newer = await runCli(['copy', '--from', source, '--to', target])
    expect(newer.code).toBe(1)
    expect(newer.err).toContain('migrations this Kiroku does not know (9999_from_the_future)')
    // Nothing was copied either time.
    for (const [table, rows] of await dump(target)) if (table !== 'kiroku_migrations') expect(rows, table).toEqual([])
  })

  it('a source that is missing, in memory, not Kiroku’s, or the target itself; and bad URLs', async () => {
    const target = await targetUrl()
    const missing = tmp.file('missing.db')
    const same = tmp.file('same.db')
    fs.writeFileSync(same, '')
    const cases: Array<[string[], string]> = [
      [['--from', missing, '--to', target], 'there is no file'],
      [['--from', 'sqlite::memory:', '--to', target], 'in-memory'],
      [['--from', same, '--to', `sqlite:${same}`], 'same database'],
      [['--from', 'mysql://root:hunter2@db.example/k', '--to', target], 'unsupported database URL'],
      [['--from', same, '--to', 'mysql://root:hunter2@db.example/k'], 'unsupported database URL'],
      [['--to', target], '--from'],
    ]
    for (const [flags, says] of cases) {
      const run = await runCli(['copy', ...flags])
      expect(run.code, flags.join(' ')).toBe(1)
      expect(run.out).toBe('')
      expect(run.err).toMatch(ONE_LINE_ERROR)
      expect(run.err, flags.join(' ')).toContain(says)
      expect(run.err).not.toContain('hunter2')
    }
    expect(fs.existsSync(missing)).toBe(false)

    const notKiroku = tmp.file('other.db')
    const other = openDatabase(notKiroku)
    await sql`create table notes (id integer primary key, body text)`.execute(other.db)
    await other.close()
    const run = await runCli(['copy', '--from', notKiroku, '--to', target])
    expect(run.code).toBe(1)
    expect(run.err).toContain('not a Kiroku database')
  })

  it('kiroku copy --help names its flags', async () => {
    const run = await runCli(['copy', '--help'])
    expect(run.code).toBe(0)
    for (const flag of ['--from <url>', '--to <url>', '--force-empty-target']) expect(run.out).toContain(flag)
  })
})
