/**
 * Which grants a bulk revocation ends: every one of a client (it is deleted), one user's at it (Revoke
 * on /settings/apps), or every one of a user at every client (the account is deleted).
 */
export type GrantScope = { clientId: number; userId?: number } | { clientId?: undefined; userId: number }
