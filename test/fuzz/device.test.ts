/**
 * Property-based tests of the device flow (RFC 8628): the device authorization endpoint with real and
 * hostile client credentials, and the /activate page where the user types a code, with real pending
 * user codes, the session and its CSRF token mixed with hostile values. No 5xx; the JSON endpoint
 * answers in OAuth's shape, the page with HTML or a redirect to Kiroku's own login.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyShape, requestPairs, type Pair } from './support/bodies.js'
import { fuzzRequests, type FuzzCase } from './support/cases.js'
import { strayHeaders } from './support/headers.js'
import { expectOAuthAnswer, expectPage, expectSafeRedirect } from './support/invariants.js'
import { liveOrNearMiss } from './support/live.js'
import { credentials, oauthCases, type ValidRequest } from './support/oauth-cases.js'
import { createWorld, SESSION_CSRF, userCodeFor, type World } from './support/world.js'

const DEVICE_CODE = '/api/v2/oauth/device/code'
const ACTIVATE = '/activate'
const FUZZ_TIMEOUT_MS = 240_000

let world: World
beforeAll(async () => {
  world = await createWorld()
})
afterAll(async () => world?.app.close())

type Which = keyof World['clients']
const WHICH: Which[] = ['confidential', 'single', 'public']

function validDeviceRequest(): fc.Arbitrary<ValidRequest> {
  return fc.record({ which: fc.constantFrom(...WHICH), byBasic: fc.boolean() }).map(({ which, byBasic }) => credentials(world.clients[which], byBasic))
}

/** A device authorization response (RFC 8628 §3.2). */
function isDeviceResponse(body: unknown): boolean {
  const b = body as Record<string, unknown> | null
  return typeof b?.device_code === 'string' && typeof b.user_code === 'string' && typeof b.verification_uri === 'string' && typeof b.expires_in === 'number'
}

describe('POST /api/v2/oauth/device/code under fuzzing', () => {
  it(
    'never answers 5xx; every answer is an OAuth error or a device authorization',
    async () => {
      let started = 0
      await fuzzRequests(
        world,
        oauthCases(world, DEVICE_CODE, validDeviceRequest(), { scope: fc.constantFrom('', 'a') }),
        (res) => {
          expectOAuthAnswer(res, isDeviceResponse)
          if (res.statusCode === 200) started++
        },
        500,
      )
      expect(started).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})

const userCodes = fc.oneof(
  fc.oneof(...WHICH.map((which) => liveOrNearMiss(userCodeFor(which)))),
  fc.constantFrom('ABCD-EFGH', 'abcdefgh', 'ABCD EFGH', 'ABCDEFGHI', '----', '', 'ＡＢＣＤ-ＥＦＧＨ'),
)

function validActivation(): fc.Arbitrary<Pair[]> {
  return fc
    .record({ which: fc.constantFrom(...WHICH), decision: fc.option(fc.constantFrom('approve', 'deny'), { nil: undefined }) })
    .map(({ which, decision }): Pair[] => [['csrf_token', SESSION_CSRF], ['user_code', userCodeFor(which)], ...(decision ? [['decision', decision] as const] : [])])
}

describe('/activate under fuzzing', () => {
  it(
    'never answers 5xx; answers with a page or a redirect to its own login',
    async () => {
      const known = { csrf_token: liveOrNearMiss(SESSION_CSRF), user_code: userCodes, decision: fc.constantFrom('approve', 'deny', 'Approve', '') }
      // The wrong-code throttle counts per user: most cases come from a new user's fresh session.
      const cookie = fc.constantFrom<FuzzCase['cookie']>('fresh', 'fresh', 'fresh', 'session', 'none', 'junk')
      const cases: fc.Arbitrary<FuzzCase> = fc.oneof(
        fc.record({ method: fc.constant('POST' as const), path: fc.constant(ACTIVATE), pairs: requestPairs(validActivation(), known), shape: bodyShape(['form', 'form', 'json']), cookie, headers: strayHeaders }),
        fc.record({ method: fc.constant('GET' as const), path: fc.constant(ACTIVATE), pairs: requestPairs(validActivation(), known), rawPercent: fc.boolean(), cookie, headers: strayHeaders }),
      )
      let answered = 0
      await fuzzRequests(
        world,
        cases,
        (res) => {
          expectPage(res)
          expectSafeRedirect(res, [], world.publicUrl)
          if (res.statusCode === 200 && res.body.includes('Fuzzed App')) answered++
        },
        600,
      )
      // Some cases must have reached the step that names the app, past the CSRF and code checks.
      expect(answered).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})
