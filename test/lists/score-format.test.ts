import { describe, expect, it } from 'vitest'
import { fromRawScore, scoreProblem, SCORE_FORMATS, SCORE_MAX, toRawScore, type ScoreFormat } from '../../src/lists/score-format.js'

describe('score formats', () => {
  const everyValid: Record<ScoreFormat, number[]> = {
    POINT_100: Array.from({ length: 101 }, (_, i) => i),
    POINT_10_DECIMAL: Array.from({ length: 101 }, (_, i) => i / 10),
    POINT_10: Array.from({ length: 11 }, (_, i) => i),
    POINT_5: [0, 1, 2, 3, 4, 5],
    POINT_3: [0, 1, 2, 3],
  }
  for (const format of SCORE_FORMATS) {
    it(`${format}: every valid score survives the round trip through the raw score`, () => {
      for (const score of everyValid[format]) {
        expect(scoreProblem(score, format)).toBeNull()
        const raw = toRawScore(score, format)
        expect(raw).toBeGreaterThanOrEqual(0)
        expect(raw).toBeLessThanOrEqual(100)
        expect(fromRawScore(raw, format)).toBe(score)
      }
    })
  }

  it('stores scores on the 0–100 scale as AniList does', () => {
    expect(toRawScore(8.5, 'POINT_10_DECIMAL')).toBe(85)
    expect(toRawScore(7, 'POINT_10')).toBe(70)
    expect(toRawScore(4, 'POINT_5')).toBe(80)
    expect(toRawScore(1, 'POINT_3')).toBe(35)
    expect(toRawScore(3, 'POINT_3')).toBe(85)
  })

  it('reads a score saved in one format in every other format', () => {
    expect(fromRawScore(85, 'POINT_100')).toBe(85)
    expect(fromRawScore(85, 'POINT_10_DECIMAL')).toBe(8.5)
    expect(fromRawScore(85, 'POINT_10')).toBe(9)
    expect(fromRawScore(85, 'POINT_5')).toBe(4)
    expect(fromRawScore(85, 'POINT_3')).toBe(3)
    expect(fromRawScore(50, 'POINT_3')).toBe(2)
    expect(fromRawScore(20, 'POINT_3')).toBe(1)
    // A low but real score never reads as "not scored".
    expect(fromRawScore(3, 'POINT_10')).toBe(1)
    expect(fromRawScore(3, 'POINT_5')).toBe(1)
    expect(fromRawScore(0, 'POINT_5')).toBe(0)
  })

  it('rejects out-of-range and fractional scores with Laravel-style messages', () => {
    for (const format of SCORE_FORMATS) {
      expect(scoreProblem(SCORE_MAX[format] + 1, format)).toBe(`The score may not be greater than ${SCORE_MAX[format]}.`)
      expect(scoreProblem(-1, format)).toBe('The score must be at least 0.')
    }
    expect(scoreProblem(7.5, 'POINT_10')).toMatch(/whole number/)
    expect(scoreProblem(2.5, 'POINT_3')).toMatch(/whole number/)
    expect(scoreProblem(7.5, 'POINT_10_DECIMAL')).toBeNull()
    expect(scoreProblem(Number.NaN, 'POINT_100')).toBe('The score must be a number.')
  })
})
