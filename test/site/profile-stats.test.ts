/** The overview's chart rules on their own: score bins at the edges of each format, and activity by month. */
import { describe, expect, it } from 'vitest'
import { activityByMonth, meanScoreText, scoreBins } from '../../src/site/profile/profile-stats.js'
import { defaultEntryFields, type MediaListEntry } from '../../src/lists/entry.js'

const at = (iso: string) => Math.floor(Date.parse(iso) / 1000)

function entry(id: number, updatedAt: number, completed: { year: number | null; month: number | null } = { year: null, month: null }): MediaListEntry {
  return { ...defaultEntryFields(), id, userId: 1, mediaId: id, mediaType: 'ANIME', createdAt: updatedAt, updatedAt, completedAt: { ...completed, day: null } }
}

describe('score bins', () => {
  it('puts the lowest and highest raw scores in the first and last bins of every format', () => {
    const rows = [{ score: 1, count: 2 }, { score: 100, count: 3 }]
    expect(scoreBins(rows, 'POINT_100').map((b) => b.value)).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, 3])
    expect(scoreBins(rows, 'POINT_100').map((b) => b.label)).toEqual(['10', '20', '30', '40', '50', '60', '70', '80', '90', '100'])
    expect(scoreBins(rows, 'POINT_10_DECIMAL').map((b) => b.label)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
    expect(scoreBins(rows, 'POINT_5')).toEqual([{ label: '1★', value: 2 }, { label: '2★', value: 0 }, { label: '3★', value: 0 }, { label: '4★', value: 0 }, { label: '5★', value: 3 }])
    // POINT_3 stores its faces as 35, 60 and 85.
    expect(scoreBins([{ score: 35, count: 1 }, { score: 60, count: 4 }, { score: 85, count: 2 }], 'POINT_3')).toEqual([{ label: ':(', value: 1 }, { label: ':|', value: 4 }, { label: ':)', value: 2 }])
  })

  it('writes the mean in the format, and nothing when nothing is scored', () => {
    expect(meanScoreText(0, 'POINT_100')).toBe('')
    expect(meanScoreText(77.25, 'POINT_100')).toBe('77.3')
    expect(meanScoreText(7, 'POINT_10')).toBe('7.0')
    expect(meanScoreText(1.4, 'POINT_3')).toBe(':(')
  })
})

describe('activity by month', () => {
  const now = at('2026-01-20T12:00:00Z')

  it('covers the twelve months up to now, across the new year, labelling the first month and each January with the year', () => {
    const months = activityByMonth([], now)
    expect(months.map((m) => m.label)).toEqual(['Feb 25', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan 26'])
    expect(months.every((m) => m.value === 0)).toBe(true)
  })

  it('counts an entry once a month, by its update time and its completion month; older ones not at all', () => {
    const months = activityByMonth(
      [
        entry(1, at('2026-01-02T00:00:00Z'), { year: 2026, month: 1 }),
        entry(2, at('2026-01-31T23:00:00Z'), { year: 2025, month: 12 }),
        entry(3, at('2025-01-31T23:59:59Z'), { year: 2024, month: 5 }),
        entry(4, at('2025-02-01T00:00:00Z')),
      ],
      now,
    )
    const byLabel = Object.fromEntries(months.map((m) => [m.label, m.value]))
    expect(byLabel['Jan 26']).toBe(2)
    expect(byLabel.Dec).toBe(1)
    expect(byLabel['Feb 25']).toBe(1)
    expect(months.reduce((sum, m) => sum + m.value, 0)).toBe(4)
  })
})
