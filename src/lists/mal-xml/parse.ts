/**
 * Reads a MyAnimeList XML export (what MAL's "Export my list" downloads and other trackers exchange):
 * a `<myanimelist>` root with `<myinfo>` and one `<anime>` or `<manga>` per entry. The file may be
 * gzipped (MAL's download is `.xml.gz`).
 *
 * Hostile files are refused before they can cost much: the file and its decompressed text are capped
 * (MAX_MAL_XML_BYTES), so are the entries (MAX_MAL_XML_ENTRIES); a DOCTYPE (and with it every
 * declared entity) is refused outright, as MAL never writes one; only XML's five predefined entities
 * and character references are decoded. A file that is not well-formed is a MalXmlError naming the
 * line, never a crash.
 *
 * Entry by entry, what cannot be used (no numeric MAL id, an unknown status) is returned in
 * `rejected` with the reason; a field that cannot be read (a date like 2020-13-40, "abc" episodes) is
 * left out of the entry and said in `warnings`. Nothing is dropped without a word.
 */
import { gunzipSync } from 'node:zlib'
import { createRequire } from 'node:module'
import type { XMLParser, XMLValidator } from 'fast-xml-parser'
import { KirokuError } from '../../errors/kiroku-error.js'
import type { FuzzyDate, MediaType } from '../../catalog/media.js'
import type { MediaListStatus } from '../entry.js'

/** The largest file, and the largest text a gzipped file may decompress to. */
export const MAX_MAL_XML_BYTES = 10 * 1024 * 1024
/** The most entries one file may hold (MAL's largest lists have a few thousand). */
export const MAX_MAL_XML_ENTRIES = 20_000

/** A file that cannot be read as a MAL XML export; the message says why, for the person who sent it. */
export class MalXmlError extends KirokuError {
  readonly code = 'mal_xml_invalid'
  override readonly status = 400
}

/** One usable entry of the file, in Kiroku's terms (the score still on MAL's 0–10 scale). */
export interface MalEntry {
  type: MediaType
  malId: number
  title: string
  status: MediaListStatus
  /** MAL's score, 0–10 (0: not scored). */
  score: number
  progress: number
  progressVolumes: number
  repeat: number
  startedAt: FuzzyDate
  completedAt: FuzzyDate
  notes: string
}

/** An entry of the file that cannot be imported, and why. */
export interface MalRejected {
  type: MediaType
  malId: number | null
  title: string
  reason: string
}

/** A field of an entry that was left out, and why. */
export interface MalWarning {
  type: MediaType
  malId: number | null
  title: string
  message: string
}

export interface MalXmlFile {
  /** `<myinfo><user_name>`, when given. */
  userName: string | null
  /** `<myinfo><user_export_type>`: 1 anime, 2 manga; null when missing or unknown. */
  exportType: MediaType | null
  entries: MalEntry[]
  rejected: MalRejected[]
  warnings: MalWarning[]
}

const ANIME_STATUSES: Record<string, MediaListStatus> = { watching: 'CURRENT', completed: 'COMPLETED', 'on-hold': 'PAUSED', dropped: 'DROPPED', 'plan to watch': 'PLANNING' }
const MANGA_STATUSES: Record<string, MediaListStatus> = { reading: 'CURRENT', completed: 'COMPLETED', 'on-hold': 'PAUSED', dropped: 'DROPPED', 'plan to read': 'PLANNING' }
// MAL's numeric status codes, which some tools write instead of the words.
const NUMERIC_STATUSES: Record<string, MediaListStatus> = { '1': 'CURRENT', '2': 'COMPLETED', '3': 'PAUSED', '4': 'DROPPED', '6': 'PLANNING' }

/** The field names that differ between `<anime>` and `<manga>`. */
const FIELDS = {
  ANIME: { id: 'series_animedb_id', title: 'series_title', progress: 'my_watched_episodes', repeat: 'my_times_watched', repeating: 'my_rewatching' },
  MANGA: { id: 'manga_mangadb_id', title: 'manga_title', progress: 'my_read_chapters', repeat: 'my_times_read', repeating: 'my_rereading' },
} as const

const GZIP_MAGIC = [0x1f, 0x8b]

