import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'
import { ask, mediaIds } from './media-helpers.js'

let s: TestServer
beforeAll(async () => {
  s = await catalogServer()
})
afterAll(async () => s.app.close())

const ids = (args: string, variables?: Record<string, unknown>, declarations?: string) => mediaIds(s.app, args, variables, declarations)
const FIXTURES = 'id_in: [900001, 900002, 900003, 900004, 900005]'

describe('Page.media filters on ids', () => {
  it('id, id_not, id_in, id_not_in', async () => {
    expect(await ids('id: 16498')).toEqual([16498])
    expect(await ids('type: MANGA, status: RELEASING, id_not: 30104')).toEqual([30002, 30013, 105778, 108556, 118586])
    expect(await ids('id_in: $ids', { ids: [1, 5, 6, 999999] }, '$ids: [Int]')).toEqual([1, 5, 6])
    expect(await ids('type: MANGA, status: RELEASING, id_not_in: [30002, 30013]')).toEqual([30104, 105778, 108556, 118586])
  })

  it('idMal, idMal_not, idMal_in, idMal_not_in (an unknown MAL id matches no comparison, _not included)', async () => {
    expect(await ids('idMal: 1')).toEqual([1, 30001])
    expect(await ids('idMal_in: $ids, type: ANIME', { ids: [1, 5114, 16498] }, '$ids: [Int]')).toEqual([1, 5114, 16498])
    expect(await ids('type: MANGA, status: RELEASING, idMal_not: 2')).toEqual([30013, 30104, 105778, 108556, 118586])
    expect(await ids('type: MANGA, status: RELEASING, idMal_not_in: [2, 13]')).toEqual([30104, 105778, 108556, 118586])
    // 900002 has no MAL id: like SQL (and AniList's SQL backend), an unknown value is not "not 990001".
    expect(await ids('id_in: [900001, 900002], idMal_not: 990001')).toEqual([])
    expect(await ids('id_in: [900001, 900002], idMal_not_in: [1]')).toEqual([900001])
  })

  it('treats an empty _in list as matching nothing, an empty _not_in as no limit, and skips null items', async () => {
    expect(await ids('id_in: []')).toEqual([])
    expect(await ids('id_in: [1], id_not_in: []')).toEqual([1])
    expect(await ids('id_in: [1, null, 5]')).toEqual([1, 5])
  })
})

describe('Page.media filters on kind and status', () => {
  it('type and format, format_in (a single value too), format_not, format_not_in', async () => {
    expect(await ids('type: MANGA, format: NOVEL')).toEqual([900004])
    expect(await ids('format_in: [MOVIE, ONA], startDate_greater: 20100000')).toEqual([20954, 21519, 106286, 112151, 120377])
    expect(await ids('format_in: ONE_SHOT')).toEqual([900005])
    expect(await ids('type: ANIME, seasonYear: 2022, format_not: TV')).toEqual([120377])
    expect(await ids('type: ANIME, seasonYear: 2022, format_not_in: [ONA]')).toEqual([127230, 130003, 137822, 140960, 143270])
  })

  it('status, status_in, status_not, status_not_in', async () => {
    expect(await ids('status: NOT_YET_RELEASED')).toEqual([900003])
    expect(await ids('status_in: [CANCELLED, HIATUS]')).toEqual([30656, 900002, 900004])
    expect(await ids('type: MANGA, status_not: FINISHED')).toEqual([30002, 30013, 30104, 30656, 105778, 108556, 118586, 900004])
    expect(await ids('type: ANIME, status_not_in: $not', { not: ['FINISHED'] }, '$not: [MediaStatus]')).toEqual([21, 900002, 900003])
  })

  it('source and source_in match the stored value, whatever version is asked for when reading', async () => {
    expect(await ids('source: VIDEO_GAME')).toEqual([120377])
    expect(await ids('source_in: [VISUAL_NOVEL, NOVEL]')).toEqual([4181, 9253, 13125])
    expect(await ids('source: WEB_NOVEL')).toEqual([900001])
  })

  it('isAdult, isLicensed and countryOfOrigin', async () => {
    expect(await ids('isAdult: true')).toEqual([900002])
    expect(await ids(`${FIXTURES}, isAdult: false`)).toEqual([900001, 900003, 900004, 900005])
    expect(await ids('isLicensed: false')).toEqual([900002])
    expect(await ids(`${FIXTURES}, isLicensed: true`)).toEqual([900001])
    expect(await ids('countryOfOrigin: KR')).toEqual([105398, 900002])
    expect(await ids('countryOfOrigin: $c', { c: 'cn' }, '$c: CountryCode')).toEqual([900001])
  })
})

