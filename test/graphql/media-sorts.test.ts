import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'
import { ask, mediaIds } from './media-helpers.js'

let s: TestServer
beforeAll(async () => {
  s = await catalogServer()
})
afterAll(async () => s.app.close())

/** The five made-up fixture works: their scores, counts and dates differ so that every order shows. */
const FIXTURES = 'id_in: [900001, 900002, 900003, 900004, 900005]'
const A = 900001, B = 900002, C = 900003, D = 900004, E = 900005

/** Every MediaSort value and the order it gives the fixtures (unknown values last, ties by id). */
const ORDERS: Record<string, number[]> = {
  ID: [A, B, C, D, E],
  ID_DESC: [E, D, C, B, A],
  TITLE_ROMAJI: [A, B, D, E, C],
  TITLE_ROMAJI_DESC: [C, E, D, B, A],
  TITLE_ENGLISH: [A, B, E, C, D],
  TITLE_ENGLISH_DESC: [C, E, B, A, D],
  TITLE_NATIVE: [A, D, B, C, E],
  TITLE_NATIVE_DESC: [B, D, A, C, E],
  TYPE: [A, B, C, D, E],
  TYPE_DESC: [D, E, A, B, C],
  FORMAT: [A, B, C, D, E],
  FORMAT_DESC: [E, D, C, B, A],
  START_DATE: [B, D, A, E, C],
  START_DATE_DESC: [C, E, A, D, B],
  END_DATE: [A, E, B, C, D],
  END_DATE_DESC: [E, A, B, C, D],
  SCORE: [A, D, E, B, C],
  SCORE_DESC: [E, D, A, B, C],
  POPULARITY: [B, E, D, A, C],
  POPULARITY_DESC: [C, A, D, E, B],
  TRENDING: [B, D, A, E, C],
  TRENDING_DESC: [C, E, A, D, B],
  EPISODES: [B, A, C, D, E],
  EPISODES_DESC: [A, B, C, D, E],
  DURATION: [A, C, B, D, E],
  DURATION_DESC: [B, C, A, D, E],
  STATUS: [A, E, C, B, D],
  STATUS_DESC: [D, B, C, A, E],
  CHAPTERS: [E, A, B, C, D],
  CHAPTERS_DESC: [E, A, B, C, D],
  VOLUMES: [E, D, A, B, C],
  VOLUMES_DESC: [D, E, A, B, C],
  UPDATED_AT: [B, D, E, A, C],
  UPDATED_AT_DESC: [C, A, E, D, B],
  SEARCH_MATCH: [A, B, C, D, E],
  FAVOURITES: [B, D, A, E, C],
  FAVOURITES_DESC: [C, E, A, D, B],
}

describe('Page.media sort', () => {
  it('covers every MediaSort value of the schema', async () => {
    const res = await ask(s.app, '{ __type(name: "MediaSort") { enumValues { name } } }')
    expect(Object.keys(ORDERS).sort()).toEqual(res.body.data.__type.enumValues.map((v: { name: string }) => v.name).sort())
  })

  for (const [sort, expected] of Object.entries(ORDERS)) {
    it(`orders by ${sort}`, async () => {
      expect(await mediaIds(s.app, `${FIXTURES}, sort: [${sort}]`)).toEqual(expected)
    })
  }

  it('orders formats and statuses by the enum’s order, not alphabetically', async () => {
    // TV, TV_SHORT, MOVIE, SPECIAL, MUSIC: alphabetically MOVIE would come first.
    expect(await mediaIds(s.app, 'id_in: [5, 1, 900001, 900002, 900003], sort: FORMAT')).toEqual([1, 900001, 5, 900002, 900003])
  })

  it('applies several sorts in turn', async () => {
    expect(await mediaIds(s.app, 'id_in: [5, 43, 47, 1, 6], sort: [FORMAT, START_DATE_DESC]')).toEqual([1, 6, 5, 43, 47])
    expect(await mediaIds(s.app, 'id_in: [5, 43, 47, 1, 6], sort: $sort', { sort: ['FORMAT_DESC', 'START_DATE'] }, '$sort: [MediaSort]')).toEqual([47, 43, 5, 6, 1])
  })

  it('orders a search by match: whole title, then title start, then popularity', async () => {
    expect(await mediaIds(s.app, 'search: "shingeki no kyojin", sort: SEARCH_MATCH')).toEqual([16498, 53390, 20958])
    expect(await mediaIds(s.app, 'search: "shingeki no kyojin", sort: [POPULARITY_DESC]')).toEqual([16498, 20958, 53390])
    expect(await mediaIds(s.app, 'search: "record test", sort: [SEARCH_MATCH]')).toEqual([C, A, E, B])
  })
})
