import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StatementCounter } from '../helpers/statement-counter.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { writeMediaExtras, type MediaExtras } from '../../src/catalog/media-extras.js'
import type { MediaInput } from '../../src/catalog/media.js'

// Made-up works, numbered far from the catalog's: each with studios, tags, links, episodes, airings and relations.
const FIRST = 720_000
const COUNT = 60
let s: TestServer
const counter = new StatementCounter()

beforeAll(async () => {
  s = await testServer()
  const ids = Array.from({ length: COUNT }, (_, i) => FIRST + i)
  const media: MediaInput[] = ids.map((id, i) => ({
    id, type: 'ANIME', title: { romaji: `Batch ${i}` },
    relations: [{ id: ids[(i + 1) % COUNT]!, relationType: 'SEQUEL' }, { id: ids[(i + 2) % COUNT]!, relationType: 'SIDE_STORY' }],
  }))
  await upsertMedia(s.app.kiroku.db, s.clock, media)
  const extras: MediaExtras[] = ids.map((id, i) => ({
    mediaId: id,
    studios: [{ studio: { id: 1 + (i % 7), name: `Studio ${i % 7}`, isAnimationStudio: true }, isMain: true }, { studio: { id: 100 + (i % 3), name: `Producer ${i % 3}` }, isMain: false }],
    tags: [{ tag: { id: 1 + (i % 5), name: `Tag ${i % 5}`, category: 'Theme' }, rank: 50 + i % 40, isMediaSpoiler: i % 2 === 0 }, { tag: { id: 10, name: 'Common' }, rank: 90, isMediaSpoiler: false }],
    externalLinks: [{ id: 10_000 + i, url: `https://stream.example/${i}`, site: 'Crunchyroll', siteId: 5, type: 'STREAMING', language: null, color: null, icon: null, notes: null, isDisabled: false }],
    streamingEpisodes: [{ title: `Episode 1 of ${i}`, thumbnail: null, url: null, site: 'Crunchyroll' }],
    airing: [1, 2, 3, 4].map((episode) => ({ id: 100_000 + i * 10 + episode, episode, airingAt: s.clock() + (episode - 2) * 604_800 + i })),
  }))
  await writeMediaExtras(s.app.kiroku.db, s.clock, extras)
  s.app.kiroku.db = s.app.kiroku.db.withPlugin(counter)
})
afterAll(async () => s.app.close())

const PAGE = `
  query Browse($perPage: Int) {
    Page(perPage: $perPage) {
      media(sort: ID) { ...card }
    }
  }
  fragment card on Media {
    id title { romaji }
    studios { edges { isMain node { id name favourites } } }
    main: studios(isMain: true) { nodes { name } }
    tags { name rank isMediaSpoiler }
    nextAiringEpisode { airingAt timeUntilAiring episode media { id } }
    airingSchedule(perPage: 2, notYetAired: true) { nodes { episode } pageInfo { total } }
    relations { edges { relationType(version: 2) node { id title { romaji } studios { nodes { name } } tags { name } } } }
    externalLinks { site url }
    streamingEpisodes { title }
  }`

async function statementsFor(perPage: number) {
  counter.count = 0
  const res = await graphql(s.app, PAGE, undefined, { perPage })
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  expect(res.body.data.Page.media).toHaveLength(perPage)
  return { count: counter.count, media: res.body.data.Page.media }
}

describe('a page of media with their studios, tags, airings, links and relations', () => {
  it('runs the same small number of statements for 5 works as for 50', async () => {
    const small = await statementsFor(5)
    const large = await statementsFor(50)
    expect(large.count).toBe(small.count)
    // One page query, then one per kind of list (studios with their favourites, tags, the next airing,
    // schedule pages, links, streaming episodes, related works), and once more for the related works' own lists.
    expect(large.count).toBeLessThanOrEqual(12)
  })

  it('answers every work with its own lists', async () => {
    const { media } = await statementsFor(50)
    const work = media[3]
    expect(work.studios.edges).toEqual([{ isMain: true, node: { id: 4, name: 'Studio 3', favourites: 0 } }, { isMain: false, node: { id: 100, name: 'Producer 0', favourites: 0 } }])
    expect(work.main.nodes).toEqual([{ name: 'Studio 3' }])
    expect(work.tags).toEqual([{ name: 'Tag 3', rank: 53, isMediaSpoiler: false }, { name: 'Common', rank: 90, isMediaSpoiler: false }])
    expect(work.nextAiringEpisode).toMatchObject({ episode: 2, media: { id: FIRST + 3 }, timeUntilAiring: 3 })
    expect(work.airingSchedule).toEqual({ nodes: [{ episode: 2 }, { episode: 3 }], pageInfo: { total: 3 } })
    expect(work.relations.edges.map((e: { node: { id: number } }) => e.node.id)).toEqual([FIRST + 4, FIRST + 5])
    expect(work.relations.edges[0].node.tags).toEqual([{ name: 'Tag 4' }, { name: 'Common' }])
    expect(work.externalLinks).toEqual([{ site: 'Crunchyroll', url: 'https://stream.example/3' }])
    expect(work.streamingEpisodes).toEqual([{ title: 'Episode 1 of 3' }])
  })
})
