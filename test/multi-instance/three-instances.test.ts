/**
 * Three instances behind one load balancer, on one PostgreSQL (and Redis): a person's session, a
 * token, a revocation, a rate limit, a login throttle and a signing key all hold across instances.
 * Run with Redis and without it (database only: revocations still reach every instance within
 * TOKEN_CHECK_CACHE_SECONDS, but counts are per instance and a rotated key signs elsewhere only once
 * that instance reloads).
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { decodeProtectedHeader } from 'jose'
import { createUser } from '../../src/accounts/users.js'
import { createClient } from '../../src/oauth/clients.js'
import { csrfToken, hiddenFields } from '../helpers/browser.js'
import { PASSWORD } from '../helpers/flow.js'
import { HttpBrowser, postForm, viewerOver } from '../helpers/http-browser.js'
import { eventually, TEST_REDIS_URL } from '../helpers/redis.js'
import { TEST_DIALECT } from '../helpers/database.js'
import { runCli } from '../helpers/cli.js'
import { startCluster, type Cluster, type Instance } from './cluster.js'

const ON_POSTGRES = TEST_DIALECT === 'postgres'
if (!process.env.KIROKU_TEST_POSTGRES_URL || !TEST_REDIS_URL) {
  console.warn(
    '[kiroku] the multi-instance test needs KIROKU_TEST_POSTGRES_URL and KIROKU_TEST_REDIS_URL (CI sets both): ' +
      `${process.env.KIROKU_TEST_POSTGRES_URL ? 'its Redis half is' : 'it is'} SKIPPED.`,
  )
}

const REDIRECT = 'https://app.example/callback'
// With Redis a revocation is announced before the revoking request answers; without it, an
// instance's cached check of the token lasts TOKEN_CHECK_CACHE_SECONDS (1 by default).
const WITH_REDIS_DEADLINE_MS = 1000
const WITHOUT_REDIS_DEADLINE_MS = 1000 + 1000

let cluster: Cluster | undefined
afterEach(async () => {
  vi.unstubAllEnvs()
  await cluster?.close()
  cluster = undefined
})

interface Setup {
  userId: number
  client: { id: string; secret: string }
  browser: HttpBrowser
}

/** A user and a confidential client in the shared database, and a browser logged in on A. */
async function setUp(c: Cluster): Promise<Setup> {
  const [a, , cc] = c.instances
  const { db, clock } = a.app.kiroku
  const user = await createUser(db, clock, { name: 'alice', password: PASSWORD })
  const { client, secret } = await createClient(db, clock, { name: 'Shared App', redirectUris: [REDIRECT] })
  const browser = new HttpBrowser()
  // The login form comes from C; A accepts its CSRF token: sessions live in the shared database.
  const page = await browser.get(cc.base, '/login')
  const loggedIn = await browser.post(a.base, '/login', { csrf_token: csrfToken(page.body), name: 'alice', password: PASSWORD, next: '/' })
  expect(loggedIn.statusCode).toBe(303)
  return { userId: user.id, client: { id: String(client.id), secret: secret! }, browser }
}

/** Approves the client on `approveOn` (the page and its form both on that instance) and returns the code. */
async function approve(s: Setup, approveOn: Instance): Promise<string> {
  const url = `/api/v2/oauth/authorize?${new URLSearchParams({ client_id: s.client.id, response_type: 'code' })}`
  let res = await s.browser.get(approveOn.base, url)
  let expected = 302
  if (res.statusCode === 200) {
    const fields = hiddenFields(res.body, '/api/v2/oauth/authorize')
    res = await s.browser.post(approveOn.base, '/api/v2/oauth/authorize', { ...fields, csrf_token: csrfToken(res.body), decision: 'approve' })
    expected = 303
  }
  expect(res.statusCode, res.body.slice(0, 300)).toBe(expected)
  const code = new URL(res.headers.get('location')!).searchParams.get('code')
  expect(code).toBeTruthy()
  return code!
}

