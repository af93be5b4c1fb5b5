/**
 * Writes a MyAnimeList XML export: the `<myanimelist>` document MAL's export gives and other trackers
 * (and parse.ts) read. Text goes in CDATA sections, as MAL writes it, with "]]>" split across two
 * sections and the characters XML 1.0 cannot carry removed; numbers and dates are written by us.
 */
import type { FuzzyDate, MediaFormat, MediaType } from '../../catalog/media.js'
import type { MediaListStatus } from '../entry.js'

export interface MalExportEntry {
  malId: number
  title: string
  format: MediaFormat | null
  /** Episodes (anime) or chapters (manga) the work has, when known. */
  length: number | null
  /** Volumes (manga), when known. */
  volumes: number | null
  status: MediaListStatus
  /** Kiroku's raw score, 0–100. */
  score: number
  progress: number
  progressVolumes: number
  repeat: number
  startedAt: FuzzyDate
  completedAt: FuzzyDate
  notes: string | null
}

export interface MalExportDocument {
  userName: string
  type: MediaType
  entries: readonly MalExportEntry[]
  /** Entries left out (their works have no MAL id), named in a comment at the end. */
  skipped: readonly string[]
}

// Everything XML 1.0 allows (tab, newline, carriage return and the ranges from U+0020), nothing else.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '')
}

function cdata(text: string | null): string {
  return `<![CDATA[${xmlSafe(text ?? '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}

const SERIES_TYPES: Partial<Record<MediaFormat, string>> = {
  TV: 'TV', TV_SHORT: 'TV', MOVIE: 'Movie', SPECIAL: 'Special', OVA: 'OVA', ONA: 'ONA', MUSIC: 'Music',
  MANGA: 'Manga', NOVEL: 'Light Novel', ONE_SHOT: 'One-shot',
}

/** MAL's words for a status; REPEATING is MAL's Completed with the re-watching flag. */
function statusWord(status: MediaListStatus, type: MediaType): string {
  switch (status) {
    case 'CURRENT':
      return type === 'ANIME' ? 'Watching' : 'Reading'
    case 'COMPLETED':
    case 'REPEATING':
      return 'Completed'
    case 'PAUSED':
      return 'On-Hold'
    case 'DROPPED':
      return 'Dropped'
    case 'PLANNING':
      return type === 'ANIME' ? 'Plan to Watch' : 'Plan to Read'
  }
}

const pad = (n: number | null, width: number) => String(n ?? 0).padStart(width, '0')

/** MAL's YYYY-MM-DD with zeros for unknown parts. */
export function malDate(date: FuzzyDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`
}

/** A raw 0–100 score on MAL's 0–10 scale; a score never reads as 0 (not scored). */
export function malScore(raw: number): number {
  return raw <= 0 ? 0 : Math.min(10, Math.max(1, Math.round(raw / 10)))
}

function anime(e: MalExportEntry): string {
  const repeating = e.status === 'REPEATING' ? 1 : 0
  return `  <anime>
    <series_animedb_id>${e.malId}</series_animedb_id>
    <series_title>${cdata(e.title)}</series_title>
    <series_type>${SERIES_TYPES[e.format ?? 'TV'] ?? ''}</series_type>
    <series_episodes>${e.length ?? 0}</series_episodes>
    <my_id>0</my_id>
    <my_watched_episodes>${e.progress}</my_watched_episodes>
    <my_start_date>${malDate(e.startedAt)}</my_start_date>
    <my_finish_date>${malDate(e.completedAt)}</my_finish_date>
    <my_rated></my_rated>
    <my_score>${malScore(e.score)}</my_score>
    <my_storage></my_storage>
    <my_storage_value>0.00</my_storage_value>
    <my_status>${statusWord(e.status, 'ANIME')}</my_status>
    <my_comments>${cdata(e.notes)}</my_comments>
    <my_times_watched>${e.repeat}</my_times_watched>
    <my_rewatch_value></my_rewatch_value>
    <my_priority>LOW</my_priority>
    <my_tags>${cdata('')}</my_tags>
    <my_rewatching>${repeating}</my_rewatching>
    <my_rewatching_ep>${repeating ? e.progress : 0}</my_rewatching_ep>
    <my_discuss>1</my_discuss>
    <my_sns>default</my_sns>
    <update_on_import>1</update_on_import>
  </anime>
`
}

