/**
 * A work's external links (official sites, streaming services, social accounts) and its streaming
 * episodes: the only module that reads or writes `media_external_links` and
 * `media_streaming_episodes`. Both are replaced as whole lists, in AniList's order, when they changed.
 * The licensedBy filters of Media are built here, as they read the links.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import { NOTHING, present, type List, type Maybe } from '../query/filters.js'
import { bit, bool, chunks, sameRows } from './link-rows.js'

type Db = Kysely<Tables> | Transaction<Tables>

export const EXTERNAL_LINK_TYPES = ['INFO', 'STREAMING', 'SOCIAL'] as const
export type ExternalLinkType = (typeof EXTERNAL_LINK_TYPES)[number]

export interface ExternalLink {
  /** AniList's link id. */
  id: number
  url: string | null
  site: string
  siteId: number | null
  type: ExternalLinkType | null
  language: string | null
  color: string | null
  icon: string | null
  notes: string | null
  isDisabled: boolean
}

export interface StreamingEpisode {
  title: string | null
  thumbnail: string | null
  url: string | null
  site: string | null
}

/** Replaces a work's links with this list (in order); returns whether anything changed. A link id given by another work moves here. */
export async function setMediaExternalLinks(db: Db, mediaId: number, links: readonly ExternalLink[]): Promise<boolean> {
  const seen = new Set<number>()
  const wanted = links
    .filter((l) => !seen.has(l.id) && seen.add(l.id))
    .map((l, position) => ({
      id: l.id, url: l.url, site: l.site, site_key: l.site.toLowerCase(), site_id: l.siteId, type: l.type, language: l.language,
      color: l.color, icon: l.icon, notes: l.notes, is_disabled: bit(l.isDisabled), position,
    }))
  const stored = await db.selectFrom('media_external_links').select(['id', 'url', 'site', 'site_key', 'site_id', 'type', 'language', 'color', 'icon', 'notes', 'is_disabled', 'position']).where('media_id', '=', mediaId).orderBy('position').execute()
  if (sameRows(stored, wanted)) return false
  await db.deleteFrom('media_external_links').where('media_id', '=', mediaId).execute()
  if (wanted.length > 0) {
    await db.deleteFrom('media_external_links').where('id', 'in', wanted.map((w) => w.id)).execute()
    await db.insertInto('media_external_links').values(wanted.map((w) => ({ media_id: mediaId, ...w }))).execute()
  }
  return true
}

/** Replaces a work's streaming episodes with this list (in order); returns whether anything changed. */
export async function setMediaStreamingEpisodes(db: Db, mediaId: number, episodes: readonly StreamingEpisode[]): Promise<boolean> {
  const wanted = episodes.map((e, position) => ({ position, title: e.title, thumbnail: e.thumbnail, url: e.url, site: e.site }))
  const stored = await db.selectFrom('media_streaming_episodes').select(['position', 'title', 'thumbnail', 'url', 'site']).where('media_id', '=', mediaId).orderBy('position').execute()
  if (sameRows(stored, wanted)) return false
  await db.deleteFrom('media_streaming_episodes').where('media_id', '=', mediaId).execute()
  // In slices: a long-running series can have hundreds of episodes, each row six parameters.
  for (let start = 0; start < wanted.length; start += 100) {
    await db.insertInto('media_streaming_episodes').values(wanted.slice(start, start + 100).map((w) => ({ media_id: mediaId, ...w }))).execute()
  }
  return true
}

interface LinkRow {
  id: number
  url: string | null
  site: string
  site_id: number | null
  type: string | null
  language: string | null
  color: string | null
  icon: string | null
  notes: string | null
  is_disabled: number
}

const toLink = (row: LinkRow): ExternalLink => ({
  id: row.id, url: row.url, site: row.site, siteId: row.site_id, type: row.type as ExternalLinkType | null, language: row.language,
  color: row.color, icon: row.icon, notes: row.notes, isDisabled: bool(row.is_disabled),
})

const LINK_COLUMNS = ['media_id', 'id', 'url', 'site', 'site_id', 'type', 'language', 'color', 'icon', 'notes', 'is_disabled'] as const

