/** Reading the forum's forms (the refusals' words are site/post-refusals.ts's, shared with the other areas). */
import { formField, FormFieldError } from '../../web/params.js'
import { withoutNul } from '../post-refusals.js'

/** A text field: a string (empty when absent); a NUL is refused, as PostgreSQL cannot store it. */
export function textField(body: unknown, name: string): string {
  return withoutNul(name, formField(body, name) ?? '')
}

/** A 1/0 field, or undefined when absent. */
export function flag(body: unknown, name: string): boolean | undefined {
  const value = formField(body, name)
  if (value === undefined || value === '') return undefined
  if (value !== '1' && value !== '0') throw new FormFieldError(name, `The ${name} field must be 1 or 0.`)
  return value === '1'
}

/** The category ids a form sent (checkboxes named `category`). */
export function categoryField(body: unknown): number[] {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).category : undefined
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
  return values.map((v) => (typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : -1))
}
