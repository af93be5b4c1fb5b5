/**
 * `kiroku import FILE.json`: AniList-shaped Media objects, as AniList's API returns them, either as an
 * array or as a whole `{"data":{"Page":{"media":[…]}}}` response. Every item is checked before anything
 * is written; fields Kiroku does not keep (siteUrl, mediaListEntry…) are ignored. Studios, tags, links,
 * streaming episodes and airings are read by anilist-extras.ts and written beside the media rows.
 */
import { sanitizeDescription } from '../../markdown/description-tags.js'
import { readFuzzyDate } from '../fuzzy-date.js'
import { MEDIA_FORMATS, MEDIA_RELATIONS, MEDIA_SEASONS, MEDIA_SOURCES, MEDIA_STATUSES, MEDIA_TYPES, type FuzzyDate, type MediaInput, type MediaRelationLink, type MediaTrailer } from '../media.js'
import { ImportError, parseImportJson } from './import-error.js'
import { hasExtras, readMediaExtras, readStudioList } from './anilist-extras.js'
import type { MediaExtras } from '../media-extras.js'
import type { StudioInput, StudioMediaLink } from '../studios.js'

type Json = Record<string, unknown>

/** The video sites AniList links trailers to. */
const TRAILER_SITES = ['youtube', 'dailymotion'] as const

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The list of media in a parsed file: an array, or the `media` of an AniList Page response. */
export function mediaListOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document
  const page = isObject(document) && isObject(document.data) && isObject(document.data.Page) ? document.data.Page : null
  if (page && Array.isArray(page.media)) return page.media
  throw new ImportError(['the file must hold a JSON array of Media objects, or an AniList response {"data":{"Page":{"media":[…]}}}'])
}

/** Reads one item's fields, collecting what is wrong with them under the item's name. */
class ItemReader {
  readonly problems: string[] = []
  constructor(private readonly item: Json, private readonly label: string) {}

  private problem(field: string, message: string): undefined {
    this.problems.push(`${this.label}: ${field}: ${message}`)
    return undefined
  }

  private raw(path: string): unknown {
    let value: unknown = this.item
    for (const part of path.split('.')) value = isObject(value) ? value[part] : undefined
    return value
  }

  /** An integer within bounds; null stays null; absent stays undefined. */
  int(path: string, min: number, max = Number.MAX_SAFE_INTEGER): number | null | undefined {
    const v = this.raw(path)
    if (v === undefined || v === null) return v
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
      return this.problem(path, `${JSON.stringify(v)} is not an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`)
    }
    return v
  }

  string(path: string, maxLength = 10_000): string | null | undefined {
    const v = this.raw(path)
    if (v === undefined || v === null) return v
    if (typeof v !== 'string') return this.problem(path, `${JSON.stringify(v)} is not a string`)
    if (v.length > maxLength) return this.problem(path, `is longer than ${maxLength} characters`)
    return v
  }

  /** An http(s) URL: anything else (javascript:, data:) could run in a client that links to it. */
  url(path: string): string | null | undefined {
    const v = this.string(path, 2048)
    if (typeof v !== 'string') return v
    if (!/^https?:\/\/[^\s]+$/i.test(v)) return this.problem(path, `${JSON.stringify(v)} is not an http(s) URL`)
    return v
  }

  bool(path: string): boolean | null | undefined {
    const v = this.raw(path)
    if (v === undefined || v === null || typeof v === 'boolean') return v
    return this.problem(path, `${JSON.stringify(v)} is not true or false`)
  }

  oneOf<T extends string>(path: string, values: readonly T[]): T | null | undefined {
    const v = this.raw(path)
    if (v === undefined || v === null) return v
    if (typeof v !== 'string' || !values.includes(v as T)) return this.problem(path, `${JSON.stringify(v)} is not one of ${values.join(', ')}`)
    return v as T
  }

  strings(path: string): string[] | undefined {
    const v = this.raw(path)
    if (v === undefined) return undefined
    if (v === null) return []
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.length > 1000)) return this.problem(path, 'is not a list of strings')
    return v as string[]
  }

  date(path: string): FuzzyDate | undefined {
    const v = this.raw(path)
    if (v === undefined) return undefined
    const date = readFuzzyDate(v)
    return 'problem' in date ? this.problem(path, date.problem) : date
  }

  country(path: string): string | null | undefined {
    const v = this.string(path, 2)
    if (typeof v !== 'string') return v
    if (!/^[A-Za-z]{2}$/.test(v)) return this.problem(path, `${JSON.stringify(v)} is not a two-letter country code`)
    return v.toUpperCase()
  }

  /** A trailer: a video id and its site (youtube or dailymotion), with an optional thumbnail URL. */
  trailer(path: string): MediaTrailer | null | undefined {
    const v = this.raw(path)
    if (v === undefined || v === null) return v
    if (!isObject(v)) return this.problem(path, 'is not an {id, site, thumbnail} object')
    const before = this.problems.length
    const id = this.string(`${path}.id`, 200)
    const site = this.oneOf(`${path}.site`, TRAILER_SITES)
    const thumbnail = this.url(`${path}.thumbnail`)
    if (this.problems.length > before) return undefined
    if (!id || !site) return this.problem(path, 'needs both an id and a site')
    return { id, site, thumbnail: thumbnail ?? null }
  }

  /** Relations as AniList returns them: `{edges: [{relationType, node: {id}}]}`. */
  relations(path: string): MediaRelationLink[] | undefined {
    const v = this.raw(path)
    if (v === undefined) return undefined
    if (v === null) return []
    const edges = isObject(v) ? v.edges : undefined
    if (!Array.isArray(edges)) return this.problem(path, 'is not a {edges: [{relationType, node: {id}}]} object')
    const out: MediaRelationLink[] = []
    edges.forEach((edge, i) => {
      const at = `${path}.edges[${i}]`
      const relationType = isObject(edge) ? edge.relationType : undefined
      const id = isObject(edge) && isObject(edge.node) ? edge.node.id : undefined
      if (typeof relationType !== 'string' || !(MEDIA_RELATIONS as readonly string[]).includes(relationType)) this.problem(`${at}.relationType`, `${JSON.stringify(relationType)} is not one of ${MEDIA_RELATIONS.join(', ')}`)
      else if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) this.problem(`${at}.node.id`, `${JSON.stringify(id)} is not a media id`)
      else {
        // AniList's edge id, served again as MediaEdge.id; left out when the file has none.
        const edgeId = isObject(edge) && typeof edge.id === 'number' && Number.isSafeInteger(edge.id) && edge.id > 0 ? edge.id : undefined
        out.push(edgeId === undefined ? { id, relationType: relationType as MediaRelationLink['relationType'] } : { id, relationType: relationType as MediaRelationLink['relationType'], edgeId })
      }
    })
    return out
  }

  present(path: string): boolean {
    return this.raw(path) !== undefined
  }
}

