import { describe, expect, it } from 'vitest'
import { checkEntryInput, displayName, MAX_COUNT, MAX_NOTES_LENGTH } from '../../src/lists/validation.js'

describe('checking list entry arguments', () => {
  it('shows argument names as Laravel does', () => {
    expect(displayName('scoreRaw')).toBe('score raw')
    expect(displayName('progressVolumes')).toBe('progress volumes')
    expect(displayName('hiddenFromStatusLists')).toBe('hidden from status lists')
    expect(displayName('notes')).toBe('notes')
  })

  it('turns a score in the owner’s format into the raw score', () => {
    expect(checkEntryInput({ score: 8.5 }, 'POINT_10_DECIMAL')).toEqual({ changes: { score: 85 }, problems: {} })
    expect(checkEntryInput({ score: 4 }, 'POINT_5').changes.score).toBe(80)
    expect(checkEntryInput({ score: 2 }, 'POINT_3').changes.score).toBe(60)
    expect(checkEntryInput({ score: 73 }, 'POINT_100').changes.score).toBe(73)
  })

  it('refuses a score out of the owner’s format, in AniList’s words', () => {
    expect(checkEntryInput({ score: 101 }, 'POINT_100').problems).toEqual({ score: ['The score may not be greater than 100.'] })
    expect(checkEntryInput({ score: 11 }, 'POINT_10').problems).toEqual({ score: ['The score may not be greater than 10.'] })
    expect(checkEntryInput({ score: 6 }, 'POINT_5').problems).toEqual({ score: ['The score may not be greater than 5.'] })
    expect(checkEntryInput({ score: -1 }, 'POINT_3').problems).toEqual({ score: ['The score must be at least 0.'] })
    expect(checkEntryInput({ score: 7.5 }, 'POINT_10').problems.score?.[0]).toMatch(/whole number/)
  })

  it('takes scoreRaw on the 0–100 scale whatever the format, over score', () => {
    expect(checkEntryInput({ scoreRaw: 90, score: 2 }, 'POINT_3')).toEqual({ changes: { score: 90 }, problems: {} })
    expect(checkEntryInput({ scoreRaw: 101 }, 'POINT_3').problems).toEqual({ scoreRaw: ['The score raw may not be greater than 100.'] })
    expect(checkEntryInput({ scoreRaw: -5 }, 'POINT_100').problems).toEqual({ scoreRaw: ['The score raw must be at least 0.'] })
  })

  it('bounds the counters', () => {
    const { problems } = checkEntryInput({ progress: -1, progressVolumes: MAX_COUNT + 1, repeat: 2, priority: -3 }, 'POINT_100')
    expect(problems).toEqual({
      progress: ['The progress must be at least 0.'],
      progressVolumes: [`The progress volumes may not be greater than ${MAX_COUNT}.`],
      priority: ['The priority must be at least 0.'],
    })
    expect(checkEntryInput({ progress: 0, repeat: 3 }, 'POINT_100').changes).toEqual({ progress: 0, repeat: 3 })
  })

  it('leaves alone what is null or absent, and clears notes given empty', () => {
    expect(checkEntryInput({ status: null, score: null, notes: null, startedAt: null, private: null }, 'POINT_100').changes).toEqual({})
    expect(checkEntryInput({ notes: '' }, 'POINT_100').changes).toEqual({ notes: null })
    expect(checkEntryInput({ notes: '  ' }, 'POINT_100').changes).toEqual({ notes: null })
    expect(checkEntryInput({ notes: 'rewatch with friends', private: false, hiddenFromStatusLists: true }, 'POINT_100').changes).toEqual({ notes: 'rewatch with friends', private: false, hiddenFromStatusLists: true })
    expect(checkEntryInput({ notes: 'x'.repeat(MAX_NOTES_LENGTH + 1) }, 'POINT_100').problems).toEqual({ notes: [`The notes may not be greater than ${MAX_NOTES_LENGTH} characters.`] })
  })

  it('takes partial dates, clears a date whose parts are all null, and refuses impossible ones', () => {
    expect(checkEntryInput({ startedAt: { year: 2024 }, completedAt: {} }, 'POINT_100').changes).toEqual({
      startedAt: { year: 2024, month: null, day: null },
      completedAt: { year: null, month: null, day: null },
    })
    expect(checkEntryInput({ completedAt: { year: null, month: null, day: null } }, 'POINT_100').changes.completedAt).toEqual({ year: null, month: null, day: null })
    expect(checkEntryInput({ startedAt: { year: 2024, month: 13, day: 0 } }, 'POINT_100').problems).toEqual({
      'startedAt.month': ['The started at.month must be between 1 and 12.'],
      'startedAt.day': ['The started at.day must be between 1 and 31.'],
    })
    expect(checkEntryInput({ completedAt: { year: 2023, month: 2, day: 29 } }, 'POINT_100').problems).toEqual({ completedAt: ['The completed at is not a valid date.'] })
    expect(checkEntryInput({ completedAt: { year: 2024, month: 2, day: 29 } }, 'POINT_100').problems).toEqual({})
    // Without a year, the 29th of February may be right.
    expect(checkEntryInput({ completedAt: { month: 2, day: 29 } }, 'POINT_100').problems).toEqual({})
  })

  it('checks custom lists and advanced scores item by item', () => {
    expect(checkEntryInput({ customLists: ['A', null, 'A', 'B'] }, 'POINT_100').changes).toEqual({ customLists: ['A', 'B'] })
    expect(checkEntryInput({ customLists: ['x'.repeat(201)] }, 'POINT_100').problems).toEqual({ 'customLists.0': ['The custom lists.0 may not be greater than 200 characters.'] })
    expect(checkEntryInput({ advancedScores: [8.5, null, 10] }, 'POINT_10_DECIMAL').changes).toEqual({ advancedScores: [85, 0, 100] })
    expect(checkEntryInput({ advancedScores: [8, 12] }, 'POINT_10_DECIMAL').problems).toEqual({ 'advancedScores.1': ['The advanced scores.1 may not be greater than 10.'] })
  })

  it('reports every problem at once', () => {
    expect(Object.keys(checkEntryInput({ score: 200, progress: -1, startedAt: { month: 0 } }, 'POINT_100').problems).sort()).toEqual(['progress', 'score', 'startedAt.month'])
  })
})