/** The text of an upload or file: gunzipped when it is gzip, decoded as UTF-8, both within the caps. */
export function malXmlText(bytes: Uint8Array): string {
  if (bytes.length > MAX_MAL_XML_BYTES) throw new MalXmlError(`The file is larger than ${MAX_MAL_XML_BYTES / 1024 / 1024} MB.`)
  let data = bytes
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    try {
      data = gunzipSync(bytes, { maxOutputLength: MAX_MAL_XML_BYTES })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new MalXmlError(`The gzipped file unpacks to more than ${MAX_MAL_XML_BYTES / 1024 / 1024} MB.`)
      }
      throw new MalXmlError('The file looks gzipped but cannot be unpacked: it is damaged or cut short.')
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '')
  } catch {
    throw new MalXmlError('The file is not UTF-8 text: is it a MyAnimeList XML export?')
  }
}

/** Reads the bytes of a MAL XML export (plain or gzipped). */
export function readMalXml(bytes: Uint8Array): MalXmlFile {
  return parseMalXml(malXmlText(bytes))
}

// fast-xml-parser is loaded at the first file read, not when the server starts (most never read one).
const requireModule = createRequire(import.meta.url)
let xmlModule: { parser: XMLParser; validator: typeof XMLValidator } | undefined

function xmlTools(): { parser: XMLParser; validator: typeof XMLValidator } {
  if (!xmlModule) {
    const fxp = requireModule('fast-xml-parser') as typeof import('fast-xml-parser')
    const parser = new fxp.XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: false,
      htmlEntities: false,
      cdataPropName: '__cdata',
      ignoreDeclaration: true,
      ignorePiTags: true,
      trimValues: false,
      isArray: (name) => name === 'anime' || name === 'manga',
    })
    xmlModule = { parser, validator: fxp.XMLValidator }
  }
  return xmlModule
}

/** Reads the text of a MAL XML export. */
export function parseMalXml(xml: string): MalXmlFile {
  if (xml.length > MAX_MAL_XML_BYTES) throw new MalXmlError(`The file is larger than ${MAX_MAL_XML_BYTES / 1024 / 1024} MB.`)
  if (xml.trim() === '') throw new MalXmlError('The file is empty.')
  if (xml.includes('\u0000')) throw new MalXmlError('The file contains a NUL character, which XML does not allow: it is not a MyAnimeList XML export.')
  // A DOCTYPE can only come before the root element; text inside entries (a comment) may say anything.
  const root = xml.search(/<myanimelist[\s>/]/)
  if (/<!DOCTYPE|<!ENTITY/i.test(root < 0 ? xml : xml.slice(0, root))) throw new MalXmlError('The file declares a DOCTYPE or entities, which MyAnimeList exports never do: refused.')
  const { parser, validator } = xmlTools()
  const valid = validator.validate(xml)
  if (valid !== true) throw new MalXmlError(`The file is not well-formed XML (line ${valid.err.line}): ${valid.err.msg}`)
  let document: Record<string, unknown>
  try {
    document = parser.parse(xml) as Record<string, unknown>
  } catch (error) {
    throw new MalXmlError(`The file cannot be read as XML: ${error instanceof Error ? error.message : String(error)}`)
  }
  const roots = Object.keys(document)
  const top = document.myanimelist
  if (top === undefined) throw new MalXmlError(`This is not a MyAnimeList export: its root element is ${roots.length > 0 ? `<${roots[0]}>` : 'missing'}, not <myanimelist>.`)
  const body = isRecord(top) ? top : {}
  const anime = asList(body.anime)
  const manga = asList(body.manga)
  if (anime.length + manga.length > MAX_MAL_XML_ENTRIES) {
    throw new MalXmlError(`The file has ${anime.length + manga.length} entries; at most ${MAX_MAL_XML_ENTRIES} can be imported at once.`)
  }
  const info = isRecord(body.myinfo) ? body.myinfo : {}
  const userName = textOf(info.user_name).trim() || null
  const exportCode = textOf(info.user_export_type).trim()
  const out: MalXmlFile = { userName, exportType: exportCode === '1' ? 'ANIME' : exportCode === '2' ? 'MANGA' : null, entries: [], rejected: [], warnings: [] }
  for (const item of anime) readEntry('ANIME', item, out)
  for (const item of manga) readEntry('MANGA', item, out)
  return out
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decodes XML's predefined entities and character references; anything else stays as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, name: string) => {
    if (!name.startsWith('#')) return PREDEFINED[name]!
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole
  })
}

