/**
 * The demo catalog's facts (src/demo/world/catalog-facts.json) hold together: one AniList-shaped entry
 * per built-in work with the same id and type, relations only between works of the catalog and paired
 * both ways as AniList pairs them, AniList's enum values, one name per studio id and one wording per
 * tag id, and descriptions in the small HTML AniList uses.
 */
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SEED_ANIME } from '../../src/catalog/seed/anime.js'
import { SEED_MANGA } from '../../src/catalog/seed/manga.js'
import { SEED_MEDIA_STUDIOS, SEED_STUDIOS } from '../../src/catalog/seed/studios.js'
import { MEDIA_RELATIONS, MEDIA_TYPES, type MediaRelation, type MediaType } from '../../src/catalog/media.js'

interface Edge<N> {
  node: N
}
interface FactsMedia {
  id: number
  type: MediaType
  description: string
  studios?: { edges: Array<Edge<{ id: number; name: string; isAnimationStudio: boolean }> & { isMain: boolean }> }
  tags: Array<{ id: number; name: string; rank: number; isMediaSpoiler: boolean; category: string; description: string; isGeneralSpoiler: boolean; isAdult: boolean }>
  relations: { edges: Array<Edge<{ id: number; type: MediaType }> & { relationType: MediaRelation }> }
  coverImage?: { color: string }
  averageScore?: number
  meanScore?: number
  popularity?: number
  favourites?: number
  trailer?: { id: string; site: string }
}

const FACTS: FactsMedia[] = JSON.parse(fs.readFileSync(new URL('../../src/demo/world/catalog-facts.json', import.meta.url), 'utf8'))
const CATALOG = new Map<number, { type: MediaType; relations: Array<[number, MediaRelation]> }>([
  ...SEED_ANIME.map((e) => [e.id, { type: 'ANIME' as const, relations: e.relations ?? [] }] as const),
  ...SEED_MANGA.map((e) => [e.id, { type: 'MANGA' as const, relations: e.relations ?? [] }] as const),
])
const byId = new Map(FACTS.map((m) => [m.id, m]))

// How AniList answers a relation from the other side: a sequel's prequel, a side story's parent…
const INVERSES: Record<MediaRelation, readonly MediaRelation[]> = {
  SEQUEL: ['PREQUEL'],
  PREQUEL: ['SEQUEL'],
  SIDE_STORY: ['PARENT'],
  SPIN_OFF: ['PARENT'],
  SUMMARY: ['PARENT'],
  PARENT: ['SIDE_STORY', 'SPIN_OFF', 'SUMMARY'],
  ADAPTATION: ['SOURCE'],
  SOURCE: ['ADAPTATION'],
  ALTERNATIVE: ['ALTERNATIVE'],
  CHARACTER: ['CHARACTER'],
  OTHER: ['OTHER'],
  COMPILATION: ['CONTAINS'],
  CONTAINS: ['COMPILATION'],
}

