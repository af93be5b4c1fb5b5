/**
 * Byte-level mutations of real clients' operations (graphql/corpus.ts): characters deleted, inserted,
 * replaced and repeated, spans duplicated and cut, in the document and in the JSON text of the body,
 * sent with the user's token on a catalog of real works. Mutations near a real document reach the
 * parser's and the validator's corners that random documents rarely do. No 5xx; AniList's shape.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { fuzzRequests, type FuzzCase } from './support/cases.js'
import { expectGraphqlAnswer } from './support/invariants.js'
import { createWorld, type World } from './support/world.js'
import { CORPUS } from './graphql/corpus.js'
import { BEARER } from './graphql/transport.js'

const FUZZ_TIMEOUT_MS = 240_000

let world: World
beforeAll(async () => {
  world = await createWorld()
  await seedCatalog(world.app.kiroku.db, world.app.kiroku.clock)
})
afterAll(async () => world?.app.close())

/** What GraphQL's lexer and JSON's parser trip on, to insert or put in place of a character. */
const INSERTS = ['{', '}', '(', ')', '[', ']', '"', '"""', '\\', '\\u', '\\ud800', '$', '@', '...', ':', '!', '#', '\n', '\r', '\u0000', '\ufeff', '\u2028', '😀', '\ud800', 'é', ' ', ',', '=', '0', '-', '.', 'e', 'on', 'fragment', 'query', 'null']

type Edit =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number; times: number }

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom(...INSERTS) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }), times: fc.constantFrom(2, 10, 200) }),
)

/** `text` with the edits applied in turn (positions wrap around its length). */
function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text
  for (const e of edits) {
    const at = out.length === 0 ? 0 : e.at % out.length
    if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.length)
    else if (e.kind === 'insert') out = out.slice(0, at) + e.text + out.slice(at)
    else if (e.kind === 'replace') out = out.slice(0, at) + e.text + out.slice(at + 1)
    else out = out.slice(0, at) + out.slice(at, at + e.length).repeat(e.times) + out.slice(at + e.length)
  }
  return out
}

/** A corpus operation with its document edited (as a client's string) or its whole body edited (as bytes of JSON). */
const cases: fc.Arbitrary<FuzzCase> = fc
  .record({
    op: fc.constantFrom(...CORPUS),
    where: fc.constantFrom<'document' | 'body'>('document', 'document', 'body'),
    edits: fc.array(edit, { minLength: 1, maxLength: 4 }),
    token: fc.boolean(),
  })
  .map(({ op, where, edits, token }): FuzzCase => {
    const authorization = token || op.auth ? { authorization: BEARER } : {}
    if (where === 'document') {
      return { method: 'POST', path: '/graphql', pairs: [['query', applyEdits(op.query, edits)], ['variables', op.variables]], shape: { encoding: 'json' }, ...authorization }
    }
    const raw = applyEdits(JSON.stringify({ query: op.query, variables: op.variables }), edits)
    return { method: 'POST', path: '/graphql', pairs: [], shape: { encoding: 'raw', raw, contentType: 'application/json' }, ...authorization }
  })

describe('real clients\' operations, mutated byte by byte', () => {
  it(
    'never get a 5xx, and every answer has data or AniList-shaped errors',
    async () => {
      let ran = 0
      await fuzzRequests(
        world,
        cases,
        (res) => {
          expectGraphqlAnswer(res)
          if (res.statusCode === 200) ran++
        },
        800,
      )
      // Some mutations leave an operation valid (a space doubled, a comma added): those ran in full.
      expect(ran).toBeGreaterThan(0)
    },
    FUZZ_TIMEOUT_MS,
  )
})
