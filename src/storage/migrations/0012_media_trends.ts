/**
 * Issue 10's figures (lists/figures/): `media_trends`, one snapshot per media and day of the figures
 * AniList charts (trending, popularity, averageScore, how many are watching), and
 * `media_figure_imports`, the imported figures a media row held before this server's own lists took
 * over, so that they come back if every local entry and favourite of it goes away; and
 * `media_rankings`, each work's places in AniList's rankings (RATED and POPULAR, all time, in its
 * year, in its season), ranked in one pass by `figures recompute` and the daily job, since ranking
 * the whole catalog on every read costs hundreds of milliseconds.
 *
 * `date` is the Unix time of the day's start (UTC), as AniList's MediaTrend.date. The unique
 * (media_id, date) makes the daily snapshot safe to run from several instances at once: each insert is
 * ON CONFLICT DO NOTHING, so the first writer of a day wins and the others change nothing.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media_trends')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('date', 'bigint', (c) => c.notNull())
    .addColumn('trending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('popularity', 'integer')
    .addColumn('average_score', 'integer')
    .addColumn('in_progress', 'integer')
    .addColumn('releasing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('episode', 'integer')
    .addPrimaryKeyConstraint('media_trends_pk', ['media_id', 'date'])
    .execute()
  // Page.mediaTrends filters and sorts by date across every media (the day's chart).
  await db.schema.createIndex('media_trends_date').on('media_trends').columns(['date', 'trending']).execute()

  await db.schema
    .createTable('media_figure_imports')
    .addColumn('media_id', 'integer', (c) => c.primaryKey().references('media.id').onDelete('cascade'))
    .addColumn('average_score', 'integer')
    .addColumn('mean_score', 'integer')
    .addColumn('popularity', 'integer', (c) => c.notNull())
    .addColumn('favourites', 'integer', (c) => c.notNull())
    .addColumn('trending', 'integer', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('media_rankings')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    // 1–6: the ranking's place in the order Media.rankings lists them (lists/figures/rankings.ts).
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('season', 'text')
    .addColumn('all_time', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_rankings_pk', ['media_id', 'position'])
    .execute()
}
