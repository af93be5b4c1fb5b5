/**
 * The demo world's casts (src/demo/world/casts.json): AniList-shaped Media objects that `kiroku import`
 * reads. These checks keep the hand-written file honest: every work is one of the built-in catalog's,
 * every title on a demo user's list has its cast, a person or character is the same everywhere they
 * appear, and the enum-like fields hold only the values AniList uses.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SEED_ANIME } from '../../src/catalog/seed/anime.js'
import { SEED_MANGA } from '../../src/catalog/seed/manga.js'
import { DEMO_LISTS } from '../../src/demo/list-data.js'

interface FuzzyDate { year: number | null; month: number | null; day: number | null }
interface Name { first: string | null; middle: string | null; last: string | null; full: string; native: string | null; alternative: string[] }
interface Staff { id: number; name: Name; languageV2: string; primaryOccupations: string[]; gender?: string; dateOfBirth?: FuzzyDate; dateOfDeath?: FuzzyDate; homeTown?: string }
interface Character { id: number; name: Name & { alternativeSpoiler: string[] }; gender?: string; age?: string; dateOfBirth?: FuzzyDate; bloodType?: string; description: string }
interface CastMedia {
  id: number
  type: 'ANIME' | 'MANGA'
  characters: { edges: Array<{ role: string; node: Character; voiceActors: Staff[] }> }
  staff: { edges: Array<{ role: string; node: Staff }> }
}

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src/demo/world/casts.json')
const casts = JSON.parse(fs.readFileSync(file, 'utf8')) as CastMedia[]

/** AniList's StaffLanguage values, as languageV2 spells them. */
const LANGUAGES = new Set(['Japanese', 'English', 'Korean', 'Italian', 'Spanish', 'Portuguese', 'French', 'German', 'Hebrew', 'Hungarian', 'Chinese', 'Arabic', 'Filipino', 'Catalan', 'Finnish', 'Turkish', 'Dutch', 'Swedish', 'Thai', 'Tagalog', 'Malaysian', 'Indonesian', 'Vietnamese', 'Nepali', 'Hindi', 'Urdu'])
const ROLES = new Set(['MAIN', 'SUPPORTING', 'BACKGROUND'])

const allStaff = (): Staff[] => casts.flatMap((m) => [...m.staff.edges.map((e) => e.node), ...m.characters.edges.flatMap((e) => e.voiceActors)])
const allCharacters = (): Character[] => casts.flatMap((m) => m.characters.edges.map((e) => e.node))

/** The ids whose occurrences do not all carry the same data. */
function inconsistentIds(nodes: Array<{ id: number }>): number[] {
  const seen = new Map<number, string>()
  const bad = new Set<number>()
  for (const node of nodes) {
    const text = JSON.stringify(node)
    const before = seen.get(node.id)
    if (before === undefined) seen.set(node.id, text)
    else if (before !== text) bad.add(node.id)
  }
  return [...bad]
}

