/**
 * Search keys. Titles and synonyms are normalised in JavaScript before they are stored, and a query the
 * same way before it is matched, so that matching is case-insensitive for every script on both
 * databases (SQLite's lower() only folds ASCII) and ignores punctuation ("Steins Gate" finds
 * "Steins;Gate").
 */

/** Lower case, compatibility forms folded (full-width letters, ☆…), every run of non-letters one space. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, ' ')
    .trim()
}

/** The words of a search query, normalised; empty when the query holds no letters or digits. */
export function searchWords(query: string): string[] {
  const normalised = normaliseForSearch(query)
  return normalised === '' ? [] : normalised.split(' ')
}

/**
 * The stored search text: each distinct normalised title between `|` marks, so that a whole title
 * (`%|cowboy bebop|%`) and a title's start (`%|cowboy%`) can be told apart from a word inside one.
 */
export function buildSearchText(titles: ReadonlyArray<string | null>): string {
  const keys = [...new Set(titles.filter((t): t is string => typeof t === 'string').map(normaliseForSearch).filter((t) => t !== ''))]
  return keys.length === 0 ? '' : `|${keys.join('|')}|`
}
