/**
 * Draws a placeholder picture: the item's name on a flat colour, in a cover's 460×650 proportions.
 * The name comes from the catalog (imported data), so it is treated as hostile: characters XML
 * cannot hold are dropped, the rest escaped, and the length capped so no name makes a huge picture.
 */

export const PLACEHOLDER_WIDTH = 460
export const PLACEHOLDER_HEIGHT = 650

// About this many characters of the font size below fit across the picture with a margin.
const LINE_CHARACTERS = 18
const MAX_LINES = 6
const FONT_SIZE = 38
const LINE_HEIGHT = 48
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
    .map((line, i) => `<text x="${PLACEHOLDER_WIDTH / 2}" y="${top + i * LINE_HEIGHT}" font-size="${FONT_SIZE}">${escapeXml(line)}</text>`)
    .join('')
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PLACEHOLDER_WIDTH}" height="${PLACEHOLDER_HEIGHT}" viewBox="0 0 ${PLACEHOLDER_WIDTH} ${PLACEHOLDER_HEIGHT}">` +
    `<rect width="100%" height="100%" fill="${background}"/>` +
    `<g fill="${ink}" font-family="sans-serif" text-anchor="middle" dominant-baseline="middle">${text}` +
    `<text x="${PLACEHOLDER_WIDTH / 2}" y="${PLACEHOLDER_HEIGHT - 40}" font-size="22" opacity="0.7">${escapeXml(picture.caption)}</text></g></svg>`
  )
}

/**
 * The name in at most MAX_LINES lines of about LINE_CHARACTERS characters, broken at spaces where it
 * can be and inside a word where it must; what does not fit ends in an ellipsis. Counted in code
 * points, so a surrogate pair is never split.
 */
export function wrapName(name: string): string[] {
  const words = Array.from(cleanText(name)).join('').split(/\s+/).filter((w) => w.length > 0)
  const lines: string[] = []
  let current: string[] = []
  const flush = () => {
    if (current.length > 0) lines.push(current.join(''))
    current = []
  }
  for (const word of words) {
    for (const piece of chunks(Array.from(word), LINE_CHARACTERS)) {
      const needed = current.length === 0 ? piece.length : current.length + 1 + piece.length
      if (needed > LINE_CHARACTERS) flush()
      if (current.length > 0) current.push(' ')
      current.push(...piece)
    }
  }
  flush()
  if (lines.length <= MAX_LINES) return lines
  const kept = lines.slice(0, MAX_LINES)
  const last = Array.from(kept[MAX_LINES - 1]!)
  kept[MAX_LINES - 1] = `${last.slice(0, LINE_CHARACTERS - 1).join('')}…`
  return kept
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

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
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
