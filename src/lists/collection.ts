/**
 * A user's list grouped as AniList's MediaListCollection groups it: one list per status, named for the
 * media type (anime "Watching", manga "Reading"…), the completed list split by format when the user
 * asks ("Completed TV", "Completed Movie"…), then the user's custom lists. An entry hidden from status
 * lists appears only in its custom lists. Empty lists are left out. Lists follow the user's section
 * order; lists it does not name come after, in AniList's default order. Entries keep the order given.
 */
import type { MediaFormat, MediaType } from '../catalog/media.js'
import { MEDIA_FORMATS } from '../catalog/media.js'
import type { MediaListTypeOptions } from './list-options.js'
import type { MediaListEntry, MediaListStatus } from './entry.js'

export interface ListGroup<E> {
  name: string
  isCustomList: boolean
  isSplitCompletedList: boolean
  /** The status of a status list; null for a custom list. */
  status: MediaListStatus | null
  entries: E[]
}

/** Status lists in AniList's default order, with their names for anime and for manga. */
const STATUS_NAMES: ReadonlyArray<[MediaListStatus, string, string]> = [
  ['CURRENT', 'Watching', 'Reading'],
  ['REPEATING', 'Rewatching', 'Rereading'],
  ['COMPLETED', 'Completed', 'Completed'],
  ['PAUSED', 'Paused', 'Paused'],
  ['DROPPED', 'Dropped', 'Dropped'],
  ['PLANNING', 'Planning', 'Planning'],
]

/** The name of a status list for a media type. */
export function statusListName(status: MediaListStatus, type: MediaType): string {
  const row = STATUS_NAMES.find(([s]) => s === status)!
  return type === 'ANIME' ? row[1] : row[2]
}

const FORMAT_NAMES: Record<MediaFormat, string> = {
  TV: 'TV', TV_SHORT: 'TV Short', MOVIE: 'Movie', SPECIAL: 'Special', OVA: 'OVA', ONA: 'ONA', MUSIC: 'Music',
  MANGA: 'Manga', NOVEL: 'Novel', ONE_SHOT: 'One Shot',
}

/** The name of a split completed list: "Completed TV", "Completed One Shot"… */
export function completedListName(format: MediaFormat): string {
  return `Completed ${FORMAT_NAMES[format]}`
}

export interface GroupingOptions {
  type: MediaType
  /** The owner's options for this media type: section order, split setting, custom lists. */
  settings: Pick<MediaListTypeOptions, 'sectionOrder' | 'splitCompletedSectionByFormat' | 'customLists'>
  /** One completed list whatever the split setting (the forceSingleCompletedList argument). */
  forceSingleCompletedList: boolean
  /** The format of an entry's media (needed only when the completed list is split). */
  formatOf: (mediaId: number) => MediaFormat | null
}

interface Ranked<E> {
  group: ListGroup<E>
  /** Place in AniList's default order. */
  rank: number
}

/** Groups entries into the lists of a MediaListCollection. */
export function groupEntries<E extends MediaListEntry>(entries: readonly E[], options: GroupingOptions): Array<ListGroup<E>> {
  const split = options.settings.splitCompletedSectionByFormat && !options.forceSingleCompletedList
  const groups = new Map<string, Ranked<E>>()
  const add = (key: string, make: () => Ranked<E>, entry: E) => {
    let ranked = groups.get(key)
    if (!ranked) groups.set(key, (ranked = make()))
    ranked.group.entries.push(entry)
  }
  const customLists = options.settings.customLists
  const completedRank = STATUS_NAMES.findIndex(([s]) => s === 'COMPLETED')

  for (const entry of entries) {
    if (!entry.hiddenFromStatusLists) {
      const statusRank = STATUS_NAMES.findIndex(([s]) => s === entry.status)
      const format = split && entry.status === 'COMPLETED' ? options.formatOf(entry.mediaId) : null
      if (format) {
        const name = completedListName(format)
        // Split lists sit where the completed list would, in the formats' declared order.
        const rank = completedRank + (MEDIA_FORMATS.indexOf(format) + 1) / (MEDIA_FORMATS.length + 1)
        add(`split:${format}`, () => ({ group: { name, isCustomList: false, isSplitCompletedList: true, status: 'COMPLETED', entries: [] }, rank }), entry)
      } else {
        const name = statusListName(entry.status, options.type)
        add(`status:${entry.status}`, () => ({ group: { name, isCustomList: false, isSplitCompletedList: false, status: entry.status, entries: [] }, rank: statusRank }), entry)
      }
    }
    const memberOf = new Set(entry.customLists.map((n) => n.toLowerCase()))
    customLists.forEach((name, i) => {
      if (!memberOf.has(name.toLowerCase())) return
      add(`custom:${i}`, () => ({ group: { name, isCustomList: true, isSplitCompletedList: false, status: null, entries: [] }, rank: STATUS_NAMES.length + i }), entry)
    })
  }

  const order = options.settings.sectionOrder.map((n) => n.toLowerCase())
  const position = ({ group }: Ranked<E>) => {
    const own = order.indexOf(group.name.toLowerCase())
    if (own >= 0) return own
    // A split list the order does not name takes the place of "Completed" when the order names that.
    if (group.isSplitCompletedList) {
      const completed = order.indexOf('completed')
      if (completed >= 0) return completed
    }
    return Number.POSITIVE_INFINITY
  }
  return [...groups.values()]
    .sort((a, b) => {
      const pa = position(a)
      const pb = position(b)
      if (pa !== pb) return pa < pb ? -1 : 1
      return a.rank - b.rank
    })
    .map((r) => r.group)
}
