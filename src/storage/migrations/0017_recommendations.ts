/**
 * Issue 15's recommendations (src/community/recommendations/): pairs of works users find alike, and
 * each user's vote on a pair.
 *
 * A pair is stored once, whichever side it was suggested from: `media_id` is the smaller id and
 * `other_media_id` the larger (a check keeps them so), with a unique index on the two. AniList shows
 * the pair from both works with the same rating, and one row guarantees that: both sides read the
 * same row and the same votes. The rating is the sum of the votes, counted when read.
 */
import { sql, type Kysely } from 'kysely'
import type { DialectName } from '../db.js'
import { idColumn } from './columns.js'

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('recommendations')
    .addColumn('id', 'integer', idColumn(dialect))
    // The two works, smaller id first. Not foreign keys: a work removed from the catalog leaves its pairs, without it.
    .addColumn('media_id', 'integer', (c) => c.notNull())
    .addColumn('other_media_id', 'integer', (c) => c.notNull())
    // Who first suggested the pair (AniList's Recommendation.user). Null once that account is deleted:
    // the pair and everyone else's votes on it stay, as they are the others' as much as the suggester's.
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('recommendations_ordered', sql`media_id < other_media_id`)
    .execute()
  await db.schema.createIndex('recommendations_pair').on('recommendations').columns(['media_id', 'other_media_id']).unique().execute()
  // The pairs seen from their larger work.
  await db.schema.createIndex('recommendations_by_other').on('recommendations').columns(['other_media_id', 'media_id']).execute()

  await db.schema
    .createTable('recommendation_ratings')
    .addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendations.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // 1 for RATE_UP, -1 for RATE_DOWN; NO_RATING is the absence of a row.
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('recommendation_ratings_pk', ['recommendation_id', 'user_id'])
    .execute()
  await db.schema.createIndex('recommendation_ratings_by_user').on('recommendation_ratings').columns(['user_id', 'recommendation_id']).execute()
}
