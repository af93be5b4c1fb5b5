/**
 * Issue 15's per-user records that are neither reviews nor the forum: the names an account held
 * before a rename (accounts/previous-names.ts), each user's AniChart settings and highlights
 * (accounts/anichart.ts), and the moderators' actions (community/moderation/mod-actions.ts).
 *
 * Every row names its user with a cascading foreign key: deleting an account takes its old names and
 * AniChart data with it. A mod action keeps its row when the moderator's account goes (mod_id becomes
 * null), since the record is the site's, not the moderator's.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'
import { idColumn } from './columns.js'

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('user_previous_names')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower-cased, as users.name_key: /user/:oldName is looked up regardless of case.
    .addColumn('name_key', 'text', (c) => c.notNull())
    // When the name was first given up; updated_at when it was given up again (held, left, held, left).
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('user_previous_names_by_user').on('user_previous_names').columns(['user_id', 'updated_at']).execute()
  await db.schema.createIndex('user_previous_names_by_name').on('user_previous_names').columns(['name_key', 'updated_at']).execute()

  await db.schema
    .createTable('anichart_users')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // JSON objects, as AniChart reads them back: {titleLanguage, outgoingLinkProvider, theme, sort} and {mediaId: highlight}.
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('highlights', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('mod_actions')
    .addColumn('id', 'integer', idColumn(dialect))
    // The user acted upon (the author of a deleted thread, say); null when their account is gone.
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('mod_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // One of AniList's ModActionType values.
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'integer')
    .addColumn('object_type', 'text')
    .addColumn('data', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('mod_actions_by_user').on('mod_actions').columns(['user_id', 'id']).execute()
  await db.schema.createIndex('mod_actions_by_mod').on('mod_actions').columns(['mod_id', 'id']).execute()
}
