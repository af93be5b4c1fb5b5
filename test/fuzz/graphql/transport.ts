/**
 * How a GraphQL operation travels, as fuzz cases: a JSON POST to /graphql or / (then changed in
 * random positions: query, variables, operationName, extensions of any JSON type, repeated), a GET with
 * the parameters in the query string, an application/graphql body, or a body of another encoding;
 * with the user's real Bearer token, none, or junk.
 */
import fc from 'fast-check'
import { bodyShape, requestPairs, type Pair } from '../support/bodies.js'
import type { FuzzCase } from '../support/cases.js'
import { junkAuthorization, strayHeaders } from '../support/headers.js'
import { hostileJson, hostileString } from '../support/hostile-values.js'
import { Live } from '../support/live.js'
import { accessTokenFor, type World } from '../support/world.js'
import { variablesText, type GeneratedOperation } from './grammar.js'

/** `Bearer <a fresh access token of the user>`. */
export const BEARER = new Live<World>('Bearer token of the user', async (w) => `Bearer ${await accessTokenFor('confidential').make(w)}`)

const authorizations = fc.oneof(
  { weight: 5, arbitrary: fc.constant<unknown>(BEARER) },
  { weight: 2, arbitrary: fc.constant<unknown>(undefined) },
  { weight: 2, arbitrary: junkAuthorization },
)

/** The parameters' other values, for the mutations: documents that are not documents, variables of every type. */
const known: Record<string, fc.Arbitrary<unknown>> = {
  query: fc.oneof(hostileString, fc.constantFrom('{ Viewer { id } }', 'query { Viewer { id } } query { Viewer { id } }', '{', '}', '{ __typename }', 'subscription { x }', '#', `{${' Viewer { id }'.repeat(3000)} }`, `${'{ a '.repeat(100)}`)),
  variables: fc.oneof(hostileJson, fc.constantFrom('{"id":1}', '{', 'null', '[]', '"x"')),
  operationName: fc.oneof(hostileString, fc.constantFrom('Op', 'Other')),
  extensions: fc.oneof(hostileJson, fc.constantFrom({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }, '{"persistedQuery":{}}')),
}

function operationPairs(op: GeneratedOperation, variablesAsText: boolean): Pair[] {
  const pairs: Pair[] = [['query', op.query]]
  if (Object.keys(op.variables).length > 0) pairs.push(['variables', variablesAsText ? variablesText(op.variables) : op.variables])
  if (op.operationName !== undefined) pairs.push(['operationName', op.operationName])
  return pairs
}

/**
 * Requests carrying the operations of `ops` as a client would send them: JSON POSTs (and some GETs),
 * mostly with the user's token, so that the documents themselves are what varies.
 */
export function cleanGraphqlCases(ops: fc.Arbitrary<GeneratedOperation>): fc.Arbitrary<FuzzCase> {
  return ops.chain((op) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          method: fc.constant('POST' as const),
          path: fc.constantFrom('/graphql', '/'),
          pairs: fc.constant(operationPairs(op, false)),
          shape: fc.constant({ encoding: 'json' as const }),
          authorization: fc.constantFrom<unknown>(BEARER, BEARER, BEARER, undefined),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          method: fc.constant('GET' as const),
          path: fc.constantFrom('/graphql', '/'),
          pairs: fc.constant(operationPairs(op, true)),
          authorization: fc.constantFrom<unknown>(BEARER, undefined),
        }),
      },
    ),
  )
}

/** Requests carrying the operations of `ops`, by any transport, changed in random positions. */
export function graphqlCases(ops: fc.Arbitrary<GeneratedOperation>): fc.Arbitrary<FuzzCase> {
  const common = { authorization: authorizations, headers: strayHeaders }
  return fc.oneof(
    {
      weight: 6,
      arbitrary: ops.chain((op) =>
        fc.record({
          method: fc.constant('POST' as const),
          path: fc.constantFrom('/graphql', '/graphql', '/'),
          pairs: requestPairs(fc.constant(operationPairs(op, false)), known),
          shape: bodyShape(['json']),
          ...common,
        }),
      ),
    },
    {
      weight: 2,
      arbitrary: ops.chain((op) =>
        fc.record({
          method: fc.constant('GET' as const),
          path: fc.constantFrom('/graphql', '/'),
          pairs: requestPairs(fc.constant(operationPairs(op, true)), known),
          rawPercent: fc.boolean(),
          ...common,
        }),
      ),
    },
    {
      weight: 1,
      arbitrary: ops.chain((op) =>
        fc.record({
          method: fc.constant('POST' as const),
          path: fc.constant('/graphql'),
          pairs: fc.constant([]),
          shape: fc.constantFrom('application/graphql', 'application/graphql; charset=utf-8', 'text/plain').map((contentType) => ({ encoding: 'raw' as const, raw: op.query, contentType })),
          ...common,
        }),
      ),
    },
  )
}
