/**
 * Issue 11's `kiroku pull` (src/pull/): `pulled_media`, the works a pull has written from a remote
 * endpoint, and when. It is what makes a pull resumable: a run that stops midway (a lost connection,
 * Ctrl-C) has recorded each batch it wrote, so the next run with the same endpoint skips those works
 * unless `--refresh` asks for them again. A work deleted from the catalog takes its rows with it, so it
 * is pulled again next time.
 */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pulled_media')
    // The endpoint as the command was given it (normalized by src/pull/pull-state.ts).
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('pulled_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pulled_media_pk', ['endpoint', 'media_id'])
    .execute()
}
