/**
 * The GraphQL parameters of a request (`query`, `operationName`, `variables`, `extensions`), from the
 * JSON body of a POST or the query string of a GET, each checked for its type. Anything else is a 400:
 * Fastify's body schema would otherwise coerce `["{ … }"]` or `5` into a query string, and a repeated
 * GET parameter arrives as an array.
 */
import type { FastifyRequest } from 'fastify'
import { GraphqlRequestError } from './errors.js'
import { MAX_DOCUMENT_NESTING } from './documents.js'
import { nestedDeeperThan, normalizeVariables, type Variables } from './variables.js'

export interface RequestParams {
  query: string
  operationName: string | undefined
  variables: Variables | undefined
}

/** Where the parameters were read from: written back to after the checks, for Mercurius to run. */
export type RawParams = Record<string, unknown>

const NO_QUERY = 'No query was sent: the body must be JSON with a "query" string.'

/** The request's raw parameters: the query string for GET, the JSON body otherwise. */
export function rawParams(request: FastifyRequest): RawParams {
  if (request.method === 'GET' || request.method === 'HEAD') return request.query as RawParams
  const body = request.body
  if (Array.isArray(body)) throw new GraphqlRequestError('Batched queries are not supported: send one operation per request.')
  if (typeof body !== 'object' || body === null) throw new GraphqlRequestError('The request body must be a JSON object with a "query" string.')
  return body as RawParams
}

/** The parameters, checked; `extensions` (Kiroku reads none) only for its type. */
export function readParams(raw: RawParams, isGet: boolean): RequestParams {
  const { query, operationName, extensions } = raw
  if (query === undefined || query === null) throw new GraphqlRequestError(NO_QUERY)
  if (typeof query !== 'string') throw new GraphqlRequestError('"query" must be a string holding a GraphQL document.')
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') throw new GraphqlRequestError('"operationName" must be a string.')
  if (!extensionsFit(extensions, isGet)) throw new GraphqlRequestError('"extensions" must be a JSON object.')
  // A GET's variables are JSON text; one repeated is an array, which normalizeVariables refuses.
  if (isGet && raw.variables !== undefined && typeof raw.variables !== 'string') throw new GraphqlRequestError('"variables" must be a JSON object (or null).')
  const variables = normalizeVariables(raw.variables)
  if (variables && nestedDeeperThan(variables, MAX_DOCUMENT_NESTING)) {
    throw new GraphqlRequestError(`"variables" are nested too deeply: more than ${MAX_DOCUMENT_NESTING} levels of lists and objects.`)
  }
  return { query, operationName: operationName ?? undefined, variables }
}

function extensionsFit(extensions: unknown, isGet: boolean): boolean {
  if (extensions === undefined || extensions === null) return true
  if (!isGet) return typeof extensions === 'object' && !Array.isArray(extensions)
  if (typeof extensions !== 'string') return false
  try {
    const parsed: unknown = JSON.parse(extensions)
    return parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed))
  } catch {
    return false
  }
}

/** Writes the checked parameters back where Mercurius reads them (it parses a GET's variables as JSON). */
export function writeParams(raw: RawParams, params: RequestParams, variables: Variables | undefined, isGet: boolean): void {
  raw.query = params.query
  if (params.operationName === undefined) delete raw.operationName
  else raw.operationName = params.operationName
  // Kiroku has no persisted queries: extensions would only reach Mercurius' persisted-query code.
  delete raw.extensions
  if (variables === undefined) delete raw.variables
  else raw.variables = isGet ? JSON.stringify(variables) : variables
}
