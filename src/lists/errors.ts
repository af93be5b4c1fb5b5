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

export const invalidInput = (problems: ValidationProblems) => new ListError('validation', 'validation', problems)
export const entryNotFound = () => new ListError('not_found', 'Not Found.')
/** An entry of another user: AniList's own words for it. */
export const notYourEntry = () => new ListError('forbidden', 'You are not authorized to modify this MediaList')
