/**
 * The one error policy, which the three renderers (OAuth JSON, GraphQL, HTML pages) share: a refusal
 * Kiroku meant is told as it is; a request the framework could not read (bad JSON, a body too large)
 * keeps its 4xx; a database out of reach is a 503 to retry; anything else is an internal error,
 * logged in full and masked for the client.
 */
import { isDatabaseUnavailable } from './database-unavailable.js'
import { KirokuError } from './kiroku-error.js'

export type ErrorClass =
  | { kind: 'refusal'; error: KirokuError }
  /** Fastify or a plugin refused the request before a route ran; `code` is its FST_/MER_ code if any. */
  | { kind: 'bad-request'; status: number; code: string | undefined; message: string }
  | { kind: 'unavailable' }
  | { kind: 'internal' }

/** What kind of failure `error` is, and so how every renderer answers it. */
export function classifyError(error: unknown): ErrorClass {
  if (isDatabaseUnavailable(error)) return { kind: 'unavailable' }
  if (error instanceof KirokuError) return error.status < 500 ? { kind: 'refusal', error } : { kind: 'internal' }
  const failure = error as { statusCode?: unknown; code?: unknown; message?: unknown } | null
  if (typeof failure?.statusCode === 'number' && failure.statusCode >= 400 && failure.statusCode < 500) {
    return { kind: 'bad-request', status: failure.statusCode, code: typeof failure.code === 'string' ? failure.code : undefined, message: String(failure.message ?? '') }
  }
  return { kind: 'internal' }
}
