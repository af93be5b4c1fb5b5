/**
 * Favourites (accounts/favourites.ts): the works a user marked, in the order they were added.
 *
 * One table for every kind AniList lets users favourite (`item_type`: ANIME and MANGA today;
 * CHARACTER, STAFF and STUDIO once the catalog has them), so the item id is not a foreign key: a work
 * removed from the catalog simply stops being listed. `position` keeps AniList's favourite order.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('favourites')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('item_type', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('favourites_pk', ['user_id', 'item_type', 'item_id'])
    .execute()
  // Media.isFavourite asks "which of these works has this user marked"; the primary key answers that.
  // Listing a user's favourites in order reads this index.
  await db.schema.createIndex('favourites_by_position').on('favourites').columns(['user_id', 'item_type', 'position']).execute()
}
