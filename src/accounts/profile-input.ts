/**
 * The rules for changing a profile through AniList's UpdateUser: each profile argument checked, with
 * messages worded as Laravel's validator words them (AniList runs on Laravel), and turned into the
 * changes accounts/profiles.ts applies (the list options are the lists module's: lists/list-options-input.ts). An argument left out or given as null changes nothing: clients built
 * from generated code send every unset variable as null.
 */
import type { FieldProblemSet } from '../errors/refusals.js'
import type { ProfileChanges, StaffNameLanguage, TitleLanguage, UserOptions } from './profiles.js'

type Maybe<T> = T | null | undefined

/** UpdateUser's arguments, as GraphQL hands them over (enums already checked by the schema). */
export interface ProfileInput {
  about?: Maybe<string>
  titleLanguage?: Maybe<TitleLanguage>
  displayAdultContent?: Maybe<boolean>
  airingNotifications?: Maybe<boolean>
  profileColor?: Maybe<string>
  donatorBadge?: Maybe<string>
  notificationOptions?: Maybe<ReadonlyArray<Maybe<{ type?: Maybe<string>; enabled?: Maybe<boolean> }>>>
  timezone?: Maybe<string>
  activityMergeTime?: Maybe<number>
  staffNameLanguage?: Maybe<StaffNameLanguage>
  restrictMessagesToFollowing?: Maybe<boolean>
  disabledListActivity?: Maybe<ReadonlyArray<Maybe<{ type?: Maybe<string>; disabled?: Maybe<boolean> }>>>
}

/** The longest `about`, in characters. */
export const MAX_ABOUT_LENGTH = 5000
/** AniList's named profile colours; a #rgb or #rrggbb colour is accepted too. */
export const PROFILE_COLORS = ['blue', 'purple', 'pink', 'orange', 'red', 'green', 'gray'] as const
/** activityMergeTime's range in minutes: 0 (never merge) to 30 days (anything over two weeks merges always). */
export const MAX_ACTIVITY_MERGE_TIME = 43_200

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
  problems: FieldProblemSet,
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
 * UpdateUser's profile arguments checked and turned into profile changes, given the options stored
 * now (the keyed options merge over them); what is wrong is noted in `problems` (the caller checks the
 * list options too and refuses everything at once). `donatorBadge` is accepted and ignored: Kiroku
 * takes no donations.
 */
export function profileChangesFrom(input: ProfileInput, current: UserOptions, problems: FieldProblemSet): ProfileChanges {
  const changes: ProfileChanges = {}
  const options: Partial<UserOptions> = {}

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
  if (Object.keys(options).length > 0) changes.options = options
  return changes
}
