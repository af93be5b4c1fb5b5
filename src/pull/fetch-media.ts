/**
 * Asks a remote for up to 50 works by id, then for each work its cast, staff and airing schedule,
 * page by page until each part ends, and hands back the works whole: each with every character,
 * staff member and airing in one list, as a saved AniList file would hold them (the importer
 * replaces a cast with what it is given, so it must be given all of it).
 */
import { dubAlias, MEDIA_BY_IDS, mediaPageQuery } from './queries.js'
import { RemoteError, type RemoteClient } from './remote.js'

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The parts AniList pages, and the list each keeps its items in. */
const PAGED = [
  { field: 'characters', list: 'edges' },
  { field: 'staff', list: 'edges' },
  { field: 'airingSchedule', list: 'nodes' },
] as const

/** A work with thousands of staff is real (long-running series); one with more pages than this is a remote that never stops. */
const MAX_PAGES = 400

export const BATCH_SIZE = 50

/**
 * The batch and page sizes a pull asks for: AniList's largest to start with, halved for the rest of
 * the pull whenever the remote finds a query too costly (AniList's complexity limit counts nested
 * lists, so a work-heavy batch can fail where a smaller one passes).
 */
export interface Sizes {
  batch: number
  perPage: number
}

export const fullSizes = (): Sizes => ({ batch: BATCH_SIZE, perPage: 25 })

function hasNextPage(part: unknown): boolean {
  return isObject(part) && isObject(part.pageInfo) && part.pageInfo.hasNextPage === true
}

/** The works of one batch, in the order the remote gave them, with the voice actors of `languages`. */
export async function fetchMediaBatch(remote: RemoteClient, ids: readonly number[], languages: readonly string[] = ['JAPANESE'], sizes: Sizes = fullSizes()): Promise<Json[]> {
  if (ids.length > BATCH_SIZE) throw new Error(`a batch holds at most ${BATCH_SIZE} ids`)
  const works: Json[] = []
  for (let start = 0; start < ids.length; ) {
    // Read the size before the call: a refusal inside it shrinks the size for the chunks after.
    const chunk = ids.slice(start, start + sizes.batch)
    works.push(...(await fetchWorks(remote, chunk, sizes)))
    start += chunk.length
  }
  const query = mediaPageQuery(languages)
  for (const work of works) {
    await fetchPagedParts(remote, work, query, sizes)
    mergeDubs(work, languages)
  }
  return works
}

/** The works' own fields; a batch the remote finds too costly is asked again in halves. */
async function fetchWorks(remote: RemoteClient, ids: readonly number[], sizes: Sizes): Promise<Json[]> {
  let data: { Page?: { media?: unknown } }
  try {
    data = await remote.query<{ Page?: { media?: unknown } }>(MEDIA_BY_IDS, { ids })
  } catch (error) {
    if (!(error instanceof RemoteError) || !error.tooComplex || ids.length === 1) throw error
    const half = Math.ceil(ids.length / 2)
    sizes.batch = Math.min(sizes.batch, half)
    const first = await fetchWorks(remote, ids.slice(0, half), sizes)
    return [...first, ...(await fetchWorks(remote, ids.slice(half), sizes))]
  }
  const media = data.Page?.media
  if (!Array.isArray(media)) throw new RemoteError(`${remote.endpoint} answered Page.media without a list of media`)
  return media.filter(isObject)
}

/** Each character's voice actors, asked language by language, as the one voiceActorRoles list the importer reads. */
function mergeDubs(work: Json, languages: readonly string[]): void {
  const cast = work.characters
  if (!isObject(cast) || !Array.isArray(cast.edges)) return
  for (const edge of cast.edges) {
    if (!isObject(edge)) continue
    edge.voiceActorRoles = languages.flatMap((language) => {
      const roles = edge[dubAlias(language)]
      delete edge[dubAlias(language)]
      return Array.isArray(roles) ? roles : []
    })
  }
}

/** Gathers every page of `work`'s paged parts into one list each, without the page markers. */
async function fetchPagedParts(remote: RemoteClient, work: Json, query: string, sizes: Sizes): Promise<void> {
  let open: Array<(typeof PAGED)[number]> = [...PAGED]
  for (const p of PAGED) delete work[p.field]
  for (let page = 1; open.length > 0; page++) {
    if (page > MAX_PAGES) throw new RemoteError(`${remote.endpoint} kept announcing more pages of media ${String(work.id)} after ${MAX_PAGES}`)
    let data: { Media?: unknown }
    try {
      data = await remote.query<{ Media?: unknown }>(query, { id: work.id, page, perPage: sizes.perPage })
    } catch (error) {
      if (!(error instanceof RemoteError) || !error.tooComplex || sizes.perPage === 1) throw error
      // Pages of another size do not line up with those already read: the work starts over, smaller.
      sizes.perPage = Math.ceil(sizes.perPage / 2)
      return fetchPagedParts(remote, work, query, sizes)
    }
    // A work gone between the two requests: its parts unknown, it must not be stored with none.
    if (!isObject(data.Media)) throw new RemoteError(`${remote.endpoint} no longer answers media ${String(work.id)}: pull again`)
    const more = data.Media
    open = open.filter((p) => {
      const part = more[p.field]
      const items = isObject(part) && Array.isArray(part[p.list]) ? (part[p.list] as unknown[]) : []
      const mine = (work[p.field] ??= { [p.list]: [] }) as Json
      mine[p.list] = [...((mine[p.list] as unknown[] | undefined) ?? []), ...items]
      // An empty page ends the part even if the remote says otherwise.
      return items.length > 0 && hasNextPage(part)
    })
  }
}

/** The ids a work's relations point at. */
export function relatedIds(work: Json): number[] {
  const relations = work.relations
  const edges = isObject(relations) && Array.isArray(relations.edges) ? relations.edges : []
  return edges.flatMap((edge) => {
    const id = isObject(edge) && isObject(edge.node) ? edge.node.id : undefined
    return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? [id] : []
  })
}