function manga(e: MalExportEntry): string {
  return `  <manga>
    <manga_mangadb_id>${e.malId}</manga_mangadb_id>
    <manga_title>${cdata(e.title)}</manga_title>
    <manga_volumes>${e.volumes ?? 0}</manga_volumes>
    <manga_chapters>${e.length ?? 0}</manga_chapters>
    <my_id>0</my_id>
    <my_read_volumes>${e.progressVolumes}</my_read_volumes>
    <my_read_chapters>${e.progress}</my_read_chapters>
    <my_start_date>${malDate(e.startedAt)}</my_start_date>
    <my_finish_date>${malDate(e.completedAt)}</my_finish_date>
    <my_scanalation_group>${cdata('')}</my_scanalation_group>
    <my_score>${malScore(e.score)}</my_score>
    <my_storage></my_storage>
    <my_retail_volumes>0</my_retail_volumes>
    <my_status>${statusWord(e.status, 'MANGA')}</my_status>
    <my_comments>${cdata(e.notes)}</my_comments>
    <my_times_read>${e.repeat}</my_times_read>
    <my_tags>${cdata('')}</my_tags>
    <my_priority>Low</my_priority>
    <my_reread_value></my_reread_value>
    <my_rereading>${e.status === 'REPEATING' ? 1 : 0}</my_rereading>
    <my_discuss>1</my_discuss>
    <my_sns>default</my_sns>
    <update_on_import>1</update_on_import>
  </manga>
`
}

/** A comment's text: no "--" (which would end it) and only XML characters. */
function commentSafe(text: string): string {
  return xmlSafe(text).replace(/-{2,}/g, '-').replace(/-$/, '- ')
}

/** The whole export document. */
export function buildMalXml(doc: MalExportDocument): string {
  const count = (...statuses: MediaListStatus[]) => doc.entries.filter((e) => statuses.includes(e.status)).length
  const isAnime = doc.type === 'ANIME'
  const totals = isAnime
    ? `    <user_total_anime>${doc.entries.length}</user_total_anime>
    <user_total_watching>${count('CURRENT')}</user_total_watching>
    <user_total_completed>${count('COMPLETED', 'REPEATING')}</user_total_completed>
    <user_total_onhold>${count('PAUSED')}</user_total_onhold>
    <user_total_dropped>${count('DROPPED')}</user_total_dropped>
    <user_total_plantowatch>${count('PLANNING')}</user_total_plantowatch>`
    : `    <user_total_manga>${doc.entries.length}</user_total_manga>
    <user_total_reading>${count('CURRENT')}</user_total_reading>
    <user_total_completed>${count('COMPLETED', 'REPEATING')}</user_total_completed>
    <user_total_onhold>${count('PAUSED')}</user_total_onhold>
    <user_total_dropped>${count('DROPPED')}</user_total_dropped>
    <user_total_plantoread>${count('PLANNING')}</user_total_plantoread>`
  const skipped =
    doc.skipped.length === 0
      ? ''
      : `  <!-- Not exported: ${doc.skipped.length} ${doc.skipped.length === 1 ? 'entry has' : 'entries have'} no MyAnimeList id:\n${doc.skipped.map((s) => `       ${commentSafe(s)}\n`).join('')}  -->\n`
  return `<?xml version="1.0" encoding="UTF-8" ?>
<!-- Exported by Kiroku in MyAnimeList's XML format -->
<myanimelist>
  <myinfo>
    <user_id>0</user_id>
    <user_name>${cdata(doc.userName)}</user_name>
    <user_export_type>${isAnime ? 1 : 2}</user_export_type>
${totals}
  </myinfo>
${doc.entries.map(isAnime ? anime : manga).join('')}${skipped}</myanimelist>
`
}
