import { describe, expect, it } from 'vitest'
import type { MediaFormat } from '../../src/catalog/media.js'
import { completedListName, groupEntries, statusListName, type GroupingOptions } from '../../src/lists/collection.js'
import { defaultEntryFields, type MediaListEntry, type MediaListStatus } from '../../src/lists/entry.js'

let nextId = 1
function entry(mediaId: number, status: MediaListStatus, extra: Partial<MediaListEntry> = {}): MediaListEntry {
  return { ...defaultEntryFields(), id: nextId++, userId: 1, mediaId, mediaType: 'ANIME', status, createdAt: 0, updatedAt: 0, ...extra }
}

const FORMATS: Record<number, MediaFormat> = { 1: 'TV', 2: 'MOVIE', 3: 'TV', 4: 'OVA', 5: 'MOVIE' }
const DEFAULT_ORDER = ['Watching', 'Rewatching', 'Completed', 'Paused', 'Dropped', 'Planning']

function options(over: Partial<GroupingOptions['settings']> = {}, force = false): GroupingOptions {
  return {
    type: 'ANIME',
    settings: { sectionOrder: DEFAULT_ORDER, splitCompletedSectionByFormat: false, customLists: [], ...over },
    forceSingleCompletedList: force,
    formatOf: (id) => FORMATS[id] ?? null,
  }
}

const shape = (groups: ReturnType<typeof groupEntries>) => groups.map((g) => [g.name, g.status, g.isCustomList, g.isSplitCompletedList, g.entries.map((e) => e.mediaId)])

describe('grouping a list as AniList does', () => {
  it('names the status lists for anime and for manga', () => {
    expect(['CURRENT', 'REPEATING', 'COMPLETED', 'PAUSED', 'DROPPED', 'PLANNING'].map((s) => statusListName(s as MediaListStatus, 'ANIME'))).toEqual(DEFAULT_ORDER)
    expect(['CURRENT', 'REPEATING', 'COMPLETED', 'PAUSED', 'DROPPED', 'PLANNING'].map((s) => statusListName(s as MediaListStatus, 'MANGA'))).toEqual(['Reading', 'Rereading', 'Completed', 'Paused', 'Dropped', 'Planning'])
    expect(completedListName('TV_SHORT')).toBe('Completed TV Short')
    expect(completedListName('ONE_SHOT')).toBe('Completed One Shot')
  })

  it('puts each entry in its status list, in the default order, leaving empty lists out and keeping the entries’ order', () => {
    const groups = groupEntries([entry(5, 'PLANNING'), entry(1, 'CURRENT'), entry(3, 'COMPLETED'), entry(2, 'CURRENT')], options())
    expect(shape(groups)).toEqual([
      ['Watching', 'CURRENT', false, false, [1, 2]],
      ['Completed', 'COMPLETED', false, false, [3]],
      ['Planning', 'PLANNING', false, false, [5]],
    ])
  })

  it('names manga lists for reading', () => {
    const groups = groupEntries([entry(1, 'CURRENT', { mediaType: 'MANGA' }), entry(2, 'REPEATING', { mediaType: 'MANGA' })], { ...options(), type: 'MANGA' })
    expect(groups.map((g) => g.name)).toEqual(['Reading', 'Rereading'])
  })

  it('splits the completed list by format when the user asks, unless forced to one list', () => {
    const entries = [entry(1, 'COMPLETED'), entry(2, 'COMPLETED'), entry(4, 'COMPLETED'), entry(3, 'COMPLETED'), entry(9, 'COMPLETED'), entry(5, 'DROPPED')]
    expect(shape(groupEntries(entries, options({ splitCompletedSectionByFormat: true })))).toEqual([
      // A work whose format is unknown stays in the plain completed list.
      ['Completed', 'COMPLETED', false, false, [9]],
      ['Completed TV', 'COMPLETED', false, true, [1, 3]],
      ['Completed Movie', 'COMPLETED', false, true, [2]],
      ['Completed OVA', 'COMPLETED', false, true, [4]],
      ['Dropped', 'DROPPED', false, false, [5]],
    ])
    expect(shape(groupEntries(entries, options({ splitCompletedSectionByFormat: true }, true))).map((g) => g[0])).toEqual(['Completed', 'Dropped'])
  })

  it('adds custom lists after the status lists, and hides from status lists what the user hides', () => {
    const entries = [
      entry(1, 'CURRENT', { customLists: ['Favourites'] }),
      entry(2, 'COMPLETED', { customLists: ['favourites', 'With friends'], hiddenFromStatusLists: true }),
      entry(3, 'PAUSED', { customLists: ['Gone'] }),
    ]
    expect(shape(groupEntries(entries, options({ customLists: ['With friends', 'Favourites'] })))).toEqual([
      ['Watching', 'CURRENT', false, false, [1]],
      ['Paused', 'PAUSED', false, false, [3]],
      ['With friends', null, true, false, [2]],
      ['Favourites', null, true, false, [1, 2]],
    ])
  })

  it('follows the user’s section order, custom lists and split lists included', () => {
    const entries = [entry(1, 'CURRENT', { customLists: ['Favourites'] }), entry(2, 'COMPLETED'), entry(3, 'COMPLETED'), entry(5, 'PLANNING')]
    const ordered = options({ sectionOrder: ['Planning', 'Favourites', 'Completed', 'Watching'], customLists: ['Favourites'], splitCompletedSectionByFormat: true })
    expect(groupEntries(entries, ordered).map((g) => g.name)).toEqual(['Planning', 'Favourites', 'Completed TV', 'Completed Movie', 'Watching'])
    // Lists the order leaves out come last, in the default order.
    expect(groupEntries(entries, options({ sectionOrder: ['Completed'] })).map((g) => g.name)).toEqual(['Completed', 'Watching', 'Planning'])
  })
})
