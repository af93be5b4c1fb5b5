/** AniList's two date forms: FuzzyDate {year, month, day} and FuzzyDateInt YYYYMMDD (0 for unknown parts). */
import type { FuzzyDate } from './media.js'

/** The FuzzyDateInt of a date, or null when even the year is unknown (nothing to compare). */
export function toFuzzyDateInt(date: FuzzyDate): number | null {
  if (date.year === null) return null
  return date.year * 10_000 + (date.month ?? 0) * 100 + (date.day ?? 0)
}

/** The largest FuzzyDateInt: 9999-99-99. */
export const MAX_FUZZY_DATE_INT = 99_999_999

/** True for an integer AniList would read as YYYYMMDD (parts may be 0). */
export function isFuzzyDateInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_FUZZY_DATE_INT
}

/** Checks a FuzzyDate's parts; returns what is wrong, or null. */
export function fuzzyDateProblem(date: FuzzyDate): string | null {
  const { year, month, day } = date
  if (year !== null && (!Number.isInteger(year) || year < 1 || year > 9999)) return `year ${year} is not between 1 and 9999`
  if (month !== null && (!Number.isInteger(month) || month < 1 || month > 12)) return `month ${month} is not between 1 and 12`
  if (day !== null && (!Number.isInteger(day) || day < 1 || day > 31)) return `day ${day} is not between 1 and 31`
  return null
}

/**
 * A FuzzyDate as an import file gives it: null for an unknown date, else an object whose parts are
 * integers or null. Returns the date, or what is wrong with it.
 */
export function readFuzzyDate(value: unknown): FuzzyDate | { problem: string } {
  if (value === null) return { year: null, month: null, day: null }
  if (typeof value !== 'object' || Array.isArray(value)) return { problem: 'is not a {year, month, day} object' }
  const part = (name: string) => {
    const p = (value as Record<string, unknown>)[name]
    if (p === undefined || p === null) return null
    return typeof p === 'number' && Number.isInteger(p) ? p : NaN
  }
  const date = { year: part('year'), month: part('month'), day: part('day') }
  const wrong = [date.year, date.month, date.day].some((p) => Number.isNaN(p)) ? 'its parts must be integers or null' : fuzzyDateProblem(date)
  return wrong ? { problem: wrong } : date
}
