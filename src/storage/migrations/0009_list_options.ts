/**
 * List options move to a table of the lists module's own (lists/list-options.ts), out of accounts'
 * user_profiles: the score format, sections and custom lists belong to lists, and a module owns its
 * tables. Each stored value is copied over, then the old column is dropped.
 */
import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../db.js'

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('media_list_options')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into media_list_options (user_id, options, updated_at) select user_id, media_list_options, updated_at from user_profiles`.execute(db)
  await db.schema.alterTable('user_profiles').dropColumn('media_list_options').execute()
}
