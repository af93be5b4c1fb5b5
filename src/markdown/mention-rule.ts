/**
 * `@name` mentions as links to the user's profile on this server: `<a href="PUBLIC_URL/user/name">@name</a>`.
 * What counts as a mention is mentions.ts's MENTION_PATTERN, the rule the social layer notifies by,
 * so a name that is linked is a name that is notified. Whether the user exists is not asked: the
 * renderer reads no database, and a profile page answers 404 for a name nobody has.
 *
 * A mention is never made inside code (markdown-it does not parse inline rules there), inside a
 * link's text (a link in a link is not HTML) or inside an address (autolinks and bare URLs are read
 * before their `@`); `\@name` stays text. An image's alt text keeps `@name` as text, since only the
 * text between the link tokens survives there. `@` is one of markdown-it's text terminators, so the
 * rule runs only at an `@`, and reads at most 22 characters there: linear in the text.
 */
import type { MarkdownIt, StateInline } from 'markdown-it'
import { MENTION_PATTERN } from './mentions.js'
import { escapeAttribute } from './safe-url.js'

const AT = 0x40
// The shared pattern, anchored where the rule runs (its look-behind still sees the character before).
const MENTION_AT = new RegExp(MENTION_PATTERN.source, 'y')

/** The inline rule that links mentions to `${base}name`. */
function mentionRule(base: string) {
  return (state: StateInline, silent: boolean): boolean => {
    if (state.src.charCodeAt(state.pos) !== AT || state.linkLevel > 0) return false
    MENTION_AT.lastIndex = state.pos
    const match = MENTION_AT.exec(state.src)
    if (!match || MENTION_AT.lastIndex > state.posMax) return false
    const [whole, name] = match as unknown as [string, string]
    if (!silent) {
      state.push('mention_open', 'a', 1).attrSet('href', base + name)
      state.push('text', '', 0).content = whole
      state.push('mention_close', 'a', -1)
    }
    state.pos += whole.length
    return true
  }
}

/** Adds `@name` mentions, linked to `${publicUrl}/user/name`, to a markdown-it instance. */
export function mentions(md: MarkdownIt, publicUrl: string): void {
  md.inline.ruler.before('text', 'mention', mentionRule(`${publicUrl.replace(/\/+$/, '')}/user/`))
  md.renderer.rules.mention_open = (tokens, idx) => `<a href="${escapeAttribute(String(tokens[idx]!.attrGet('href')))}">`
  md.renderer.rules.mention_close = () => '</a>'
}
