/**
 * Property-based tests of the GraphQL endpoint with random documents over Kiroku's real schema
 * (grammar.ts): fields, arguments of right and wrong types, aliases, fragments, variables of random
 * declared types and JSON values, directives; sent by every transport (transport.ts) with a real token,
 * none or junk, on a catalog of real works. Whatever is sent: no 5xx, and AniList's answer shape.
 */
import { buildSchema } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadSchemaSdl } from '../../src/graphql/schema.js'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { fuzzRequests, type FuzzCase } from './support/cases.js'
import { expectGraphqlAnswer, expectPage } from './support/invariants.js'
import { createWorld, type World } from './support/world.js'
import { operations, type RealValues } from './graphql/grammar.js'
import { cleanGraphqlCases, graphqlCases } from './graphql/transport.js'

const FUZZ_TIMEOUT_MS = 240_000

let world: World
let real: RealValues
beforeAll(async () => {
  world = await createWorld()
  await seedCatalog(world.app.kiroku.db, world.app.kiroku.clock)
  const rows = await world.app.kiroku.db.selectFrom('media').select('id').orderBy('id').limit(8).execute()
  real = { ids: [...rows.map((r) => r.id), world.user.id], names: [world.user.name] }
})
afterAll(async () => world?.app.close())

/** The checks every GraphQL answer passes; counts the answers that ran (200). */
function checker(counter: { ran: number }) {
  return (res: Parameters<typeof expectGraphqlAnswer>[0], c: FuzzCase) => {
    // A GET / without a query parameter is the home page, not GraphQL (rewrite-url.ts).
    if (c.method === 'GET' && c.path === '/' && !c.pairs.some(([name]) => name === 'query')) return expectPage(res)
    expectGraphqlAnswer(res)
    if (res.statusCode === 200) counter.ran++
  }
}

describe('GraphQL under fuzzing', () => {
  it(
    'random documents over the real schema never get a 5xx, and every answer has data or AniList-shaped errors',
    async () => {
      const counter = { ran: 0 }
      await fuzzRequests(world, cleanGraphqlCases(operations(buildSchema(loadSchemaSdl()), real)), checker(counter), 800)
      // Documents must get past parsing, validation and the limits, or only the front door was fuzzed.
      expect(counter.ran).toBeGreaterThan(100)
    },
    FUZZ_TIMEOUT_MS,
  )

  it(
    'requests of every shape (bodies, parameters of any JSON type, headers) never get a 5xx, and are answered in AniList\'s shape',
    async () => {
      const counter = { ran: 0 }
      await fuzzRequests(world, graphqlCases(operations(buildSchema(loadSchemaSdl()), real)), checker(counter), 600)
      expect(counter.ran).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})
