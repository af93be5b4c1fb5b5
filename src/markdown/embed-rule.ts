/**
 * AniList's embeds: `img(url)`, `img###(url)` with a width in pixels or percent (`img220(url)`,
 * `img420(url)`, `img50%(url)`), `webm(url)` and `youtube(id)`. As on AniList, the names are read in any
 * case (`IMG220(url)`) and a space may stand before the width and before the parenthesis (`img 220 (url)`).
 * Images and videos are written as AniList writes them (`<img width='220' src='…'>`, `<video muted
 * loop controls><source src='…' type='video/webm'></video>`), for http(s) addresses only. A YouTube
 * embed becomes a plain link to the video rather than AniList's script-driven placeholder: Kiroku
 * writes no element ids into pages it does not own, and a link needs no script to work.
 *
 * markdown-it's text rule runs over letters without stopping, so it would swallow `img(`: this module
 * replaces it by the same rule that also stops where an embed can begin (a word starting with i, w or
 * y, in either case). A width is any run of digits, written as typed (a browser reads `width` as a
 * number, and digits cannot leave their attribute). An embed's address ends at the first space,
 * bracket, quote or parenthesis and is at most 2048 characters, so no scan reaches past the next
 * embed: linear in the length of the text.
 */
import type { MarkdownIt, StateInline, Token } from 'markdown-it'
import { escapeAttribute, isSafeUrl, LINK_REL } from './safe-url.js'

const EMBED = /(?:img[ \t]?(\d+%?)?|youtube|webm)[ \t]?\(([^\s()<>"'`]{1,2048})\)/iy
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/
const YOUTUBE_URL = /^https?:\/\/(?:(?:www\.|m\.)?youtube\.com\/(?:watch\?(?:[^#]*&)?v=|embed\/|shorts\/)|youtu\.be\/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/

// What each ASCII character may start: markdown-it's own terminator characters (rules_inline/text),
// where another inline rule may begin, and the first letters of the embeds' names.
const TERMINATOR = 1
const EMBED_START = 2
const STARTS = new Uint8Array(128)
for (const c of '\n!#$%&*+-:<=>@[\\]^_`{}~') STARTS[c.charCodeAt(0)] = TERMINATOR
for (const c of 'iwyIWY') STARTS[c.charCodeAt(0)] = EMBED_START

function isWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
}

/** True where an embed's name may begin: an i, w or y (or I, W, Y) that does not continue a word. */
function mayStartEmbed(src: string, pos: number): boolean {
  return STARTS[src.charCodeAt(pos)] === EMBED_START && (pos === 0 || !isWordChar(src.charCodeAt(pos - 1)))
}

/** markdown-it's text rule, which also stops before a possible embed. */
function text(state: StateInline, silent: boolean): boolean {
  const src = state.src
  let pos = state.pos
  for (; pos < state.posMax; pos++) {
    const kind = STARTS[src.charCodeAt(pos)] // undefined (no stop) past ASCII
    if (kind === TERMINATOR || (kind === EMBED_START && pos > state.pos && mayStartEmbed(src, pos))) break
  }
  if (pos === state.pos) return false
  if (!silent) state.pending += src.slice(state.pos, pos)
  state.pos = pos
  return true
}

function youtubeId(value: string): string | null {
  if (YOUTUBE_ID.test(value)) return value
  return YOUTUBE_URL.exec(value)?.[1] ?? null
}

function embed(state: StateInline, silent: boolean): boolean {
  if (!mayStartEmbed(state.src, state.pos)) return false
  EMBED.lastIndex = state.pos
  const match = EMBED.exec(state.src)
  if (!match || EMBED.lastIndex > state.posMax) return false
  const [whole, width, target] = match as unknown as [string, string | undefined, string]
  const name = whole.slice(0, 3).toLowerCase()
  const kind = name === 'img' ? 'image' : name === 'web' ? 'video' : 'youtube'
  let url: string
  if (kind === 'youtube') {
    // A link inside a link is not HTML: inside one, youtube(…) stays text.
    const id = state.linkLevel > 0 ? null : youtubeId(target)
    if (id === null) return false
    url = `https://www.youtube.com/watch?v=${id}`
  } else {
    url = state.md.normalizeLink(target)
    if (!isSafeUrl(url)) return false
  }
  if (!silent) {
    const token = state.push(`embed_${kind}`, '', 0)
    token.attrSet('src', url)
    if (width !== undefined) token.attrSet('width', width)
  }
  state.pos += whole.length
  return true
}

const attr = (token: Token, name: string) => escapeAttribute(String(token.attrGet(name) ?? ''))

/** Adds AniList's img/webm/youtube embeds to a markdown-it instance. */
export function embeds(md: MarkdownIt): void {
  md.inline.ruler.at('text', text)
  md.inline.ruler.before('text', 'embed', embed)
  md.renderer.rules.embed_image = (tokens, idx) => `<img width='${attr(tokens[idx]!, 'width')}' src='${attr(tokens[idx]!, 'src')}' alt=''>`
  md.renderer.rules.embed_video = (tokens, idx) => `<video muted loop controls><source src='${attr(tokens[idx]!, 'src')}' type='video/webm'></video>`
  md.renderer.rules.embed_youtube = (tokens, idx) => {
    const url = attr(tokens[idx]!, 'src')
    return `<a href="${url}" rel="${LINK_REL}" target="_blank">${url}</a>`
  }
}
