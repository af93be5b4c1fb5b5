/**
 * The list editor's form: the values it shows (from an entry, or as submitted), and reading a submitted
 * form into the arguments of SaveMediaListEntry (lists/validation.ts). What the form itself must check
 * (one string per field, numbers that are numbers, no U+0000, progress within the work's length, as
 * the inputs' max says) is checked here; every rule of the list itself is the lists module's, whose
 * problems are mapped back onto the form's fields.
 */
import type { FuzzyDate, Media } from '../../catalog/media.js'
import type { MediaListEntry } from '../../lists/entry.js'
import { fromRawScore, SCORE_MAX, type ScoreFormat } from '../../lists/score-format.js'
import { checkEntryInput, MAX_CUSTOM_LIST_NAME_LENGTH, MAX_NOTES_LENGTH, type EntryInput, type FuzzyDateInput, type ValidationProblems } from '../../lists/validation.js'
import { DuplicateParameterError, FormFieldError, formFields, isRecord } from '../../web/params.js'
import { readTextField } from '../../web/form-fields.js'
import { isListStatus } from './labels.js'

export const DATE_FIELDS = ['startedAt', 'completedAt'] as const
export type DateField = (typeof DATE_FIELDS)[number]
const DATE_PARTS = ['year', 'month', 'day'] as const

export interface DateValues {
  year: string
  month: string
  day: string
}

/** What the form's fields hold, as text (what was stored, or what was sent). */
export interface EditorValues {
  status: string
  score: string
  progress: string
  progressVolumes: string
  repeat: string
  startedAt: DateValues
  completedAt: DateValues
  notes: string
  customLists: string[]
  private: boolean
  hiddenFromStatusLists: boolean
  /** One per advanced-scoring category, in the owner's order. */
  advancedScores: string[]
}

/** What the form needs to know about its owner and work. */
export interface EditorSettings {
  format: ScoreFormat
  media: Pick<Media, 'type' | 'episodes' | 'chapters' | 'volumes'>
  /** The owner's custom lists for the media's type. */
  customLists: readonly string[]
  /** The advanced-scoring categories when the owner scores this type that way; else empty. */
  categories: readonly string[]
}

/** Problems per form field: 'status', 'score', 'startedAt', 'advancedScores.2', 'form' (the whole form)… */
export type FormProblems = Record<string, string[]>

const scoreValue = (raw: number, format: ScoreFormat): string => (raw > 0 ? String(fromRawScore(raw, format)) : '')
const count = (n: number): string => String(n)
const dateValues = (date: FuzzyDate): DateValues => ({ year: date.year?.toString() ?? '', month: date.month?.toString() ?? '', day: date.day?.toString() ?? '' })

/** The form's values for an entry, or for a work not yet on the list. */
export function valuesOf(entry: MediaListEntry | null, settings: EditorSettings): EditorValues {
  if (!entry) {
    const none = { year: '', month: '', day: '' }
    return {
      status: 'PLANNING', score: '', progress: '0', progressVolumes: '0', repeat: '0', startedAt: none, completedAt: { ...none }, notes: '',
      customLists: [], private: false, hiddenFromStatusLists: false, advancedScores: settings.categories.map(() => ''),
    }
  }
  const owned = new Set(entry.customLists.map((n) => n.toLowerCase()))
  return {
    status: entry.status,
    score: scoreValue(entry.score, settings.format),
    progress: count(entry.progress),
    progressVolumes: count(entry.progressVolumes),
    repeat: count(entry.repeat),
    startedAt: dateValues(entry.startedAt),
    completedAt: dateValues(entry.completedAt),
    notes: entry.notes ?? '',
    customLists: settings.customLists.filter((n) => owned.has(n.toLowerCase())),
    private: entry.private,
    hiddenFromStatusLists: entry.hiddenFromStatusLists,
    advancedScores: settings.categories.map((name) => scoreValue(entry.advancedScores[name] ?? 0, settings.format)),
  }
}

/** How a field is called in messages. */
const LABELS: Record<string, string> = {
  status: 'status', score: 'score', progress: 'progress', progressVolumes: 'volume progress', repeat: 'repeat count', notes: 'notes',
  startedAt: 'start date', completedAt: 'completion date', private: 'private field', hiddenFromStatusLists: 'hidden field', customLists: 'custom lists',
}

