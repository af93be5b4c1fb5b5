/**
 * AniList's centred blocks, `~~~centred~~~`, as `<center>…</center>` (AniList's markup). The opening
 * `~~~` starts a line; the block ends at the first line that ends with `~~~` (the same line or a later
 * one) and its content is parsed as markdown of its own: paragraphs, images, links, spoilers.
 *
 * Linear time: which lines end with `~~~` is worked out once per document (`nextCloser`), so finding a
 * closer is a lookup, and an unclosed `~~~` costs nothing more than its line. Centred blocks do not
 * nest (AniList's do not either), so each character is parsed at most twice. A `~~~` line that closes
 * nothing is a paragraph of text: Kiroku takes `~~~` for centring, never for a code fence (backtick
 * fences still work).
 */
import type { MarkdownIt, StateBlock } from 'markdown-it'

const TILDES = '~~~'
// Keys of markdown-it's per-render `env`: the closer table of the document, and "inside a centred block".
const CLOSERS = Symbol('center closers')
const INSIDE = Symbol('inside center')

interface Closers {
  src: string
  /** For each line, the first line at or after it that ends with `~~~` (the line count when none does). */
  next: Int32Array
}

/** The end of a line's content, trailing spaces and tabs left out. */
function contentEnd(state: StateBlock, line: number): number {
  let end = state.eMarks[line]!
  const start = state.bMarks[line]!
  while (end > start && (state.src.charCodeAt(end - 1) === 0x20 || state.src.charCodeAt(end - 1) === 0x09)) end--
  return end
}

function endsWithTildes(state: StateBlock, line: number): boolean {
  const end = contentEnd(state, line)
  return end - state.bMarks[line]! >= 3 && state.src.startsWith(TILDES, end - 3)
}

function closersOf(state: StateBlock): Int32Array {
  const known = state.env[CLOSERS] as Closers | undefined
  if (known && known.src === state.src) return known.next
  // The whole document's lines: a quote or list parses its part with `lineMax` cut short, but the
  // table is shared by the whole render. markdown-it's line arrays end with one sentinel entry.
  const lines = state.eMarks.length - 1
  const next = new Int32Array(lines + 1)
  next[lines] = lines
  for (let line = lines - 1; line >= 0; line--) next[line] = endsWithTildes(state, line) ? line : next[line + 1]!
  state.env[CLOSERS] = { src: state.src, next } satisfies Closers
  return next
}

/** Where the centred block opened on `startLine` ends: its closing line and the position of its `~~~`, or null. */
function findClose(state: StateBlock, startLine: number, endLine: number, contentStart: number): { line: number; at: number } | null {
  const sameLineEnd = contentEnd(state, startLine)
  if (sameLineEnd - 3 >= contentStart && state.src.startsWith(TILDES, sameLineEnd - 3)) return { line: startLine, at: sameLineEnd - 3 }
  if (startLine + 1 >= endLine) return null
  const line = closersOf(state)[startLine + 1]!
  return line < endLine ? { line, at: contentEnd(state, line) - 3 } : null
}

function asParagraph(state: StateBlock, line: number, start: number): boolean {
  state.push('paragraph_open', 'p', 1).map = [line, line + 1]
  const inline = state.push('inline', '', 0)
  inline.content = state.src.slice(start, contentEnd(state, line))
  inline.map = [line, line + 1]
  inline.children = []
  state.push('paragraph_close', 'p', -1)
  state.line = line + 1
  return true
}

function center(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  // Four spaces of indentation make a code block, as everywhere in markdown.
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false
  const start = state.bMarks[startLine]! + state.tShift[startLine]!
  if (!state.src.startsWith(TILDES, start)) return false
  const close = state.env[INSIDE] ? null : findClose(state, startLine, endLine, start + 3)
  // Only a block that closes interrupts a paragraph; a lone `~~~` line is text like any other.
  if (silent) return close !== null
  if (!close) return asParagraph(state, startLine, start)
  let content: string
  if (close.line === startLine) content = state.src.slice(start + 3, close.at)
  else {
    const first = state.src.slice(start + 3, state.eMarks[startLine])
    const middle = state.getLines(startLine + 1, close.line, state.blkIndent, true)
    const last = state.src.slice(state.bMarks[close.line]! + state.tShift[close.line]!, close.at)
    content = `${first}\n${middle}${last}`
  }
  state.push('center_open', 'center', 1).map = [startLine, close.line + 1]
  state.env[INSIDE] = true
  try {
    state.md.block.parse(content, state.md, state.env, state.tokens)
  } finally {
    state.env[INSIDE] = false
  }
  state.push('center_close', 'center', -1)
  state.line = close.line + 1
  return true
}

/** Adds `~~~centred~~~` blocks to a markdown-it instance (in place of `~~~` code fences). */
export function centredBlocks(md: MarkdownIt): void {
  md.block.ruler.before('fence', 'center', center, { alt: ['paragraph', 'reference', 'blockquote', 'list'] })
}
