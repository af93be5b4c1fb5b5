/**
 * The works a pull has written from each endpoint (table `pulled_media`, owned here): what lets an
 * interrupted pull continue where it stopped. Each batch is recorded once it is written, so a run
 * cut short leaves a record of exactly what is already here.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'

const CHUNK = 500

/** One spelling per endpoint: `https://graphql.anilist.co` and `https://graphql.anilist.co/` are the same remote. */
export function endpointKey(endpoint: string): string {
  const url = new URL(endpoint)
  url.hash = ''
  return url.href.replace(/\/+$/, '')
}

/** Which of `ids` were already pulled from `endpoint`. */
export async function pulledFrom(db: Kysely<Tables>, endpoint: string, ids: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>()
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = await db.selectFrom('pulled_media').select('media_id').where('endpoint', '=', endpointKey(endpoint)).where('media_id', 'in', ids.slice(start, start + CHUNK)).execute()
    for (const row of rows) out.add(row.media_id)
  }
  return out
}

/** Records `ids` as pulled from `endpoint` at `now` (again, for a refresh). */
export async function markPulled(db: Kysely<Tables>, endpoint: string, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return
  const key = endpointKey(endpoint)
  await db
    .insertInto('pulled_media')
    .values(ids.map((id) => ({ endpoint: key, media_id: id, pulled_at: now })))
    .onConflict((oc) => oc.columns(['endpoint', 'media_id']).doUpdateSet({ pulled_at: now }))
    .execute()
}
