/**
 * The rules for changing a profile through AniList's UpdateUser: each argument checked, with messages
 * worded as Laravel's validator words them (AniList runs on Laravel), and turned into the changes
 * accounts/profiles.ts applies. An argument left out or given as null changes nothing: clients built
 * from generated code send every unset variable as null.
 */
import type { ScoreFormat } from '../lists/score-format.js'
import { ValidationError } from '../errors/refusals.js'
import type { MediaListTypeOptions, ProfileChanges, StaffNameLanguage, TitleLanguage, UserOptions } from './profiles.js'

type Maybe<T> = T | null | undefined

export interface MediaListOptionsInput {
  sectionOrder?: Maybe<ReadonlyArray<string | null>>
  splitCompletedSectionByFormat?: Maybe<boolean>
  customLists?: Maybe<ReadonlyArray<string | null>>
  advancedScoring?: Maybe<ReadonlyArray<string | null>>
  advancedScoringEnabled?: Maybe<boolean>
  theme?: Maybe<string>
}

/** UpdateUser's arguments, as GraphQL hands them over (enums already checked by the schema). */
export interface ProfileInput {
  about?: Maybe<string>
  titleLanguage?: Maybe<TitleLanguage>
  displayAdultContent?: Maybe<boolean>
  airingNotifications?: Maybe<boolean>
  scoreFormat?: Maybe<ScoreFormat>
  rowOrder?: Maybe<string>
  profileColor?: Maybe<string>
  donatorBadge?: Maybe<string>
  notificationOptions?: Maybe<ReadonlyArray<Maybe<{ type?: Maybe<string>; enabled?: Maybe<boolean> }>>>
  timezone?: Maybe<string>
  activityMergeTime?: Maybe<number>
  animeListOptions?: Maybe<MediaListOptionsInput>
  mangaListOptions?: Maybe<MediaListOptionsInput>
  staffNameLanguage?: Maybe<StaffNameLanguage>
  restrictMessagesToFollowing?: Maybe<boolean>
  disabledListActivity?: Maybe<ReadonlyArray<Maybe<{ type?: Maybe<string>; disabled?: Maybe<boolean> }>>>
}

/** The longest `about`, in characters. */
export const MAX_ABOUT_LENGTH = 5000
/** AniList's named profile colours; a #rgb or #rrggbb colour is accepted too. */
export const PROFILE_COLORS = ['blue', 'purple', 'pink', 'orange', 'red', 'green', 'gray'] as const
/** The default list orders AniList offers. */
export const ROW_ORDERS = ['score', 'title', 'updatedAt', 'id'] as const
/** activityMergeTime's range in minutes: 0 (never merge) to 30 days (anything over two weeks merges always). */
export const MAX_ACTIVITY_MERGE_TIME = 43_200
/** Limits on the names in list options: how long one may be, and how many a list may hold. */
export const MAX_LIST_NAME_LENGTH = 50
export const MAX_CUSTOM_LISTS = 50
export const MAX_ADVANCED_SCORING = 20
export const MAX_SECTIONS = 100
export const MAX_THEME_LENGTH = 2000

// -HH:MM or +HH:MM (the sign optional for positive offsets), from -12:00 to +14:00.
const TIMEZONE = /^([+-]?)(\d{2}):(\d{2})$/

function timezoneIsValid(value: string): boolean {
  const match = TIMEZONE.exec(value)
  if (!match) return false
  const minutes = Number(match[2]) * 60 + Number(match[3])
  if (Number(match[3]) > 59) return false
  return match[1] === '-' ? minutes <= 12 * 60 : minutes <= 14 * 60
}

