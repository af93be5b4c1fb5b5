/**
 * What AniList does to an entry because of its status, beyond what the client sent. Marking a work
 * COMPLETED fills the progress to the work's length when the catalog knows it (episodes for anime,
 * chapters and volumes for manga), so that completed entries count fully in statistics. Nothing else
 * is inferred: a progress reaching the last episode does not complete the entry, and no date is set
 * for the user, as AniList's API leaves both to the client.
 */
import type { MediaType } from '../catalog/media.js'
import type { EntryFields } from './entry.js'

/** The lengths of a work, as far as the catalog knows them. */
export interface MediaLength {
  type: MediaType
  episodes: number | null
  chapters: number | null
  volumes: number | null
}

/** The fields to store, given what they were (null for a new entry) and what the save asked for. */
export function applyStatusRules(before: EntryFields | null, after: EntryFields, media: MediaLength): EntryFields {
  const becameCompleted = after.status === 'COMPLETED' && before?.status !== 'COMPLETED'
  if (!becameCompleted) return after
  const next = { ...after }
  if (media.type === 'ANIME') {
    if (media.episodes) next.progress = media.episodes
  } else {
    if (media.chapters) next.progress = media.chapters
    if (media.volumes) next.progressVolumes = media.volumes
  }
  return next
}
