/** The CSRF field every form carries, and the refusal of a form without a valid one. */
import { KirokuError } from '../errors/kiroku-error.js'

/** The name of the hidden field that holds a form's CSRF token. */
export const CSRF_FIELD = 'csrf_token'

/** A form posted without its CSRF token, with a wrong one, or after it expired. */
export class CsrfError extends KirokuError {
  readonly code = 'csrf'
  override readonly status = 403
  constructor() {
    super('This form has expired or did not come from this site. Go back, reload the page and try again.')
  }
}
