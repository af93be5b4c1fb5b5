/**
 * Issue 15's reviews (src/community/reviews/): one review per user and work, and the votes others
 * give it.
 *
 * A review names its author with a cascading foreign key (a deleted account takes its reviews and
 * its votes). The work is not a foreign key, as with activities: a work removed from the catalog
 * leaves its reviews, without their media. Vote counts are not stored: they are counted from the
 * rows when read, so they can never drift.
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'
import { idColumn } from './columns.js'

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('media_id', 'integer', (c) => c.notNull())
    // ANIME or MANGA, copied from the work when the review is written, so Review.mediaType and the
    // mediaType filter need no join with the catalog.
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    // Markdown.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('is_private', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  // AniList's rule of one review per user and work, kept by the database as well as by the rules.
  await db.schema.createIndex('reviews_by_user_media').on('reviews').columns(['user_id', 'media_id']).unique().execute()
  await db.schema.createIndex('reviews_by_media').on('reviews').columns(['media_id', 'id']).execute()

  await db.schema
    .createTable('review_ratings')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // 1 for UP_VOTE, -1 for DOWN_VOTE; NO_VOTE is the absence of a row.
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_ratings_pk', ['review_id', 'user_id'])
    .execute()
  await db.schema.createIndex('review_ratings_by_user').on('review_ratings').columns(['user_id', 'review_id']).execute()
}