/** Each work's links in order (an empty list for none), for many works in one query per 500. */
export async function externalLinksOfMedia(db: Db, mediaIds: readonly number[]): Promise<Map<number, ExternalLink[]>> {
  const out = new Map<number, ExternalLink[]>(mediaIds.map((id) => [id, []]))
  for (const chunk of chunks(mediaIds)) {
    const rows = await db.selectFrom('media_external_links').select(LINK_COLUMNS).where('media_id', 'in', chunk).orderBy('media_id').orderBy('position').execute()
    for (const row of rows) out.get(row.media_id)!.push(toLink(row))
  }
  return out
}

/** Each work's streaming episodes in order, for many works in one query per 500. */
export async function streamingEpisodesOfMedia(db: Db, mediaIds: readonly number[]): Promise<Map<number, StreamingEpisode[]>> {
  const out = new Map<number, StreamingEpisode[]>(mediaIds.map((id) => [id, []]))
  for (const chunk of chunks(mediaIds)) {
    const rows = await db.selectFrom('media_streaming_episodes').select(['media_id', 'title', 'thumbnail', 'url', 'site']).where('media_id', 'in', chunk).orderBy('media_id').orderBy('position').execute()
    for (const { media_id, ...episode } of rows) out.get(media_id)!.push(episode)
  }
  return out
}

/** ExternalLinkSourceCollection's arguments. */
export interface LinkSourceFilter {
  id?: number | null
  type?: string | null
  /** ANIME or MANGA: the sites linked from works of that type; STAFF: none, as staff have no links here. */
  mediaType?: string | null
}

/**
 * The sites the catalog's links point at, one per site (AniList's link sources): the site's own id
 * stands as the source's id, its url left out; by site name. A site without an id is not a source.
 */
export async function externalLinkSources(db: Db, filter: LinkSourceFilter): Promise<ExternalLink[]> {
  if (filter.mediaType === 'STAFF') return []
  let query = db.selectFrom('media_external_links as l').select(['l.site_id', 'l.site', 'l.type', 'l.language', 'l.color', 'l.icon']).where('l.site_id', 'is not', null)
  if (typeof filter.id === 'number') query = query.where('l.site_id', '=', filter.id)
  if (typeof filter.type === 'string') query = query.where('l.type', '=', filter.type)
  if (typeof filter.mediaType === 'string') query = query.where(sql<SqlBool>`exists (select 1 from media m where m.id = l.media_id and m.type = ${filter.mediaType})`)
  const rows = await query.orderBy('l.site').orderBy('l.site_id').orderBy('l.id').execute()
  const bySite = new Map<number, ExternalLink>()
  for (const row of rows) {
    if (bySite.has(row.site_id!)) continue
    bySite.set(row.site_id!, {
      id: row.site_id!, url: null, site: row.site, siteId: row.site_id, type: row.type as ExternalLinkType | null, language: row.language,
      color: row.color, icon: row.icon, notes: null, isDisabled: false,
    })
  }
  return [...bySite.values()]
}

/** The licensing arguments of AniList's Media filter. */
export interface LicenseFilter {
  licensedBy?: Maybe<string>
  licensedBy_in?: List<string>
  licensedById?: Maybe<number>
  licensedById_in?: List<number>
}

function streamedOn(match: Expression<SqlBool>): Expression<SqlBool> {
  // From the sites named (their index) to the works, not from every work to its links.
  return sql<SqlBool>`media.id in (select l.media_id from media_external_links l where l.type = 'STREAMING' and ${match})`
}

/**
 * The conditions the licensing arguments put on `media`: AniList counts a work as licensed by a site
 * when it has a STREAMING link to it. Sites match by name regardless of case, or by site id; an `_in`
 * list is any of its sites, an empty one nothing.
 */
export function licenseConditions(filter: LicenseFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = []
  if (typeof filter.licensedBy === 'string') out.push(streamedOn(sql<SqlBool>`l.site_key = ${filter.licensedBy.toLowerCase()}`))
  if (filter.licensedBy_in) {
    const sites = present(filter.licensedBy_in).map((s) => s.toLowerCase())
    out.push(sites.length === 0 ? NOTHING : streamedOn(sql<SqlBool>`l.site_key in (${sql.join(sites)})`))
  }
  if (typeof filter.licensedById === 'number') out.push(streamedOn(sql<SqlBool>`l.site_id = ${filter.licensedById}`))
  if (filter.licensedById_in) {
    const ids = present(filter.licensedById_in)
    out.push(ids.length === 0 ? NOTHING : streamedOn(sql<SqlBool>`l.site_id in (${sql.join(ids)})`))
  }
  return out
}
