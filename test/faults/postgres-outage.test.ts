/**
 * PostgreSQL going away and coming back under a running server, seen through the network: the server
 * reaches PostgreSQL through a TCP proxy of the test's own (the machine's PostgreSQL keeps serving
 * every other test), and the test cuts it (connections reset, new ones refused) or black-holes it (a
 * partition: nothing passes, nothing is refused). Requests meanwhile get 503 with Retry-After, never a
 * 500 or no answer; writes that failed did nothing; once PostgreSQL is reachable again the same
 * server serves again by itself. test/http/database-outage.test.ts covers PostgreSQL refusing a
 * database and ending its connections.
 */
import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'
import { testServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { bodyCredentials, codeGrantSetup, obtainCode, postOAuth, refresh, tokenRequest, viewerState } from '../helpers/oauth.js'
import { TcpProxy } from './tcp-proxy.js'

const base = process.env.KIROKU_TEST_POSTGRES_URL ?? ''
const AVAILABLE = TEST_DIALECT === 'postgres' && base !== ''
if (!AVAILABLE) console.warn(`[kiroku] ${TEST_DIALECT} half: the PostgreSQL network outage tests are skipped; they run on PostgreSQL only`)

// Scratch schemas, connection timeouts and a busy shared PostgreSQL: a bound, not a timing under test.
const OUTAGE_TEST_TIMEOUT_MS = 120_000

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A server whose PostgreSQL schema is reached through a proxy the test controls, with the catalog loaded. */
async function serverBehindProxy(): Promise<{ app: FastifyInstance; proxy: TcpProxy }> {
  const database = await createTestDatabase()
  cleanups.push(database.drop)
  const direct = new URL(database.url)
  const proxy = await TcpProxy.start(direct.hostname, Number(direct.port || 5432))
  cleanups.push(() => proxy.close())
  const proxied = new URL(database.url)
  proxied.hostname = '127.0.0.1'
  proxied.port = String(proxy.port)
  // Token checks and accounts are read on every request (TOKEN_CHECK_CACHE_SECONDS=0): otherwise
  // `{ Viewer { id } }` within a second of the last check is answered from memory, needing no database.
  const { app, clock } = await testServer({ databaseUrl: proxied.href, tokenCheckCacheSeconds: 0 })
  cleanups.push(() => app.close())
  await seedCatalog(app.kiroku.db, clock)
  return { app, proxy }
}

const SAVE = 'mutation ($m: Int, $n: String) { SaveMediaListEntry(mediaId: $m, status: CURRENT, notes: $n) { id mediaId notes } }'
const ENTRY = 'query ($u: Int, $m: Int) { MediaList(userId: $u, mediaId: $m) { id notes } }'

/** Waits until /readyz answers `status` (the server notices by itself; the test timeout bounds the wait). */
async function readyzBecomes(app: FastifyInstance, status: number): Promise<void> {
  while ((await app.inject({ url: '/readyz' })).statusCode !== status) await new Promise((resolve) => setTimeout(resolve, 50))
}

/**
 * Sends a mix of requests, three at a time, until stopped, keeping each answer's status under the
 * phase the test is in. Every answer must be 200 or 503 with Retry-After; anything else (a 500, a 503
 * without Retry-After) is kept as a failure.
 */
function backgroundTraffic(app: FastifyInstance, token: string) {
  // Answers asked in one phase and given in another are kept as 'transition' (they too must be 200 or 503).
  type Phase = 'before' | 'cutting' | 'outage' | 'mending' | 'after' | 'transition'
  const answers: Array<{ kind: string; status: number; phase: Phase }> = []
  const failures: string[] = []
  let phase: Phase = 'before'
  let stopped = false
  let n = 0
  const json = (payload: string, auth = true) => ({ method: 'POST' as const, url: '/graphql', headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${token}` } : {}) }, payload })
  const kinds: Array<[string, () => InjectOptions]> = [
    ['viewer', () => json('{"query":"{ Viewer { id } }"}')],
    ['media', () => ({ ...json('{"query":"{ Page(perPage: 5) { media(sort: POPULARITY_DESC) { id } } }"}', false), url: '/' })],
    ['save', () => json(JSON.stringify({ query: SAVE, variables: { m: 1, n: `background ${n++}` } }))],
    ['jwks', () => ({ method: 'GET' as const, url: '/api/v2/oauth/jwks' })],
  ]
  const worker = async (offset: number) => {
    for (let i = offset; !stopped; i++) {
      const [kind, request] = kinds[i % kinds.length]!
      const asked = phase
      const res = await app.inject(request())
      answers.push({ kind, status: res.statusCode, phase: asked === phase ? asked : 'transition' })
      const fine = res.statusCode === 200 || (res.statusCode === 503 && res.headers['retry-after'] === '5')
      if (!fine) failures.push(`${kind}: ${res.statusCode} ${res.body.slice(0, 200)}`)
    }
  }
  const running = Promise.all([0, 1, 2].map(worker))
  /** The statuses `kind` got in `during`, sorted and without repeats. */
  const statuses = (kind: string, during: Phase) => [...new Set(answers.filter((a) => a.kind === kind && a.phase === during).map((a) => a.status))].sort()
  return {
    failures,
    statuses,
    /** Moves to `next` at once. */
    mark: (next: Phase) => void (phase = next),
    /** Moves to `next`, then waits until every kind has been answered at least once in it. */
    enter: async (next: Phase) => {
      phase = next
      while (kinds.some(([kind]) => !answers.some((a) => a.kind === kind && a.phase === next))) await new Promise((resolve) => setTimeout(resolve, 20))
    },
    stop: async () => {
      stopped = true
      await running
    },
  }
}

describe.skipIf(!AVAILABLE)('PostgreSQL unreachable over the network, then back (PostgreSQL only)', () => {
  it('a cut: 503 with Retry-After everywhere the database is needed, no 500, nothing half-done; then serves again with no restart', async () => {
    const { app, proxy } = await serverBehindProxy()
    const { user, creds, browser, tokens } = await codeGrantSetup(app)
    const unusedCode = await obtainCode(browser, { client_id: String(creds.id) })
    const traffic = backgroundTraffic(app, tokens.access_token)
    cleanups.push(traffic.stop)
    await traffic.enter('before')

    traffic.mark('cutting')
    await proxy.cut()
    await readyzBecomes(app, 503)
    await traffic.enter('outage')
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200)

    // GraphQL reads and the list mutation: AniList's shape, 503.
    const saved = await graphql(app, SAVE, tokens.access_token, { m: 21, n: 'during the outage' })
    expect(saved.status).toBe(503)
    expect(saved.headers['retry-after']).toBe('5')
    expect(saved.body.errors).toEqual([expect.objectContaining({ message: 'Service Unavailable.', status: 503 })])
    expect((await graphql(app, '{ Media(id: 1) { id } }')).status).toBe(503)

    // The OAuth endpoints: temporarily_unavailable, and a code that could not be exchanged is not spent.
    for (const res of [
      await tokenRequest(app, { grant_type: 'authorization_code', code: unusedCode, ...bodyCredentials(creds) }),
      await refresh(app, creds, tokens.refresh_token),
      await postOAuth(app, '/api/v2/oauth/revoke', { token: tokens.access_token, ...bodyCredentials(creds) }),
      await postOAuth(app, '/api/v2/oauth/introspect', { token: tokens.access_token, ...bodyCredentials(creds) }),
    ]) {
      expect(res.statusCode, res.body).toBe(503)
      expect(res.json()).toMatchObject({ error: 'temporarily_unavailable' })
      expect(res.headers['retry-after']).toBe('5')
    }
    // A page: HTML that says so.
    const login = await browser.get('/login')
    expect(login.statusCode).toBe(503)
    expect(login.headers['content-type']).toMatch(/^text\/html/)
    // What needs no database keeps being served.
    expect((await app.inject({ url: '/api/v2/oauth/jwks' })).statusCode).toBe(200)
    expect((await app.inject({ url: '/.well-known/oauth-authorization-server' })).statusCode).toBe(200)

    traffic.mark('mending')
    await proxy.mend()
    await readyzBecomes(app, 200)
    await traffic.enter('after')
    await traffic.stop()

    // Served before, 503 during (but what needs no database), served again after; never anything else.
    expect(traffic.failures).toEqual([])
    for (const kind of ['viewer', 'media', 'save']) {
      expect(traffic.statuses(kind, 'before'), kind).toEqual([200])
      expect(traffic.statuses(kind, 'after'), kind).toEqual([200])
    }
    expect(traffic.statuses('media', 'outage')).toEqual([503])
    expect(traffic.statuses('save', 'outage')).toEqual([503])
    expect(traffic.statuses('viewer', 'outage')).toEqual([503])
    expect(traffic.statuses('jwks', 'outage')).toEqual([200])

    // Nothing the outage refused was done; all of it works now.
    expect((await graphql(app, ENTRY, tokens.access_token, { u: user.id, m: 21 })).body.data.MediaList).toBeNull()
    expect((await graphql(app, SAVE, tokens.access_token, { m: 21, n: 'after the outage' })).body.data.SaveMediaListEntry).toMatchObject({ mediaId: 21, notes: 'after the outage' })
    expect((await tokenRequest(app, { grant_type: 'authorization_code', code: unusedCode, ...bodyCredentials(creds) })).statusCode).toBe(200)
    expect((await refresh(app, creds, tokens.refresh_token)).statusCode).toBe(200)
    expect(await viewerState(app, tokens.access_token, user)).toBe('ok')
  }, OUTAGE_TEST_TIMEOUT_MS)

  it('a partition (nothing passes, nothing is refused): requests still get an answer, 503, and the server recovers by itself', async () => {
    const { app, proxy } = await serverBehindProxy()
    const { user, tokens } = await codeGrantSetup(app)
    // Idle connections in the pool, which the partition leaves open but dead.
    await Promise.all(Array.from({ length: 5 }, () => viewerState(app, tokens.access_token, user)))

    proxy.blackHole()
    const during = await Promise.all([
      graphql(app, SAVE, tokens.access_token, { m: 21, n: 'during the partition' }),
      graphql(app, '{ Media(id: 1) { id } }'),
    ])
    for (const res of during) {
      expect(res.status).toBe(503)
      expect(res.headers['retry-after']).toBe('5')
    }
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503)

    await proxy.mend()
    await readyzBecomes(app, 200)
    expect((await graphql(app, ENTRY, tokens.access_token, { u: user.id, m: 21 })).body.data.MediaList).toBeNull()
    expect((await graphql(app, SAVE, tokens.access_token, { m: 21, n: 'after the partition' })).status).toBe(200)
    expect(await viewerState(app, tokens.access_token, user)).toBe('ok')
  }, OUTAGE_TEST_TIMEOUT_MS)
})
