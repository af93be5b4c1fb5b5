/** `client_id` names a registered client. Failure is shown as a page, never redirected. */
import type { AppContext } from '../../app/app-context.js'
import { findClient } from '../clients.js'
import { AuthorizePageError } from './page-error.js'
import type { AuthorizationRequest } from './request.js'

export async function checkClient(ctx: AppContext, request: AuthorizationRequest): Promise<void> {
  const problem = request.problems.get('client_id')
  if (problem) throw new AuthorizePageError('client_id', problem)
  const raw = request.params.client_id
  if (raw === undefined || raw === '') throw new AuthorizePageError('client_id', 'The client_id parameter is missing.')
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN
  const client = Number.isSafeInteger(id) ? await findClient(ctx.db, id) : null
  if (!client) throw new AuthorizePageError('client_id', `No client is registered with client_id "${raw}".`)
  request.client = client
}
