/** Reading single-valued parameters from a parsed query string or form body. */

export class DuplicateParameterError extends Error {
  override name = 'DuplicateParameterError'
  constructor(readonly parameter: string) {
    super(`the ${parameter} parameter was given more than once`)
  }
}

export type ParamSource = Record<string, unknown> | null | undefined

/**
 * The parameter's value, or undefined when absent. A parameter sent twice is an error (RFC 6749 §3.1):
 * silently picking one of two redirect URIs is how open redirects happen.
 */
export function singleParam(source: ParamSource, name: string): string | undefined {
  const value = source?.[name]
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value)) throw new DuplicateParameterError(name)
  return typeof value === 'string' ? value : String(value)
}

/** Every value of a parameter that may repeat (e.g. several redirect URIs). */
export function multiParam(source: ParamSource, name: string): string[] {
  const value = source?.[name]
  if (value === undefined || value === null) return []
  return (Array.isArray(value) ? value : [value]).map(String)
}
