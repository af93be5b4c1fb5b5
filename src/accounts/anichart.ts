/**
 * AniChart's per-user data (AniList's seasonal chart keeps it on the AniList account): four settings
 * and a set of highlighted works. This module owns the `anichart_users` table.
 *
 * AniList types every setting as a plain String and does not publish the values AniChart sends, so
 * none is refused for its meaning: a setting is a short identifier (letters, digits, `_` and `-`,
 * at most MAX_SETTING_LENGTH), which every value AniChart's menus can hold fits and nothing else
 * (markup, long text) does. Highlights are capped in number and length.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { ValidationError } from '../errors/refusals.js'

export const ANICHART_SETTINGS = ['titleLanguage', 'outgoingLinkProvider', 'theme', 'sort'] as const
export type AniChartSetting = (typeof ANICHART_SETTINGS)[number]
export type AniChartSettings = Partial<Record<AniChartSetting, string>>
/** By the work's id, as a JSON object's keys are. */
export type AniChartHighlights = Record<string, string>

export const MAX_SETTING_LENGTH = 32
/** More than a season's chart holds (AniChart shows about a hundred works a season). */
export const MAX_HIGHLIGHTS = 500
export const MAX_HIGHLIGHT_LENGTH = 32
const IDENTIFIER = /^[A-Za-z0-9_-]+$/
const MAX_INT = 2_147_483_647

export interface AniChartUserData {
  settings: AniChartSettings
  highlights: AniChartHighlights
}

/** The stored data, empty objects for a user who never saved any. */
export async function aniChartOf(db: Kysely<Tables>, userId: number): Promise<AniChartUserData> {
  const row = await db.selectFrom('anichart_users').select(['settings', 'highlights']).where('user_id', '=', userId).executeTakeFirst()
  if (!row) return { settings: {}, highlights: {} }
  return { settings: JSON.parse(row.settings) as AniChartSettings, highlights: JSON.parse(row.highlights) as AniChartHighlights }
}

function checkIdentifier(field: string, value: string, max: number, problems: Record<string, string[]>): void {
  if (value.length > max) (problems[field] ??= []).push(`The ${field} may not be greater than ${max} characters.`)
  else if (!IDENTIFIER.test(value)) (problems[field] ??= []).push(`The ${field} may only contain letters, numbers, dashes and underscores.`)
}

/** Merges the given settings (null or absent: kept) into the stored ones; an empty string takes one away. Throws ValidationError. */
export async function updateAniChartSettings(db: Kysely<Tables>, clock: Clock, userId: number, given: Partial<Record<AniChartSetting, string | null>>): Promise<AniChartSettings> {
  const problems: Record<string, string[]> = {}
  for (const key of ANICHART_SETTINGS) {
    const value = given[key]
    if (value != null && value !== '') checkIdentifier(key, value, MAX_SETTING_LENGTH, problems)
  }
  if (Object.keys(problems).length > 0) throw new ValidationError(problems)
  return db.transaction().execute(async (trx) => {
    const current = await aniChartOf(trx, userId)
    const settings: AniChartSettings = { ...current.settings }
    for (const key of ANICHART_SETTINGS) {
      const value = given[key]
      if (value === '') delete settings[key]
      else if (value != null) settings[key] = value
    }
    await store(trx, clock, userId, settings, current.highlights)
    return settings
  })
}

/** Replaces the stored highlights; an entry without a highlight is left out. Throws ValidationError. */
export async function updateAniChartHighlights(
  db: Kysely<Tables>,
  clock: Clock,
  userId: number,
  given: ReadonlyArray<{ mediaId?: number | null; highlight?: string | null } | null>,
): Promise<AniChartHighlights> {
  if (given.length > MAX_HIGHLIGHTS) throw new ValidationError({ highlights: [`The highlights may not have more than ${MAX_HIGHLIGHTS} items.`] })
  const problems: Record<string, string[]> = {}
  const highlights: AniChartHighlights = {}
  given.forEach((entry, i) => {
    if (!entry || entry.highlight == null || entry.highlight === '') return
    const field = `highlights.${i}`
    if (entry.mediaId == null || entry.mediaId < 1 || entry.mediaId > MAX_INT) {
      ;(problems[`${field}.mediaId`] ??= []).push('The media id must be a positive integer.')
      return
    }
    checkIdentifier(`${field}.highlight`, entry.highlight, MAX_HIGHLIGHT_LENGTH, problems)
    highlights[String(entry.mediaId)] = entry.highlight
  })
  if (Object.keys(problems).length > 0) throw new ValidationError(problems)
  return db.transaction().execute(async (trx) => {
    const current = await aniChartOf(trx, userId)
    await store(trx, clock, userId, current.settings, highlights)
    return highlights
  })
}

async function store(db: Kysely<Tables>, clock: Clock, userId: number, settings: AniChartSettings, highlights: AniChartHighlights): Promise<void> {
  const row = { settings: JSON.stringify(settings), highlights: JSON.stringify(highlights), updated_at: clock() }
  await db
    .insertInto('anichart_users')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute()
}
