/**
 * Checks the arguments of SaveMediaListEntry and UpdateMediaListEntries and turns them into changes
 * to apply. Problems are reported per argument in Laravel's words, as AniList reports them
 * (`{"score": ["The score may not be greater than 100."]}`): an argument's name is shown with its
 * words split ("scoreRaw" reads "score raw"), a list item by its index ("advanced scores.2").
 *
 * A null argument changes nothing: clients send null for what they leave unset (seanime sends
 * `completedAt: null` with every update). A date whose parts are all null, or `{}`, clears the date.
 */
import type { FuzzyDate } from '../catalog/media.js'
import { scoreProblem, toRawScore, type ScoreFormat } from './score-format.js'
import type { MediaListStatus } from './entry.js'

export interface FuzzyDateInput {
  year?: number | null
  month?: number | null
  day?: number | null
}

/** The entry fields a mutation may set, by their GraphQL argument names. */
export interface EntryInput {
  status?: MediaListStatus | null
  score?: number | null
  scoreRaw?: number | null
  progress?: number | null
  progressVolumes?: number | null
  repeat?: number | null
  priority?: number | null
  private?: boolean | null
  notes?: string | null
  hiddenFromStatusLists?: boolean | null
  customLists?: ReadonlyArray<string | null> | null
  advancedScores?: ReadonlyArray<number | null> | null
  startedAt?: FuzzyDateInput | null
  completedAt?: FuzzyDateInput | null
}

/** Checked changes: scores already raw (0–100); list names and advanced scores not yet matched to the owner's settings. */
export interface EntryChanges {
  status?: MediaListStatus
  score?: number
  progress?: number
  progressVolumes?: number
  repeat?: number
  priority?: number
  private?: boolean
  notes?: string | null
  hiddenFromStatusLists?: boolean
  customLists?: string[]
  /** Raw scores in the order of the owner's advanced-scoring categories. */
  advancedScores?: number[]
  startedAt?: FuzzyDate
  completedAt?: FuzzyDate
}

export type ValidationProblems = Record<string, string[]>

/** Counters AniList keeps as small unsigned integers. */
export const MAX_COUNT = 65_535
export const MAX_NOTES_LENGTH = 10_000
export const MAX_CUSTOM_LISTS = 100
export const MAX_CUSTOM_LIST_NAME_LENGTH = 200
export const MAX_ADVANCED_SCORES = 20

const COUNTERS = ['progress', 'progressVolumes', 'repeat', 'priority'] as const

/** "scoreRaw" → "score raw", as Laravel shows an attribute's name. */
export function displayName(argument: string): string {
  return argument.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
}

function daysInMonth(year: number | null, month: number): number {
  // Without a year, February may have a 29th.
  return new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate()
}

function checkDate(argument: 'startedAt' | 'completedAt', input: FuzzyDateInput, problems: ValidationProblems): FuzzyDate | undefined {
  const date: FuzzyDate = { year: input.year ?? null, month: input.month ?? null, day: input.day ?? null }
  const name = displayName(argument)
  const ranges = { year: [1, 9999], month: [1, 12], day: [1, 31] } as const
  let ok = true
  for (const part of ['year', 'month', 'day'] as const) {
    const value = date[part]
    const [min, max] = ranges[part]
    if (value !== null && (value < min || value > max)) {
      problems[`${argument}.${part}`] = [`The ${name}.${part} must be between ${min} and ${max}.`]
      ok = false
    }
  }
  if (!ok) return undefined
  if (date.month !== null && date.day !== null && date.day > daysInMonth(date.year, date.month)) {
    problems[argument] = [`The ${name} is not a valid date.`]
    return undefined
  }
  return date
}

/**
 * Checks a mutation's entry arguments against the owner's score format. Returns the changes they ask
 * for and what is wrong with them (empty when nothing is). `scoreRaw` wins over `score` when both
 * are given.
 */
export function checkEntryInput(input: EntryInput, format: ScoreFormat): { changes: EntryChanges; problems: ValidationProblems } {
  const problems: ValidationProblems = {}
  const changes: EntryChanges = {}
  if (input.status != null) changes.status = input.status

  if (input.scoreRaw != null) {
    const problem = scoreProblem(input.scoreRaw, 'POINT_100', displayName('scoreRaw'))
    if (problem) problems.scoreRaw = [problem]
    else changes.score = toRawScore(input.scoreRaw, 'POINT_100')
  } else if (input.score != null) {
    const problem = scoreProblem(input.score, format)
    if (problem) problems.score = [problem]
    else changes.score = toRawScore(input.score, format)
  }

  for (const counter of COUNTERS) {
    const value = input[counter]
    if (value == null) continue
    if (value < 0) problems[counter] = [`The ${displayName(counter)} must be at least 0.`]
    else if (value > MAX_COUNT) problems[counter] = [`The ${displayName(counter)} may not be greater than ${MAX_COUNT}.`]
    else changes[counter] = value
  }

  if (input.private != null) changes.private = input.private
  if (input.hiddenFromStatusLists != null) changes.hiddenFromStatusLists = input.hiddenFromStatusLists
  if (input.notes != null) {
    if (input.notes.length > MAX_NOTES_LENGTH) problems.notes = [`The notes may not be greater than ${MAX_NOTES_LENGTH} characters.`]
    // An empty note is no note: AniList answers null for both.
    else changes.notes = input.notes.trim() === '' ? null : input.notes
  }

  if (input.customLists != null) {
    const names = input.customLists.filter((n): n is string => n !== null)
    if (names.length > MAX_CUSTOM_LISTS) problems.customLists = [`The custom lists may not have more than ${MAX_CUSTOM_LISTS} items.`]
    else {
      const long = names.findIndex((n) => n.length > MAX_CUSTOM_LIST_NAME_LENGTH)
      if (long >= 0) problems[`customLists.${long}`] = [`The custom lists.${long} may not be greater than ${MAX_CUSTOM_LIST_NAME_LENGTH} characters.`]
      else changes.customLists = [...new Set(names)]
    }
  }

  if (input.advancedScores != null) {
    if (input.advancedScores.length > MAX_ADVANCED_SCORES) problems.advancedScores = [`The advanced scores may not have more than ${MAX_ADVANCED_SCORES} items.`]
    else {
      const raw: number[] = []
      input.advancedScores.forEach((score, i) => {
        const problem = scoreProblem(score ?? 0, format, `${displayName('advancedScores')}.${i}`)
        if (problem) problems[`advancedScores.${i}`] = [problem]
        else raw.push(toRawScore(score ?? 0, format))
      })
      if (raw.length === input.advancedScores.length) changes.advancedScores = raw
    }
  }

  for (const argument of ['startedAt', 'completedAt'] as const) {
    const date = input[argument]
    if (date == null) continue
    const checked = checkDate(argument, date, problems)
    if (checked) changes[argument] = checked
  }
  return { changes, problems }
}
