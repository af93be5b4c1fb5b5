/**
 * The N+1 guard for the whole media world at once: a page of 50 works, each with 25 characters and
 * their voice actors, its staff, studios, tags, relations, next episode, rankings and stats, runs the
 * same small number of SQL statements as a page of 2. The works are written through the importer,
 * as AniList-shaped Media objects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import { parseAniListImport, writeAniListImport } from '../../src/people/import/anilist-import.js'
import { refreshRankings } from '../../src/lists/figures/rankings.js'

const FIRST = 880_001
const WORKS = 50
let s: TestServer
const counter = new StatementCounter()

const person = (id: number) => ({ id, name: { full: `Person ${id}` }, languageV2: 'Japanese' })
function work(i: number) {
  const id = FIRST + i
  return {
    id, type: 'ANIME', format: 'TV', status: 'RELEASING', title: { romaji: `World ${i}` }, averageScore: 50 + i, popularity: 1000 + i, startDate: { year: 2020 },
    studios: { edges: [{ isMain: true, node: { id: 88_000 + (i % 5), name: `Studio ${i % 5}`, isAnimationStudio: true } }] },
    tags: [0, 1, 2].map((k) => ({ id: 88_100 + ((i + k) % 10), name: `World Tag ${(i + k) % 10}`, rank: 90 - k, category: 'Theme' })),
    relations: { edges: i > 0 ? [{ relationType: 'PREQUEL', node: { id: id - 1, type: 'ANIME' } }] : [] },
    characters: {
      edges: Array.from({ length: 25 }, (_, k) => ({
        role: k < 3 ? 'MAIN' : 'SUPPORTING',
        node: { id: 8_800_000 + i * 25 + k, name: { full: `Character ${i}-${k}` } },
        voiceActors: [person(8_900_000 + ((i * 25 + k) % 300))],
      })),
    },
    staff: { edges: ['Director', 'Music'].map((role, k) => ({ role, node: person(8_950_000 + ((i + k) % 40)) })) },
    airingSchedule: { nodes: [{ id: 8_990_000 + i, episode: 1, airingAt: 2_000_000_000 }] },
  }
}

beforeAll(async () => {
  s = await testServer()
  const file = parseAniListImport(JSON.stringify(Array.from({ length: WORKS }, (_, i) => work(i))))
  await writeAniListImport(s.app.kiroku.db, s.clock, file)
  await refreshRankings(s.app.kiroku.db)
  s.app.kiroku.db = s.app.kiroku.db.withPlugin(counter)
})
afterAll(async () => s.app.close())

const PAGE = `
  query page($perPage: Int, $ids: [Int]) {
    Page(perPage: $perPage) {
      media(id_in: $ids, sort: ID) {
        ...detail
        relations { edges { relationType(version: 2) node { id title { userPreferred } studios { nodes { name } } } } }
      }
    }
  }
  fragment detail on Media {
    id title { userPreferred } coverImage { large }
    studios(isMain: true) { edges { isMain node { id name } } }
    tags { name rank }
    characters(perPage: 25, sort: [ROLE, RELEVANCE, ID]) { edges { role node { id name { full } image { large } } voiceActors(language: JAPANESE) { id name { full } } } }
    staff(perPage: 25) { edges { role node { id name { full } } } }
    nextAiringEpisode { episode timeUntilAiring }
    rankings { type rank context }
    stats { statusDistribution { status amount } }
  }`

async function statementsFor(perPage: number) {
  const ids = Array.from({ length: WORKS }, (_, i) => FIRST + i)
  counter.count = 0
  const res = await graphql(s.app, PAGE, undefined, { perPage, ids })
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return { count: counter.count, media: res.body.data.Page.media }
}

describe('a page of the media world', () => {
  it('runs as many statements for 50 works as for 2, and answers every part', async () => {
    const small = await statementsFor(2)
    const big = await statementsFor(50)
    expect(big.media).toHaveLength(50)
    const last = big.media[49]
    expect(last.characters.edges).toHaveLength(25)
    expect(last.characters.edges[0].voiceActors).toHaveLength(1)
    expect(last.staff.edges).toHaveLength(2)
    expect(last.studios.edges[0].node.name).toBe('Studio 4')
    expect(last.tags).toHaveLength(3)
    expect(last.nextAiringEpisode.episode).toBe(1)
    expect(last.rankings.length).toBeGreaterThan(0)
    expect(last.relations.edges[0].node.studios.nodes).toEqual([{ name: 'Studio 3' }])
    // On PostgreSQL two loads of one loader may fall into one batch or two as the answers before them
    // arrive, so the count may move by a statement or two; it never grows with the page.
    expect(Math.abs(big.count - small.count)).toBeLessThanOrEqual(2)
    // Each kind of link is one statement per level (works, then their related works): a fixed handful.
    expect(big.count).toBeLessThanOrEqual(16)
  })
})
