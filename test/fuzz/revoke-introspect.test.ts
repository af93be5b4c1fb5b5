/**
 * Property-based tests of revocation (RFC 7009) and introspection (RFC 7662): real access and refresh
 * tokens of a random client (its own, or another client's), hints right and wrong, then changed in
 * random positions, in bodies of any encoding, with Authorization headers of any shape. Whatever is
 * sent: no 5xx, an OAuth error or the endpoint's own answer, always no-store.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fuzzRequests } from './support/cases.js'
import { expectOAuthAnswer } from './support/invariants.js'
import { liveOrNearMiss, type Live } from './support/live.js'
import { credentials, oauthCases, type ValidRequest } from './support/oauth-cases.js'
import { accessTokenFor, createWorld, refreshTokenFor, type World } from './support/world.js'

const REVOKE = '/api/v2/oauth/revoke'
const INTROSPECT = '/api/v2/oauth/introspect'
const FUZZ_TIMEOUT_MS = 240_000

let world: World
beforeAll(async () => {
  world = await createWorld()
})
afterAll(async () => world?.app.close())

type Which = keyof World['clients']
const WHICH: Which[] = ['confidential', 'single', 'public']

/** A real token of any client: access or refresh, right or near miss. */
const anyToken: fc.Arbitrary<Live<World>> = fc.oneof(...WHICH.flatMap((which) => [liveOrNearMiss(accessTokenFor(which)), liveOrNearMiss(refreshTokenFor(which))]))

const hints = fc.constantFrom('access_token', 'refresh_token', 'refresh_token', 'id_token', '', 'constructor')

/** A request of `clients` about one of their own tokens (sometimes another client's), with or without a hint. */
function validTokenQuestion(clients: Which[]): fc.Arbitrary<ValidRequest> {
  return fc
    .record({ which: fc.constantFrom(...clients), owner: fc.constantFrom(...WHICH), own: fc.boolean(), refresh: fc.boolean(), byBasic: fc.boolean(), hint: fc.option(hints, { nil: undefined }) })
    .map(({ which, owner, own, refresh, byBasic, hint }) => {
      const auth = credentials(world.clients[which], byBasic)
      const tokenOf = own ? which : owner
      const token = refresh ? refreshTokenFor(tokenOf) : accessTokenFor(tokenOf)
      const pairs = [...auth.pairs, ['token', token] as const, ...(hint !== undefined ? [['token_type_hint', hint] as const] : [])]
      return { pairs, ...(auth.authorization ? { authorization: auth.authorization } : {}) }
    })
}

const known = { token: anyToken, token_type_hint: hints }

describe('POST /api/v2/oauth/revoke under fuzzing', () => {
  it(
    'never answers 5xx; every answer is an OAuth error or an empty 200',
    async () => {
      let revoked = 0
      await fuzzRequests(
        world,
        oauthCases(world, REVOKE, validTokenQuestion(WHICH), known),
        (res) => {
          expectOAuthAnswer(res, (body) => body === undefined)
          if (res.statusCode === 200) revoked++
        },
        500,
      )
      expect(revoked).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})

describe('POST /api/v2/oauth/introspect under fuzzing', () => {
  it(
    'never answers 5xx; every answer is an OAuth error or an RFC 7662 answer',
    async () => {
      let active = 0
      await fuzzRequests(
        world,
        // Only confidential clients may introspect; public ones are among the mutations' client ids.
        oauthCases(world, INTROSPECT, validTokenQuestion(['confidential', 'single']), known),
        (res) => {
          expectOAuthAnswer(res, (body) => typeof (body as { active?: unknown } | null)?.active === 'boolean')
          if (res.statusCode === 200 && (res.json() as { active: boolean }).active) active++
        },
        500,
      )
      expect(active).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})
