import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { upsertCharacters, upsertStaff } from '../../src/people/person-store.js'
import { setMediaCast, setMediaStaff } from '../../src/people/cast-store.js'
import { graphql } from '../helpers/flow.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import type { TestServer } from '../helpers/server.js'
import { peopleServer } from '../people/helpers.js'

let s: TestServer
const counter = new StatementCounter()
beforeAll(async () => {
  s = await peopleServer()
})
afterAll(async () => s.app.close())

async function ok(query: string, variables?: unknown) {
  const res = await graphql(s.app, query, undefined, variables)
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data
}

// The media detail query of an anime app: the cast with Japanese voice actors, and the staff.
const DETAIL = `
  query Detail($id: Int) {
    Media(id: $id, type: ANIME) {
      id
      title { romaji english userPreferred }
      characters(sort: [ROLE, RELEVANCE, ID], perPage: 6) {
        pageInfo { total hasNextPage }
        edges {
          id role name
          node { id name { full userPreferred } image { medium } }
          voiceActors(language: JAPANESE, sort: [RELEVANCE, ID]) { id name { full } image { medium } languageV2 }
          dub: voiceActorRoles(language: ENGLISH) { roleNotes dubGroup voiceActor { name { full } } }
        }
      }
      mainOnly: characters(role: MAIN) { nodes { id } }
      staff(sort: [RELEVANCE, ID], perPage: 6) {
        pageInfo { total }
        edges { id role node { id name { full native } primaryOccupations } }
      }
    }
  }`

describe('Media.characters and Media.staff', () => {
  it('answer a media detail query from the imported data', async () => {
    const { Media } = await ok(DETAIL, { id: 910001 })
    expect(Media.characters.pageInfo).toEqual({ total: 3, hasNextPage: false })
    expect(Media.characters.edges).toEqual([
      {
        id: 920001, role: 'MAIN', name: null,
        node: { id: 920001, name: { full: 'Aoi Sakuragi', userPreferred: 'Aoi Sakuragi' }, image: { medium: 'https://img.example.test/character/medium/920001.png' } },
        voiceActors: [{ id: 930001, name: { full: 'Yui Tanaka' }, image: { medium: 'http://kiroku.test/img/placeholder/staff/930001.svg' }, languageV2: 'Japanese' }],
        dub: [{ roleNotes: 'young Aoi', dubGroup: 'Studio Lantern', voiceActor: { name: { full: 'Emma Clark' } } }],
      },
      {
        id: 920002, role: 'SUPPORTING', name: 'Captain',
        node: { id: 920002, name: { full: 'Ren Kurosawa', userPreferred: 'Ren Kurosawa' }, image: { medium: 'http://kiroku.test/img/placeholder/character/920002.svg' } },
        voiceActors: [{ id: 930003, name: { full: 'Kenji Mori' }, image: { medium: 'http://kiroku.test/img/placeholder/staff/930003.svg' }, languageV2: 'Japanese' }],
        dub: [],
      },
      expect.objectContaining({ id: 920003, role: 'BACKGROUND', voiceActors: [], dub: [] }),
    ])
    expect(Media.mainOnly.nodes).toEqual([{ id: 920001 }])
    expect(Media.staff.pageInfo).toEqual({ total: 3 })
    expect(Media.staff.edges.map((e: { role: string; node: { id: number } }) => [e.role, e.node.id])).toEqual([['Director', 930010], ['Original Creator', 930011], ['Storyboard (eps 1, 12)', 930010]])
  })

  it('page and sort a cast', async () => {
    const { Media } = await ok('{ Media(id: 910001) { characters(sort: [ROLE_DESC], page: 2, perPage: 2) { pageInfo { total currentPage lastPage hasNextPage } nodes { id } } staff(sort: [ROLE_DESC]) { edges { role } } } }')
    expect(Media.characters).toEqual({ pageInfo: { total: 3, currentPage: 2, lastPage: 2, hasNextPage: false }, nodes: [{ id: 920001 }] })
    expect(Media.staff.edges.map((e: { role: string }) => e.role)).toEqual(['Storyboard (eps 1, 12)', 'Original Creator', 'Director'])
  })
})