const orZero = (n: number | null | undefined) => (n === null ? 0 : n)
const orFalse = (b: boolean | null | undefined) => (b === null ? false : b)

/** One item as catalog input, or the problems that keep it out. */
export function readAniListMedia(item: unknown, index: number): { input?: MediaInput; problems: string[] } {
  const id = isObject(item) && typeof item.id === 'number' ? ` (id ${item.id})` : ''
  const label = `item ${index + 1}${id}`
  if (!isObject(item)) return { problems: [`${label}: is not a Media object`] }
  const r = new ItemReader(item, label)
  const mediaId = r.int('id', 1)
  if (mediaId === undefined || mediaId === null) r.problems.push(`${label}: id: is required (AniList's media id)`)
  const type = r.oneOf('type', MEDIA_TYPES)
  if (type === undefined || type === null) {
    if (!r.present('type') || item.type === null) r.problems.push(`${label}: type: is required (ANIME or MANGA)`)
  }
  const title = { romaji: r.string('title.romaji', 1000), english: r.string('title.english', 1000), native: r.string('title.native', 1000) }
  // A work named by id and type alone updates only the fields it carries; a title given must name it.
  if (item.title !== undefined && (!isObject(item.title) || ![title.romaji, title.english, title.native].some((t) => typeof t === 'string' && t.trim() !== ''))) {
    r.problems.push(`${label}: title: needs at least one of romaji, english, native`)
  }
  const description = r.string('description', 100_000)
  const input: MediaInput = {
    id: mediaId ?? 0,
    type: type ?? 'ANIME',
    idMal: r.int('idMal', 1),
    title,
    format: r.oneOf('format', MEDIA_FORMATS),
    status: r.oneOf('status', MEDIA_STATUSES),
    description: typeof description === 'string' ? sanitizeDescription(description) : description,
    startDate: r.date('startDate'),
    endDate: r.date('endDate'),
    season: r.oneOf('season', MEDIA_SEASONS),
    seasonYear: r.int('seasonYear', 1, 9999),
    episodes: r.int('episodes', 0),
    duration: r.int('duration', 0),
    chapters: r.int('chapters', 0),
    volumes: r.int('volumes', 0),
    countryOfOrigin: r.country('countryOfOrigin'),
    source: r.oneOf('source', MEDIA_SOURCES),
    isLicensed: r.bool('isLicensed'),
    hashtag: r.string('hashtag', 1000),
    coverImage: { extraLarge: r.url('coverImage.extraLarge'), large: r.url('coverImage.large'), medium: r.url('coverImage.medium'), color: r.string('coverImage.color', 32) },
    bannerImage: r.url('bannerImage'),
    trailer: r.trailer('trailer'),
    genres: r.strings('genres'),
    synonyms: r.strings('synonyms'),
    relations: r.relations('relations'),
    averageScore: r.int('averageScore', 0, 100),
    meanScore: r.int('meanScore', 0, 100),
    popularity: orZero(r.int('popularity', 0)),
    favourites: orZero(r.int('favourites', 0)),
    trending: orZero(r.int('trending', 0)),
    isAdult: orFalse(r.bool('isAdult')),
    isLocked: orFalse(r.bool('isLocked')),
    isFavouriteBlocked: orFalse(r.bool('isFavouriteBlocked')),
    isRecommendationBlocked: orFalse(r.bool('isRecommendationBlocked')),
    isReviewBlocked: orFalse(r.bool('isReviewBlocked')),
    updatedAt: r.int('updatedAt', 0) ?? undefined,
  }
  if (isObject(item.coverImage) === false && item.coverImage !== undefined && item.coverImage !== null) r.problems.push(`${label}: coverImage: is not an object`)
  return r.problems.length > 0 ? { problems: r.problems } : { input, problems: [] }
}

