/**
 * What `serve --demo` shows of the media world on a fresh database: the built-in works carry their
 * synopsis, studios, tags and casts from demo/world/, the figures of works on the demo users' lists
 * are this server's (computed once after the seed) while the others keep AniList's snapshot, the
 * catalog is ranked, and a second start changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { ask } from '../graphql/media-helpers.js'
import { seedDemo } from '../../src/demo/seed.js'
import { DEMO_LISTS } from '../../src/demo/list-data.js'
import facts from '../../src/demo/world/catalog-facts.json' with { type: 'json' }

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const DETAIL = `
  query detail($id: Int) {
    Media(id: $id) {
      id description popularity averageScore meanScore
      studios(isMain: true) { nodes { id name } }
      tags { name }
      characters(perPage: 3, sort: [ROLE, RELEVANCE, ID]) { edges { role node { name { full } } voiceActors(language: JAPANESE) { name { full } } } }
      rankings { type allTime context }
    }
  }`

describe('the demo world', () => {
  it('gives listed works local figures, keeps AniList’s elsewhere, ranks the catalog, and is the same after a second start', async () => {
    await seedDemo(s.app.kiroku)
    const listing = (id: number) => DEMO_LISTS.filter((l) => l.entries.some((e) => e.mediaId === id)).length
    // Cowboy Bebop is on several demo lists; a built-in work with imported figures that no one listed keeps them.
    const listed = (await ask(s.app, DETAIL, { id: 1 })).body.data.Media
    expect(listed.description).toMatch(/bounty hunters/)
    expect(listed.studios.nodes).toEqual([{ id: 14, name: 'Sunrise' }])
    expect(listed.tags.map((t: { name: string }) => t.name)).toContain('Space')
    expect(listed.characters.edges[0]).toEqual({ role: 'MAIN', node: { name: { full: 'Spike Spiegel' } }, voiceActors: [{ name: { full: 'Kouichi Yamadera' } }] })
    expect(listed.popularity).toBe(listing(1))
    const unlisted = (facts as Array<{ id: number; averageScore?: number }>).find((f) => f.averageScore !== undefined && listing(f.id) === 0)!
    const other = (await ask(s.app, DETAIL, { id: unlisted.id })).body.data.Media
    expect(other.averageScore).toBe(unlisted.averageScore)
    expect(other.rankings.some((r: { type: string; allTime: boolean; context: string }) => r.type === 'RATED' && r.allTime && r.context === 'highest rated all time')).toBe(true)

    await seedDemo(s.app.kiroku)
    expect((await ask(s.app, DETAIL, { id: 1 })).body.data.Media).toEqual(listed)
  })
})
