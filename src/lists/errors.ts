/** Why a change to a list was refused; the GraphQL layer turns each code into AniList's answer. */
import type { ValidationProblems } from './validation.js'

export type ListErrorCode = 'validation' | 'not_found' | 'forbidden'

export class ListError extends Error {
  override name = 'ListError'
  constructor(
    readonly code: ListErrorCode,
    message: string,
    /** For `validation`: what is wrong, per argument. */
    readonly problems: ValidationProblems = {},
  ) {
    super(message)
  }
}

/** Arguments that fail their checks, with what is wrong per argument. */
export const invalidInput = (problems: ValidationProblems) => new ListError('validation', 'validation', problems)
/** No such entry (or media): AniList's 404. */
export const entryNotFound = () => new ListError('not_found', 'Not Found.')
/** An entry of another user: AniList's own words for it. */
export const notYourEntry = () => new ListError('forbidden', 'You are not authorized to modify this MediaList')
