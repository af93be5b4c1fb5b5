/**
 * AniList's answer to a request whose Bearer token failed verification, built without running
 * anything: HTTP 400, every root field null in `data`, and one "Invalid token" error per root field,
 * located at it. Refusing before execution keeps a made-up token from reaching introspection or any
 * resolver.
 */
import type { DocumentNode, OperationDefinitionNode } from 'graphql'
import type { AniListErrorJson } from './errors.js'
import { rootFields } from './root-fields.js'

export const INVALID_TOKEN_MESSAGE = 'Invalid token'
export const INVALID_TOKEN_STATUS = 400

/** The response body for an operation sent with an invalid token. */
export function invalidTokenBody(document: DocumentNode, operation: OperationDefinitionNode): { data: Record<string, null>; errors: AniListErrorJson[] } {
  const data: Record<string, null> = {}
  const errors: AniListErrorJson[] = []
  for (const [name, field] of rootFields(document, operation)) {
    data[name] = null
    const start = field.loc?.startToken
    errors.push({ message: INVALID_TOKEN_MESSAGE, status: INVALID_TOKEN_STATUS, ...(start ? { locations: [{ line: start.line, column: start.column }] } : {}) })
  }
  return { data, errors }
}
