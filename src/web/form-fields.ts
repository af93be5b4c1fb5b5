/**
 * Reading the text fields of a submitted form, from a form body or a JSON body alike. A person's form
 * sends one string per field; anything else (a number, an object or an array from JSON, text longer
 * than any real answer, U+0000, which PostgreSQL cannot store in text and nobody types) is refused
 * with a message that names the field, for the form to show. A field sent twice is a
 * DuplicateParameterError, as on every other page.
 */
import { DuplicateParameterError, FormFieldError, isRecord } from './params.js'

/** One text field a form expects: how people call it, and its longest allowed value. */
export interface TextFieldSpec {
  /** The field's name in sentences: "username", "next field". */
  label: string
  maxLength: number
}

/** The text of one field: '' when absent; throws FormFieldError when it is not one acceptable string (DuplicateParameterError when sent twice). */
export function readTextField(body: unknown, field: string, spec: TextFieldSpec): string {
  const value = isRecord(body) && Object.hasOwn(body, field) ? body[field] : undefined
  if (value === undefined) return ''
  // A field sent twice is refused as every page refuses one (the error page names it), not guessed at.
  if (Array.isArray(value) && value.length > 1) throw new DuplicateParameterError(field)
  if (typeof value !== 'string') throw new FormFieldError(field, `The ${spec.label} must be text.`)
  if (value.length > spec.maxLength) throw new FormFieldError(field, `The ${spec.label} must be at most ${spec.maxLength} characters.`)
  if (value.includes('\u0000')) throw new FormFieldError(field, `The ${spec.label} must not contain the character U+0000.`)
  return value
}

/** Every field named in `specs`, read as readTextField reads one; throws FormFieldError at the first bad one. */
export function readTextFields<K extends string>(body: unknown, specs: Readonly<Record<K, TextFieldSpec>>): Record<K, string> {
  const values = Object.create(null) as Record<K, string>
  for (const field of Object.keys(specs) as K[]) values[field] = readTextField(body, field, specs[field])
  return values
}