describe('Page.media filters on seasons and dates', () => {
  it('season and seasonYear, as season charts ask', async () => {
    expect(await ids('season: $season, seasonYear: $seasonYear, type: $type', { season: 'FALL', seasonYear: 2022, type: 'ANIME' }, '$season: MediaSeason, $seasonYear: Int, $type: MediaType')).toEqual([120377, 127230, 130003, 137822])
    expect(await ids('season: WINTER, seasonYear: 2016')).toEqual([21202, 21234])
    // 900002 began in December 2010: it belongs to winter 2011.
    expect(await ids('seasonYear: 2011, type: ANIME')).toEqual([9253, 9756, 9989, 10165, 11061, 900002])
  })

  it('startDate, startDate_greater, startDate_lesser, startDate_like', async () => {
    expect(await ids('startDate: 20130407')).toEqual([16498])
    expect(await ids('type: ANIME, startDate_greater: $after', { after: 20230000 }, '$after: FuzzyDateInt')).toEqual([145064, 150672, 153518, 154587, 900003])
    expect(await ids('startDate_lesser: 19900000')).toEqual([47, 813, 30002, 30042])
    expect(await ids('type: ANIME, startDate_like: $year', { year: '2016%' }, '$year: String')).toEqual([20954, 21202, 21234, 21355, 21459, 21507, 21519])
    expect(await ids('startDate_like: "201604%"')).toEqual([21355, 21459])
    // A date known to the month is 2030-07-00: after any day of June, before any day of July.
    expect(await ids('startDate_greater: 20300630')).toEqual([900003])
    expect(await ids('startDate_greater: 20300000, startDate_lesser: 20300701')).toEqual([900003])
  })

  it('endDate, endDate_greater, endDate_lesser, endDate_like', async () => {
    expect(await ids('endDate: 20190214')).toEqual([900005])
    expect(await ids('endDate_greater: 20240600')).toEqual([101517, 153518])
    expect(await ids('endDate_lesser: 19960000')).toEqual([43, 47, 530, 30042])
    expect(await ids('endDate_like: "2021%"')).toEqual([53390, 105398, 108465, 113415])
  })
})

describe('Page.media filters on counts', () => {
  it('episodes, episodes_greater, episodes_lesser', async () => {
    expect(await ids('episodes: 26')).toEqual([1, 6, 30, 205, 10165, 101922])
    expect(await ids('episodes_greater: 200')).toEqual([20, 269, 813])
    expect(await ids('episodes_lesser: 3')).toEqual([5, 43, 47, 164, 199, 20954, 21519, 106286, 112151, 900002])
  })

  it('duration, duration_greater, duration_lesser', async () => {
    expect(await ids('duration: 30')).toEqual([150672])
    expect(await ids('duration_greater: 120')).toEqual([47, 164, 199, 20954])
    expect(await ids('duration_lesser: 10')).toEqual([900001, 900003])
  })

  it('chapters and volumes, with _greater and _lesser', async () => {
    expect(await ids('chapters: 139')).toEqual([53390])
    expect(await ids('chapters_greater: 300')).toEqual([30011, 30042])
    expect(await ids('chapters_lesser: 110')).toEqual([30021, 900005])
    expect(await ids('volumes: 34')).toEqual([53390])
    expect(await ids('volumes_greater: 40')).toEqual([30011, 30042])
    expect(await ids('volumes_lesser: 13')).toEqual([30021, 900004, 900005])
  })

  it('averageScore and popularity, with _not, _greater and _lesser (an unknown score matches no comparison)', async () => {
    expect(await ids('averageScore: 74')).toEqual([900004])
    expect(await ids('averageScore_greater: 70')).toEqual([900004, 900005])
    expect(await ids('averageScore_lesser: 70')).toEqual([900001])
    // 900002 and 900003 have no score yet: neither is "not 61".
    expect(await ids(`${FIXTURES}, averageScore_not: 61`)).toEqual([900004, 900005])
    expect(await ids('popularity: 800')).toEqual([900004])
    expect(await ids('popularity_greater: 1000')).toEqual([900001, 900003])
    expect(await ids(`${FIXTURES}, popularity_lesser: 500`)).toEqual([900002, 900005])
    expect(await ids(`${FIXTURES}, popularity_not: 50`)).toEqual([900001, 900003, 900004, 900005])
  })
})

