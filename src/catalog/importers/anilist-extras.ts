/**
 * The parts of an AniList-shaped Media object that live beside the media row: studios, tags,
 * externalLinks, streamingEpisodes, airingSchedule and nextAiringEpisode; and the studios of a saved
 * `Page.studios` response. Each part is read as AniList's API returns it (connections as `edges` or
 * `nodes`); a part left out is undefined, so that the stored one is kept.
 */
import type { MediaExtras } from '../media-extras.js'
import type { StudioInput } from '../studios.js'
import type { TagInput } from '../tags.js'
import { EXTERNAL_LINK_TYPES, type ExternalLink, type StreamingEpisode } from '../external-links.js'

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The largest value of a GraphQL Int: ids and times beyond it could not be served. */
const MAX_INT = 2_147_483_647

/** Reads values under a label, collecting what is wrong with them. */
class PartReader {
  constructor(readonly problems: string[], private readonly label: string) {}

  problem(path: string, message: string): undefined {
    this.problems.push(`${this.label}: ${path}: ${message}`)
    return undefined
  }

  int(value: unknown, path: string, min: number, optional = false): number | null | undefined {
    if ((value === undefined || value === null) && optional) return null
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > MAX_INT) return this.problem(path, `${JSON.stringify(value)} is not an integer from ${min}`)
    return value
  }

  text(value: unknown, path: string, max = 2000): string | null | undefined {
    if (value === undefined || value === null) return null
    if (typeof value !== 'string' || value.length > max) return this.problem(path, `${JSON.stringify(value)} is not a string of at most ${max} characters`)
    return value
  }

  url(value: unknown, path: string): string | null | undefined {
    const v = this.text(value, path, 2048)
    if (typeof v === 'string' && !/^https?:\/\/[^\s]+$/i.test(v)) return this.problem(path, `${JSON.stringify(v)} is not an http(s) URL`)
    return v
  }

  bool(value: unknown, path: string): boolean | undefined {
    if (value === undefined || value === null) return false
    if (typeof value !== 'boolean') return this.problem(path, `${JSON.stringify(value)} is not true or false`)
    return value
  }

  list(value: unknown, path: string): unknown[] | undefined {
    if (value === null) return []
    if (!Array.isArray(value)) return this.problem(path, 'is not a list')
    return value
  }

  /** A connection's items: `edges` (each with its node) or, without edges, `nodes` (as edges with only a node). */
  connection(value: unknown, path: string): Array<{ edge: Json; node: unknown; at: string }> | undefined {
    if (value === null) return []
    if (!isObject(value)) return this.problem(path, 'is not an {edges} or {nodes} object')
    if (Array.isArray(value.edges)) return value.edges.map((edge, i) => ({ edge: isObject(edge) ? edge : {}, node: isObject(edge) ? edge.node : undefined, at: `${path}.edges[${i}]` }))
    if (Array.isArray(value.nodes)) return value.nodes.map((node, i) => ({ edge: {}, node, at: `${path}.nodes[${i}]` }))
    return this.problem(path, 'has neither edges nor nodes')
  }
}

function readStudio(r: PartReader, node: unknown, at: string): StudioInput | undefined {
  if (!isObject(node)) return r.problem(at, 'is not a Studio object')
  const id = r.int(node.id, `${at}.id`, 1)
  const name = r.text(node.name, `${at}.name`, 500)
  if (typeof id !== 'number') return undefined
  const out: StudioInput = { id }
  if (typeof name === 'string') out.name = name
  if (node.isAnimationStudio !== undefined) out.isAnimationStudio = r.bool(node.isAnimationStudio, `${at}.isAnimationStudio`)
  return out
}

function readTag(r: PartReader, item: unknown, at: string): { tag: TagInput; rank: number | null; isMediaSpoiler: boolean } | undefined {
  if (!isObject(item)) return r.problem(at, 'is not a MediaTag object')
  const id = r.int(item.id, `${at}.id`, 1)
  const name = r.text(item.name, `${at}.name`, 200)
  const rank = r.int(item.rank, `${at}.rank`, 0, true)
  if (typeof rank === 'number' && rank > 100) return r.problem(`${at}.rank`, `${rank} is more than 100`)
  if (typeof id !== 'number' || rank === undefined) return undefined
  const tag: TagInput = { id }
  if (typeof name === 'string') tag.name = name
  if (item.description !== undefined) tag.description = r.text(item.description, `${at}.description`, 5000) ?? null
  if (item.category !== undefined) tag.category = r.text(item.category, `${at}.category`, 200) ?? null
  if (item.isGeneralSpoiler !== undefined) tag.isGeneralSpoiler = r.bool(item.isGeneralSpoiler, `${at}.isGeneralSpoiler`)
  if (item.isAdult !== undefined) tag.isAdult = r.bool(item.isAdult, `${at}.isAdult`)
  return { tag, rank, isMediaSpoiler: r.bool(item.isMediaSpoiler, `${at}.isMediaSpoiler`) ?? false }
}

