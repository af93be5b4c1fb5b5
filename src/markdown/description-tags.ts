/**
 * The tags a media description may keep. AniList's descriptions are text with a few HTML tags (<br>,
 * <i>, <b>…); Kiroku keeps those, without attributes, and removes every other tag, both when a
 * description is imported and again whenever one is rendered, so that nothing stored by another road
 * (an older import, a copied database) reaches a page unvetted.
 */

const KEPT_TAGS = new Set(['br', 'i', 'b', 'em', 'strong', 'p'])
// A tag's attributes end at the first bracket: each match scans only up to the next `<` or `>`, so the
// whole pass is linear in the text.
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>/g

function escapeBrackets(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The description with only harmless tags left: <br>, <i>, <b>, <em>, <strong>, <p>, all bare. */
export function sanitizeDescription(text: string): string {
  let out = ''
  let last = 0
  for (const match of text.matchAll(TAG)) {
    out += escapeBrackets(text.slice(last, match.index))
    const closing = match[1] === '/'
    const name = match[2]!.toLowerCase()
    if (KEPT_TAGS.has(name) && !(closing && name === 'br')) out += `<${closing ? '/' : ''}${name}>`
    last = match.index + match[0].length
  }
  return out + escapeBrackets(text.slice(last))
}
