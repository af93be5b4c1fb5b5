/** The posting limit is one count per user for every instance sharing a Redis (KIROKU_TEST_REDIS_URL). */
import { afterAll, describe, expect, it } from 'vitest'
import { deleteKeysUnder, TEST_REDIS_URL, uniquePrefix } from '../helpers/redis.js'
import { refused, postText, socialServer, socialUser } from './social-helpers.js'

const prefix = uniquePrefix()
afterAll(async () => {
  if (TEST_REDIS_URL) await deleteKeysUnder(prefix)
})

describe.runIf(TEST_REDIS_URL)('the posting limit through Redis', () => {
  it('counts a user’s posts on two servers together', async () => {
    const shared = { postingLimitPerMinute: 2, redisUrl: TEST_REDIS_URL!, redisPrefix: prefix }
    // One database per server: user ids are the same (1) on both, so both count for "user 1".
    const one = await socialServer(shared)
    const two = await socialServer(shared)
    try {
      const a = await socialUser(one.app, 'eve')
      const b = await socialUser(two.app, 'eve')
      expect(a.user.id).toBe(b.user.id)
      const minute = Math.ceil(one.clock() / 60) * 60
      one.clock.set(minute)
      two.clock.set(minute)
      await postText(one.app, a.token, 'on one')
      await postText(two.app, b.token, 'on two')
      expect((await refused(one.app, 'mutation { SaveTextActivity(text: "third") { id } }', a.token)).status).toBe(429)
      expect((await refused(two.app, 'mutation { SaveTextActivity(text: "third") { id } }', b.token)).status).toBe(429)
    } finally {
      await one.app.close()
      await two.app.close()
    }
  })
})
