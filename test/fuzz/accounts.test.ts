/**
 * Property-based tests of the login and sign-up forms: the real user's name and password, fresh valid
 * sign-ups and the visitor's real form cookie and CSRF token, mixed with hostile fields, repeated
 * fields and bodies of every encoding, from many addresses (the throttles count per address). No 5xx;
 * a page, or a redirect to a path on Kiroku's own site whatever `next` says.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyShape, requestPairs, type Pair } from './support/bodies.js'
import { fuzzRequests, type FuzzCase } from './support/cases.js'
import { strayHeaders } from './support/headers.js'
import { hostileString } from './support/hostile-values.js'
import { expectPage, expectSafeRedirect } from './support/invariants.js'
import { Live, liveOrNearMiss } from './support/live.js'
import { ANONYMOUS_CSRF, createWorld, SESSION_CSRF, type World } from './support/world.js'
import { PASSWORD } from '../helpers/flow.js'

// Every login that reaches the password check hashes (Argon2id): fewer cases than elsewhere, still hundreds.
const FUZZ_TIMEOUT_MS = 240_000

let world: World
beforeAll(async () => {
  world = await createWorld()
})
afterAll(async () => world?.app.close())

/** Where to go after the form: paths of this site, and the open redirects `next` must never become. */
const nextValues = fc.constantFrom('/', '/settings/developer', '/api/v2/oauth/authorize?client_id=1&response_type=token', '//evil.example', '/\\evil.example', 'https://evil.example', '/%2F%2Fevil.example', '/\t/evil.example', '/\u0000', '/日本', '/\ud800', `/${'a'.repeat(4001)}`, 'javascript:alert(1)', '')

const addresses = fc.oneof(fc.constant('127.0.0.1'), fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`), fc.constantFrom('::1', '2001:db8::1'))
const cookies = fc.constantFrom<FuzzCase['cookie']>('anonymous', 'anonymous', 'anonymous', 'session', 'none', 'junk')
const csrfValues = fc.oneof(liveOrNearMiss(ANONYMOUS_CSRF), fc.constant(SESSION_CSRF))

let signups = 0
/** A user name nobody has taken yet (sign-up would refuse a taken one before hashing). */
const freshName = new Live<World>('a new user name', async () => `new${++signups}`)

function formCases(path: string, valid: fc.Arbitrary<Pair[]>, known: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<FuzzCase> {
  return fc.record({
    method: fc.constant('POST' as const),
    path: fc.constant(path),
    pairs: requestPairs(valid, known),
    shape: bodyShape(['form', 'form', 'json']),
    cookie: cookies,
    remoteAddress: addresses,
    headers: strayHeaders,
  })
}

function check(res: Parameters<typeof expectPage>[0]): void {
  expectPage(res)
  expectSafeRedirect(res, [], world.publicUrl)
}

describe('POST /login under fuzzing', () => {
  it(
    'never answers 5xx, and redirects only within the site',
    async () => {
      const known = {
        csrf_token: csrfValues,
        name: fc.constantFrom('alice', 'ALICE', 'alice ', 'bob', 'al', ''),
        password: fc.constantFrom(PASSWORD, PASSWORD, `${PASSWORD} `, PASSWORD.toUpperCase(), 'p'.repeat(256), 'p'.repeat(257), ''),
        next: nextValues,
      }
      const valid = fc.option(nextValues, { nil: undefined }).map((next): Pair[] => [['csrf_token', ANONYMOUS_CSRF], ['name', 'alice'], ['password', PASSWORD], ...(next !== undefined ? [['next', next] as const] : [])])
      let loggedIn = 0
      await fuzzRequests(
        world,
        formCases('/login', valid, known),
        (res) => {
          check(res)
          if (res.statusCode === 303 && String(res.headers['set-cookie']).includes('kiroku_session=')) loggedIn++
        },
        400,
      )
      expect(loggedIn).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})

describe('POST /signup under fuzzing', () => {
  it(
    'never answers 5xx, and redirects only within the site',
    async () => {
      const known = {
        csrf_token: csrfValues,
        name: fc.oneof(fc.constant(freshName), fc.constantFrom('alice', 'Alice', 'a', 'a'.repeat(21), 'bad name', 'ünï', '__proto__', 'constructor'), hostileString),
        email: fc.constantFrom('a@example.test', 'not-an-email', '', '@', `${'a'.repeat(250)}@x.io`, 'a@b'),
        password: fc.constantFrom(PASSWORD, 'short', 'p'.repeat(256), 'p'.repeat(257), 'p'.repeat(1025), ''),
        next: nextValues,
      }
      const valid = fc
        .record({ email: fc.boolean(), next: fc.option(nextValues, { nil: undefined }) })
        .map(({ email, next }): Pair[] => [
          ['csrf_token', ANONYMOUS_CSRF],
          ['name', freshName],
          ['password', PASSWORD],
          ...(email ? [['email', 'someone@example.test'] as const] : []),
          ...(next !== undefined ? [['next', next] as const] : []),
        ])
      let created = 0
      await fuzzRequests(
        world,
        formCases('/signup', valid, known),
        (res) => {
          check(res)
          if (res.statusCode === 303) created++
        },
        300,
      )
      expect(created).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})
