/**
 * The list settings form of /settings/lists: title language, adult content, score format, and per
 * list type the custom lists (add, rename, remove), advanced scoring and splitting completed entries
 * by format. Every value is checked by the same input functions as GraphQL's UpdateUser
 * (accounts/profile-input.ts, lists/list-options-input.ts), so the rules and messages are the same;
 * renamed and removed custom lists are then rewritten on the entries that were on them
 * (lists/entry-store.ts), in the transaction that saves the options.
 */
import type { AppContext } from '../../app/app-context.js'
import { FieldProblemSet, ValidationError } from '../../errors/refusals.js'
import { getProfile, updateProfile, type TitleLanguage } from '../../accounts/profiles.js'
import { profileChangesFrom } from '../../accounts/profile-input.js'
import { listOptionsChangesFrom, type MediaListOptionsInput } from '../../lists/list-options-input.js'
import { getListOptionsOf, typeOptions, updateListOptions } from '../../lists/list-options.js'
import { rewriteCustomListsOfEntries } from '../../lists/entry-store.js'
import type { ScoreFormat } from '../../lists/score-format.js'
import type { MediaType } from '../../catalog/media.js'

/** One row of a custom list in the form: the name it had when the form was shown, and what to do with it. */
export interface CustomListRow {
  was: string
  name: string
  remove: boolean
}

export interface TypeListForm {
  lists: CustomListRow[]
  added: string
  splitCompletedSectionByFormat: boolean
  advancedScoringEnabled: boolean
  advancedScoring: string[]
}

export interface ListSettingsForm {
  titleLanguage: TitleLanguage
  displayAdultContent: boolean
  scoreFormat: ScoreFormat
  anime: TypeListForm
  manga: TypeListForm
}

interface CustomListPlan {
  customLists: string[]
  renames: Map<string, string>
  removed: Set<string>
}

/**
 * The custom lists after the form's changes. Rows whose old name is no longer a list (changed
 * meanwhile elsewhere) are ignored; lists the form did not show are kept; an added name goes last.
 */
function planCustomLists(current: readonly string[], form: TypeListForm): CustomListPlan {
  const byKey = new Map(current.map((name) => [name.toLowerCase(), name]))
  const seen = new Set<string>()
  const customLists: string[] = []
  const renames = new Map<string, string>()
  const removed = new Set<string>()
  for (const row of form.lists) {
    const key = row.was.toLowerCase()
    if (!byKey.has(key) || seen.has(key)) continue
    seen.add(key)
    if (row.remove) {
      removed.add(key)
      continue
    }
    customLists.push(row.name)
    if (row.name.trim() !== byKey.get(key)) renames.set(key, row.name.trim())
  }
  for (const [key, name] of byKey) if (!seen.has(key)) customLists.push(name)
  if (form.added.trim() !== '') customLists.push(form.added)
  return { customLists, renames, removed }
}

function typeInput(plan: CustomListPlan, form: TypeListForm): MediaListOptionsInput {
  return {
    customLists: plan.customLists,
    splitCompletedSectionByFormat: form.splitCompletedSectionByFormat,
    advancedScoringEnabled: form.advancedScoringEnabled,
    advancedScoring: form.advancedScoring,
  }
}

/** Saves the form for `userId`; throws ValidationError (Laravel-style problems per field) and changes nothing when a value breaks a rule. */
export async function saveListSettings(ctx: AppContext, userId: number, form: ListSettingsForm): Promise<void> {
  const [profile, options] = await Promise.all([getProfile(ctx.db, userId), getListOptionsOf(ctx.db, userId)])
  const plans: Record<MediaType, CustomListPlan> = {
    ANIME: planCustomLists(typeOptions(options, 'ANIME').customLists, form.anime),
    MANGA: planCustomLists(typeOptions(options, 'MANGA').customLists, form.manga),
  }
  const problems = new FieldProblemSet()
  const profileChanges = profileChangesFrom({ titleLanguage: form.titleLanguage, displayAdultContent: form.displayAdultContent }, profile.options, problems)
  const listChanges = listOptionsChangesFrom(
    { scoreFormat: form.scoreFormat, animeListOptions: typeInput(plans.ANIME, form.anime), mangaListOptions: typeInput(plans.MANGA, form.manga) },
    problems,
  )
  if (problems.any) throw new ValidationError(problems.fields)
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock()
    await updateProfile(trx, ctx.clock, userId, profileChanges)
    await updateListOptions(trx, ctx.clock, userId, listChanges)
    for (const type of ['ANIME', 'MANGA'] as const) {
      // The entries carry the names as the options now store them (trimmed by the input rules).
      const stored = new Map((type === 'ANIME' ? listChanges.animeList : listChanges.mangaList)?.customLists?.map((n) => [n.toLowerCase(), n]) ?? [])
      const renames = new Map([...plans[type].renames].map(([from, to]) => [from, stored.get(to.toLowerCase()) ?? to]))
      await rewriteCustomListsOfEntries(trx, userId, type, { renames, removed: plans[type].removed }, now)
    }
  })
}
