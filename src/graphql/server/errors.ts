/**
 * GraphQL errors in AniList's shape: every error carries `message`, `status` and `locations`, and the
 * HTTP status is the first error's status. Errors meant for clients are KirokuError refusals (errors/classify.ts); anything
 * else is masked as a 500 "Internal Server Error" and logged with its stack (never shown to clients).
 */
import { GraphQLError, type ExecutionResult } from 'graphql'
import type { FastifyBaseLogger, FastifyReply } from 'fastify'
import { classifyError } from '../../errors/classify.js'
import { KirokuError } from '../../errors/kiroku-error.js'
import { ValidationError } from '../../errors/refusals.js'
import { DATABASE_RETRY_AFTER_SECONDS } from '../../errors/retry-after.js'

/** A GraphQL request Kiroku refuses before it runs (its parameters, its size, its limits), with a 400 unless said. */
export class GraphqlRequestError extends KirokuError {
  readonly code = 'bad_request'
  constructor(
    message: string,
    override readonly status = 400,
  ) {
    super(message)
  }
}

/** The refusal of a query whose cost, counted as it runs, went over MAX_QUERY_COST (cost-meter.ts). */
export class CostLimitError extends KirokuError {
  readonly code = 'cost_limit'
  override readonly status = 400
}

/** A request whose Bearer token failed verification: AniList's "Invalid token", with status 400. */
export class InvalidTokenRefusal extends KirokuError {
  readonly code = 'invalid_token'
  override readonly status = 400
  constructor() {
    super('Invalid token')
  }
}

export interface AniListErrorJson {
  message: string
  status: number
  locations?: ReadonlyArray<{ line: number; column: number }>
  [extra: string]: unknown
}

/** Messages for request-level failures that Fastify or Mercurius raise before any resolver runs. */
const REQUEST_ERROR_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; send JSON with a "query" string.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported Content-Type; send application/json.',
  MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND: 'No query was sent: the body must be JSON with a "query" string.',
  MER_ERR_METHOD_NOT_ALLOWED: 'Mutations must be sent with POST.',
}

type RequestFailure = Error & { code?: string; statusCode?: number; errors?: unknown[] }

function toJson(error: GraphQLError, log: FastifyBaseLogger): AniListErrorJson {
  const original = error.originalError as RequestFailure | undefined
  const locations = error.locations ? { locations: error.locations } : {}
  if (!original) return { message: error.message, status: 400, ...locations } // syntax and validation errors
  // graphql-js's own input coercion (a variable or literal a scalar refused) wraps the scalar's GraphQLError.
  if (original instanceof GraphQLError) return { message: error.message, status: 400, ...locations }
  const failure = classifyError(original)
  switch (failure.kind) {
    case 'refusal': {
      const refusal = failure.error
      return { message: refusal.message, status: refusal.status, ...locations, ...(refusal instanceof ValidationError ? { validation: refusal.fields } : {}) }
    }
    case 'bad-request': {
      const message = (failure.code && REQUEST_ERROR_MESSAGES[failure.code]) ?? (original instanceof SyntaxError ? REQUEST_ERROR_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY! : failure.message)
      return { message, status: failure.status, ...locations }
    }
    case 'unavailable':
      log.warn({ err: original }, 'GraphQL: database unavailable')
      return { message: SERVICE_UNAVAILABLE, status: 503, ...locations }
    case 'internal':
      log.error({ err: original }, 'GraphQL resolver failed')
      return { message: 'Internal Server Error', status: 500, ...locations }
  }
}

/** Flattens Mercurius' wrapped validation errors into the GraphQL errors they carry. */
function flatten(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors.flatMap((error) => {
    const inner = (error.originalError as RequestFailure | undefined)?.errors
    if (Array.isArray(inner)) return inner.map((e) => (e instanceof GraphQLError ? e : new GraphQLError((e as Error).message, { originalError: e as Error })))
    return [error]
  })
}

const BEARER_REALM = 'Bearer realm="Kiroku"'
/** RFC 6750 §3.1's challenge for a request whose token was refused. */
export const INVALID_TOKEN_CHALLENGE = `${BEARER_REALM}, error="invalid_token"`
/** The message of a 503, in AniList's style ("Not Found.", "Too Many Requests."). */
export const SERVICE_UNAVAILABLE = 'Service Unavailable.'

/** Mercurius' errorFormatter: AniList's body, the first error's status, RFC 6750's WWW-Authenticate. */
export function formatErrors(execution: ExecutionResult & { errors: readonly GraphQLError[] }, context: { reply?: FastifyReply; app: { log: FastifyBaseLogger } }) {
  const log = context.reply?.log ?? context.app.log
  // Once over its cost, a query has every list after refused too: one error says it.
  const all = flatten(execution.errors)
  const firstOverCost = all.findIndex((e) => e.originalError instanceof CostLimitError)
  const kept = all.filter((e, i) => i <= firstOverCost || !(e.originalError instanceof CostLimitError))
  const errors = kept.map((e) => toJson(e, log))
  const statusCode = errors[0]?.status ?? 200
  if (context.reply) {
    // RFC 6750 §3.1: the challenge follows the refusal's code, whatever its wording.
    if (kept.some((e) => e.originalError instanceof InvalidTokenRefusal)) context.reply.header('www-authenticate', INVALID_TOKEN_CHALLENGE)
    else if (statusCode === 401) context.reply.header('www-authenticate', BEARER_REALM)
    if (statusCode === 503) context.reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
  }
  return { statusCode, response: { data: execution.data ?? null, errors } }
}
