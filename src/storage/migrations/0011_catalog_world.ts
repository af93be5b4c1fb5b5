/**
 * Issue 10's catalog world: studios, tags, external links, streaming episodes and airing schedules,
 * each owned by one file of catalog/ (named in storage/tables.ts).
 *
 * Links between media and studios or tags are rows (not JSON in the media row, as relations are)
 * because filters ask "which media have this tag" and Studio.media asks "which media did this studio
 * make": both directions need an index. The media side is a foreign key with cascade, so a media
 * removed from the catalog takes its links with it; studios and tags are AniList's own ids, named by
 * imports, so they are not generated here.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('studios')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_animation_studio', 'integer', (c) => c.notNull().defaultTo(0))
    // The name normalised between `|` marks (catalog/search-text.ts), for case-insensitive search.
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('media_studios')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('studio_id', 'integer', (c) => c.notNull().references('studios.id').onDelete('cascade'))
    .addColumn('is_main', 'integer', (c) => c.notNull().defaultTo(0))
    // The order AniList lists a work's studios in.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_studios_pk', ['media_id', 'studio_id'])
    .execute()
  // Studio.media reads a studio's works.
  await db.schema.createIndex('media_studios_by_studio').on('media_studios').columns(['studio_id', 'media_id']).execute()

  await db.schema
    .createTable('tags')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // Lower-cased name: tag filters match regardless of case, and two spellings cannot both exist.
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('category', 'text')
    // Lower-cased category, for tagCategory filters.
    .addColumn('category_key', 'text')
    .addColumn('is_general_spoiler', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_adult', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  await db.schema
    .createTable('media_tags')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    // 0–100: how strongly the tag applies to this work (AniList's votes).
    .addColumn('rank', 'integer')
    .addColumn('is_media_spoiler', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_tags_pk', ['media_id', 'tag_id'])
    .execute()
  // The tag filters ask which media carry a tag.
  await db.schema.createIndex('media_tags_by_tag').on('media_tags').columns(['tag_id', 'media_id']).execute()

  await db.schema
    .createTable('media_external_links')
    // AniList's link id.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('url', 'text')
    .addColumn('site', 'text', (c) => c.notNull())
    // Lower-cased site, for licensedBy filters.
    .addColumn('site_key', 'text', (c) => c.notNull())
    .addColumn('site_id', 'integer')
    .addColumn('type', 'text')
    .addColumn('language', 'text')
    .addColumn('color', 'text')
    .addColumn('icon', 'text')
    .addColumn('notes', 'text')
    .addColumn('is_disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('media_external_links_by_media').on('media_external_links').columns(['media_id', 'position']).execute()
  // licensedBy filters look for a streaming site among a work's links.
  await db.schema.createIndex('media_external_links_by_site').on('media_external_links').columns(['site_key', 'media_id']).execute()

  await db.schema
    .createTable('media_streaming_episodes')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('thumbnail', 'text')
    .addColumn('url', 'text')
    .addColumn('site', 'text')
    .addPrimaryKeyConstraint('media_streaming_episodes_pk', ['media_id', 'position'])
    .execute()

  await db.schema
    .createTable('airing_schedule')
    // AniList's airing id (generated schedules take ids from their own range: catalog/seed/airing.ts).
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('episode', 'integer', (c) => c.notNull())
    .addColumn('airing_at', 'bigint', (c) => c.notNull())
    // 1 for rows the demo's generator made: only those are replaced when it runs again.
    .addColumn('generated', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('airing_schedule_media_episode', ['media_id', 'episode'])
    .execute()
  // "What airs next" and Page.airingSchedules(airingAt_greater…) read by time.
  await db.schema.createIndex('airing_schedule_airing_at').on('airing_schedule').columns(['airing_at', 'media_id']).execute()
  // A work's next episode and its schedule pages read one work's rows by time.
  await db.schema.createIndex('airing_schedule_media_time').on('airing_schedule').columns(['media_id', 'airing_at']).execute()
}
