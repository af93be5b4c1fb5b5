import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { expectAniListError, postJson } from '../helpers/graphql.js'
import { mergeMediaAiring } from '../../src/catalog/airing.js'
import { worldServer } from '../catalog/catalog-world.js'
import { ask } from './media-helpers.js'

const NOW = 1_750_000_000
const WEEK = 604_800
let s: TestServer
beforeAll(async () => {
  s = await worldServer()
  // The sequel film airs too (made up): two airings, one before and one after the clock.
  await mergeMediaAiring(s.app.kiroku.db, 910002, [{ id: 94101, episode: 1, airingAt: NOW - 10 }, { id: 94102, episode: 2, airingAt: NOW + 10 }])
})
beforeEach(() => s.clock.set(NOW))
afterAll(async () => s.app.close())

async function airingIds(args: string): Promise<number[]> {
  const res = await ask(s.app, `{ Page(perPage: 50) { airingSchedules(${args}) { id } } }`)
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data.Page.airingSchedules.map((a: { id: number }) => a.id)
}

describe('Page.airingSchedules', () => {
  it('filters by what has aired, by the server’s clock', async () => {
    expect(await airingIds('notYetAired: true, sort: TIME')).toEqual([94102, 94002, 94003, 94004])
    expect(await airingIds('notYetAired: false, sort: TIME')).toEqual([94001, 94101])
    s.clock.set(NOW + 20)
    expect(await airingIds('notYetAired: false, sort: TIME')).toEqual([94001, 94101, 94102])
  })

  it('filters by work, episode and time with AniList’s operators', async () => {
    expect(await airingIds('mediaId: 910002')).toEqual([94101, 94102])
    expect(await airingIds('mediaId_not: 910001')).toEqual([94101, 94102])
    expect(await airingIds('mediaId_in: [910001], episode_greater: 1, episode_lesser: 4')).toEqual([94002, 94003])
    expect(await airingIds('episode_in: [1, 4], mediaId_not_in: [910002]')).toEqual([94001, 94004])
    expect(await airingIds('airingAt_greater: 1750204800, airingAt_lesser: 1751414400')).toEqual([94003])
    expect(await airingIds('airingAt: 1750204800')).toEqual([94002])
    expect(await airingIds('id_not_in: [94001, 94002], episode_not: 3, id_in: [94003, 94004, 94101]')).toEqual([94004, 94101])
    expect(await airingIds('episode_in: []')).toEqual([])
  })

  it('sorts by time, episode and work either way, ties by id', async () => {
    expect(await airingIds('sort: [TIME_DESC]')).toEqual([94004, 94003, 94002, 94102, 94101, 94001])
    expect(await airingIds('sort: [EPISODE, MEDIA_ID_DESC]')).toEqual([94101, 94001, 94102, 94002, 94003, 94004])
    expect(await airingIds('sort: [MEDIA_ID_DESC, ID_DESC]')).toEqual([94102, 94101, 94004, 94003, 94002, 94001])
  })

  it('answers a schedule page as a calendar app asks for it, with the anime and the time left', async () => {
    const res = await ask(s.app, `
      query Calendar($from: Int, $to: Int, $page: Int) {
        Page(page: $page, perPage: 2) {
          pageInfo { total currentPage hasNextPage }
          airingSchedules(airingAt_greater: $from, airingAt_lesser: $to, sort: [TIME]) {
            ...slot
          }
        }
      }
      fragment slot on AiringSchedule { id episode airingAt timeUntilAiring media { id title { romaji } nextAiringEpisode { episode } } }`, { from: NOW, to: NOW + 2 * WEEK, page: 1 })
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.Page).toEqual({
      pageInfo: { total: 3, currentPage: 1, hasNextPage: true },
      airingSchedules: [
        { id: 94102, episode: 2, airingAt: NOW + 10, timeUntilAiring: 10, media: { id: 910002, title: { romaji: 'Kiroku Sekai Gekijouban' }, nextAiringEpisode: { episode: 2 } } },
        { id: 94002, episode: 2, airingAt: 1_750_204_800, timeUntilAiring: 204_800, media: { id: 910001, title: { romaji: 'Kiroku Sekai' }, nextAiringEpisode: { episode: 2 } } },
      ],
    })
  })
})

describe('Query.AiringSchedule', () => {
  it('answers one airing by id or by filter, and 404 when none matches', async () => {
    const byId = await ask(s.app, `{ AiringSchedule(id: 94003) { id episode mediaId timeUntilAiring } }`)
    expect(byId.body.data.AiringSchedule).toEqual({ id: 94003, episode: 3, mediaId: 910001, timeUntilAiring: 1_750_809_600 - NOW })
    const next = await ask(s.app, `{ AiringSchedule(mediaId: 910001, notYetAired: true, sort: TIME) { episode } }`)
    expect(next.body.data.AiringSchedule).toEqual({ episode: 2 })
    expectAniListError(await postJson(s.app, { query: '{ AiringSchedule(id: 1) { id } }' }), 404, 'Not Found.')
    expectAniListError(await postJson(s.app, { query: '{ AiringSchedule(mediaId: 1) { id } }' }), 404, 'Not Found.')
  })

  it('refuses an oversized id list with a 400', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => i + 1)
    expectAniListError(await postJson(s.app, { query: `{ AiringSchedule(id_in: [${ids.join(',')}]) { id } }` }), 400)
  })
})

describe('Media.airingSchedule', () => {
  it('pages a work’s schedule by airing time, with notYetAired', async () => {
    const res = await ask(s.app, `{
      Media(id: 910001) {
        all: airingSchedule(perPage: 2) { edges { id node { episode } } pageInfo { total lastPage hasNextPage } }
        second: airingSchedule(perPage: 2, page: 2) { nodes { episode } }
        beyond: airingSchedule(perPage: 2, page: 9) { nodes { episode } pageInfo { total } }
        coming: airingSchedule(notYetAired: true) { nodes { episode } }
        aired: airingSchedule(notYetAired: false) { nodes { episode } }
      }
    }`)
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.Media).toEqual({
      all: { edges: [{ id: 94001, node: { episode: 1 } }, { id: 94002, node: { episode: 2 } }], pageInfo: { total: 4, lastPage: 2, hasNextPage: true } },
      second: { nodes: [{ episode: 3 }, { episode: 4 }] },
      beyond: { nodes: [], pageInfo: { total: 4 } },
      coming: { nodes: [{ episode: 2 }, { episode: 3 }, { episode: 4 }] },
      aired: { nodes: [{ episode: 1 }] },
    })
  })
})
