/** Converts between `media_list` rows and MediaListEntry objects. */
import type { Insertable, Selectable } from 'kysely'
import type { MediaListTable } from '../storage/tables.js'
import type { MediaType } from '../catalog/media.js'
import { toFuzzyDateInt } from '../catalog/fuzzy-date.js'
import { scoreMap, type EntryFields, type MediaListEntry, type MediaListStatus } from './entry.js'

export type EntryRow = Selectable<MediaListTable>

/** A stored row as an entry. */
export function rowToEntry(row: EntryRow): MediaListEntry {
  return {
    id: row.id,
    userId: row.user_id,
    mediaId: row.media_id,
    mediaType: row.media_type as MediaType,
    status: row.status as MediaListStatus,
    score: Number(row.score),
    progress: row.progress,
    progressVolumes: row.progress_volumes,
    repeat: row.repeat,
    priority: row.priority,
    private: row.is_private !== 0,
    notes: row.notes,
    hiddenFromStatusLists: row.hidden_from_status_lists !== 0,
    customLists: JSON.parse(row.custom_lists) as string[],
    advancedScores: scoreMap(JSON.parse(row.advanced_scores) as Record<string, number>),
    startedAt: { year: row.started_year, month: row.started_month, day: row.started_day },
    completedAt: { year: row.completed_year, month: row.completed_month, day: row.completed_day },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** The columns that hold an entry's fields (everything but keys and times). */
export function fieldsToColumns(fields: EntryFields): Omit<Insertable<MediaListTable>, 'id' | 'user_id' | 'media_id' | 'media_type' | 'created_at' | 'updated_at'> {
  return {
    status: fields.status,
    score: fields.score,
    progress: fields.progress,
    progress_volumes: fields.progressVolumes,
    repeat: fields.repeat,
    priority: fields.priority,
    is_private: fields.private ? 1 : 0,
    notes: fields.notes,
    hidden_from_status_lists: fields.hiddenFromStatusLists ? 1 : 0,
    custom_lists: JSON.stringify(fields.customLists),
    advanced_scores: JSON.stringify(fields.advancedScores),
    started_year: fields.startedAt.year,
    started_month: fields.startedAt.month,
    started_day: fields.startedAt.day,
    started_date: toFuzzyDateInt(fields.startedAt),
    completed_year: fields.completedAt.year,
    completed_month: fields.completedAt.month,
    completed_day: fields.completedAt.day,
    completed_date: toFuzzyDateInt(fields.completedAt),
  }
}

/** The fields of an entry, without its keys and times. */
export function entryFields(entry: MediaListEntry): EntryFields {
  const { id: _id, userId: _user, mediaId: _media, mediaType: _type, createdAt: _created, updatedAt: _updated, ...fields } = entry
  return fields
}
