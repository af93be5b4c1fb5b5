/**
 * Issue 4's list tracking: `media_list`, one row per (user, media), owned by lists/entry-store.ts.
 *
 * The media's type is copied into the row (a media never changes type) so that a user's anime list or
 * manga list is read through one index without touching the catalog. Dates are kept both as FuzzyDate
 * parts and as a FuzzyDateInt (YYYYMMDD, 0 for unknown parts) for AniList's date filters and sorts,
 * as the catalog keeps its own. Custom lists and advanced scores are JSON: read whole with the row,
 * never searched.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'
import { idColumn } from './columns.js'

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('media_list')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Raw 0–100 score (0: not scored); each score format is a view of it (lists/score-format.ts).
    .addColumn('score', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_volumes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('repeat', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text')
    .addColumn('hidden_from_status_lists', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('custom_lists', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('advanced_scores', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('started_year', 'integer')
    .addColumn('started_month', 'integer')
    .addColumn('started_day', 'integer')
    .addColumn('started_date', 'integer')
    .addColumn('completed_year', 'integer')
    .addColumn('completed_month', 'integer')
    .addColumn('completed_day', 'integer')
    .addColumn('completed_date', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // One entry per user and media; also the index behind `onList`, `mediaListEntry` and saves by mediaId.
    .addUniqueConstraint('media_list_user_media', ['user_id', 'media_id'])
    .execute()
  // A user's anime or manga list, whole or by status (MediaListCollection, statistics, Page.mediaList).
  await db.schema.createIndex('media_list_user_type_status').on('media_list').columns(['user_id', 'media_type', 'status']).execute()
  // Everyone's entries for one media (Page.mediaList(mediaId:)), and the cascade when a media goes.
  await db.schema.createIndex('media_list_media').on('media_list').column('media_id').execute()
}
