/**
 * Media descriptions. AniList's are text with a few HTML tags (<br>, <i>, <b>) and a little markdown
 * (~!spoilers!~). Imported text is reduced to those tags on the way in, so that Kiroku never serves
 * markup it did not vet; `asHtml: true` then turns the markdown and bare line breaks into HTML.
 */

/** Tags kept as they are (without attributes); any other tag is removed and stray brackets escaped. */
const KEPT_TAGS = new Set(['br', 'i', 'b', 'em', 'strong', 'p'])
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>/g

/** The description with only harmless tags left: <br>, <i>, <b>, <em>, <strong>, <p>. */
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

function escapeBrackets(text: string): string {
  return text.replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A (sanitized) description as HTML: spoilers become spans, __bold__ bold, line breaks <br>. */
export function descriptionAsHtml(text: string): string {
  return text
    .replace(/~!([\s\S]*?)!~/g, '<span class="markdown_spoiler"><span>$1</span></span>')
    .replace(/__([^_\n]+)__/g, '<b>$1</b>')
    .replace(/(?<!<br>)\r?\n/g, '<br>\n')
}
