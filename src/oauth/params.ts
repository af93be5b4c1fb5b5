/**
 * The OAuth endpoints' and forms' parameters, with their types checked at the edge. A form body gives
 * strings (a list when a field is repeated); a JSON body may give anything. A parameter is one string;
 * JSON null counts as absent, and `client_id` may be a JSON integer, as AniList apps send it. Anything
 * else is refused by name, never coerced: String() of an object is "[object Object]", and throws for
 * one whose toString is not a function.
 */
import type { ParamSource } from '../web/params.js'
import { InvalidRequest } from './errors.js'

/** Parameters that may arrive as a JSON integer; each is read as that integer's decimal string. */
const INTEGER_PARAMS: ReadonlySet<string> = new Set(['client_id'])

/** A parameter's value (undefined when absent), or what is wrong with it, worded for the developer. */
export type ParamReading = { value: string | undefined; problem?: undefined } | { value?: undefined; problem: string }

/** Reads one parameter without throwing; the problem names the parameter (`noun`: "parameter" or "field"). */
export function readParam(source: unknown, name: string, noun = 'parameter'): ParamReading {
  const value = isRecord(source) && Object.hasOwn(source, name) ? source[name] : undefined
  if (value === undefined || value === null) return { value: undefined }
  if (typeof value === 'string') return { value }
  if (Array.isArray(value)) return { problem: `The ${name} ${noun} was sent more than once.` }
  if (INTEGER_PARAMS.has(name)) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return { value: String(value) }
    return { problem: `The ${name} ${noun} must be a string or a whole number (a safe integer).` }
  }
  return { problem: `The ${name} ${noun} must be a string.` }
}

/** A JSON endpoint's parameter; throws invalid_request when it is not a single string. */
export function oauthParam(source: ParamSource, name: string): string | undefined {
  const reading = readParam(source, name)
  if (reading.problem !== undefined) throw new InvalidRequest(reading.problem)
  return reading.value
}

/** A JSON endpoint's body: absent, a form, or a JSON object. Anything else is invalid_request. */
export function oauthBody(body: unknown): ParamSource {
  if (body === undefined || body === null || isRecord(body)) return body as ParamSource
  throw new InvalidRequest('The request body must be a form (application/x-www-form-urlencoded) or a JSON object.')
}

/**
 * A form field that is not one string. Its status (400) is what the page error handler shows, with
 * this message, so a page route can read its fields with formField and let this propagate.
 */
export class FormFieldError extends Error {
  override name = 'FormFieldError'
  readonly statusCode = 400
}

/** A page form's field (undefined when absent); throws FormFieldError naming it when it is not one string. */
export function formField(source: unknown, name: string): string | undefined {
  const reading = readParam(source, name, 'field')
  if (reading.problem !== undefined) throw new FormFieldError(reading.problem)
  return reading.value
}

/** A page form's field that may repeat (several redirect URIs): every value, each of which must be a string. */
export function formFields(source: unknown, name: string): string[] {
  const value = isRecord(source) && Object.hasOwn(source, name) ? source[name] : undefined
  if (value === undefined || value === null) return []
  const values = Array.isArray(value) ? value : [value]
  if (!values.every((v): v is string => typeof v === 'string')) throw new FormFieldError(`The ${name} field must hold only strings.`)
  return values
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
