/**
 * Issue 4's catalog: the `media` table (one row per AniList Media, keyed by AniList's own id) and
 * `media_genres`, the genres again as rows so that genre filters use an index.
 *
 * Lists inside a media row: synonyms, genres and relations are stored as JSON text because they are
 * read whole, in their own order, with the row (one query per batch, no join); nothing filters on
 * relations, and a related work may arrive in a later import, so they hold ids, not foreign keys. Genres also go into the side table
 * because `genre`, `genre_in` and `genre_not_in` filter on them; synonyms are only ever searched, and
 * `search_text` (every title and synonym, normalised) already serves that. Both writes happen in one
 * transaction in catalog/media-store.ts, the only writer.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media')
    // AniList's id, not generated here: imports and the built-in catalog name it.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('id_mal', 'integer')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('format', 'text')
    .addColumn('status', 'text')
    .addColumn('title_romaji', 'text')
    .addColumn('title_english', 'text')
    .addColumn('title_native', 'text')
    .addColumn('synonyms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('genres', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('relations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text')
    .addColumn('start_year', 'integer')
    .addColumn('start_month', 'integer')
    .addColumn('start_day', 'integer')
    .addColumn('start_date', 'integer')
    .addColumn('end_year', 'integer')
    .addColumn('end_month', 'integer')
    .addColumn('end_day', 'integer')
    .addColumn('end_date', 'integer')
    .addColumn('season', 'text')
    .addColumn('season_year', 'integer')
    .addColumn('episodes', 'integer')
    .addColumn('duration', 'integer')
    .addColumn('chapters', 'integer')
    .addColumn('volumes', 'integer')
    .addColumn('country_of_origin', 'text')
    .addColumn('source', 'text')
    .addColumn('is_licensed', 'integer')
    .addColumn('hashtag', 'text')
    .addColumn('cover_extra_large', 'text')
    .addColumn('cover_large', 'text')
    .addColumn('cover_medium', 'text')
    .addColumn('cover_color', 'text')
    .addColumn('banner_image', 'text')
    .addColumn('trailer_id', 'text')
    .addColumn('trailer_site', 'text')
    .addColumn('trailer_thumbnail', 'text')
    .addColumn('average_score', 'integer')
    .addColumn('mean_score', 'integer')
    .addColumn('popularity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('favourites', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('trending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_adult', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_favourite_blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_recommendation_blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_review_blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  // MAL ids are looked up by clients that sync from MyAnimeList; they repeat across types.
  await db.schema.createIndex('media_type_id_mal').on('media').columns(['id_mal', 'type']).execute()
  await db.schema.createIndex('media_start_date').on('media').column('start_date').execute()
  await db.schema.createIndex('media_season').on('media').columns(['season_year', 'season']).execute()
  await db.schema.createIndex('media_popularity').on('media').column('popularity').execute()

  await db.schema
    .createTable('media_genres')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('genre', 'text', (c) => c.notNull())
    // Lower-cased genre: filters match genres regardless of case.
    .addColumn('genre_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_genres_pk', ['media_id', 'genre_key'])
    .execute()
  await db.schema.createIndex('media_genres_genre_key').on('media_genres').columns(['genre_key', 'media_id']).execute()
}