// Numbers are short: a longer value is no number anyone typed.
const NUMBER_LENGTH = 20

class Reader {
  readonly problems: FormProblems = {}
  constructor(private readonly body: unknown) {}

  note(field: string, message: string): void {
    ;(this.problems[field] ??= []).push(message)
  }

  /** One text field ('' when absent), or '' with a problem noted under `field`. */
  text(name: string, field: string, label: string, maxLength: number): string {
    try {
      return readTextField(this.body, name, { label, maxLength })
    } catch (error) {
      if (error instanceof DuplicateParameterError) this.note(field, `The ${label} was sent more than once.`)
      else if (error instanceof FormFieldError) this.note(field, error.message)
      else throw error
      return ''
    }
  }

  /** A whole number (null when empty), or null with a problem noted. */
  integer(name: string, field: string, label: string): { text: string; value: number | null } {
    const text = this.text(name, field, label, NUMBER_LENGTH).trim()
    if (text === '') return { text, value: null }
    if (!/^-?\d+$/.test(text)) {
      this.note(field, `The ${label} must be a whole number.`)
      return { text, value: null }
    }
    return { text, value: Number(text) }
  }

  /** A number with an optional fraction (null when empty), or null with a problem noted. */
  decimal(name: string, field: string, label: string): { text: string; value: number | null } {
    const text = this.text(name, field, label, NUMBER_LENGTH).trim()
    if (text === '') return { text, value: null }
    if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
      this.note(field, `The ${label} must be a number.`)
      return { text, value: null }
    }
    return { text, value: Number(text) }
  }

  /** A checkbox: checked when sent as one string. */
  checkbox(name: string, label: string): boolean {
    if (!isRecord(this.body) || !Object.hasOwn(this.body, name) || this.body[name] === undefined) return false
    this.text(name, name, label, 10)
    return this.problems[name] === undefined
  }
}

/** A submitted form read: the values to show again, the save's arguments, and what is wrong. */
export interface ReadForm {
  values: EditorValues
  input: EntryInput
  problems: FormProblems
}

/** Reads a submitted editor form. */
export function readEditorForm(body: unknown, settings: EditorSettings): ReadForm {
  const r = new Reader(body)
  const input: EntryInput = {}

  const status = r.text('status', 'status', LABELS.status!, 20)
  if (isListStatus(status)) input.status = status
  else if (r.problems.status === undefined) r.note('status', 'Choose a status from the list.')

  // An empty score is "not scored", which AniList stores as 0.
  const score = r.decimal('score', 'score', LABELS.score!)
  if (r.problems.score === undefined) input.score = score.value ?? 0

  const counters = {} as Record<'progress' | 'progressVolumes' | 'repeat', string>
  for (const name of ['progress', 'progressVolumes', 'repeat'] as const) {
    if (name === 'progressVolumes' && settings.media.type === 'ANIME') {
      counters[name] = '0'
      continue
    }
    const read = r.integer(name, name, LABELS[name]!)
    counters[name] = read.text
    if (r.problems[name] === undefined) input[name] = read.value ?? 0
  }
  // The inputs' max: a work's known length bounds its progress.
  const anime = settings.media.type === 'ANIME'
  const limits: Array<['progress' | 'progressVolumes', number | null, string]> = anime
    ? [['progress', settings.media.episodes, 'episodes']]
    : [['progress', settings.media.chapters, 'chapters'], ['progressVolumes', settings.media.volumes, 'volumes']]
  for (const [name, limit, unit] of limits) {
    const value = input[name]
    if (limit && value != null && value > limit) {
      r.note(name, `The ${LABELS[name]} may not be greater than ${limit}: this ${anime ? 'anime' : 'manga'} has ${limit} ${unit}.`)
      delete input[name]
    }
  }

  const dates = {} as Record<DateField, DateValues>
  for (const field of DATE_FIELDS) {
    const parts = {} as DateValues
    const date: FuzzyDateInput = {}
    for (const part of DATE_PARTS) {
      const read = r.integer(`${field}_${part}`, field, `${LABELS[field]}'s ${part}`)
      parts[part] = read.text
      date[part] = read.value
    }
    dates[field] = parts
    // All parts empty clears the date ({ year: null, month: null, day: null }).
    if (r.problems[field] === undefined) input[field] = date
  }

  const notes = r.text('notes', 'notes', LABELS.notes!, MAX_NOTES_LENGTH * 2).replace(/\r\n?/g, '\n')
  if (r.problems.notes === undefined) input.notes = notes

  let customLists: string[] = []
  try {
    customLists = formFields(body, 'customLists')
    if (customLists.some((n) => n.includes('\u0000') || n.length > MAX_CUSTOM_LIST_NAME_LENGTH)) {
      r.note('customLists', 'The custom lists must be names of your custom lists.')
      customLists = []
    } else input.customLists = customLists
  } catch (error) {
    if (!(error instanceof FormFieldError)) throw error
    r.note('customLists', 'The custom lists must be names of your custom lists.')
  }

  input.private = r.checkbox('private', LABELS.private!)
  input.hiddenFromStatusLists = r.checkbox('hiddenFromStatusLists', LABELS.hiddenFromStatusLists!)

  const advancedScores: string[] = []
  if (settings.categories.length > 0) {
    const scores: number[] = []
    settings.categories.forEach((name, i) => {
      const read = r.decimal(`advancedScores_${i}`, `advancedScores.${i}`, `${name} score`)
      advancedScores.push(read.text)
      scores.push(read.value ?? 0)
    })
    if (!settings.categories.some((_, i) => r.problems[`advancedScores.${i}`])) input.advancedScores = scores
  }

  const values: EditorValues = {
    status, score: score.text, ...counters, ...dates, notes, customLists,
    private: input.private, hiddenFromStatusLists: input.hiddenFromStatusLists, advancedScores,
  }
  return { values, input, problems: r.problems }
}

