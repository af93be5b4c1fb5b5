/**
 * Reading request parameters with their types checked at the edge, for every route: a form body or a
 * query string gives strings (a list when a name repeats); a JSON body may give anything. A parameter
 * is one string; JSON null counts as absent. Anything else is refused by name, never coerced: String()
 * of an object is "[object Object]", and throws for one whose toString is not a function. A parameter
 * sent twice is refused too (RFC 6749 §3.1): silently picking one of two redirect URIs is how open
 * redirects happen.
 */
import { KirokuError } from '../errors/kiroku-error.js'

export type ParamSource = Record<string, unknown> | null | undefined

/** A parameter sent more than once. */
export class DuplicateParameterError extends KirokuError {
  readonly code = 'duplicate_parameter'
  override readonly status = 400
  constructor(readonly parameter: string) {
    super(`The ${parameter} field was sent more than once.`)
  }
}

/** A form field that is not one acceptable string; the message names it, for the page to show. */
export class FormFieldError extends KirokuError {
  readonly code = 'invalid_field'
  override readonly status = 400
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

/** A parameter's value (undefined when absent), or what is wrong with it, worded for the sender. */
export type ParamReading = { value: string | undefined; problem?: undefined } | { value?: undefined; problem: string; repeated: boolean }

/** How one parameter may arrive besides a string. */
export interface ParamRules {
  /** "parameter" for APIs, "field" for forms: the word the problem uses. */
  noun?: string
  /** A JSON safe integer is read as its decimal string (AniList apps send `client_id` so). */
  integer?: boolean
}

/** Reads one parameter without throwing. */
export function readParam(source: unknown, name: string, rules: ParamRules = {}): ParamReading {
  const noun = rules.noun ?? 'parameter'
  const value = isRecord(source) && Object.hasOwn(source, name) ? source[name] : undefined
  if (value === undefined || value === null) return { value: undefined }
  if (typeof value === 'string') return { value }
  if (Array.isArray(value)) return { problem: `The ${name} ${noun} was sent more than once.`, repeated: true }
  if (rules.integer) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return { value: String(value) }
    return { problem: `The ${name} ${noun} must be a string or a whole number (a safe integer).`, repeated: false }
  }
  return { problem: `The ${name} ${noun} must be a string.`, repeated: false }
}

/** A page form's (or page query's) field, undefined when absent; throws when it is not one string. */
export function formField(source: unknown, name: string): string | undefined {
  const reading = readParam(source, name, { noun: 'field' })
  if (reading.problem === undefined) return reading.value
  throw reading.repeated ? new DuplicateParameterError(name) : new FormFieldError(name, reading.problem)
}

/** A page form's field that may repeat (several redirect URIs): every value, each of which must be a string. */
export function formFields(source: unknown, name: string): string[] {
  const value = isRecord(source) && Object.hasOwn(source, name) ? source[name] : undefined
  if (value === undefined || value === null) return []
  const values = Array.isArray(value) ? value : [value]
  if (!values.every((v): v is string => typeof v === 'string')) throw new FormFieldError(name, `The ${name} field must hold only strings.`)
  return values
}

/** True for a plain object (a parsed form or JSON object), not an array or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
