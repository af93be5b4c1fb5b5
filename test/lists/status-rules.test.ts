import { describe, expect, it } from 'vitest'
import { applyChanges, matchCustomLists } from '../../src/lists/apply-changes.js'
import { defaultEntryFields } from '../../src/lists/entry.js'
import { applyStatusRules, type MediaLength } from '../../src/lists/status-rules.js'

const ANIME: MediaLength = { type: 'ANIME', episodes: 26, chapters: null, volumes: null }
const MANGA: MediaLength = { type: 'MANGA', episodes: null, chapters: 162, volumes: 18 }
const UNKNOWN: MediaLength = { type: 'ANIME', episodes: null, chapters: null, volumes: null }

describe('status rules', () => {
  it('completing a work fills the progress to its length', () => {
    const before = { ...defaultEntryFields(), progress: 3 }
    expect(applyStatusRules(before, { ...before, status: 'COMPLETED' }, ANIME).progress).toBe(26)
    const manga = applyStatusRules(null, { ...defaultEntryFields(), status: 'COMPLETED', progress: 10 }, MANGA)
    expect([manga.progress, manga.progressVolumes]).toEqual([162, 18])
  })

  it('leaves the progress when the length is unknown, or when the entry was completed already', () => {
    expect(applyStatusRules(null, { ...defaultEntryFields(), status: 'COMPLETED', progress: 7 }, UNKNOWN).progress).toBe(7)
    const completed = { ...defaultEntryFields(), status: 'COMPLETED' as const, progress: 26 }
    expect(applyStatusRules(completed, { ...completed, progress: 20 }, ANIME).progress).toBe(20)
  })

  it('infers nothing else: reaching the last episode does not complete, and no date is set', () => {
    const after = applyStatusRules({ ...defaultEntryFields() }, { ...defaultEntryFields(), progress: 26 }, ANIME)
    expect(after.status).toBe('CURRENT')
    const done = applyStatusRules(null, { ...defaultEntryFields(), status: 'COMPLETED' }, ANIME)
    expect(done.completedAt).toEqual({ year: null, month: null, day: null })
  })
})

describe('applying changes', () => {
  const settings = { customLists: ['Favourites', 'With friends'], advancedScoring: ['Story', 'Characters', 'Visuals'] }

  it('keeps only the owner’s custom lists, in the owner’s spelling and order', () => {
    expect(matchCustomLists(['with FRIENDS', 'Nope', 'favourites'], settings.customLists)).toEqual(['Favourites', 'With friends'])
    expect(applyChanges(defaultEntryFields(), { customLists: ['Nope'] }, settings).customLists).toEqual([])
  })

  it('gives advanced scores to the owner’s categories in order, keeping the others', () => {
    const first = applyChanges(defaultEntryFields(), { advancedScores: [80, 60, 40, 20] }, settings)
    expect(first.advancedScores).toEqual({ Story: 80, Characters: 60, Visuals: 40 })
    expect(applyChanges(first, { advancedScores: [90] }, settings).advancedScores).toEqual({ Story: 90, Characters: 60, Visuals: 40 })
  })

  it('overwrites plain fields and leaves the rest', () => {
    const next = applyChanges({ ...defaultEntryFields(), notes: 'keep', progress: 4 }, { progress: 5, status: 'PAUSED' }, settings)
    expect(next).toMatchObject({ notes: 'keep', progress: 5, status: 'PAUSED' })
  })
})
