/**
 * The rules for changing list options through AniList's UpdateUser (scoreFormat, rowOrder,
 * animeListOptions, mangaListOptions): each argument checked, with messages worded as Laravel's
 * validator words them, and turned into the changes lists/list-options.ts applies. An argument left
 * out or given as null changes nothing.
 */
import type { FieldProblemSet } from '../errors/refusals.js'
import type { ListOptionsChanges, MediaListTypeOptions } from './list-options.js'
import type { ScoreFormat } from './score-format.js'

type Maybe<T> = T | null | undefined

export interface MediaListOptionsInput {
  sectionOrder?: Maybe<ReadonlyArray<string | null>>
  splitCompletedSectionByFormat?: Maybe<boolean>
  customLists?: Maybe<ReadonlyArray<string | null>>
  advancedScoring?: Maybe<ReadonlyArray<string | null>>
  advancedScoringEnabled?: Maybe<boolean>
  theme?: Maybe<string>
}

/** UpdateUser's list option arguments. */
export interface ListOptionsInput {
  scoreFormat?: Maybe<ScoreFormat>
  rowOrder?: Maybe<string>
  animeListOptions?: Maybe<MediaListOptionsInput>
  mangaListOptions?: Maybe<MediaListOptionsInput>
}

/** The default list orders AniList offers. */
export const ROW_ORDERS = ['score', 'title', 'updatedAt', 'id'] as const
/** Limits on the names in list options: how long one may be, and how many a list may hold. */
export const MAX_LIST_NAME_LENGTH = 50
export const MAX_CUSTOM_LISTS = 50
export const MAX_ADVANCED_SCORING = 20
export const MAX_SECTIONS = 100
export const MAX_THEME_LENGTH = 2000

/**
 * Checks a list of names (custom lists, scoring categories, sections): each present and not blank, not
 * too long, no two alike (ignoring letter case and surrounding spaces), not too many. Returns the names
 * trimmed, or null when something was wrong (and reported).
 */
function names(list: ReadonlyArray<string | null>, field: string, what: { one: string; many: string; max: number }, problems: FieldProblemSet): string[] | null {
  const before = problems.count
  if (list.length > what.max) problems.add(field, `The ${what.many} may not have more than ${what.max} items.`)
  const seen = new Set<string>()
  const out: string[] = []
  list.forEach((raw, i) => {
    const name = (raw ?? '').trim()
    if (name === '') return problems.add(`${field}.${i}`, `The ${what.one} field is required.`)
    if (name.length > MAX_LIST_NAME_LENGTH) return problems.add(`${field}.${i}`, `The ${what.one} may not be greater than ${MAX_LIST_NAME_LENGTH} characters.`)
    if (seen.has(name.toLowerCase())) return problems.add(`${field}.${i}`, `The ${what.one} field has a duplicate value.`)
    seen.add(name.toLowerCase())
    out.push(name)
  })
  return problems.count === before ? out : null
}

function listOptions(input: MediaListOptionsInput, field: string, problems: FieldProblemSet): Partial<MediaListTypeOptions> {
  const out: Partial<MediaListTypeOptions> = {}
  if (input.sectionOrder != null) {
    const list = names(input.sectionOrder, `${field}.sectionOrder`, { one: 'section name', many: 'section order', max: MAX_SECTIONS }, problems)
    if (list) out.sectionOrder = list
  }
  if (input.customLists != null) {
    const list = names(input.customLists, `${field}.customLists`, { one: 'custom list name', many: 'custom lists', max: MAX_CUSTOM_LISTS }, problems)
    if (list) out.customLists = list
  }
  if (input.advancedScoring != null) {
    const list = names(input.advancedScoring, `${field}.advancedScoring`, { one: 'advanced scoring category', many: 'advanced scoring categories', max: MAX_ADVANCED_SCORING }, problems)
    if (list) out.advancedScoring = list
  }
  if (input.splitCompletedSectionByFormat != null) out.splitCompletedSectionByFormat = input.splitCompletedSectionByFormat
  if (input.advancedScoringEnabled != null) out.advancedScoringEnabled = input.advancedScoringEnabled
  if (input.theme != null) {
    if (input.theme.length > MAX_THEME_LENGTH) problems.add(`${field}.theme`, `The theme may not be greater than ${MAX_THEME_LENGTH} characters.`)
    else out.theme = input.theme
  }
  return out
}

/** UpdateUser's list option arguments checked and turned into changes; what is wrong is noted in `problems`. */
export function listOptionsChangesFrom(input: ListOptionsInput, problems: FieldProblemSet): ListOptionsChanges {
  const changes: ListOptionsChanges = {}
  if (input.scoreFormat != null) changes.scoreFormat = input.scoreFormat
  if (input.rowOrder != null) {
    if (!(ROW_ORDERS as readonly string[]).includes(input.rowOrder)) problems.add('rowOrder', 'The selected row order is invalid.')
    else changes.rowOrder = input.rowOrder
  }
  if (input.animeListOptions != null) changes.animeList = listOptions(input.animeListOptions, 'animeListOptions', problems)
  if (input.mangaListOptions != null) changes.mangaList = listOptions(input.mangaListOptions, 'mangaListOptions', problems)
  return changes
}