/** A parsed import file: the media rows, what each work carries beside its row, and studios on their own. */
export interface AniListFile {
  media: MediaInput[]
  extras: MediaExtras[]
  studios: StudioInput[]
  /** Works linked from a studio's side (a Page.studios response's `media`), for works in the catalog or in this file. */
  studioLinks: StudioMediaLink[]
}

/**
 * Every media (or, for a saved `Page.studios` response, every studio) in a file's text, checked;
 * throws ImportError listing each problem by item and field.
 */
export function parseAniListFile(text: string): AniListFile {
  return readAniListFile(parseImportJson(text))
}

/** The same, for a document already parsed (a file read once for both the catalog's and the people's parts). */
export function readAniListFile(document: unknown): AniListFile {
  const page = isObject(document) && isObject(document.data) && isObject(document.data.Page) ? document.data.Page : null
  if (page && Array.isArray(page.studios) && !Array.isArray(page.media)) return readStudiosPage(page.studios)
  const items = mediaListOf(document)
  const out: AniListFile = { media: [], extras: [], studios: [], studioLinks: [] }
  const problems: string[] = []
  items.forEach((item, index) => {
    const read = readAniListMedia(item, index)
    problems.push(...read.problems)
    if (!read.input || !isObject(item)) return
    out.media.push(read.input)
    const extraProblems: string[] = []
    const extras = readMediaExtras(item, read.input.id, `item ${index + 1} (id ${read.input.id})`, extraProblems)
    problems.push(...extraProblems)
    if (hasExtras(extras)) out.extras.push(extras)
  })
  if (problems.length > 0) throw new ImportError(problems)
  return out
}

/**
 * A saved Page.studios response: its studios, and each studio's `media` as links; a work given as a
 * whole Media object (with a title) is imported too, one named only by id links if the catalog has it.
 */
function readStudiosPage(items: readonly unknown[]): AniListFile {
  const problems: string[] = []
  const studios = readStudioList(items, problems)
  const media: MediaInput[] = []
  const studioLinks: StudioMediaLink[] = []
  items.forEach((item, i) => {
    const studio = studios.find((s) => isObject(item) && s.id === item.id)
    if (!studio || !isObject(item) || !isObject(item.media)) return
    const edges = Array.isArray(item.media.edges) ? item.media.edges : Array.isArray(item.media.nodes) ? item.media.nodes.map((node) => ({ node })) : []
    edges.forEach((edge: unknown, j: number) => {
      const node = isObject(edge) ? edge.node : undefined
      if (!isObject(node) || typeof node.id !== 'number' || !Number.isSafeInteger(node.id) || node.id < 1) {
        problems.push(`studio ${i + 1}: media[${j}]: is not a Media object with an id`)
        return
      }
      if (node.title !== undefined) {
        const read = readAniListMedia(node, j)
        problems.push(...read.problems.map((p) => `studio ${i + 1}: media ${p}`))
        if (read.input) media.push(read.input)
      }
      studioLinks.push({ studioId: studio.id, mediaId: node.id, isMain: isObject(edge) && edge.isMainStudio === true })
    })
  })
  if (problems.length > 0) throw new ImportError(problems)
  return { media, extras: [], studios, studioLinks }
}

/** Every media row in a file's text, checked (what the works carry beside their rows is checked too, and left out). */
export function parseAniListMediaFile(text: string): MediaInput[] {
  return parseAniListFile(text).media
}
