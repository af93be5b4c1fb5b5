/**
 * Draws a placeholder picture: the item's name on a flat colour, in a cover's 460×650 proportions.
 * The name comes from the catalog (imported data), so it is treated as hostile: characters XML
 * cannot hold are dropped, the rest escaped, and the length capped so no name makes a huge picture.
 */

export const PLACEHOLDER_WIDTH = 460
export const PLACEHOLDER_HEIGHT = 650

// About this many Latin capitals of the font size below fit across the picture with a margin.
const LINE_WIDTH = 16
const MAX_LINES = 6
const MAX_NAME_INPUT = 400
const FONT_SIZE = 36
const LINE_HEIGHT = 46
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/

export interface PlaceholderPicture {
  /** The name to draw; null draws the caption alone (an item without a known name). */
  name: string | null
  /** A small caption under the name, such as "media 1". */
  caption: string
  /** '#rrggbb'; anything else is replaced by a grey. */
  background: string
}

/** The SVG document for one picture. */
export function drawPlaceholder(picture: PlaceholderPicture): string {
  const background = HEX_COLOUR.test(picture.background) ? picture.background.toLowerCase() : '#6b7280'
  const ink = isLight(background) ? '#1f2937' : '#f9fafb'
  const lines = picture.name === null ? [] : wrapName(picture.name)
  const top = PLACEHOLDER_HEIGHT / 2 - ((lines.length - 1) * LINE_HEIGHT) / 2
  const text = lines
    .map((line, i) => `<text x="${PLACEHOLDER_WIDTH / 2}" y="${top + i * LINE_HEIGHT}" font-size="${fontSizeFor(line)}">${escapeXml(line)}</text>`)
    .join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PLACEHOLDER_WIDTH}" height="${PLACEHOLDER_HEIGHT}" viewBox="0 0 ${PLACEHOLDER_WIDTH} ${PLACEHOLDER_HEIGHT}">` +
    `<rect width="100%" height="100%" fill="${background}"/>` +
    `<g fill="${ink}" font-family="sans-serif" text-anchor="middle" dominant-baseline="middle">${text}` +
    `<text x="${PLACEHOLDER_WIDTH / 2}" y="${PLACEHOLDER_HEIGHT - 40}" font-size="22" opacity="0.7">${escapeXml(picture.caption)}</text></g></svg>`
  )
}

/**
 * The name in at most MAX_LINES lines of about LINE_WIDTH units, broken at spaces where it can be and
 * inside a word where it must; what does not fit ends in an ellipsis. Counted in code points (a
 * surrogate pair is never split), a wide character (CJK, kana, hangul, emoji) as two units.
 */
export function wrapName(name: string): string[] {
  // Six lines hold far fewer characters than this: the rest is never looked at.
  const words = cleanText(name.slice(0, MAX_NAME_INPUT)).split(/\s+/).filter((w) => w.length > 0)
  const lines: string[][] = []
  let current: string[] = []
  let used = 0
  const flush = () => {
    if (current.length > 0) lines.push(current)
    current = []
    used = 0
  }
  for (const word of words) {
    const chars = Array.from(word)
    const wordWidth = widthOf(chars)
    // A word that fits on a line of its own is never broken; a longer one fills lines as it goes.
    if (wordWidth <= LINE_WIDTH && used > 0 && used + 1 + wordWidth > LINE_WIDTH) flush()
    if (used > 0) {
      current.push(' ')
      used += 1
    }
    for (const c of chars) {
      const w = charWidth(c)
      if (used + w > LINE_WIDTH) flush()
      current.push(c)
      used += w
    }
  }
  flush()
  if (lines.length <= MAX_LINES) return lines.map((l) => l.join(''))
  const kept = lines.slice(0, MAX_LINES)
  const last = kept[MAX_LINES - 1]!
  while (last.length > 0 && widthOf(last) + 1 > LINE_WIDTH) last.pop()
  last.push('…')
  return kept.map((l) => l.join(''))
}

// The widest a line of the name may be drawn, leaving a margin on both sides.
const MAX_TEXT_WIDTH = 420

/**
 * A line of wide letters (WWWW…) could run off the picture even within LINE_WIDTH: when its rough
 * drawn width is too much, that line is drawn in a smaller font (every renderer honours font-size,
 * not all honour textLength).
 */
function fontSizeFor(line: string): number {
  const estimate = Array.from(line).reduce((sum, c) => sum + glyphEm(c), 0) * FONT_SIZE
  return estimate > MAX_TEXT_WIDTH ? Math.floor((FONT_SIZE * MAX_TEXT_WIDTH) / estimate) : FONT_SIZE
}

/** A rough advance width in em of one character in a common sans-serif face. */
function glyphEm(c: string): number {
  if (charWidth(c) === 2) return 1
  if (/[MWmw@%]/.test(c)) return 0.95
  if (/[A-Z0-9#&]/.test(c)) return 0.72
  if (/[ il.,:;'!|()\[\]ftj-]/.test(c)) return 0.32
  return 0.58
}

// East Asian wide characters and emoji take about twice the width of a Latin letter.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u

function charWidth(c: string): number {
  return WIDE.test(c) ? 2 : 1
}

function widthOf(chars: readonly string[]): number {
  return chars.reduce((sum, c) => sum + charWidth(c), 0)
}

/** Escapes the five characters XML gives a meaning to. */
export function escapeXml(text: string): string {
  return cleanText(text).replace(/[<>&"']/g, (c) => XML_ENTITIES[c]!)
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }

// C0 controls but tab, newline and return, DEL, and lone surrogates: XML 1.0 cannot hold them.
const UNWRITABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|\p{Cs}/gu

function cleanText(text: string): string {
  return text.replace(UNWRITABLE, '')
}

/** True for a background on which dark text reads better (relative luminance, roughly). */
function isLight(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.55
}

/**
 * A stable colour for an item without a cover colour: the id walks the hue circle by the golden
 * angle, so neighbouring ids get clearly different colours.
 */
export function colourFromId(id: number): string {
  const hue = (id * 137.508) % 360
  return hslToHex(hue, 0.45, 0.42)
}

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness)
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0')
  }
  return `#${channel(0)}${channel(8)}${channel(4)}`
}
