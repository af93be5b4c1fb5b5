/**
 * Property-based tests of the social pages (issue 14, item 7): the Follow form posted with names of
 * every kind in the path and hostile fields, the follower lists and the notifications page with
 * hostile query strings, with and without a session. No 5xx; a page, or a redirect within the site.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyShape, percentEncode, requestPairs, type Pair } from './support/bodies.js'
import { fuzzRequests, type FuzzCase } from './support/cases.js'
import { strayHeaders } from './support/headers.js'
import { hostileString } from './support/hostile-values.js'
import { expectPage, expectSafeRedirect } from './support/invariants.js'
import { liveOrNearMiss } from './support/live.js'
import { createWorld, SESSION_CSRF, type World } from './support/world.js'
import { makeUser } from '../helpers/flow.js'
import { raiseNotifications } from '../../src/social/notification-store.js'

const FUZZ_TIMEOUT_MS = 240_000

let world: World
beforeAll(async () => {
  world = await createWorld()
  const { db, clock } = world.app.kiroku
  const bob = await makeUser(world.app, 'bob')
  await raiseNotifications(db, clock, [
    { userId: world.user.id, type: 'FOLLOWING', actorId: bob.id },
    { userId: world.user.id, type: 'AIRING', mediaId: 1, episode: 3 },
    { userId: world.user.id, type: 'MEDIA_DELETION', deletedTitles: ['<script>alert(1)</script>'] },
  ])
})
afterAll(async () => world?.app.close())

/** Names as they appear in a path: real ones, other cases, hostile text. */
const pathNames = fc.oneof(
  fc.constantFrom('bob', 'BOB', 'alice', 'nobody', 'a', '..', '.', '%2e%2e', 'bob%00', 'b'.repeat(21), ''),
  hostileString.map((s) => percentEncode(s.slice(0, 40))),
  fc.constantFrom('%', '%zz', '%C3%28', '%ED%A0%80', 'a'.repeat(101)),
)

// Fastify's router refuses a path it cannot decode (400) or a parameter over 100 characters (414)
// before any route or Kiroku's error page runs, with its own JSON: a client error all the same.
const ROUTER_REFUSALS = new Set(['FST_ERR_BAD_URL', 'FST_ERR_MAX_PARAM_LENGTH'])

function check(res: Parameters<typeof expectPage>[0]): void {
  if ((res.statusCode === 400 || res.statusCode === 414) && /^application\/json/.test(String(res.headers['content-type'])) && ROUTER_REFUSALS.has(String((res.json() as { code?: unknown }).code))) return
  expectPage(res)
  expectSafeRedirect(res, [], world.publicUrl)
}

describe('social pages under fuzzing', () => {
  it(
    'never answer 5xx, and redirect only within the site',
    async () => {
      const csrf = liveOrNearMiss(SESSION_CSRF)
      const cookie = fc.constantFrom<FuzzCase['cookie']>('session', 'session', 'session', 'none')
      const pageValues = fc.oneof(fc.constantFrom('1', '2', '0', '-1', '1e3', '99999999', '9007199254740993', '__proto__'), hostileString)
      let followed = 0
      const cases: fc.Arbitrary<FuzzCase> = fc.oneof(
        fc.record({
          method: fc.constant('POST' as const),
          path: pathNames.map((name) => `/user/${name}/follow`),
          pairs: requestPairs(fc.constant<Pair[]>([['csrf_token', SESSION_CSRF], ['follow', '1']]), { csrf_token: csrf, follow: fc.oneof(fc.constantFrom('1', '0', '', 'true', 'toString'), hostileString) }),
          shape: bodyShape(['form', 'form', 'json']),
          cookie,
          headers: strayHeaders,
        }),
        fc.record({
          method: fc.constant('GET' as const),
          path: fc.tuple(pathNames, fc.constantFrom('followers', 'following')).map(([name, list]) => `/user/${name}/${list}`),
          pairs: requestPairs(fc.constant<Pair[]>([]), { page: pageValues }),
          rawPercent: fc.boolean(),
          cookie,
          headers: strayHeaders,
        }),
        fc.record({
          method: fc.constant('GET' as const),
          path: fc.constantFrom('/notifications', '/user/bob', '/'),
          pairs: requestPairs(fc.constant<Pair[]>([]), { group: fc.oneof(fc.constantFrom('all', 'airing', 'activity', 'follows', 'media', 'constructor', '__proto__'), hostileString), page: pageValues }),
          rawPercent: fc.boolean(),
          cookie,
          headers: strayHeaders,
        }),
      )
      await fuzzRequests(
        world,
        cases,
        (res, c) => {
          check(res)
          // The hostile stored title is shown as text, never as markup.
          if (c.path === '/notifications' && res.statusCode === 200) expect(res.body).not.toContain('<script>alert(1)</script>')
          if (c.method === 'POST' && res.statusCode === 303 && res.headers.location === '/user/bob') followed++
        },
        400,
      )
      expect(followed).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})
