/** Reading the forum's forms, and a refusal in the words shown beside the form. */
import { PostingLimitError } from '../../social/posting-limit.js'
import { ForbiddenError, ValidationError } from '../../errors/refusals.js'
import { formField, FormFieldError } from '../../web/params.js'

/** What a refused post says beside its form, in the site's words. */
export function refusalText(error: unknown): { status: number; message: string } | null {
  if (error instanceof PostingLimitError) return { status: 429, message: 'You are posting too fast. Wait a minute, then send it again.' }
  if (error instanceof ValidationError) return { status: 400, message: Object.values(error.fields).flat().join(' ') }
  if (error instanceof ForbiddenError) return { status: 403, message: error.message }
  if (error instanceof FormFieldError) return { status: 400, message: error.message }
  return null
}

/** A text field: a string (empty when absent); a NUL is refused, as PostgreSQL cannot store it. */
export function textField(body: unknown, name: string): string {
  const value = formField(body, name) ?? ''
  if (value.includes('\u0000')) throw new FormFieldError(name, `The ${name} must not contain the character U+0000.`)
  return value
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
