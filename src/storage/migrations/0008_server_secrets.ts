/**
 * Secrets the server makes for itself and every instance on the database must share, kept across
 * restarts: the key that signs the CSRF cookie of anonymous forms (web/server-secrets.ts).
 */
import type { Kysely } from 'kysely'
import type { DialectName } from '../db.js'

export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute()
}
