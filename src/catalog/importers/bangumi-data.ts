/**
 * `kiroku import --bangumi-data`: the anime of the bangumi-data package (CC-BY-4.0) that carry an
 * AniList id. bangumi-data knows ids, the original title, some translations, the kind of release and
 * broadcast times; it has no romaji, episodes or genres, so those stay as they are.
 */
import { KirokuError } from '../../errors/kiroku-error.js'
import { createRequire } from 'node:module'
import type { FuzzyDate, MediaFormat, MediaInput, MediaStatus } from '../media.js'
import { seasonOf } from '../seasons.js'
import { ImportError } from './import-error.js'

/** The parts of a bangumi-data item this importer reads. */
export interface BangumiItem {
  title: string
  titleTranslate?: Record<string, string[] | undefined>
  type: string
  lang: string
  begin: string
  end?: string
  /** Sites that link by URL instead of id (some streaming sites) have no id. */
  sites: Array<{ site: string; id?: string }>
}

export class MissingPackageError extends KirokuError {
  readonly code = 'missing_package'
}

/**
 * The installed bangumi-data package's items and version; a MissingPackageError says how to install it.
 * `require` is replaceable so that tests can stand in for a machine without the package.
 */
export function loadBangumiData(require: (id: string) => unknown = createRequire(import.meta.url)): { items: unknown[]; version: string } {
  let data: unknown
  let version: string
  try {
    data = require('bangumi-data')
    version = (require('bangumi-data/package.json') as { version: string }).version
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      throw new MissingPackageError('the bangumi-data package is not installed: run "npm install bangumi-data" in Kiroku\'s folder, then try again')
    }
    throw error
  }
  const items = (data as { items?: unknown }).items
  if (!Array.isArray(items)) throw new ImportError([`bangumi-data ${version} has no "items" list: this version's format is not supported`])
  return { items, version }
}

const FORMATS: Record<string, MediaFormat> = { tv: 'TV', movie: 'MOVIE', ova: 'OVA', web: 'ONA' }

// Japan's offset: a broadcast at 01:30 on Sunday in Tokyo belongs to Sunday, not to Saturday in UTC.
const JST_OFFSET_MS = 9 * 3600 * 1000

/**
 * The calendar date of a bangumi-data time. Broadcast times are read in Japan time. A time of exactly
 * 16:00 UTC is how bangumi-data writes a day without a time (cinema and disc releases), and its date is
 * the UTC date: read in Japan time, Spirited Away would open on 21 July 2001 instead of the 20th.
 */
