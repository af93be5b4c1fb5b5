/**
 * Checks and repairs every GraphQL request before Mercurius sees it, in a Fastify preValidation hook
 * (after the body is parsed, before Mercurius' own body schema): parameters of the right types
 * (request-params.ts), a document parsed within limits (documents.ts), one operation per request, no
 * run for an invalid token (invalid-token.ts), variables made strict (variables.ts), no mutation over
 * GET, no NUL in any string, and the limits on root fields, aliases, depth and cost. Every refusal here
 * is an AniList-shaped error answered before anything executes; the cost meter started here goes on
 * counting the real cost while the query runs (cost-meter.ts).
 */
import { GraphQLError, Kind, getOperationAST, type ASTNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type StringValueNode } from 'graphql'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Auth } from './context.js'
import { GraphqlRequestError, INVALID_TOKEN_CHALLENGE } from './errors.js'
import { INVALID_TOKEN_STATUS, invalidTokenBody } from './invalid-token.js'
import { DocumentCache } from './documents.js'
import { directCost, fragmentsOf, operationVariables, queryCost } from './query-cost.js'
import type { ListSizes } from './list-sizes.js'
import { CostMeter } from './cost-meter.js'
import { queryDepth } from './query-depth.js'
import { rootFields } from './root-fields.js'
import { aliasCount } from './alias-count.js'
import { holdsNul, literalWithNul, NUL_MESSAGE } from './nul-strings.js'
import { coerceVariables, type Variables } from './variables.js'
import { rawParams, readParams, writeParams } from './request-params.js'

export interface QueryLimits {
  /** Most levels of nested fields an operation may have; 0 for no limit. */
  maxDepth: number
  /** Highest estimated cost (query-cost.ts) an operation may have; 0 for no limit. */
  maxCost: number
  /** Most root fields, aliases included, an operation may select; 0 for no limit. */
  maxRootFields: number
  /** Most aliased fields an operation may run (alias-count.ts); 0 for no limit. */
  maxAliases: number
  /** How long each list field of the schema can be (the modules' rules, list-sizes.ts). */
  listSizes: ListSizes
}

/** An error located at `node` (the operation, mostly), with the HTTP status AniList would answer. */
function refuse(message: string, status: number, node?: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: node, originalError: new GraphqlRequestError(message, status) })
}

/** The operation graphql-js would run; refused with graphql-js's own wording when there is none. */
function selectOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode {
  const operation = getOperationAST(document, operationName)
  if (operation) return operation
  const count = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length
  if (operationName !== undefined && count > 0) throw refuse(`Unknown operation named "${operationName}".`, 400)
  throw refuse(count === 0 ? 'Must provide an operation.' : 'Must provide operation name if query contains multiple operations.', 400)
}

function countRootFields(document: DocumentNode, operation: OperationDefinitionNode): number {
  let n = 0
  for (const field of rootFields(document, operation).values()) if (field.name.value !== '__typename') n++
  return n
}

/** What is known of an operation whatever its variables, kept as long as its parsed document. */
interface OperationFacts {
  depth: number
  /** Root fields by response name, `__typename` left out: it is answered without a lookup. */
  rootFields: number
  aliases: number
  /** A string literal of the document holding a NUL character, which refuses every request of it. */
  nulLiteral: StringValueNode | undefined
  /** Its estimated cost and the cost of its fields outside lists, when it declares no variables. */
  fixedCost: Costs | undefined
}

interface Costs {
  estimate: number
  /** Where the cost meter starts (cost-meter.ts). */
  direct: number
}

/**
 * Adds the checks to every route of `app` (the GraphQL routes); `schema` is read per request, and
 * `authenticate` tells whether the request's credential failed (it is then refused before running).
 * Returns where to find a checked request's cost meter, for the resolvers' context.
 */
