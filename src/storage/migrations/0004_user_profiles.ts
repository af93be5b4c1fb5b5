/** Profiles and options for users (accounts/profiles.ts): one row per user who changed anything. */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('user_profiles')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('about', 'text')
    .addColumn('avatar', 'text')
    .addColumn('banner_image', 'text')
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('media_list_options', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
}
