/**
 * Issue 10's people (people/): `characters` and `staff`, keyed by AniList's own ids, and the three
 * link tables that say who appears in which work: `media_characters` (a character's role in a work),
 * `character_voice_actors` (who voices a character in a work, in which language) and `media_staff`
 * (a staff member's role in a work, one row per role: a director may also write the storyboard).
 *
 * The link tables' media ids are foreign keys to `media`: an import writes a work before its cast
 * (cli/import.ts imports the media first), so a link never points at a work that is not there, and
 * removing a work removes its cast with it. Character and staff ids are foreign keys too, for the
 * same reason: people/cast-store.ts upserts the people before it links them. Name lists, occupations
 * and years active are JSON text: they are read whole with their row and never filtered on; names
 * are searched through `search_text` (every name form, normalised, as the catalog does for titles).
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('characters')
    // AniList's id, not generated here: imports name it.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name_first', 'text')
    .addColumn('name_middle', 'text')
    .addColumn('name_last', 'text')
    .addColumn('name_full', 'text')
    .addColumn('name_native', 'text')
    .addColumn('name_alternative', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('name_alternative_spoiler', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('image_large', 'text')
    .addColumn('image_medium', 'text')
    .addColumn('description', 'text')
    .addColumn('gender', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('birth_month', 'integer')
    .addColumn('birth_day', 'integer')
    .addColumn('age', 'text')
    .addColumn('blood_type', 'text')
    .addColumn('is_favourite_blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mod_notes', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  // isBirthday compares month and day with today's.
  await db.schema.createIndex('characters_birthday').on('characters').columns(['birth_month', 'birth_day']).execute()

  await db.schema
    .createTable('staff')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name_first', 'text')
    .addColumn('name_middle', 'text')
    .addColumn('name_last', 'text')
    .addColumn('name_full', 'text')
    .addColumn('name_native', 'text')
    .addColumn('name_alternative', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('language_v2', 'text')
    .addColumn('image_large', 'text')
    .addColumn('image_medium', 'text')
    .addColumn('description', 'text')
    .addColumn('primary_occupations', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('gender', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('birth_month', 'integer')
    .addColumn('birth_day', 'integer')
    .addColumn('death_year', 'integer')
    .addColumn('death_month', 'integer')
    .addColumn('death_day', 'integer')
    .addColumn('age', 'integer')
    .addColumn('years_active', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('home_town', 'text')
    .addColumn('blood_type', 'text')
    .addColumn('is_favourite_blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mod_notes', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('staff_birthday').on('staff').columns(['birth_month', 'birth_day']).execute()

  await db.schema
    .createTable('media_characters')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('character_id', 'integer', (c) => c.notNull().references('characters.id').onDelete('cascade'))
    .addColumn('role', 'text')
    // The character's place in the work's cast as imported (AniList's relevance order).
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('character_name', 'text')
    .addColumn('role_notes', 'text')
    .addColumn('dub_group', 'text')
    .addPrimaryKeyConstraint('media_characters_pk', ['media_id', 'character_id'])
    .execute()
  // Character.media reads a character's works.
  await db.schema.createIndex('media_characters_character').on('media_characters').columns(['character_id', 'media_id']).execute()

  await db.schema
    .createTable('character_voice_actors')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('character_id', 'integer', (c) => c.notNull().references('characters.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    // StaffLanguage (JAPANESE, ENGLISH…): the language of this dub.
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('role_notes', 'text')
    .addColumn('dub_group', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('character_voice_actors_pk', ['media_id', 'character_id', 'staff_id'])
    .execute()
  // Staff.characters and Staff.characterMedia read an actor's roles.
  await db.schema.createIndex('character_voice_actors_staff').on('character_voice_actors').columns(['staff_id', 'media_id']).execute()

  await db.schema
    .createTable('media_staff')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    // AniList's free text: "Director", "Original Creator", "Theme Song Performance (OP)".
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_staff_pk', ['media_id', 'staff_id', 'role'])
    .execute()
  await db.schema.createIndex('media_staff_staff').on('media_staff').columns(['staff_id', 'media_id']).execute()
}