describe('the demo casts', () => {
  it('name only works of the built-in catalog, under their type, once each', () => {
    const types = new Map<number, string>([...SEED_ANIME.map((e) => [e.id, 'ANIME'] as const), ...SEED_MANGA.map((e) => [e.id, 'MANGA'] as const)])
    for (const media of casts) expect(types.get(media.id), `media ${media.id}`).toBe(media.type)
    expect(new Set(casts.map((m) => m.id)).size).toBe(casts.length)
  })

  it('cover every title on a demo user\'s list', () => {
    const covered = new Set(casts.map((m) => m.id))
    const listed = new Set(DEMO_LISTS.flatMap((user) => user.entries.map((e) => e.mediaId)))
    expect([...listed].filter((id) => !covered.has(id))).toEqual([])
  })

  it('hold at least 25 titles, 20 of them with voice actors, and a cast and staff for each', () => {
    expect(casts.length).toBeGreaterThanOrEqual(25)
    const voiced = casts.filter((m) => m.characters.edges.some((e) => e.voiceActors.length > 0))
    expect(voiced.length).toBeGreaterThanOrEqual(20)
    for (const media of casts) {
      expect(media.characters.edges.filter((e) => e.role === 'MAIN').length, `main characters of ${media.id}`).toBeGreaterThanOrEqual(1)
      // A cast, not a roster: the main characters and a few around them.
      expect(media.characters.edges.length, `characters of ${media.id}`).toBeGreaterThanOrEqual(3)
      expect(media.characters.edges.length, `characters of ${media.id}`).toBeLessThanOrEqual(12)
      expect(new Set(media.characters.edges.map((e) => e.node.id)).size, `characters of ${media.id} listed twice`).toBe(media.characters.edges.length)
      expect(media.staff.edges.length, `staff of ${media.id}`).toBeGreaterThanOrEqual(1)
    }
  })

  it('give anime a Japanese voice for every character and manga no voice at all', () => {
    for (const media of casts) {
      for (const edge of media.characters.edges) {
        if (media.type === 'MANGA') expect(edge.voiceActors, `${media.id}/${edge.node.name.full}`).toEqual([])
        else expect(edge.voiceActors.some((va) => va.languageV2 === 'Japanese'), `${media.id}/${edge.node.name.full}`).toBe(true)
        // One voice per language: a second one would be a guess the importer cannot tell from a fact.
        const languages = edge.voiceActors.map((va) => va.languageV2)
        expect(new Set(languages).size).toBe(languages.length)
      }
    }
  })

  it('use only AniList\'s character roles and staff languages', () => {
    for (const media of casts) for (const edge of media.characters.edges) expect(ROLES.has(edge.role), edge.role).toBe(true)
    for (const staff of allStaff()) expect(LANGUAGES.has(staff.languageV2), `${staff.name.full}: ${staff.languageV2}`).toBe(true)
  })

  it('write author credits on manga as AniList does', () => {
    const authorRoles = new Set(['Story & Art', 'Story', 'Art', 'Original Story'])
    for (const media of casts.filter((m) => m.type === 'MANGA')) {
      for (const edge of media.staff.edges) expect(authorRoles.has(edge.role), `${media.id}: ${edge.role}`).toBe(true)
    }
  })

  it('give one person, and one character, the same data everywhere', () => {
    expect(inconsistentIds(allStaff())).toEqual([])
    expect(inconsistentIds(allCharacters())).toEqual([])
  })

  it('never write one person, or one character, under two ids', () => {
    // The same name under two ids is someone written down twice, whom the import would keep as two.
    for (const nodes of [allStaff(), allCharacters()]) {
      const idsByName = new Map<string, Set<number>>()
      for (const node of nodes) {
        const key = `${node.name.full}|${node.name.native}`
        idsByName.set(key, (idsByName.get(key) ?? new Set()).add(node.id))
      }
      expect([...idsByName].filter(([, ids]) => ids.size > 1).map(([name]) => name)).toEqual([])
    }
  })

  it('keep AniList ids or local ids in their own ranges', () => {
    for (const node of allCharacters()) expect(node.id < 9_000_000 || (node.id > 9_000_000 && node.id < 9_500_000), `character ${node.id}`).toBe(true)
    for (const node of allStaff()) expect(node.id < 9_000_000 || node.id > 9_500_000, `staff ${node.id}`).toBe(true)
  })

  it('name everyone in full and in their own script', () => {
    for (const node of allCharacters()) {
      expect(node.name.full.length, `character ${node.id}`).toBeGreaterThan(0)
      expect(node.name.native?.length ?? 0, `native name of ${node.name.full}`).toBeGreaterThan(0)
      expect(node.description.length, `description of ${node.name.full}`).toBeGreaterThan(20)
    }
    for (const node of allStaff()) {
      expect(node.name.full.length, `staff ${node.id}`).toBeGreaterThan(0)
      expect('native' in node.name, `native name of ${node.name.full}`).toBe(true)
      // Japanese and Korean people are written in their own script; AniList leaves it empty for most dub actors.
      if (node.languageV2 === 'Japanese' || node.languageV2 === 'Korean') expect(node.name.native?.length ?? 0, `native name of ${node.name.full}`).toBeGreaterThan(0)
    }
  })

  it('write dates only as real calendar days', () => {
    const dates = [...allCharacters().map((c) => c.dateOfBirth), ...allStaff().flatMap((s) => [s.dateOfBirth, s.dateOfDeath])].filter((d): d is FuzzyDate => d !== undefined)
    for (const date of dates) {
      if (date.month !== null) expect(date.month).toBeGreaterThanOrEqual(1)
      if (date.month !== null) expect(date.month).toBeLessThanOrEqual(12)
      if (date.day !== null) expect(date.day).toBeLessThanOrEqual(new Date(Date.UTC(date.year ?? 2000, date.month ?? 1, 0)).getUTCDate())
    }
    for (const c of allCharacters()) if (c.bloodType !== undefined) expect(['A', 'B', 'AB', 'O']).toContain(c.bloodType)
  })
})
