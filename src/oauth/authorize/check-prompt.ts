/**
 * `prompt` (OpenID Connect's parameter, which OAuth apps use too). `none` asks for an answer
 * without any page; `consent` asks again even when the user approved before. Other values are ignored.
 */
import type { AppContext } from '../../app/app-context.js'
import { InvalidRequest } from '../errors.js'
import type { AuthorizationRequest } from './request.js'

export function checkPrompt(_ctx: AppContext, request: AuthorizationRequest): void {
  const problem = request.problems.get('prompt')
  if (problem) throw new InvalidRequest(problem)
  const values = new Set((request.params.prompt ?? '').split(' ').filter(Boolean))
  if (values.has('none') && values.size > 1) throw new InvalidRequest('prompt=none cannot be combined with other prompt values.')
  request.prompt = { none: values.has('none'), consent: values.has('consent') }
}