describe('the demo catalog facts', () => {
  it('hold exactly one entry for every built-in work, with its id and type', () => {
    expect(CATALOG.size).toBe(86)
    expect(FACTS).toHaveLength(CATALOG.size)
    expect(byId.size).toBe(FACTS.length)
    for (const m of FACTS) {
      expect(CATALOG.get(m.id)?.type, `media ${m.id}`).toBe(m.type)
      expect(MEDIA_TYPES).toContain(m.type)
    }
  })

  it('relate only works of the catalog, with AniList relation types, paired both ways', () => {
    for (const m of FACTS) {
      const targets = m.relations.edges.map((e) => e.node.id)
      expect(new Set(targets).size, `media ${m.id} names a work twice`).toBe(targets.length)
      for (const edge of m.relations.edges) {
        const where = `${m.id} -${edge.relationType}-> ${edge.node.id}`
        expect(MEDIA_RELATIONS, where).toContain(edge.relationType)
        expect(edge.node.id, where).not.toBe(m.id)
        const target = byId.get(edge.node.id)
        expect(target, where).toBeDefined()
        expect(edge.node.type, where).toBe(target!.type)
        const back = target!.relations.edges.find((e) => e.node.id === m.id)
        expect(back, `${where} has no way back`).toBeDefined()
        expect(INVERSES[edge.relationType], where).toContain(back!.relationType)
        // An adaptation crosses media: an anime of a manga, never a manga of a manga here.
        if (edge.relationType === 'ADAPTATION' || edge.relationType === 'SOURCE') expect(edge.node.type, where).not.toBe(m.type)
      }
    }
  })

  it('agree with the relations the built-in catalog itself records', () => {
    for (const [id, work] of CATALOG) {
      for (const [target, relationType] of work.relations) {
        expect(byId.get(id)!.relations.edges, `${id} -${relationType}-> ${target}`).toContainEqual({ relationType, node: { id: target, type: CATALOG.get(target)!.type } })
      }
    }
  })

  it('give one name to each studio id and one id to each name; manga have no studios', () => {
    const names = new Map<number, string>()
    const ids = new Map<string, number>()
    for (const m of FACTS) {
      if (m.type === 'MANGA') {
        expect(m.studios, `manga ${m.id}`).toBeUndefined()
        continue
      }
      expect(m.studios!.edges.length, `anime ${m.id}`).toBeGreaterThan(0)
      expect(m.studios!.edges.some((e) => e.isMain && e.node.isAnimationStudio), `anime ${m.id} has a main animation studio`).toBe(true)
      // A producer is never the main studio here: isMain goes with the studios that animated the work.
      for (const edge of m.studios!.edges) expect(edge.isMain, `anime ${m.id} ${edge.node.name}`).toBe(edge.node.isAnimationStudio)
      for (const { node } of m.studios!.edges) {
        expect(Number.isInteger(node.id) && node.id > 0).toBe(true)
        expect(names.get(node.id) ?? node.name, `studio ${node.id}`).toBe(node.name)
        expect(ids.get(node.name) ?? node.id, `studio ${node.name}`).toBe(node.id)
        names.set(node.id, node.name)
        ids.set(node.name, node.id)
      }
    }
  })

  it('agree with the built-in catalog’s own studios: the same ids, names and main studios', () => {
    for (const [mediaId, studioIds] of SEED_MEDIA_STUDIOS) {
      const main = byId.get(mediaId)!.studios!.edges.filter((e) => e.isMain).map((e) => e.node.id)
      expect(main, `anime ${mediaId}`).toEqual(expect.arrayContaining([...studioIds]))
    }
    for (const m of FACTS) {
      for (const { node } of m.studios?.edges ?? []) {
        if (SEED_STUDIOS[node.id] !== undefined) expect(node.name, `studio ${node.id}`).toBe(SEED_STUDIOS[node.id])
        // A studio the built-in catalog knows under AniList's id is never given a local id here.
        expect(Object.values(SEED_STUDIOS).includes(node.name) && SEED_STUDIOS[node.id] === undefined, `studio ${node.name} ${node.id}`).toBe(false)
      }
    }
  })

  it('draw 4 to 10 tags per work from one vocabulary: the same tag id always reads the same', () => {
    const vocabulary = new Map<number, string>()
    const idsByName = new Map<string, number>()
    for (const m of FACTS) {
      expect(m.tags.length, `media ${m.id}`).toBeGreaterThanOrEqual(4)
      expect(m.tags.length, `media ${m.id}`).toBeLessThanOrEqual(10)
      expect(new Set(m.tags.map((t) => t.id)).size, `media ${m.id} repeats a tag`).toBe(m.tags.length)
      for (const tag of m.tags) {
        expect(Number.isInteger(tag.rank) && tag.rank >= 0 && tag.rank <= 100, `${m.id} ${tag.name} rank`).toBe(true)
        expect(typeof tag.isMediaSpoiler).toBe('boolean')
        expect(tag.description.length, tag.name).toBeGreaterThan(0)
        const { rank: _rank, isMediaSpoiler: _spoiler, ...shared } = tag
        const key = JSON.stringify(shared)
        expect(vocabulary.get(tag.id) ?? key, `tag ${tag.id}`).toBe(key)
        expect(idsByName.get(tag.name) ?? tag.id, `tag ${tag.name}`).toBe(tag.id)
        vocabulary.set(tag.id, key)
        idsByName.set(tag.name, tag.id)
      }
    }
  })

  it('describe every work in 1 to 1,500 characters of plain text, <br> and <i>', () => {
    for (const m of FACTS) {
      expect(m.description.trim().length, `media ${m.id}`).toBeGreaterThan(0)
      expect(m.description.length, `media ${m.id}`).toBeLessThanOrEqual(1500)
      const rest = m.description.replace(/<br\s*\/?>|<\/?i>/g, '')
      expect(rest, `media ${m.id}: HTML other than <br> and <i>`).not.toMatch(/[<>]/)
    }
    // No two works share a synopsis: each was written for its own work.
    expect(new Set(FACTS.map((m) => m.description)).size).toBe(FACTS.length)
  })

  it('keep scores, counts, colours and trailers in range where they are given', () => {
    for (const m of FACTS) {
      for (const score of [m.averageScore, m.meanScore]) if (score !== undefined) expect(Number.isInteger(score) && score >= 0 && score <= 100, `media ${m.id}`).toBe(true)
      for (const count of [m.popularity, m.favourites]) if (count !== undefined) expect(Number.isInteger(count) && count >= 0, `media ${m.id}`).toBe(true)
      if (m.coverImage) expect(m.coverImage.color, `media ${m.id}`).toMatch(/^#[0-9a-f]{6}$/)
      if (m.trailer) expect(['youtube', 'dailymotion']).toContain(m.trailer.site)
    }
  })
})
