/**
 * Property-based tests of the logged-in settings pages and the PIN page: registering apps (names and
 * redirect URIs of every kind), editing, rotating, deleting and disconnecting apps by ids of every
 * size in the path, the list settings and account forms, and the PIN page's query. No 5xx; a page, or a redirect within the site.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyShape, percentEncode, requestPairs, type Pair } from './support/bodies.js'
import { fuzzRequests, type FuzzCase } from './support/cases.js'
import { strayHeaders } from './support/headers.js'
import { hostileString } from './support/hostile-values.js'
import { expectPage, expectSafeRedirect } from './support/invariants.js'
import { liveOrNearMiss } from './support/live.js'
import { redirectUriValues } from './support/oauth-values.js'
import { createWorld, SESSION_CSRF, type World } from './support/world.js'

const FUZZ_TIMEOUT_MS = 240_000

let world: World
beforeAll(async () => {
  world = await createWorld()
})
afterAll(async () => world?.app.close())

/** Ids as they appear in a path: real ones, and past every integer width. */
const pathIds = fc.oneof(
  fc.constantFrom('1', '2', '3', '0', '-1', '1.5', '1e3', '01', '2147483647', '2147483648', '4294967296', '9007199254740993', '99999999999999999999', 'NaN', 'Infinity', '0x1', ' 1', ''),
  hostileString.map((s) => percentEncode(s.slice(0, 40))),
  fc.constantFrom('%', '%zz', '%C3%28', '%ED%A0%80', '%00', 'a'.repeat(101)),
)

// Fastify's router refuses a path it cannot decode (400) or a parameter over 100 characters (414)
// before any route or Kiroku's error page runs, with its own JSON: a client error all the same.
const ROUTER_REFUSALS = new Set(['FST_ERR_BAD_URL', 'FST_ERR_MAX_PARAM_LENGTH'])

function check(res: Parameters<typeof expectPage>[0]): void {
  if ((res.statusCode === 400 || res.statusCode === 414) && /^application\/json/.test(String(res.headers['content-type'])) && ROUTER_REFUSALS.has(String((res.json() as { code?: unknown }).code))) return
  expectPage(res)
  expectSafeRedirect(res, [], world.publicUrl)
}

describe('settings and PIN pages under fuzzing', () => {
  it(
    'never answer 5xx, and redirect only within the site',
    async () => {
      const csrf = liveOrNearMiss(SESSION_CSRF)
      const registration = fc.record({ name: fc.oneof(fc.constant('My App'), hostileString), uris: fc.array(redirectUriValues(world), { minLength: 1, maxLength: 3 }), open: fc.boolean() }).map(({ name, uris, open }): Pair[] => [
        ['csrf_token', SESSION_CSRF],
        ['name', name],
        ...uris.map((uri) => ['redirect_uris', uri] as const),
        ...(open ? [['public', 'on'] as const] : []),
      ])
      const known = { csrf_token: csrf, name: hostileString, redirect_uris: redirectUriValues(world), public: fc.constantFrom('on', 'off', '') }
      const cookie = fc.constantFrom<FuzzCase['cookie']>('session', 'session', 'session', 'none')
      const cases: fc.Arbitrary<FuzzCase> = fc.oneof(
        fc.record({ method: fc.constant('POST' as const), path: fc.constant('/settings/developer/clients'), pairs: requestPairs(registration, known), shape: bodyShape(['form', 'form', 'json']), cookie, headers: strayHeaders }),
        fc.record({
          method: fc.constant('POST' as const),
          path: fc.tuple(fc.constantFrom('/settings/developer/clients/ID/delete', '/settings/developer/clients/ID', '/settings/developer/clients/ID/secret', '/settings/apps/ID/revoke'), pathIds).map(([pattern, id]) => pattern.replace('ID', id)),
          pairs: requestPairs(fc.constant<Pair[]>([['csrf_token', SESSION_CSRF]]), known),
          shape: bodyShape(['form']),
          cookie,
          headers: strayHeaders,
        }),
        fc.record({
          method: fc.constant('POST' as const),
          path: fc.constantFrom('/settings/lists', '/settings/account/email', '/settings/account/password'),
          pairs: requestPairs(fc.constant<Pair[]>([['csrf_token', SESSION_CSRF], ['title_language', 'NATIVE'], ['score_format', 'POINT_10'], ['anime_list_0_was', 'Later'], ['anime_list_0_name', 'Soon']]), {
            csrf_token: csrf,
            title_language: fc.oneof(fc.constantFrom('ROMAJI', 'NATIVE', 'ENGLISH_STYLISED', '__proto__'), hostileString),
            score_format: fc.oneof(fc.constantFrom('POINT_100', 'POINT_3', 'toString'), hostileString),
            display_adult_content: fc.constantFrom('on', ''),
            anime_list_0_was: hostileString,
            anime_list_0_name: hostileString,
            anime_list_0_remove: fc.constantFrom('on', ''),
            manga_added: hostileString,
            anime_categories: hostileString,
            email: hostileString,
            current_password: hostileString,
            new_password: hostileString,
            new_password_again: hostileString,
          }),
          shape: bodyShape(['form', 'form', 'json']),
          cookie,
          headers: strayHeaders,
        }),
        fc.record({
          method: fc.constant('GET' as const),
          path: fc.constantFrom('/api/v2/oauth/pin', '/settings/developer', '/settings/apps', '/settings/account', '/settings/lists', '/settings/account/delete', '/login', '/signup', '/'),
          pairs: requestPairs(fc.constant<Pair[]>([]), { code: fc.oneof(hostileString, fc.constant('a'.repeat(43))), error: fc.constantFrom('access_denied', 'invalid_request', '__proto__', 'constructor', 'toString'), next: fc.constantFrom('/', '//evil.example', 'https://evil.example'), error_description: hostileString }),
          rawPercent: fc.boolean(),
          cookie,
          headers: strayHeaders,
        }),
      )
      let registered = 0
      await fuzzRequests(
        world,
        cases,
        (res, c) => {
          check(res)
          // A registration redirects to the page that shows the new client once (Post/Redirect/Get).
          if (c.path === '/settings/developer/clients' && res.statusCode === 303 && String(res.headers.location).startsWith('/settings/developer?shown=')) registered++
        },
        600,
      )
      expect(registered).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})
