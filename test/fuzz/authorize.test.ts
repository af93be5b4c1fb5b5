/**
 * Property-based tests of the authorization endpoint, GET and the approval POST: real clients, real
 * registered redirect URIs and a real session mixed with near misses and hostile values in every
 * position. Whatever is sent: no 5xx, an HTML page or a redirect, and a redirect only to Kiroku itself
 * or to a redirect URI registered for the client the request names (RFC 6749 §4.1.2.1, RFC 9700 §4.1).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyShape, requestPairs, type Pair } from './support/bodies.js'
import { fuzzRequests, type FuzzCase } from './support/cases.js'
import { strayHeaders } from './support/headers.js'
import { expectPage, expectSafeRedirect } from './support/invariants.js'
import { liveOrNearMiss } from './support/live.js'
import { challengeMethodValues, challengeValues, promptValues, redirectUriValues, responseTypeValues, stateValues, verifierValues } from './support/oauth-values.js'
import { allClients, clientIdValues, createWorld, redirectUrisNamedBy, SESSION_CSRF, type World } from './support/world.js'

const AUTHORIZE = '/api/v2/oauth/authorize'
// Each case costs a few milliseconds on SQLite, more on PostgreSQL; shrinking a failure costs more.
const FUZZ_TIMEOUT_MS = 240_000

let world: World
beforeAll(async () => {
  world = await createWorld()
})
afterAll(async () => world?.app.close())

/** The authorization request's parameters and their values, real ones weighted up. */
function knownParams(w: World, withForm: boolean): Record<string, fc.Arbitrary<unknown>> {
  return {
    client_id: clientIdValues(w),
    redirect_uri: redirectUriValues(w),
    response_type: responseTypeValues,
    state: stateValues,
    code_challenge: challengeValues(w),
    code_challenge_method: challengeMethodValues,
    prompt: promptValues,
    ...(withForm ? { csrf_token: liveOrNearMiss(SESSION_CSRF), decision: fc.constantFrom('approve', 'approve', 'deny', 'Approve', 'approve ', '') } : {}),
    // An authorization request never carries a verifier: rarely sent, always refused.
    ...(withForm ? {} : { code_verifier: verifierValues(w) }),
  }
}

/** A valid authorization request of a random client (and, for the form, an Approve with the session's CSRF token). */
function validRequest(w: World, withForm: boolean): fc.Arbitrary<Pair[]> {
  return fc
    .record({
      client: fc.constantFrom(...allClients(w)),
      uriAt: fc.nat(),
      sayUri: fc.boolean(),
      responseType: fc.constantFrom('code', 'token'),
      state: fc.option(stateValues, { nil: undefined }),
      prompt: fc.option(fc.constantFrom('consent', 'none'), { nil: undefined }),
      pkce: fc.boolean(),
    })
    .map(({ client, uriAt, sayUri, responseType, state, prompt, pkce }) => {
      const uris = client.client.redirectUris
      const pairs: Pair[] = [['client_id', String(client.client.id)], ['response_type', responseType]]
      if (sayUri || uris.length > 1) pairs.push(['redirect_uri', uris[uriAt % uris.length]!])
      if (state !== undefined) pairs.push(['state', state])
      if (prompt !== undefined) pairs.push(['prompt', prompt])
      if (responseType === 'code' && (pkce || client.client.isPublic)) pairs.push(['code_challenge', w.pkce.challenge], ['code_challenge_method', 'S256'])
      if (withForm) pairs.push(['csrf_token', SESSION_CSRF], ['decision', 'approve'])
      return pairs
    })
}

function authorizeParams(w: World, withForm: boolean): fc.Arbitrary<Pair[]> {
  return requestPairs(validRequest(w, withForm), knownParams(w, withForm))
}

const cookie = fc.constantFrom<FuzzCase['cookie']>('session', 'session', 'session', 'none', 'junk')

function check(res: Parameters<typeof expectPage>[0], c: FuzzCase): void {
  expectPage(res)
  expectSafeRedirect(res, redirectUrisNamedBy(world, c.pairs), world.publicUrl)
}

describe('GET /api/v2/oauth/authorize under fuzzing', () => {
  it(
    'never answers 5xx and never redirects to an unregistered URI',
    async () => {
      const cases = fc.record({
        method: fc.constant('GET' as const),
        path: fc.constant(AUTHORIZE),
        pairs: authorizeParams(world, false),
        rawPercent: fc.boolean(),
        cookie,
        headers: strayHeaders,
      })
      let redirectedToApp = 0
      await fuzzRequests(
        world,
        cases,
        (res, c) => {
          check(res, c)
          if (typeof res.headers.location === 'string' && !res.headers.location.startsWith('/')) redirectedToApp++
        },
        800,
      )
      // The mix must reach past the client and redirect URI checks, or the property proves little.
      expect(redirectedToApp).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})

describe('POST /api/v2/oauth/authorize (the approval form) under fuzzing', () => {
  it(
    'never answers 5xx and never redirects to an unregistered URI',
    async () => {
      const cases = fc.record({
        method: fc.constant('POST' as const),
        path: fc.constant(AUTHORIZE),
        pairs: authorizeParams(world, true),
        shape: bodyShape(['form', 'form', 'json']),
        cookie,
        headers: strayHeaders,
      })
      let approved = 0
      await fuzzRequests(
        world,
        cases,
        (res, c) => {
          check(res, c)
          if (/[?#&](code|access_token)=/.test(String(res.headers.location))) approved++
        },
        600,
      )
      expect(approved).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})
