/**
 * When a used authorization code was presented again. An exchange that raced the replay checks it
 * after issuing its tokens, so that a replay can never miss the tokens it must revoke.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('oauth_codes').addColumn('replayed_at', 'bigint').execute()
}
