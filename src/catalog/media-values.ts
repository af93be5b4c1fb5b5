/**
 * Values of a media row for other modules' queries: a list entry sorts by its media's title or
 * popularity without knowing how the catalog stores them. Each is a correlated subquery on `media`
 * by the id the caller's row names.
 */
import { sql, type Expression, type RawBuilder } from 'kysely'

/** The media columns other modules may sort by. */
export type MediaSortValue = 'title_romaji' | 'title_english' | 'title_native' | 'popularity'

/** The value of `column` for the media whose id is `mediaId` (null when the catalog lacks it). */
export function mediaValue(column: MediaSortValue, mediaId: Expression<unknown>): RawBuilder<unknown> {
  return sql`(select ${sql.ref(`m.${column}`)} from media m where m.id = ${mediaId})`
}
