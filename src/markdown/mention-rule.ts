/**
 * `@name` mentions as links to the user's profile on this server: `<a href="PUBLIC_URL/user/name">@name</a>`.
 * What counts as a mention is mentions.ts's MENTION_PATTERN, the rule the social layer notifies by,
 * so a name that is linked is a name that is notified. Whether the user exists is not asked: the
 * renderer reads no database, and a profile page answers 404 for a name nobody has.
 *
 * A mention is never made inside code (markdown-it does not parse inline rules there), inside a
 * link's text (a link in a link is not HTML) or inside an address (autolinks and bare URLs are read
 * before their `@`); `\@name` stays text, and an image's alt text keeps `@name` as text. `@` is one
 * of markdown-it's text terminators, so the rule runs only at an `@` and reads at most 22 characters
 * there: linear in the text, one token per mention.
 */
import type { MarkdownIt, StateCore, StateInline } from 'markdown-it'
import { MENTION_PATTERN } from './mentions.js'
import { escapeAttribute } from './safe-url.js'

const AT = 0x40
// The shared pattern, anchored where the rule runs (its look-behind still sees the character before).
const MENTION_AT = new RegExp(MENTION_PATTERN.source, 'y')

function mention(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== AT || state.linkLevel > 0) return false
  MENTION_AT.lastIndex = state.pos
  const match = MENTION_AT.exec(state.src)
  if (!match || MENTION_AT.lastIndex > state.posMax) return false
  // One token per mention (markdown-it's tokens are the costliest part of a text full of them).
  if (!silent) state.push('mention', 'a', 0).content = match[1]!
  state.pos += match[0].length
  return true
}

/** An image's alt text is its children as plain text: a mention in it is its `@name`. */
function mentionsInAltAsText(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue
    for (const token of block.children) {
      if (token.type !== 'image' || !token.children) continue
      for (const child of token.children) {
        if (child.type !== 'mention') continue
        child.type = 'text'
        child.content = `@${child.content}`
      }
    }
  }
}

/** Adds `@name` mentions, linked to `${publicUrl}/user/name`, to a markdown-it instance. */
export function mentions(md: MarkdownIt, publicUrl: string): void {
  const base = escapeAttribute(`${publicUrl.replace(/\/+$/, '')}/user/`)
  md.inline.ruler.before('text', 'mention', mention)
  md.core.ruler.push('mentions_in_alt', mentionsInAltAsText)
  // A name is letters and digits only: nothing in it needs escaping.
  md.renderer.rules.mention = (tokens, idx) => `<a href="${base}${tokens[idx]!.content}">@${tokens[idx]!.content}</a>`
}
