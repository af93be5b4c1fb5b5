/**
 * The size limits of query arguments, written once: they keep one filter within the databases'
 * bound-parameter limits and cheap to run, and refuse with a 400 that names the argument
 * (InvalidArgumentError) what no real client sends.
 */
import { InvalidArgumentError } from '../errors/refusals.js'

/** The most values of one list argument (`id_in`, `genre_in`…). */
export const MAX_LIST_VALUES = 500
/** The longest `search`. */
export const MAX_SEARCH_LENGTH = 200
/** The longest name-like text (genre, tag, user name): real ones are a few dozen characters. */
export const MAX_NAME_LENGTH = 200
/**
 * The longest `_like` pattern on a date: the date is 8 characters (YYYYMMDD), so a longer pattern can
 * only add wildcards; SQLite refuses patterns over 50,000 bytes outright.
 */
export const MAX_DATE_PATTERN_LENGTH = 32

/** Per-argument length limits of text arguments; others use `text`. */
export interface TextCaps {
  /** The limit of text arguments not named in `byName`. */
  text: number
  /** Limits by argument name. */
  byName?: Readonly<Record<string, number>>
  /** The limit of each string in a list argument. */
  listItem?: number
}

/** Media-like filters: names, searches and date patterns. */
export const FILTER_CAPS: TextCaps = { text: MAX_NAME_LENGTH, listItem: MAX_NAME_LENGTH }

/** What makes `args` too large to run, or null: list lengths, and text lengths by `caps`. */
export function argumentProblem(args: object, caps: TextCaps = FILTER_CAPS): string | null {
  for (const [name, value] of Object.entries(args)) {
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST_VALUES) return `${name} accepts at most ${MAX_LIST_VALUES} values.`
      const item = caps.listItem
      if (item !== undefined && value.some((v) => typeof v === 'string' && v.length > item)) return `${name} accepts values of at most ${item} characters.`
    } else if (typeof value === 'string') {
      const max = caps.byName?.[name] ?? (name === 'search' ? MAX_SEARCH_LENGTH : name.endsWith('_like') ? MAX_DATE_PATTERN_LENGTH : caps.text)
      if (value.length > max) return `${name} accepts at most ${max} characters.`
    }
  }
  return null
}

/** Throws the 400 for arguments too large to run. */
export function checkArguments(args: object, caps: TextCaps = FILTER_CAPS): void {
  const problem = argumentProblem(args, caps)
  if (problem) throw new InvalidArgumentError(problem)
}
