/** Why a change to a list is refused, as the shared refusals (errors/refusals.ts) in AniList's words. */
import { ForbiddenError, NotFoundError, ValidationError } from '../errors/refusals.js'
import type { ValidationProblems } from './validation.js'

/** Arguments that fail their checks, with what is wrong per argument. */
export const invalidInput = (problems: ValidationProblems) => new ValidationError(problems)
/** No such entry (or media): AniList's 404. */
export const entryNotFound = () => new NotFoundError()
/** An entry of another user: AniList's own words for it. */
export const notYourEntry = () => new ForbiddenError('You are not authorized to modify this MediaList')
