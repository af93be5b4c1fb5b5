/**
 * Small formatting rules every site page shares, so that a cover, a title, an enum or a score reads
 * the same on the home page, a media page and a profile. Pure functions: no database, no request.
 */
import type { FuzzyDate, MediaTitle } from '../catalog/media.js'
import { preferredTitle, type TitleLanguage } from '../catalog/titles.js'
import { fromRawScore, type ScoreFormat } from '../lists/score-format.js'
import type { PlaceholderKind } from '../web/placeholder-image.js'

/**
 * The picture a page shows: the stored URL when it is on this server (the demo's, or a file this
 * server serves), else this server's placeholder. Pages make no third-party requests (the CSP allows
 * img-src 'self' only), so a cover that points at another host is not shown.
 */
export function localImage(url: string | null | undefined, publicUrl: string, kind: PlaceholderKind, id: number): string {
  if (url) {
    if (url.startsWith('/') && !url.startsWith('//')) return url
    if (url.startsWith(`${publicUrl}/`)) return url.slice(publicUrl.length)
  }
  return `/img/placeholder/${kind}/${id}.svg`
}

/** The title in the viewer's language, never empty. */
export function displayTitle(title: MediaTitle, language: TitleLanguage): string {
  return preferredTitle(title, language) ?? 'Untitled'
}

// Words that stay upper case when an enum value is turned into words.
const ACRONYMS: ReadonlySet<string> = new Set(['TV', 'OVA', 'ONA', 'MAL'])

/** An AniList enum value as words: TV_SHORT → "TV Short", NOT_YET_RELEASED → "Not yet released". */
export function enumLabel(value: string | null | undefined): string {
  if (!value) return ''
  // AniList writes this format as a name.
  if (value === 'TV_SHORT') return 'TV Short'
  const words = value.split('_').map((word) => (ACRONYMS.has(word) ? word : word.toLowerCase()))
  const first = words[0]!
  words[0] = ACRONYMS.has(first) ? first : first.charAt(0).toUpperCase() + first.slice(1)
  return words.join(' ')
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** A fuzzy date as text ("Apr 5, 2024", "Apr 2024", "2024"); '' when the year is unknown. */
export function fuzzyDateText(date: FuzzyDate | null | undefined): string {
  if (!date?.year) return ''
  const month = date.month ? MONTHS[date.month - 1] : undefined
  if (!month) return String(date.year)
  return date.day ? `${month} ${date.day}, ${date.year}` : `${month} ${date.year}`
}

const SMILEYS = ['', ':(', ':|', ':)']

/** A stored raw score (0–100) in the owner's format, as text; '' when unscored. */
export function scoreText(raw: number, format: ScoreFormat): string {
  const score = fromRawScore(raw, format)
  if (score === 0) return ''
  switch (format) {
    case 'POINT_3':
      return SMILEYS[score]!
    case 'POINT_5':
      return `${score}★`
    case 'POINT_10_DECIMAL':
      return score.toFixed(1)
    default:
      return String(score)
  }
}

/** How long until `seconds` from now reads: "3d 4h", "5h 12m", "12m". */
export function countdownText(seconds: number): string {
  if (seconds <= 0) return 'now'
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3_600)
  const minutes = Math.floor((seconds % 3_600) / 60)
  if (days > 0) return `${days}d ${hours}h`
  if (hours > 0) return `${hours}h ${minutes}m`
  return `${Math.max(1, minutes)}m`
}
