/**
 * What a refused post says beside its form, in the site's words, for every area that takes posts
 * (activities, the forum, reviews, recommendations, reports): one wording for the same refusal.
 */
import { PostingLimitError } from '../social/posting-limit.js'
import { ForbiddenError, ValidationError } from '../errors/refusals.js'
import { FormFieldError } from '../web/params.js'

/** The posting limit's refusal (social/posting-limit.ts), as the forms say it. */
export const POSTING_TOO_FAST = 'You are posting too fast. Wait a minute, then send it again.'

/** The status and words of a refusal the rules raise, or null for an error that is no refusal. */
export function refusalText(error: unknown): { status: number; message: string } | null {
  if (error instanceof PostingLimitError) return { status: 429, message: POSTING_TOO_FAST }
  if (error instanceof ValidationError) return { status: 400, message: Object.values(error.fields).flat().join(' ') }
  if (error instanceof ForbiddenError) return { status: 403, message: error.message }
  if (error instanceof FormFieldError) return { status: 400, message: error.message }
  return null
}

/** The value, or a FormFieldError when it holds a NUL: PostgreSQL cannot store one (GraphQL refuses it at its edge too). */
export function withoutNul(name: string, value: string): string {
  if (value.includes('\u0000')) throw new FormFieldError(name, `The ${name} must not contain the character U+0000.`)
  return value
}
