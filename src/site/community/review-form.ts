/**
 * The review editor's form: what it sends, read as text (a score that is no whole number is the
 * score's problem, shown beside it), and the values the editor shows again after a refusal.
 */
import { formField } from '../../web/params.js'
import { FieldProblemSet } from '../../errors/refusals.js'
import { MAX_BODY_LENGTH, MAX_SUMMARY_LENGTH } from '../../community/reviews/review-rules.js'

export interface ReviewFormValues {
  summary: string
  body: string
  score: string
  private: boolean
}

export const EMPTY_REVIEW_FORM: ReviewFormValues = { summary: '', body: '', score: '', private: false }

/** The form as sent, each text cut to twice its limit (what is shown again, never stored). */
export function readReviewForm(body: unknown): ReviewFormValues {
  return {
    summary: (formField(body, 'summary') ?? '').slice(0, MAX_SUMMARY_LENGTH * 2),
    body: (formField(body, 'body') ?? '').slice(0, MAX_BODY_LENGTH * 2),
    score: (formField(body, 'score') ?? '').slice(0, 20),
    private: formField(body, 'private') === '1',
  }
}

/** The values for the rules, or the form's own problems (a score that is no number, a NUL character). */
export function reviewInput(values: ReviewFormValues): { summary: string; body: string; score: number | null; private: boolean } {
  const problems = new FieldProblemSet()
  const score = values.score.trim()
  if (score !== '' && !/^\d{1,3}$/.test(score)) problems.add('score', 'The score must be a whole number from 0 to 100.')
  for (const field of ['summary', 'body'] as const) if (values[field].includes('\u0000')) problems.add(field, `The ${field} must not contain the character U+0000.`)
  problems.throwIfAny()
  return { summary: values.summary, body: values.body, score: score === '' ? null : Number(score), private: values.private }
}
