/**
 * What a review must be, in AniList's numbers: a summary of 20 to 120 characters, a body of at least
 * 2,200 characters (AniList's minimum; the cap is Kiroku's, to keep one row sane) and a score of
 * 0 to 100. Problems are collected per field, Laravel-style, so that a form can show them all at once.
 */
import { FieldProblemSet } from '../../errors/refusals.js'

export const MIN_SUMMARY_LENGTH = 20
export const MAX_SUMMARY_LENGTH = 120
export const MIN_BODY_LENGTH = 2200
export const MAX_BODY_LENGTH = 100_000
export const MIN_SCORE = 0
export const MAX_SCORE = 100

/** What SaveReview and the editor may set; absent fields are left as they are (required when new). */
export interface ReviewFields {
  summary?: string | null
  body?: string | null
  score?: number | null
}

/**
 * Checks the given fields (and, for a new review, that each is given) and throws every problem at
 * once as a ValidationError. The summary is trimmed; the body is kept as written.
 */
export function checkReviewFields(input: ReviewFields, isNew: boolean): { summary?: string; body?: string; score?: number } {
  const problems = new FieldProblemSet()
  const out: { summary?: string; body?: string; score?: number } = {}
  if (input.summary != null) {
    const summary = input.summary.trim()
    if (summary.length < MIN_SUMMARY_LENGTH) problems.add('summary', `The summary must be at least ${MIN_SUMMARY_LENGTH} characters.`)
    else if (summary.length > MAX_SUMMARY_LENGTH) problems.add('summary', `The summary may not be greater than ${MAX_SUMMARY_LENGTH} characters.`)
    else out.summary = summary
  } else if (isNew) problems.add('summary', 'The summary field is required.')
  if (input.body != null) {
    const length = input.body.trim().length
    if (length < MIN_BODY_LENGTH) problems.add('body', `The body must be at least ${MIN_BODY_LENGTH} characters.`)
    else if (input.body.length > MAX_BODY_LENGTH) problems.add('body', `The body may not be greater than ${MAX_BODY_LENGTH} characters.`)
    else out.body = input.body
  } else if (isNew) problems.add('body', 'The body field is required.')
  if (input.score != null) {
    if (!Number.isInteger(input.score) || input.score < MIN_SCORE || input.score > MAX_SCORE) problems.add('score', `The score must be between ${MIN_SCORE} and ${MAX_SCORE}.`)
    else out.score = input.score
  } else if (isNew) problems.add('score', 'The score field is required.')
  problems.throwIfAny()
  return out
}