describe('no N+1 on a page of works with their casts', () => {
  const PAGE = `
    query ($perPage: Int) {
      Page(perPage: $perPage) {
        media(id_in: $ids, sort: ID) { ...card }
      }
    }
    fragment card on Media {
      id title { userPreferred }
      characters(perPage: 25, sort: [ROLE, RELEVANCE]) {
        edges { role node { id name { userPreferred } } voiceActors(language: JAPANESE) { id name { full } } }
      }
      staff(perPage: 25) { edges { role node { id name { full } } } }
    }`
  const query = PAGE.replace('query ($perPage: Int)', 'query ($perPage: Int, $ids: [Int])')

  it('runs the same statements for 50 works of 25 characters as for 2', async () => {
    const FIRST = 950_000
    const works = Array.from({ length: 50 }, (_, i) => ({ id: FIRST + i, type: 'ANIME' as const, title: { romaji: `Cast Work ${i}` } }))
    await upsertMedia(s.app.kiroku.db, s.clock, works)
    await upsertCharacters(s.app.kiroku.db, s.clock, Array.from({ length: 25 * 50 }, (_, i) => ({ id: 960_000 + i, name: { full: `Character ${i}` } })))
    await upsertStaff(s.app.kiroku.db, s.clock, Array.from({ length: 100 }, (_, i) => ({ id: 970_000 + i, name: { full: `Actor ${i}` }, languageV2: 'Japanese' })))
    for (const [w, work] of works.entries()) {
      await setMediaCast(s.app.kiroku.db, work.id, Array.from({ length: 25 }, (_, c) => ({
        characterId: 960_000 + w * 25 + c, role: c < 2 ? 'MAIN' : 'SUPPORTING', voiceActors: [{ staffId: 970_000 + ((w + c) % 100), language: 'JAPANESE' }],
      })))
      await setMediaStaff(s.app.kiroku.db, work.id, [{ staffId: 970_000 + w, role: 'Director' }, { staffId: 970_000 + ((w + 1) % 100), role: 'Script' }])
    }
    s.app.kiroku.db = s.app.kiroku.db.withPlugin(counter)
    const ids = works.map((w) => w.id)

    counter.count = 0
    const big = await ok(query, { perPage: 50, ids })
    const bigCount = counter.count
    counter.count = 0
    const small = await ok(query, { perPage: 2, ids })
    const smallCount = counter.count

    expect(big.Page.media).toHaveLength(50)
    expect(big.Page.media[49].characters.edges).toHaveLength(25)
    expect(big.Page.media[49].characters.edges[0].voiceActors).toHaveLength(1)
    expect(big.Page.media[49].staff.edges).toHaveLength(2)
    expect(small.Page.media).toHaveLength(2)
    // On PostgreSQL two loads of one loader (people for voice actors and for staff) fall into one
    // batch or two as the answers before them arrive: the count may move by one, never with the page.
    expect(Math.abs(bigCount - smallCount)).toBeLessThanOrEqual(1)
    // The media, the casts, the characters, the voice actor links, the staff links, the people: a handful.
    expect(bigCount).toBeLessThanOrEqual(8)
  })

  it('runs the same statements for a page of 50 characters with their works and voice actors as for 2', async () => {
    const query = `query ($perPage: Int) { Page(perPage: $perPage) { characters(id_in: $ids, sort: ID) { id favourites media(sort: [ID]) { edges { characterRole node { id } voiceActors { id name { full } } } } } } }`
      .replace('query ($perPage: Int)', 'query ($perPage: Int, $ids: [Int])')
    const ids = Array.from({ length: 50 }, (_, i) => 960_000 + i * 25)
    counter.count = 0
    const big = await ok(query, { perPage: 50, ids })
    const bigCount = counter.count
    counter.count = 0
    await ok(query, { perPage: 2, ids })
    expect(big.Page.characters).toHaveLength(50)
    expect(big.Page.characters[49].media.edges[0].voiceActors).toHaveLength(1)
    expect(counter.count).toBe(bigCount)
    expect(bigCount).toBeLessThanOrEqual(6)
  })
})
