/**
 * The login and sign-up throttles under real parallelism: many requests over real sockets at once,
 * each taking its point before any password is checked or account made, so that none slips past the
 * limit while the others are still hashing. With the memory store and, when one runs, with Redis.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { listeningServer, type TestServer } from '../helpers/server.js'
import { csrfToken } from '../helpers/browser.js'
import { makeUser } from '../helpers/flow.js'
import { deleteKeysUnder, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js'
import { MAX_FAILED_LOGINS } from '../../src/accounts/login-throttle.js'
import { MAX_SIGNUPS_PER_ADDRESS } from '../../src/accounts/routes.js'

let s: (TestServer & { baseUrl: string }) | undefined
let prefix = ''
afterEach(async () => {
  await s?.app.close()
  s = undefined
  if (prefix && TEST_REDIS_URL) await deleteKeysUnder(prefix)
  prefix = ''
})

/** Opens a form page over HTTP: the cookies it sets (as one Cookie header) and its CSRF token. */
async function openForm(baseUrl: string, path: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(baseUrl + path)
  const cookie = res.headers.getSetCookie().map((line) => line.split(';')[0]!).join('; ')
  return { cookie, token: csrfToken(await res.text()) }
}

/** POSTs every form to `path` all at once, each on its own request with its cookie; resolves to the status codes. */
async function postAllAtOnce(baseUrl: string, path: string, posts: Array<{ cookie: string; form: Record<string, string> }>): Promise<number[]> {
  return Promise.all(
    posts.map(async ({ cookie, form }) => {
      const res = await fetch(baseUrl + path, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams(form).toString(),
      })
      await res.arrayBuffer()
      return res.status
    }),
  )
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length

const stores = [
  { name: 'in memory', redis: false },
  { name: 'in Redis', redis: true },
] as const

for (const store of stores) {
  describe.runIf(!store.redis || TEST_REDIS_URL)(`throttles counting ${store.name}`, () => {
    const start = async () => {
      prefix = store.redis ? uniquePrefix() : ''
      s = await listeningServer(store.redis ? { redisUrl: TEST_REDIS_URL, redisPrefix: prefix } : {})
      return s
    }

    it('61 wrong passwords sent at once: exactly 10 are checked (401), the other 51 refused (429)', async () => {
      const server = await start()
      const user = await makeUser(server.app, 'alice')
      // One browser guessing in parallel: a wrong password leaves its form token valid.
      const { cookie, token } = await openForm(server.baseUrl, '/login')
      const posts = Array.from({ length: 61 }, (_, i) => ({ cookie, form: { csrf_token: token, name: user.name, password: `wrong guess ${i}`, next: '/' } }))
      const statuses = await postAllAtOnce(server.baseUrl, '/login', posts)
      expect(count(statuses, 401)).toBe(MAX_FAILED_LOGINS)
      expect(count(statuses, 429)).toBe(61 - MAX_FAILED_LOGINS)
    })

    it('40 sign-ups sent at once from one address: exactly 20 accounts are made, the other 20 refused (429)', async () => {
      const server = await start()
      // Forty browsers, each with its own form (a sign-up logs its browser in, which ends that form).
      const posts = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const { cookie, token } = await openForm(server.baseUrl, '/signup')
          return { cookie, form: { csrf_token: token, name: `racer${i}`, password: 'a long enough passphrase', next: '/' } }
        }),
      )
      const statuses = await postAllAtOnce(server.baseUrl, '/signup', posts)
      expect(count(statuses, 303)).toBe(MAX_SIGNUPS_PER_ADDRESS)
      expect(count(statuses, 429)).toBe(40 - MAX_SIGNUPS_PER_ADDRESS)
      const users = await server.app.kiroku.db.selectFrom('users').select('name').execute()
      expect(users).toHaveLength(MAX_SIGNUPS_PER_ADDRESS)
    })
  })
}
