/** The +1 rule on its own: the next progress, completing at the last episode, and "today" at the user's UTC offset. */
import { describe, expect, it } from 'vitest'
import { plusOneChanges, todayAt } from '../../src/lists/plus-one.js'

const NO_DATE = { year: null, month: null, day: null }
const TODAY = { year: 2025, month: 6, day: 15 }

describe('plusOneChanges', () => {
  it('adds one below the last episode, and completes at it', () => {
    expect(plusOneChanges({ status: 'CURRENT', progress: 4, repeat: 0, completedAt: NO_DATE }, 12, TODAY)).toEqual({ progress: 5 })
    expect(plusOneChanges({ status: 'CURRENT', progress: 11, repeat: 0, completedAt: NO_DATE }, 12, TODAY)).toEqual({ progress: 12, status: 'COMPLETED', completedAt: TODAY })
  })

  it('counts a finished rewatch and keeps the first completion date', () => {
    const first = { year: 2019, month: 3, day: 1 }
    expect(plusOneChanges({ status: 'REPEATING', progress: 11, repeat: 1, completedAt: first }, 12, TODAY)).toEqual({ progress: 12, status: 'COMPLETED', repeat: 2 })
  })

  it('never goes past the length, and has no end without one', () => {
    expect(plusOneChanges({ status: 'CURRENT', progress: 12, repeat: 0, completedAt: NO_DATE }, 12, TODAY)).toMatchObject({ progress: 12, status: 'COMPLETED' })
    expect(plusOneChanges({ status: 'CURRENT', progress: 500, repeat: 0, completedAt: NO_DATE }, null, TODAY)).toEqual({ progress: 501 })
  })
})

describe('todayAt', () => {
  // 2025-06-15 22:30 UTC.
  const now = Date.UTC(2025, 5, 15, 22, 30) / 1000
  it('reads the date at the user\'s offset, UTC without one', () => {
    expect(todayAt(now, null)).toEqual({ year: 2025, month: 6, day: 15 })
    expect(todayAt(now, '+09:00')).toEqual({ year: 2025, month: 6, day: 16 })
    expect(todayAt(now, '-05:00')).toEqual({ year: 2025, month: 6, day: 15 })
    expect(todayAt(Date.UTC(2025, 5, 15, 2, 0) / 1000, '-05:00')).toEqual({ year: 2025, month: 6, day: 14 })
    expect(todayAt(now, '09:00')).toEqual({ year: 2025, month: 6, day: 16 })
    expect(todayAt(now, 'Europe/Paris')).toEqual({ year: 2025, month: 6, day: 15 })
  })
})
