/**
 * Lays checked changes (validation.ts) over an entry's fields. Custom list names and advanced scores
 * are matched to the owner's settings for the media's type: a name that is not one of the owner's
 * custom lists is dropped, as AniList keeps membership only for lists that exist; advanced scores are
 * given in the order of the owner's categories, and extra values are ignored.
 */
import { scoreMap, type EntryFields } from './entry.js'
import type { EntryChanges } from './validation.js'

/** The owner's list settings for one media type. */
export interface TypeListSettings {
  customLists: readonly string[]
  advancedScoring: readonly string[]
}

/** The owner's custom lists named in `requested` (any letter case), in the owner's spelling and order. */
export function matchCustomLists(requested: readonly string[], owned: readonly string[]): string[] {
  const wanted = new Set(requested.map((n) => n.toLowerCase()))
  return owned.filter((n) => wanted.has(n.toLowerCase()))
}

/** The fields after the changes. */
export function applyChanges(current: EntryFields, changes: EntryChanges, settings: TypeListSettings): EntryFields {
  const { customLists, advancedScores, ...plain } = changes
  const next: EntryFields = { ...current, ...plain }
  if (customLists) next.customLists = matchCustomLists(customLists, settings.customLists)
  if (advancedScores) {
    next.advancedScores = scoreMap(current.advancedScores)
    settings.advancedScoring.forEach((name, i) => {
      if (i < advancedScores.length) next.advancedScores[name] = advancedScores[i]!
    })
  }
  return next
}