function readLink(r: PartReader, item: unknown, at: string): ExternalLink | undefined {
  if (!isObject(item)) return r.problem(at, 'is not a MediaExternalLink object')
  const id = r.int(item.id, `${at}.id`, 1)
  const site = r.text(item.site, `${at}.site`, 200)
  if (!site) r.problem(`${at}.site`, 'is required')
  const type = item.type === undefined || item.type === null ? null : (EXTERNAL_LINK_TYPES as readonly unknown[]).includes(item.type) ? (item.type as ExternalLink['type']) : r.problem(`${at}.type`, `${JSON.stringify(item.type)} is not one of ${EXTERNAL_LINK_TYPES.join(', ')}`)
  const link = {
    id, site, type,
    url: r.url(item.url, `${at}.url`),
    siteId: r.int(item.siteId, `${at}.siteId`, 0, true),
    language: r.text(item.language, `${at}.language`, 100),
    color: r.text(item.color, `${at}.color`, 32),
    icon: r.url(item.icon, `${at}.icon`),
    notes: r.text(item.notes, `${at}.notes`, 1000),
    isDisabled: r.bool(item.isDisabled, `${at}.isDisabled`),
  }
  if (Object.values(link).some((v) => v === undefined) || !site) return undefined
  return link as ExternalLink
}

function readEpisode(r: PartReader, item: unknown, at: string): StreamingEpisode | undefined {
  if (!isObject(item)) return r.problem(at, 'is not a MediaStreamingEpisode object')
  const episode = { title: r.text(item.title, `${at}.title`, 1000), thumbnail: r.url(item.thumbnail, `${at}.thumbnail`), url: r.url(item.url, `${at}.url`), site: r.text(item.site, `${at}.site`, 200) }
  return Object.values(episode).some((v) => v === undefined) ? undefined : (episode as StreamingEpisode)
}

function readAiring(r: PartReader, node: unknown, at: string): { id: number; episode: number; airingAt: number } | undefined {
  if (!isObject(node)) return r.problem(at, 'is not an AiringSchedule object')
  const id = r.int(node.id, `${at}.id`, 1)
  const episode = r.int(node.episode, `${at}.episode`, 0)
  const airingAt = r.int(node.airingAt, `${at}.airingAt`, 0)
  return typeof id === 'number' && typeof episode === 'number' && typeof airingAt === 'number' ? { id, episode, airingAt } : undefined
}

const defined = <T>(values: Array<T | undefined>): T[] => values.filter((v): v is T => v !== undefined)

/** The extras of one Media object; `problems` gathers what is wrong under the item's label. */
export function readMediaExtras(item: Json, mediaId: number, label: string, problems: string[]): MediaExtras {
  const r = new PartReader(problems, label)
  const extras: MediaExtras = { mediaId }
  if (item.studios !== undefined) {
    const items = r.connection(item.studios, 'studios')
    if (items) {
      extras.studios = defined(items.map(({ edge, node, at }) => {
        const studio = readStudio(r, node, `${at}${at.includes('.edges[') ? '.node' : ''}`)
        const isMain = r.bool(edge.isMain, `${at}.isMain`)
        return studio && isMain !== undefined ? { studio, isMain } : undefined
      }))
    }
  }
  if (item.tags !== undefined) {
    const list = r.list(item.tags, 'tags')
    if (list) extras.tags = defined(list.map((t, i) => readTag(r, t, `tags[${i}]`)))
  }
  if (item.externalLinks !== undefined) {
    const list = r.list(item.externalLinks, 'externalLinks')
    if (list) extras.externalLinks = defined(list.map((l, i) => readLink(r, l, `externalLinks[${i}]`)))
  }
  if (item.streamingEpisodes !== undefined) {
    const list = r.list(item.streamingEpisodes, 'streamingEpisodes')
    if (list) extras.streamingEpisodes = defined(list.map((e, i) => readEpisode(r, e, `streamingEpisodes[${i}]`)))
  }
  const airing: Array<{ id: number; episode: number; airingAt: number }> = []
  if (item.airingSchedule !== undefined) {
    const items = r.connection(item.airingSchedule, 'airingSchedule')
    if (items) airing.push(...defined(items.map(({ node, at }) => readAiring(r, node, `${at}${at.includes('.edges[') ? '.node' : ''}`))))
  }
  if (item.nextAiringEpisode !== undefined && item.nextAiringEpisode !== null) {
    const next = readAiring(r, item.nextAiringEpisode, 'nextAiringEpisode')
    if (next) airing.push(next)
  }
  if (airing.length > 0) extras.airing = airing
  return extras
}

/** True when the extras carry any part, so that writing them can change something. */
export function hasExtras(extras: MediaExtras): boolean {
  return Object.keys(extras).some((k) => k !== 'mediaId')
}

/** The studios of a saved `Page.studios` response (each a Studio object with its name). */
export function readStudioList(items: readonly unknown[], problems: string[]): StudioInput[] {
  const out: StudioInput[] = []
  items.forEach((item, i) => {
    const r = new PartReader(problems, `studio ${i + 1}`)
    const studio = readStudio(r, item, 'studio')
    if (studio && studio.name === undefined) r.problem('name', 'is required')
    else if (studio) out.push(studio)
  })
  return out
}
