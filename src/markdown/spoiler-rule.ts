/**
 * AniList's inline spoilers, `~!hidden!~`, as `<span class='markdown_spoiler'><span>hidden</span></span>`
 * (AniList's markup, quotes included: clients look for it as written).
 *
 * `~!` and `!~` are pushed as delimiters and paired by markdown-it's own balance_pairs, the pass that
 * pairs emphasis in linear time and never lets two pairs cross: a spoiler holds links, code and
 * emphasis, and sits inside them, always well nested. An opener without a closer stays text. A spoiler
 * lives within one paragraph (it may span its lines); AniList's multi-paragraph spoilers stay text.
 */
import type { Delimiter, MarkdownIt, StateInline } from 'markdown-it'

const TILDE = 0x7e
const BANG = 0x21
// The delimiter's marker: no rule of markdown-it pushes '!' delimiters, so these pair only with each other.
const SPOILER_MARKER = BANG

function tokenize(state: StateInline, silent: boolean): boolean {
  // As markdown-it's strikethrough: delimiters are only collected when tokens are built.
  if (silent) return false
  const first = state.src.charCodeAt(state.pos)
  const second = state.src.charCodeAt(state.pos + 1)
  const opens = first === TILDE && second === BANG
  if (!opens && !(first === BANG && second === TILDE)) return false
  if (state.pos + 2 > state.posMax) return false
  const token = state.push('text', '', 0)
  token.content = opens ? '~!' : '!~'
  state.delimiters.push({ marker: SPOILER_MARKER, length: 0, token: state.tokens.length - 1, end: -1, open: opens, close: !opens })
  state.pos += 2
  return true
}

function convertPairs(state: StateInline, delimiters: Delimiter[]): void {
  for (const opener of delimiters) {
    if (opener.marker !== SPOILER_MARKER || opener.end === -1) continue
    const open = state.tokens[opener.token]!
    open.type = 'spoiler_open'
    open.nesting = 1
    open.markup = '~!'
    open.content = ''
    const close = state.tokens[delimiters[opener.end]!.token]!
    close.type = 'spoiler_close'
    close.nesting = -1
    close.markup = '!~'
    close.content = ''
  }
}

function postProcess(state: StateInline): void {
  convertPairs(state, state.delimiters)
  for (const meta of state.tokens_meta) if (meta?.delimiters) convertPairs(state, meta.delimiters)
}

/** The markup AniList writes around a spoiler (used by the description renderer too). */
export const SPOILER_OPEN = "<span class='markdown_spoiler'><span>"
export const SPOILER_CLOSE = '</span></span>'

/** Adds `~!spoilers!~` to a markdown-it instance. */
export function spoilers(md: MarkdownIt): void {
  md.inline.ruler.before('strikethrough', 'spoiler', tokenize)
  md.inline.ruler2.after('balance_pairs', 'spoiler', postProcess)
  md.renderer.rules.spoiler_open = () => SPOILER_OPEN
  md.renderer.rules.spoiler_close = () => SPOILER_CLOSE
}
