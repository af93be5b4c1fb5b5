/**
 * Media descriptions as HTML (`description(asHtml: true)`): imported text with a few vetted tags
 * (description-tags.ts) and AniList's little markdown: ~!spoilers!~, __bold__ and bare line breaks.
 * Descriptions are not full markdown: AniList's own are HTML already, and an asterisk or a leading
 * "1." in a synopsis must stay as written. Every step is one forward pass: linear time.
 */
import { sanitizeDescription } from './description-tags.js'
import { balanceTags } from './balance-tags.js'
import { SPOILER_CLOSE, SPOILER_OPEN } from './spoiler-rule.js'

/** `~!…!~` pairs as spoiler spans, left to right; once no `!~` follows, the rest is text. */
function spoilers(text: string): string {
  let out = ''
  let at = 0
  for (;;) {
    const open = text.indexOf('~!', at)
    if (open < 0) break
    const close = text.indexOf('!~', open + 2)
    if (close < 0) break
    out += text.slice(at, open) + SPOILER_OPEN + text.slice(open + 2, close) + SPOILER_CLOSE
    at = close + 2
  }
  return out + text.slice(at)
}

/** A description as safe HTML: vetted tags, spoiler spans, __bold__ as <b>, line breaks as <br>, every element closed. */
export function descriptionToHtml(text: string): string {
  const vetted = sanitizeDescription(text.replaceAll('\u0000', '\uFFFD'))
  const html = spoilers(vetted)
    .replace(/__([^_\n]+)__/g, '<b>$1</b>')
    .replace(/(?<!<br>)\r?\n/g, '<br>\n')
  return balanceTags(html)
}
