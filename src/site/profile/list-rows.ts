/**
 * A list page's groups: the owner's entries of one type grouped as AniList groups them
 * (lists/collection.ts: status lists in AniList's order and names, the owner's section order and
 * split completed list, then custom lists; hidden entries only in their custom lists), each row
 * ordered by the owner's row order and shaped for the template.
 */
import type { Media, MediaType } from '../../catalog/media.js'
import type { TitleLanguage } from '../../catalog/titles.js'
import { groupEntries, statusListName } from '../../lists/collection.js'
import { MEDIA_LIST_STATUSES, type MediaListEntry, type MediaListStatus } from '../../lists/entry.js'
import { typeOptions, type MediaListOptions } from '../../lists/list-options.js'
import { displayTitle, enumLabel, localImage, scoreText } from '../view-helpers.js'

export interface ListRow {
  mediaId: number
  href: string
  image: string
  title: string
  /** "4/12", "4" when the length is unknown, '' before anything is seen. */
  progress: string
  score: string
  format: string
  private: boolean
}

export interface ListSection {
  name: string
  /** An id for the heading (and its aria-labelledby), unique on the page. */
  anchor: string
  isCustomList: boolean
  rows: ListRow[]
}

/** The statuses a list page can be filtered by, in AniList's order. */
export const FILTER_STATUSES: readonly MediaListStatus[] = ['CURRENT', 'REPEATING', 'COMPLETED', 'PAUSED', 'DROPPED', 'PLANNING']

export function isListStatus(value: string): value is MediaListStatus {
  return (MEDIA_LIST_STATUSES as readonly string[]).includes(value)
}

/** One filter link per status the list has, named as that status's list is. */
export function statusFilters(entries: readonly MediaListEntry[], type: MediaType): Array<{ status: MediaListStatus; name: string; count: number }> {
  return FILTER_STATUSES.flatMap((status) => {
    const count = entries.filter((e) => e.status === status).length
    return count > 0 ? [{ status, name: statusListName(status, type), count }] : []
  })
}

type Compare = (a: MediaListEntry, b: MediaListEntry) => number

/** The owner's row order ('score', 'title', 'updatedAt', 'id'): ties read by title, then id. */
function rowCompare(rowOrder: string, titleOf: (e: MediaListEntry) => string): Compare {
  const byTitle: Compare = (a, b) => titleOf(a).localeCompare(titleOf(b)) || a.id - b.id
  switch (rowOrder) {
    case 'score':
      return (a, b) => b.score - a.score || byTitle(a, b)
    case 'updatedAt':
      return (a, b) => b.updatedAt - a.updatedAt || byTitle(a, b)
    case 'id':
      return (a, b) => a.id - b.id
    default:
      return byTitle
  }
}

export interface ListOptions {
  type: MediaType
  options: MediaListOptions
  media: ReadonlyMap<number, Media>
  titleLanguage: TitleLanguage
  publicUrl: string
  /** Only the status lists of this status (custom lists are left out), or every list. */
  status: MediaListStatus | null
}

function progressText(entry: MediaListEntry, media: Media): string {
  const total = media.type === 'ANIME' ? media.episodes : media.chapters
  if (total) return `${entry.progress}/${total}`
  return entry.progress > 0 ? String(entry.progress) : ''
}

/** The page's sections, in the order the owner's list shows them. */
export function listSections(entries: readonly MediaListEntry[], o: ListOptions): ListSection[] {
  const settings = typeOptions(o.options, o.type)
  const own = entries.filter((e) => e.mediaType === o.type && o.media.has(e.mediaId))
  const titleOf = (e: MediaListEntry) => displayTitle(o.media.get(e.mediaId)!.title, o.titleLanguage)
  const groups = groupEntries(own, { type: o.type, settings, forceSingleCompletedList: false, formatOf: (id) => o.media.get(id)?.format ?? null })
  const compare = rowCompare(o.options.rowOrder, titleOf)
  const kind = o.type === 'ANIME' ? 'anime' : 'manga'
  return groups
    .filter((g) => o.status === null || g.status === o.status)
    .map((g, i) => ({
      name: g.name,
      anchor: `list-${i + 1}`,
      isCustomList: g.isCustomList,
      rows: [...g.entries].sort(compare).map((e) => {
        const m = o.media.get(e.mediaId)!
        return {
          mediaId: m.id,
          href: `/${kind}/${m.id}`,
          image: localImage(m.coverImage.medium ?? m.coverImage.large, o.publicUrl, 'media', m.id),
          title: titleOf(e),
          progress: progressText(e, m),
          score: scoreText(e.score, o.options.scoreFormat),
          format: enumLabel(m.format),
          private: e.private,
        }
      }),
    }))
}
