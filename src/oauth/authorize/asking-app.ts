/**
 * The app behind an authorize link, for the pages around it: the login page reached with the link as
 * its `next` names the app asking, and the approval page names who registered it. Only a link to this
 * server's authorize endpoint with one well-formed client_id of a registered client names an app;
 * anything else (another path, a repeated or odd client_id, an unknown client) names none.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import { findUserById } from '../../accounts/users.js'
import { isRowId } from '../../storage/row-ids.js'
import { findClient, type Client } from '../clients.js'
import { AUTHORIZE_PATH } from './path.js'

/** The client an authorize link (a site path such as login's `next`) is for, or null. */
export async function clientOfAuthorizeLink(db: Kysely<Tables>, link: string): Promise<Client | null> {
  if (!link.startsWith(`${AUTHORIZE_PATH}?`)) return null
  let ids: string[]
  try {
    // A relative path on a fixed base: the link cannot point the parse at another origin.
    const url = new URL(link, 'http://kiroku.invalid')
    if (url.pathname !== AUTHORIZE_PATH) return null
    ids = url.searchParams.getAll('client_id')
  } catch {
    return null
  }
  if (ids.length !== 1 || !/^[1-9][0-9]{0,15}$/.test(ids[0]!)) return null
  const id = Number(ids[0])
  return isRowId(id) ? findClient(db, id) : null
}

/** Who registered the client, as the approval page says it: "by <name>", or "registered by this server" (CLI, demo, the explorer). */
export async function clientOwnerLine(db: Kysely<Tables>, client: Client): Promise<string> {
  if (client.ownerUserId === null) return 'registered by this server'
  const owner = await findUserById(db, client.ownerUserId)
  return owner ? `by ${owner.name}` : 'registered by this server'
}
