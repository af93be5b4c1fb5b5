/** `response_type` is one Kiroku supports. (Errors go back to the app by redirect once the redirect URI is verified: index.ts.) */
import type { AppContext } from '../../app/app-context.js'
import { InvalidRequest, UnsupportedResponseType } from '../errors.js'
import type { AuthorizationRequest } from './request.js'

export function checkResponseType(_ctx: AppContext, request: AuthorizationRequest): void {
  const problem = request.problems.get('response_type')
  if (problem) throw new InvalidRequest(problem)
  const value = request.params.response_type
  if (value === undefined || value === '') throw new InvalidRequest('The response_type parameter is missing; use response_type=code or response_type=token.')
  if (value !== 'token' && value !== 'code') {
    throw new UnsupportedResponseType(`The response_type "${value}" is not supported; use response_type=code or response_type=token.`)
  }
  request.responseType = value
  // A code may travel in the query; a token only in the fragment, which browsers never send to servers.
  request.responseMode = value === 'code' ? 'query' : 'fragment'
}