export function bangumiDate(value: string | undefined): FuzzyDate {
  const millis = value ? Date.parse(value) : NaN
  if (Number.isNaN(millis)) return { year: null, month: null, day: null }
  const dateOnly = new Date(millis).toISOString().endsWith('T16:00:00.000Z')
  const d = new Date(dateOnly ? millis : millis + JST_OFFSET_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Checks the fields this importer reads; returns the item, or what is wrong with it. */
function checkItem(item: unknown, label: string): { item?: BangumiItem; problems: string[] } {
  if (!isObject(item)) return { problems: [`${label}: is not an object`] }
  const problems: string[] = []
  const named = typeof item.title === 'string' ? `${label} ("${item.title}")` : label
  if (typeof item.title !== 'string' || item.title.trim() === '') problems.push(`${named}: title: is not a non-empty string`)
  if (typeof item.type !== 'string' || !Object.hasOwn(FORMATS, item.type)) problems.push(`${named}: type: ${JSON.stringify(item.type)} is not one of ${Object.keys(FORMATS).join(', ')}`)
  if (typeof item.lang !== 'string') problems.push(`${named}: lang: is not a string`)
  if (typeof item.begin !== 'string' || (item.begin !== '' && Number.isNaN(Date.parse(item.begin)))) problems.push(`${named}: begin: ${JSON.stringify(item.begin)} is not a date`)
  if (item.end !== undefined && (typeof item.end !== 'string' || (item.end !== '' && Number.isNaN(Date.parse(item.end))))) problems.push(`${named}: end: ${JSON.stringify(item.end)} is not a date`)
  if (!Array.isArray(item.sites) || item.sites.some((s) => !isObject(s) || typeof s.site !== 'string')) problems.push(`${named}: sites: is not a list of {site, id}`)
  if (item.titleTranslate !== undefined && !isObject(item.titleTranslate)) problems.push(`${named}: titleTranslate: is not an object`)
  for (const site of problems.length === 0 ? (item.sites as BangumiItem['sites']) : []) {
    if ((site.site === 'aniList' || site.site === 'mal') && !(typeof site.id === 'string' && /^[1-9]\d{0,9}$/.test(site.id))) problems.push(`${named}: sites.${site.site}: id ${JSON.stringify(site.id)} is not a positive integer`)
  }
  return problems.length > 0 ? { problems } : { item: item as unknown as BangumiItem, problems }
}

const siteId = (item: BangumiItem, site: string) => {
  const id = item.sites.find((s) => s.site === site)?.id
  return id === undefined ? undefined : Number(id)
}

const epoch = (value: string | undefined) => (value ? Date.parse(value) / 1000 : NaN)

function statusOf(first: BangumiItem, items: BangumiItem[], now: number): MediaStatus {
  if (epoch(first.begin) > now) return 'NOT_YET_RELEASED'
  if (first.type === 'movie') return 'FINISHED'
  return items.some((i) => !i.end || epoch(i.end) > now) ? 'RELEASING' : 'FINISHED'
}

/** The input for one AniList id from its bangumi-data items (a work split in parts has several). */
function toInput(anilistId: number, items: BangumiItem[], now: number): MediaInput {
  const sorted = [...items].sort((a, b) => epoch(a.begin) - epoch(b.begin))
  const first = sorted[0]!
  const startDate = bangumiDate(first.begin)
  const ends = sorted.map((i) => i.end)
  const endDate = first.type === 'movie' ? startDate : ends.some((e) => !e) ? bangumiDate(undefined) : bangumiDate(ends.sort((a, b) => epoch(a) - epoch(b)).at(-1))
  const translation = (lang: string) => first.titleTranslate?.[lang]?.find((t) => t.trim() !== '') ?? null
  const native = first.lang === 'ja' ? first.title : translation('ja')
  const english = first.lang === 'en' ? first.title : translation('en')
  const season = seasonOf(startDate)
  const idMal = siteId(first, 'mal') ?? sorted.map((i) => siteId(i, 'mal')).find((id) => id !== undefined)
  return {
    id: anilistId,
    type: 'ANIME',
    ...(idMal !== undefined ? { idMal } : {}),
    // bangumi-data has no romaji: the English or original title stands in until a better one is known.
    title: { native, english, romaji: english ?? native ?? first.title },
    format: FORMATS[first.type]!,
    status: statusOf(first, sorted, now),
    startDate,
    endDate,
    season: season?.season ?? null,
    seasonYear: season?.seasonYear ?? null,
    ...(first.lang === 'ja' ? { countryOfOrigin: 'JP' } : first.lang === 'zh-Hans' ? { countryOfOrigin: 'CN' } : {}),
  }
}

/**
 * The catalog inputs for every bangumi-data item with an AniList id, one per id. `now` (Unix seconds)
 * decides whether a work is still releasing. Throws ImportError naming each malformed item and field.
 */
export function mapBangumiItems(items: readonly unknown[], now: number): { inputs: MediaInput[]; withoutAniList: number } {
  const problems: string[] = []
  const byId = new Map<number, BangumiItem[]>()
  let withoutAniList = 0
  items.forEach((raw, index) => {
    const { item, problems: wrong } = checkItem(raw, `item ${index + 1}`)
    problems.push(...wrong)
    if (!item) return
    const id = siteId(item, 'aniList')
    if (id === undefined) withoutAniList++
    else byId.set(id, [...(byId.get(id) ?? []), item])
  })
  if (problems.length > 0) throw new ImportError(problems)
  const inputs = [...byId].sort(([a], [b]) => a - b).map(([id, group]) => toInput(id, group, now))
  return { inputs, withoutAniList }
}

/** Title parts bangumi-data only guesses at: they fill gaps but never replace a stored title. */
export const BANGUMI_FILL_ONLY = ['romaji', 'english'] as const