/** An element's text: its character data (entities decoded) and its CDATA sections (as written). */
function textOf(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return decodeEntities(value)
  if (Array.isArray(value)) return textOf(value[0])
  if (isRecord(value)) {
    const cdata = value.__cdata
    const parts = Array.isArray(cdata) ? cdata.map(String) : cdata === undefined ? [] : [String(cdata)]
    return parts.join('') + textOf(value['#text'])
  }
  return String(value)
}

function readEntry(type: MediaType, item: unknown, out: MalXmlFile): void {
  const names = FIELDS[type]
  const fields = isRecord(item) ? item : {}
  const title = textOf(fields[names.title]).trim()
  const idText = textOf(fields[names.id]).trim()
  const malId = /^[0-9]{1,9}$/.test(idText) && Number(idText) > 0 ? Number(idText) : null
  if (malId === null) {
    out.rejected.push({ type, malId: null, title, reason: idText === '' ? 'It has no MAL id.' : `Its MAL id "${idText.slice(0, 40)}" is not a number.` })
    return
  }
  const statusText = textOf(fields.my_status).trim()
  const table = type === 'ANIME' ? ANIME_STATUSES : MANGA_STATUSES
  let status = table[statusText.toLowerCase()] ?? NUMERIC_STATUSES[statusText]
  if (!status) {
    out.rejected.push({ type, malId, title, reason: statusText === '' ? 'It has no status.' : `Its status "${statusText.slice(0, 40)}" is not one MyAnimeList uses.` })
    return
  }
  const warn = (message: string) => out.warnings.push({ type, malId, title, message })
  const count = (name: string, label: string): number => {
    const text = textOf(fields[name]).trim()
    if (text === '') return 0
    if (/^[0-9]{1,9}$/.test(text)) return Number(text)
    warn(`The ${label} "${text.slice(0, 40)}" is not a whole number: left out.`)
    return 0
  }
  // Re-watching (or re-reading) a work MAL lists as Watching or Completed is AniList's REPEATING.
  if (textOf(fields[names.repeating]).trim() === '1' && (status === 'CURRENT' || status === 'COMPLETED')) status = 'REPEATING'
  const scoreText = textOf(fields.my_score).trim()
  let score = 0
  if (scoreText !== '') {
    const value = /^[0-9]{1,2}(\.[0-9]+)?$/.test(scoreText) ? Number(scoreText) : NaN
    if (value >= 0 && value <= 10) score = value
    else warn(`The score "${scoreText.slice(0, 40)}" is not between 0 and 10: left out.`)
  }
  out.entries.push({
    type,
    malId,
    title,
    status,
    score,
    progress: count(names.progress, type === 'ANIME' ? 'watched episodes' : 'read chapters'),
    progressVolumes: type === 'MANGA' ? count('my_read_volumes', 'read volumes') : 0,
    repeat: count(names.repeat, type === 'ANIME' ? 'times watched' : 'times read'),
    startedAt: dateOf(textOf(fields.my_start_date).trim(), 'start date', warn),
    completedAt: dateOf(textOf(fields.my_finish_date).trim(), 'finish date', warn),
    notes: textOf(fields.my_comments).trim(),
  })
}

const NO_DATE: FuzzyDate = { year: null, month: null, day: null }

/** MAL's YYYY-MM-DD, where 0000 and 00 are unknown parts; a date that cannot be is left out, with a warning. */
function dateOf(text: string, label: string, warn: (message: string) => void): FuzzyDate {
  if (text === '' || text === '0000-00-00') return NO_DATE
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text)
  const bad = () => {
    warn(`The ${label} "${text.slice(0, 40)}" is not a date: left out.`)
    return NO_DATE
  }
  if (!match) return bad()
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])].map((n) => (n === 0 ? null : n)) as [number | null, number | null, number | null]
  if (month !== null && month > 12) return bad()
  if (day !== null) {
    // Without a year or month, the day is checked against the longest month it could be in.
    const last = month === null ? 31 : new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate()
    if (day > last) return bad()
  }
  return { year, month, day }
}