export function registerRequestChecks(app: FastifyInstance, schema: () => GraphQLSchema, authenticate: (request: FastifyRequest) => Promise<Auth>, limits: QueryLimits): (request: FastifyRequest) => CostMeter | undefined {
  const documents = new DocumentCache()
  const meters = new WeakMap<FastifyRequest, CostMeter>()
  const known = new WeakMap<OperationDefinitionNode, OperationFacts>()

  function factsOf(document: DocumentNode, operation: OperationDefinitionNode): OperationFacts {
    let facts = known.get(operation)
    if (!facts) {
      facts = { depth: queryDepth(document, operation), rootFields: countRootFields(document, operation), aliases: aliasCount(document, operation), nulLiteral: literalWithNul(document), fixedCost: undefined }
      known.set(operation, facts)
    }
    return facts
  }

  // An operation without variables always costs the same: measured once. Otherwise the values decide.
  function costsOf(document: DocumentNode, operation: OperationDefinitionNode, facts: OperationFacts, variables: Variables | undefined): Costs {
    if (facts.fixedCost) return facts.fixedCost
    const current = schema()
    const rootType = current.getRootType(operation.operation)
    const estimate = queryCost(current, document, operation, variables, limits.listSizes)
    const direct = rootType ? directCost(current, fragmentsOf(document), operationVariables(current, operation, variables ?? {}), [operation.selectionSet], rootType, limits.listSizes) : 0
    const costs = { estimate, direct }
    if (!operation.variableDefinitions?.length) facts.fixedCost = costs
    return costs
  }

  app.addHook('preValidation', async (request, reply) => {
    const isGet = request.method !== 'POST'
    const raw = rawParams(request)
    const params = readParams(raw, isGet)
    let variables = params.variables
    const document = documents.parse(params.query)
    const operation = selectOperation(document, params.operationName)
    if ((await authenticate(request)).state === 'invalid') {
      return reply
        .code(INVALID_TOKEN_STATUS)
        .header('www-authenticate', INVALID_TOKEN_CHALLENGE)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(invalidTokenBody(document, operation)))
    }
    if (isGet && operation.operation !== 'query') {
      reply.header('allow', 'POST')
      throw refuse('Mutations must be sent with POST.', 405, operation)
    }
    const facts = factsOf(document, operation)
    if (limits.maxRootFields > 0 && facts.rootFields > limits.maxRootFields) {
      throw refuse(`The query selects too many root fields: ${facts.rootFields}, more than the limit of ${limits.maxRootFields}. Send fewer fields (aliases included) per request.`, 400, operation)
    }
    if (limits.maxAliases > 0 && facts.aliases > limits.maxAliases) {
      throw refuse(`The query uses too many aliases: ${facts.aliases}, more than the limit of ${limits.maxAliases}.`, 400, operation)
    }
    if (limits.maxDepth > 0 && facts.depth > limits.maxDepth) {
      throw refuse(`The query is nested too deeply: ${facts.depth} levels of fields, more than the limit of ${limits.maxDepth}.`, 400, operation)
    }
    if (facts.nulLiteral) throw refuse(NUL_MESSAGE, 400, facts.nulLiteral)
    if (variables) variables = coerceVariables(schema(), operation, variables)
    const withNul = variables && operation.variableDefinitions?.find((d) => holdsNul(variables![d.variable.name.value]))
    if (withNul) throw refuse(NUL_MESSAGE, 400, withNul)
    if (limits.maxCost > 0) {
      const costs = costsOf(document, operation, facts, variables)
      if (costs.estimate > limits.maxCost) {
        throw refuse(`The query asks for too much at once: its cost is ${costs.estimate}, more than the limit of ${limits.maxCost}. Select fewer fields or ask for smaller pages or chunks (perPage, chunk and perChunk).`, 400, operation)
      }
      meters.set(request, new CostMeter(limits.maxCost, costs.direct, limits.listSizes))
    }
    // The variables are tidied so that Mercurius' body schema never refuses the shapes real clients send.
    writeParams(raw, params, variables, isGet)
    return undefined
  })
  return (request) => meters.get(request)
}
