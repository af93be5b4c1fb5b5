/**
 * The refusals every domain shares, in AniList's words: a missing record, a request without the
 * credentials it needs, a change to someone else's record, input that fails its rules (Laravel's
 * `validation` with the problems per field), and arguments too large or malformed to run.
 */
import { KirokuError } from './kiroku-error.js'

/** What is wrong with each input field, in Laravel's form: field name → messages. */
export type FieldProblems = Record<string, string[]>

/** No such record (or one the asker may not see): AniList's 404 "Not Found.". */
export class NotFoundError extends KirokuError {
  readonly code = 'not_found'
  override readonly status = 404
  constructor(message = 'Not Found.') {
    super(message)
  }
}

/** The request needs a logged-in user (a valid access token): AniList's 401 "Unauthorized.". */
export class UnauthorizedError extends KirokuError {
  readonly code = 'unauthorized'
  override readonly status = 401
  constructor(message = 'Unauthorized.') {
    super(message)
  }
}

/** The record belongs to someone else. AniList answers these with 401 and its own sentence. */
export class ForbiddenError extends KirokuError {
  readonly code = 'forbidden'
  override readonly status = 401
}

/** Input that fails its rules; `fields` says what is wrong with each field. */
export class ValidationError extends KirokuError {
  readonly code = 'validation'
  override readonly status = 400
  constructor(readonly fields: FieldProblems) {
    super('validation')
  }
}

/** An argument too large or malformed to run (a page of text as a search, thousands of ids). */
export class InvalidArgumentError extends KirokuError {
  readonly code = 'invalid_argument'
  override readonly status = 400
}

/** Collects Laravel-style problems per field while input is checked, to refuse it all at once. */
export class FieldProblemSet {
  readonly fields: FieldProblems = {}

  /** Notes what is wrong with `field`. */
  add(field: string, message: string): void {
    ;(this.fields[field] ??= []).push(message)
  }

  /** Whether anything was noted. */
  get any(): boolean {
    return Object.keys(this.fields).length > 0
  }

  /** How many fields have problems. */
  get count(): number {
    return Object.keys(this.fields).length
  }

  /** Throws the ValidationError when anything was noted. */
  throwIfAny(): void {
    if (this.any) throw new ValidationError(this.fields)
  }
}