function profileColor(value: string): string | null {
  const color = value.trim().toLowerCase()
  if ((PROFILE_COLORS as readonly string[]).includes(color) || /^#([0-9a-f]{3}|[0-9a-f]{6})$/.test(color)) return color
  return null
}

/** Collects Laravel-style messages per field. */
class Problems {
  readonly fields: Record<string, string[]> = {}
  add(field: string, message: string): void {
    ;(this.fields[field] ??= []).push(message)
  }
  get any(): boolean {
    return Object.keys(this.fields).length > 0
  }
}

/**
 * Checks a list of names (custom lists, scoring categories, sections): each present and not blank, not
 * too long, no two alike (ignoring letter case and surrounding spaces), not too many. Returns the names
 * trimmed, or null when something was wrong (and reported).
 */
function names(list: ReadonlyArray<string | null>, field: string, what: { one: string; many: string; max: number }, problems: Problems): string[] | null {
  const before = Object.keys(problems.fields).length
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
  return Object.keys(problems.fields).length === before ? out : null
}

function listOptions(input: MediaListOptionsInput, field: string, problems: Problems): Partial<MediaListTypeOptions> {
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

/**
 * Merges option entries keyed by type over the stored ones: a type given again replaces its entry,
 * types not given keep theirs. Each entry needs both its type and its flag.
 */
function keyedOptions<F extends 'enabled' | 'disabled'>(
  stored: ReadonlyArray<{ type: string } & Record<F, boolean>>,
  given: ReadonlyArray<Maybe<{ type?: Maybe<string> } & Partial<Record<F, Maybe<boolean>>>>>,
  flag: F,
  field: string,
  label: string,
  problems: Problems,
): Array<{ type: string } & Record<F, boolean>> {
  const merged = new Map(stored.map((o) => [o.type, o]))
  given.forEach((option, i) => {
    if (option?.type == null) return problems.add(`${field}.${i}.type`, `The ${label} type field is required.`)
    const value = option[flag]
    if (value == null) return problems.add(`${field}.${i}.${flag}`, `The ${label} ${flag} field is required.`)
    merged.set(option.type, { type: option.type, [flag]: value } as { type: string } & Record<F, boolean>)
  })
  return [...merged.values()]
}

/**
 * UpdateUser's arguments checked and turned into profile changes, given the options stored now (the
 * keyed options merge over them); a ValidationError says what is wrong with each argument.
 * `donatorBadge` is accepted and ignored: Kiroku takes no donations.
 */
export function profileChangesFrom(input: ProfileInput, current: UserOptions): ProfileChanges {
  const problems = new Problems()
  const changes: ProfileChanges = {}
  const options: Partial<UserOptions> = {}
  const listChanges: NonNullable<ProfileChanges['mediaListOptions']> = {}

  if (input.about != null) {
    if (input.about.length > MAX_ABOUT_LENGTH) problems.add('about', `The about may not be greater than ${MAX_ABOUT_LENGTH} characters.`)
    // An empty about clears it, as AniList shows no bio rather than an empty one.
    else changes.about = input.about.trim() === '' ? null : input.about
  }
  if (input.titleLanguage != null) options.titleLanguage = input.titleLanguage
  if (input.staffNameLanguage != null) options.staffNameLanguage = input.staffNameLanguage
  if (input.displayAdultContent != null) options.displayAdultContent = input.displayAdultContent
  if (input.airingNotifications != null) options.airingNotifications = input.airingNotifications
  if (input.restrictMessagesToFollowing != null) options.restrictMessagesToFollowing = input.restrictMessagesToFollowing
  if (input.profileColor != null) {
    const color = profileColor(input.profileColor)
    if (color === null) problems.add('profileColor', 'The selected profile color is invalid.')
    else options.profileColor = color
  }
  if (input.timezone != null) {
    if (!timezoneIsValid(input.timezone)) problems.add('timezone', 'The timezone format is invalid.')
    else options.timezone = input.timezone
  }
  if (input.activityMergeTime != null) {
    if (input.activityMergeTime < 0 || input.activityMergeTime > MAX_ACTIVITY_MERGE_TIME) {
      problems.add('activityMergeTime', `The activity merge time must be between 0 and ${MAX_ACTIVITY_MERGE_TIME}.`)
    } else options.activityMergeTime = input.activityMergeTime
  }
  if (input.notificationOptions != null) {
    options.notificationOptions = keyedOptions(current.notificationOptions, input.notificationOptions, 'enabled', 'notificationOptions', 'notification option', problems)
  }
  if (input.disabledListActivity != null) {
    options.disabledListActivity = keyedOptions(current.disabledListActivity, input.disabledListActivity, 'disabled', 'disabledListActivity', 'list activity option', problems)
  }
  if (input.scoreFormat != null) listChanges.scoreFormat = input.scoreFormat
  if (input.rowOrder != null) {
    if (!(ROW_ORDERS as readonly string[]).includes(input.rowOrder)) problems.add('rowOrder', 'The selected row order is invalid.')
    else listChanges.rowOrder = input.rowOrder
  }
  if (input.animeListOptions != null) listChanges.animeList = listOptions(input.animeListOptions, 'animeListOptions', problems)
  if (input.mangaListOptions != null) listChanges.mangaList = listOptions(input.mangaListOptions, 'mangaListOptions', problems)

  if (problems.any) throw new ValidationError(problems.fields)
  if (Object.keys(options).length > 0) changes.options = options
  if (Object.keys(listChanges).length > 0) changes.mediaListOptions = listChanges
  return changes
}
