/**
 * Keys the server makes for itself, stored in the database so that a restart keeps them and every
 * instance on the database uses the same one. This module owns the `server_secrets` table. The first
 * instance to need a key makes it; one that starts at the same moment finds that one instead (the
 * primary key decides), so there is never a second.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { randomToken } from '../util/random.js'

/** The 256-bit key stored under `name`, made now if there is none yet. */
export async function serverSecret(db: Kysely<Tables>, clock: Clock, name: string): Promise<Buffer> {
  const stored = await readSecret(db, name)
  if (stored) return stored
  await db
    .insertInto('server_secrets')
    .values({ name, value: randomToken(32), created_at: clock() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const made = await readSecret(db, name)
  if (!made) throw new Error(`the server secret "${name}" was neither found nor made`)
  return made
}

async function readSecret(db: Kysely<Tables>, name: string): Promise<Buffer | null> {
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirst()
  return row ? Buffer.from(row.value, 'base64url') : null
}
