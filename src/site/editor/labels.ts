/** How list statuses read on the editor's pages, in AniList's words for each media type. */
import type { MediaType } from '../../catalog/media.js'
import { MEDIA_LIST_STATUSES, type MediaListStatus } from '../../lists/entry.js'

/** The name of the list a status puts an entry on ("Watching", "Planning", "Rereading"). */
export function listName(status: MediaListStatus, type: MediaType): string {
  const anime = type === 'ANIME'
  switch (status) {
    case 'CURRENT':
      return anime ? 'Watching' : 'Reading'
    case 'REPEATING':
      return anime ? 'Rewatching' : 'Rereading'
    case 'PLANNING':
      return 'Planning'
    case 'COMPLETED':
      return 'Completed'
    case 'PAUSED':
      return 'Paused'
    case 'DROPPED':
      return 'Dropped'
  }
}

/** The status select's options: value and the words shown ("Plan to watch"). */
export function statusOptions(type: MediaType): Array<{ value: MediaListStatus; label: string }> {
  return MEDIA_LIST_STATUSES.map((value) => ({
    value,
    label: value === 'PLANNING' ? (type === 'ANIME' ? 'Plan to watch' : 'Plan to read') : listName(value, type),
  }))
}

export function isListStatus(value: unknown): value is MediaListStatus {
  return typeof value === 'string' && (MEDIA_LIST_STATUSES as readonly string[]).includes(value)
}