describe('Page.media filters on genres, tags and licensing', () => {
  it('genre in any case; genre_in needs every genre; genre_not_in excludes each', async () => {
    expect(await ids('genre: "Sports"')).toEqual([20464, 30051, 137822])
    expect(await ids('genre: "sports"')).toEqual([20464, 30051, 137822])
    expect(await ids('genre_in: $genres', { genres: ['Comedy', 'Music'] }, '$genres: [String]')).toEqual([5680, 130003])
    expect(await ids('type: ANIME, seasonYear: 2022, genre_not_in: ["Action"]')).toEqual([130003, 137822])
  })

  it('matches nothing on tags and licensors, which Kiroku does not keep, and excludes nothing by them', async () => {
    for (const args of ['tag: "Isekai"', 'tag_in: ["Isekai"]', 'tagCategory: "Theme"', 'tagCategory_in: ["Theme"]', 'licensedBy: "Crunchyroll"', 'licensedBy_in: ["Crunchyroll"]', 'licensedById: 5', 'licensedById_in: [5]']) {
      expect(await ids(`id_in: [1, 5], ${args}`), args).toEqual([])
    }
    for (const args of ['tag_not_in: ["Isekai"]', 'tagCategory_not_in: ["Theme"]', 'minimumTagRank: 50']) {
      expect(await ids(`id_in: [1, 5], ${args}`), args).toEqual([1, 5])
    }
  })
})

describe('Page.media limits', () => {
  it('refuses lists of more than 500 values and searches of more than 200 characters with a 400', async () => {
    const many = Array.from({ length: 501 }, (_, i) => i + 1)
    const lists = await ask(s.app, 'query ($ids: [Int]) { Page { pageInfo { total } media(id_in: $ids) { id } } }', { ids: many })
    expect(lists.status).toBe(400)
    expect(lists.body.errors[0]).toMatchObject({ message: 'id_in accepts at most 500 values.', status: 400 })
    expect(await ids('id_in: $ids', { ids: many.slice(0, 500) }, '$ids: [Int]')).toEqual([1, 5, 6, 20, 21, 30, 43, 47, 121, 164, 199, 205, 269])
    const long = await ask(s.app, 'query ($q: String) { Media(search: $q) { id } }', { q: 'bebop '.repeat(40) })
    expect(long.status).toBe(400)
    expect(long.body.errors[0]).toMatchObject({ message: 'search accepts at most 200 characters.', status: 400 })
  })
})

describe('Page.media search', () => {
  it('matches titles in any case, across words, ignoring punctuation', async () => {
    expect(await ids('search: "cowboy bebop"')).toEqual([1, 5])
    expect(await ids('search: $query, type: $type', { query: 'Cowboy+Bebop', type: 'ANIME' }, '$query: String, $type: MediaType')).toEqual([1, 5])
    expect(await ids('search: "COWBOY"')).toEqual([1, 5])
    expect(await ids('search: "steins gate"')).toEqual([9253])
    expect(await ids('search: "attack titan"')).toEqual([16498, 20958, 53390])
    expect(await ids('search: "no such work anywhere"')).toEqual([])
  })

  it('matches native titles and synonyms', async () => {
    expect(await ids('search: "進撃"')).toEqual([16498, 20958, 53390])
    expect(await ids('search: "snk"')).toEqual([16498, 53390])
    expect(await ids('search: "Only I Level Up"')).toEqual([105398])
  })

  it('orders by match when no sort is given: whole titles, then title starts, then the rest', async () => {
    const res = await ask(s.app, `query ($search: String) { Page { media(search: $search) { id } } }`, { search: 'Shingeki no Kyojin' })
    expect(res.body.data.Page.media.map((m: { id: number }) => m.id)).toEqual([16498, 53390, 20958])
  })

  it('ignores null variables, as clients that send every variable do', async () => {
    const res = await ask(s.app, `
      query ListAnime ($page: Int, $search: String, $perPage: Int, $sort: [MediaSort], $status: [MediaStatus], $genres: [String], $tags: [String], $averageScore_greater: Int, $season: MediaSeason, $seasonYear: Int, $format: MediaFormat, $isAdult: Boolean) {
        Page(page: $page, perPage: $perPage) {
          media(type: ANIME, search: $search, sort: $sort, status_in: $status, isAdult: $isAdult, format: $format, genre_in: $genres, tag_in: $tags, averageScore_greater: $averageScore_greater, season: $season, seasonYear: $seasonYear, format_not: MUSIC) { id }
        }
      }`, { page: 1, search: null, perPage: 3, sort: ['TRENDING_DESC'], status: null, genres: null, tags: null, averageScore_greater: null, season: null, seasonYear: null, format: null, isAdult: false })
    expect(res.body.data.Page.media.map((m: { id: number }) => m.id)).toEqual([900001, 1, 5])
  })
})
