/** Which grants a bulk revocation ends: every one of a client (it is deleted), or one user's at it (Revoke on /settings/apps). */
export interface GrantScope {
  clientId: number
  userId?: number
}
