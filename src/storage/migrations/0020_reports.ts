/**
 * Reports (src/community/moderation/reports.ts): a user tells the moderators about a forum thread or
 * comment, with a reason; a moderator clears it once dealt with. As AniList's Report: reporter, reported
 * (the author of what was reported), reason, created, cleared. A report outlives both accounts and what it
 * names (ids become null or point at nothing), since it is part of the moderators' record.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'
import { idColumn } from './columns.js'

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('reporter_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reported_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // What was reported, in AniList's words: Thread or ThreadComment. Not a foreign key: a deleted post leaves its report.
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // When and by whom it was cleared; null while open.
    .addColumn('cleared_at', 'bigint')
    .addColumn('cleared_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  // The open reports, oldest first, are the moderation page's first list.
  await db.schema.createIndex('reports_by_state').on('reports').columns(['cleared_at', 'id']).execute()
}