/** An access token: approved on `approveOn`, the code exchanged on `exchangeOn`. */
async function accessToken(s: Setup, approveOn: Instance, exchangeOn: Instance): Promise<string> {
  const code = await approve(s, approveOn)
  const res = await postForm(`${exchangeOn.base}/api/v2/oauth/token`, { grant_type: 'authorization_code', code, client_id: s.client.id, client_secret: s.client.secret })
  expect(res.statusCode, res.body).toBe(200)
  return (res.json() as { access_token: string }).access_token
}

/** What each instance answers to `{ Viewer { id } }` with `token`. */
async function answers(c: Cluster, token: string): Promise<string[]> {
  return Promise.all(c.instances.map((i) => viewerOver(i.base, token)))
}

/** Polls until every instance refuses `token`; fails after `deadlineMs`. */
async function refusedEverywhere(c: Cluster, token: string, deadlineMs: number): Promise<void> {
  await eventually(async () => (await answers(c, token)).every((a) => a === 'Invalid token'), deadlineMs, 'every instance refuses the revoked token')
}

/** The kid each instance signs new tokens with. */
function signingKids(c: Cluster): string[] {
  return c.instances.map((i) => i.app.kiroku.keys.current().kid)
}

for (const redis of [true, false]) {
  const mode = redis ? 'with Redis' : 'without Redis (database only)'
  const deadline = redis ? WITH_REDIS_DEADLINE_MS : WITHOUT_REDIS_DEADLINE_MS

  describe.runIf(ON_POSTGRES && process.env.KIROKU_TEST_POSTGRES_URL && (!redis || TEST_REDIS_URL))(`three instances ${mode}`, () => {
    it('log in on A, approve on B, exchange and use the token on C (and A and B)', async () => {
      cluster = await startCluster({ redis })
      const [a, b, c] = cluster.instances
      const s = await setUp(cluster)
      const token = await accessToken(s, b, c)
      expect(await viewerOver(c.base, token)).toBe(`ok:${s.userId}`)
      expect(await answers(cluster, token)).toEqual([a, b, c].map(() => `ok:${s.userId}`))
    })

    it(`a token revoked on B (POST /api/v2/oauth/revoke) is refused by every instance within ${deadline} ms`, async () => {
      cluster = await startCluster({ redis })
      const [, b, c] = cluster.instances
      const s = await setUp(cluster)
      const token = await accessToken(s, b, c)
      const other = await accessToken(s, c, b)
      // Every instance has now checked the token, and may hold that check in memory.
      for (let i = 0; i < 2; i++) expect(await answers(cluster, token)).toEqual(Array(3).fill(`ok:${s.userId}`))

      const revoked = await postForm(`${b.base}/api/v2/oauth/revoke`, { token, client_id: s.client.id, client_secret: s.client.secret })
      expect(revoked.statusCode).toBe(200)
      // The instance that revoked it refuses it at once, in either mode.
      expect(await viewerOver(b.base, token)).toBe('Invalid token')
      await refusedEverywhere(cluster, token, deadline)
      expect(await answers(cluster, other)).toEqual(Array(3).fill(`ok:${s.userId}`))
    })

    it(`an app disconnected on the connected-apps page of A loses its tokens on every instance within ${deadline} ms`, async () => {
      cluster = await startCluster({ redis })
      const [a, b, c] = cluster.instances
      const s = await setUp(cluster)
      const tokens = [await accessToken(s, b, c), await accessToken(s, c, a)]
      for (const token of tokens) expect(await answers(cluster, token)).toEqual(Array(3).fill(`ok:${s.userId}`))

      const page = await s.browser.get(c.base, '/settings/apps')
      expect(page.body).toContain('Shared App')
      const res = await s.browser.post(a.base, `/settings/apps/${s.client.id}/revoke`, { csrf_token: csrfToken(page.body) })
      expect(res.statusCode).toBe(303)
      for (const token of tokens) await refusedEverywhere(cluster, token, deadline)
    })

    it(
      redis
        ? 'the GraphQL rate limit counts requests on every instance together'
        : 'the GraphQL rate limit counts per instance (no shared counter without Redis)',
      async () => {
        cluster = await startCluster({ redis, env: { RATE_LIMIT_PER_MINUTE: '5' } })
        const [a, b, c] = cluster.instances
        const s = await setUp(cluster)
        const token = await accessToken(s, a, b)
        const results: string[] = []
        for (let i = 0; i < 18; i++) results.push(await viewerOver(cluster.instances[i % 3]!.base, token))
        const ok = `ok:${s.userId}`
        if (redis) expect(results).toEqual([...Array(5).fill(ok), ...Array(13).fill('429')])
        else expect(results).toEqual([...Array(15).fill(ok), ...Array(3).fill('429')])
        // Another token has its own count, on every instance.
        const fresh = await accessToken(s, c, a)
        expect(await viewerOver(b.base, fresh)).toBe(ok)
      },
    )

    it(
      redis
        ? 'failed logins on every instance count together: ten spread over A, B and C lock the name on all'
        : 'failed logins count per instance: ten on A lock the name there only',
      async () => {
        cluster = await startCluster({ redis })
        const [a, b, c] = cluster.instances
        await setUp(cluster)
        const guesser = new HttpBrowser()
        const page = await guesser.get(a.base, '/login')
        const attempt = (on: Instance, password: string) => guesser.post(on.base, '/login', { csrf_token: csrfToken(page.body), name: 'alice', password, next: '/' })
        for (let i = 0; i < 10; i++) {
          const on = redis ? cluster.instances[i % 3]! : a
          expect((await attempt(on, `guess ${i}`)).statusCode).toBe(401)
        }
        expect((await attempt(a, PASSWORD)).statusCode).toBe(429)
        expect((await attempt(c, PASSWORD)).statusCode).toBe(redis ? 429 : 303)
        void b
      },
    )

    it(
      redis
        ? `a key rotated on A signs new tokens on every instance within ${WITH_REDIS_DEADLINE_MS} ms, and its tokens are trusted by all`
        : 'a key rotated on A: its tokens are trusted by all at once, and an instance that sees one signs with it too',
      async () => {
        cluster = await startCluster({ redis })
        const [a, b, c] = cluster.instances
        const s = await setUp(cluster)
        const before = await accessToken(s, a, a)
        const oldKid = signingKids(cluster)[0]!
        const kid = await a.app.kiroku.keys.rotate()
        if (redis) {
          await eventually(() => signingKids(cluster!).every((k) => k === kid), WITH_REDIS_DEADLINE_MS, 'every instance signs with the new key')
          for (const on of [b, c]) expect(decodeProtectedHeader(await accessToken(s, on, on)).kid).toBe(kid)
        } else {
          // Nobody told B or C: they sign with the old key until they reload (every minute).
          expect(signingKids(cluster)).toEqual([kid, oldKid, oldKid])
        }
        const signedByNewKey = await accessToken(s, a, a)
        expect(decodeProtectedHeader(signedByNewKey).kid).toBe(kid)
        expect(await answers(cluster, signedByNewKey)).toEqual(Array(3).fill(`ok:${s.userId}`))
        // Seeing a token signed by an unknown key made B and C reload: they sign with it now.
        expect(signingKids(cluster)).toEqual([kid, kid, kid])
        expect(await answers(cluster, before)).toEqual(Array(3).fill(`ok:${s.userId}`))
      },
    )

    if (redis) it(`a key rotated by \`kiroku keys rotate\` on the shared database signs on every instance within ${WITH_REDIS_DEADLINE_MS} ms`, async () => {
      cluster = await startCluster({ redis })
      vi.stubEnv('REDIS_URL', TEST_REDIS_URL!)
      vi.stubEnv('REDIS_PREFIX', cluster.prefix!)
      const rotated = await runCli(['keys', 'rotate', '--database', cluster.databaseUrl])
      expect(rotated.code, rotated.err).toBe(0)
      expect(rotated.err).toBe('')
      const { kid } = JSON.parse(rotated.out) as { kid: string }
      await eventually(() => signingKids(cluster!).every((k) => k === kid), WITH_REDIS_DEADLINE_MS, 'every instance signs with the CLI\'s key')
    })
  })
}
