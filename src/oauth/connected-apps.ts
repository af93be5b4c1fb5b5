/** A user's connected apps: the clients they approved, and taking that approval back. */
import type { AppContext } from '../app/app-context.js'
import { deleteApproval, listApprovals } from './approvals.js'
import { findClientsByIds } from './clients.js'
import { endGrants } from './revocation.js'

export interface ConnectedApp {
  clientId: number
  name: string
  approvedAt: number
  lastApprovedAt: number
}

export async function listConnectedApps(ctx: AppContext, userId: number): Promise<ConnectedApp[]> {
  const approvals = await listApprovals(ctx.db, userId)
  const clients = new Map((await findClientsByIds(ctx.db, approvals.map((a) => a.clientId))).map((c) => [c.id, c]))
  return approvals.flatMap((a) => {
    const client = clients.get(a.clientId)
    return client ? [{ clientId: a.clientId, name: client.name, approvedAt: a.createdAt, lastApprovedAt: a.updatedAt }] : []
  })
}

/**
 * Disconnects an app: every access and refresh token the user holds for it is revoked at once, and
 * the approval is forgotten, so the next authorization asks again. Grants not yet turned into tokens
 * (an unexchanged code, an approved device still polling) are withdrawn too, or they would mint fresh
 * tokens after the revocation. Returns false if it was not connected.
 */
export async function disconnectApp(ctx: AppContext, userId: number, clientId: number): Promise<boolean> {
  const existed = await deleteApproval(ctx.db, userId, clientId)
  await endGrants(ctx, { clientId, userId })
  return existed
}
