/** `state`, when sent, is sent once and of a sane size (it is echoed back in the redirect). */
import type { AppContext } from '../../app/app-context.js'
import { InvalidRequest } from '../errors.js'
import type { AuthorizationRequest } from './request.js'

export const MAX_STATE_LENGTH = 2048

export function checkState(_ctx: AppContext, request: AuthorizationRequest): void {
  const problem = request.problems.get('state')
  if (problem) throw new InvalidRequest(problem)
  const state = request.params.state
  if (state !== undefined && state.length > MAX_STATE_LENGTH) {
    throw new InvalidRequest(`The state parameter is longer than ${MAX_STATE_LENGTH} characters.`)
  }
}
