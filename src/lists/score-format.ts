/**
 * AniList's score formats. A list entry stores its score once, raw, on a 0–100 scale; each format is a
 * view of it. A score given in the user's format is converted to raw on save, and read back through
 * the same format unchanged (the round trip every client relies on).
 */

export const SCORE_FORMATS = ['POINT_100', 'POINT_10_DECIMAL', 'POINT_10', 'POINT_5', 'POINT_3'] as const
export type ScoreFormat = (typeof SCORE_FORMATS)[number]

/** The largest score each format accepts (the smallest is always 0, meaning "not scored"). */
export const SCORE_MAX: Readonly<Record<ScoreFormat, number>> = {
  POINT_100: 100,
  POINT_10_DECIMAL: 10,
  POINT_10: 10,
  POINT_5: 5,
  POINT_3: 3,
}

// POINT_3's three faces are stored as fixed raw scores, as AniList stores them.
const SMILEY_RAW = [0, 35, 60, 85] as const

/** Converts a score given in `format` to the raw 0–100 score that is stored. Assumes it was validated. */
export function toRawScore(score: number, format: ScoreFormat): number {
  switch (format) {
    case 'POINT_100':
      return Math.round(score)
    case 'POINT_10_DECIMAL':
      return Math.round(score * 10)
    case 'POINT_10':
      return Math.round(score) * 10
    case 'POINT_5':
      return Math.round(score) * 20
    case 'POINT_3':
      return SMILEY_RAW[Math.round(score)]!
  }
}

/** Reads a stored raw score in `format`. 0 stays 0 (not scored); any other score never reads as 0. */
export function fromRawScore(raw: number, format: ScoreFormat): number {
  if (raw <= 0) return 0
  switch (format) {
    case 'POINT_100':
      return Math.round(raw)
    case 'POINT_10_DECIMAL':
      return Math.round(raw) / 10
    case 'POINT_10':
      return Math.max(1, Math.round(raw / 10))
    case 'POINT_5':
      return Math.max(1, Math.round(raw / 20))
    case 'POINT_3':
      return raw >= 61 ? 3 : raw >= 36 ? 2 : 1
  }
}

/**
 * What is wrong with a score given in `format`, as a Laravel-style message, or null when it is valid.
 * POINT_100 and POINT_10_DECIMAL take fractions (rounded to the format's precision); the others take
 * whole numbers only.
 */
export function scoreProblem(score: number, format: ScoreFormat, field = 'score'): string | null {
  if (!Number.isFinite(score)) return `The ${field} must be a number.`
  if (score < 0) return `The ${field} must be at least 0.`
  if (score > SCORE_MAX[format]) return `The ${field} may not be greater than ${SCORE_MAX[format]}.`
  if ((format === 'POINT_10' || format === 'POINT_5' || format === 'POINT_3') && !Number.isInteger(score)) {
    return `The ${field} must be a whole number in the ${format} format.`
  }
  return null
}

export function isScoreFormat(value: unknown): value is ScoreFormat {
  return typeof value === 'string' && (SCORE_FORMATS as readonly string[]).includes(value)
}
