/**
 * Property-based tests of the token endpoint: every grant (authorization_code with and without PKCE,
 * refresh_token, the device code) started from real, fresh credentials of a random client, then
 * changed in random positions, in bodies of any encoding and with Authorization headers of any shape.
 * Whatever is sent: no 5xx, an RFC 6749 §5.2 error or a token response, always no-store.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fuzzRequests } from './support/cases.js'
import { expectOAuthAnswer } from './support/invariants.js'
import { liveOrNearMiss } from './support/live.js'
import { credentials, oauthCases, type ValidRequest } from './support/oauth-cases.js'
import { redirectUriValues, verifierValues } from './support/oauth-values.js'
import { codeFor, createWorld, deviceCodeFor, refreshTokenFor, type World } from './support/world.js'
import { DEVICE_CODE_GRANT } from '../../src/oauth/token/device-code.js'

const TOKEN = '/api/v2/oauth/token'
const FUZZ_TIMEOUT_MS = 240_000

let world: World
beforeAll(async () => {
  world = await createWorld()
})
afterAll(async () => world?.app.close())

type Which = keyof World['clients']
const WHICH: Which[] = ['confidential', 'single', 'public']

/** A valid token request of a random grant and client, credentials in the body or by Basic. */
function validTokenRequest(w: World): fc.Arbitrary<ValidRequest> {
  return fc
    .record({
      which: fc.constantFrom(...WHICH),
      grant: fc.constantFrom('authorization_code', 'authorization_code', 'refresh_token', 'device_code'),
      byBasic: fc.boolean(),
      pkce: fc.boolean(),
      redirectUriGiven: fc.boolean(),
      approved: fc.boolean(),
    })
    .map(({ which, grant, byBasic, pkce, redirectUriGiven, approved }) => {
      const client = w.clients[which]
      const auth = credentials(client, byBasic)
      const pairs = [...auth.pairs]
      if (grant === 'authorization_code') {
        // Public clients' codes always carry PKCE, as the authorization endpoint requires.
        const withPkce = pkce || client.client.isPublic
        pairs.push(['grant_type', 'authorization_code'], ['code', codeFor(which, { redirectUriGiven, pkce: withPkce })])
        if (redirectUriGiven) pairs.push(['redirect_uri', client.client.redirectUris[0]!])
        if (withPkce) pairs.push(['code_verifier', w.pkce.verifier])
      } else if (grant === 'refresh_token') {
        pairs.push(['grant_type', 'refresh_token'], ['refresh_token', refreshTokenFor(which)])
      } else {
        pairs.push(['grant_type', DEVICE_CODE_GRANT], ['device_code', deviceCodeFor(which, approved)])
      }
      return { pairs, ...(auth.authorization ? { authorization: auth.authorization } : {}) }
    })
}

function knownTokenParams(w: World): Record<string, fc.Arbitrary<unknown>> {
  return {
    grant_type: fc.constantFrom('authorization_code', 'refresh_token', DEVICE_CODE_GRANT, 'password', 'client_credentials', 'implicit', 'AUTHORIZATION_CODE', 'constructor', '__proto__', 'hasOwnProperty', 'toString'),
    code: fc.oneof(...WHICH.map((which) => liveOrNearMiss(codeFor(which, { redirectUriGiven: false, pkce: false })))),
    redirect_uri: redirectUriValues(w),
    code_verifier: verifierValues(w),
    refresh_token: fc.oneof(...WHICH.map((which) => liveOrNearMiss(refreshTokenFor(which)))),
    device_code: fc.oneof(...WHICH.map((which) => liveOrNearMiss(deviceCodeFor(which, true)))),
    scope: fc.constantFrom('', 'openid', 'a b'),
  }
}

/** A token response: RFC 6749 §5.1, as AniList sends it. */
function isTokenResponse(body: unknown): boolean {
  const b = body as Record<string, unknown> | null
  return b?.token_type === 'Bearer' && typeof b.access_token === 'string' && typeof b.refresh_token === 'string' && typeof b.expires_in === 'number'
}

describe('POST /api/v2/oauth/token under fuzzing', () => {
  it(
    'never answers 5xx; every answer is an OAuth error or a token response',
    async () => {
      let issued = 0
      await fuzzRequests(
        world,
        oauthCases(world, TOKEN, validTokenRequest(world), knownTokenParams(world)),
        (res) => {
          expectOAuthAnswer(res, isTokenResponse)
          if (res.statusCode === 200) issued++
        },
        800,
      )
      // The valid requests among the cases must get tokens, or the grants' own code went unfuzzed.
      expect(issued).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})