/** The form field a problem of the lists module (validation.ts) belongs to. */
export function fieldOfProblem(key: string): string {
  const [head, index] = key.split('.')
  if (head === 'scoreRaw') return 'score'
  if (head === 'advancedScores' && index !== undefined) return `advancedScores.${index}`
  if (head && Object.hasOwn(LABELS, head)) return head
  return 'form'
}

const DATE_WORDS: Record<string, string> = { 'started at': 'start date', 'completed at': 'completion date' }

/** A lists-module message in the form's words: "The started at.year …" → "The start date's year …". */
function reword(message: string, category: string | undefined, index: number): string {
  if (category) return message.replace(`The advanced scores.${index}`, `The ${category} score`)
  return message.replace(/^The (started at|completed at)(?:\.(year|month|day))?/, (_, date: string, part?: string) => `The ${DATE_WORDS[date]}${part ? `'s ${part}` : ''}`)
}

/** The lists module's problems as form problems, advanced scores named by their categories. */
export function formProblems(problems: ValidationProblems, categories: readonly string[]): FormProblems {
  const out: FormProblems = {}
  for (const [key, messages] of Object.entries(problems)) {
    const field = fieldOfProblem(key)
    const index = field.startsWith('advancedScores.') ? Number(field.slice('advancedScores.'.length)) : -1
    const named = messages.map((m) => reword(m, index >= 0 ? categories[index] : undefined, index))
    ;(out[field] ??= []).push(...named)
  }
  return out
}

/**
 * Everything wrong with a read form: the form's own problems, and the lists module's for the fields
 * the form could read (as a save would report them).
 */
export function allProblems(read: ReadForm, settings: EditorSettings): FormProblems {
  const out: FormProblems = { ...read.problems }
  const checked = formProblems(checkEntryInput(read.input, settings.format).problems, settings.categories)
  for (const [field, messages] of Object.entries(checked)) if (out[field] === undefined) out[field] = messages
  return out
}

/** The score input's bounds in a format (POINT_5 and POINT_3 are radios). */
export function scoreBounds(format: ScoreFormat): { max: number; step: string } {
  return { max: SCORE_MAX[format], step: format === 'POINT_10_DECIMAL' ? '0.1' : '1' }
}
