/**
 * `@name` mentions in what users write: the one rule for both the renderer (which links them to the
 * profile) and the social layer (which notifies the users named). A mention is `@` and an AniList
 * user name (2 to 20 letters or digits) that does not start inside a word, so "a@b.example" names
 * nobody; whether the name belongs to a user is the caller's question.
 */

/** `@name` not preceded by a letter, digit or `@` and not followed by one; group 1 is the name. Linear: no nested quantifier. */
export const MENTION_PATTERN = /(?<![A-Za-z0-9@])@([A-Za-z0-9]{2,20})(?![A-Za-z0-9])/g

/** Most users one text can notify: a text listing more names notifies the first ones only. */
export const MAX_MENTIONS = 20

/** The names mentioned in a text, each once (compared without case), in order of first mention, at most MAX_MENTIONS. */
export function findMentions(text: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const match of text.matchAll(MENTION_PATTERN)) {
    const name = match[1]!
    const key = name.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(name)
    if (out.length === MAX_MENTIONS) break
  }
  return out
}
