/** Column definitions whose SQL differs between the two dialects, so migrations stay one file each. */
import type { ColumnDefinitionBuilder } from 'kysely'
import type { DialectName } from '../db.js'

/** An integer primary key the database numbers itself, as AniList's ids are integers. */
export function idColumn(dialect: DialectName) {
  return (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()
}
