/**
 * The OAuth JSON endpoints' parameters (web/params.ts reads them): one string each, `client_id` also
 * as a JSON integer, as AniList apps send it. A problem is the protocol's invalid_request, naming the
 * parameter.
 */
import { isRecord, readParam, type ParamSource } from '../web/params.js'
import { InvalidRequest } from './errors.js'

/** Parameters that may arrive as a JSON integer; each is read as that integer's decimal string. */
const INTEGER_PARAMS: ReadonlySet<string> = new Set(['client_id'])

/** A JSON endpoint's parameter; throws invalid_request when it is not a single string. */
export function oauthParam(source: ParamSource, name: string): string | undefined {
  const reading = readParam(source, name, { integer: INTEGER_PARAMS.has(name) })
  if (reading.problem !== undefined) throw new InvalidRequest(reading.problem)
  return reading.value
}

/** A JSON endpoint's body: absent, a form, or a JSON object. Anything else is invalid_request. */
export function oauthBody(body: unknown): ParamSource {
  if (body === undefined || body === null || isRecord(body)) return body as ParamSource
  throw new InvalidRequest('The request body must be a form (application/x-www-form-urlencoded) or a JSON object.')
}
