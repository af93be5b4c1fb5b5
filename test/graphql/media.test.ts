import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { ask } from './media-helpers.js'

let s: TestServer
beforeAll(async () => {
  s = await catalogServer()
})
afterAll(async () => s.app.close())

const DETAILS = `
  fragment dates on FuzzyDate { year month day }
  fragment details on Media {
    id idMal type format status description
    title { romaji english native userPreferred }
    startDate { ...dates } endDate { ...dates }
    season seasonYear seasonInt episodes duration chapters volumes
    countryOfOrigin source isLicensed hashtag updatedAt
    coverImage { extraLarge large medium color }
    bannerImage trailer { id site thumbnail } genres synonyms averageScore meanScore popularity favourites trending
    isAdult isLocked isFavouriteBlocked isRecommendationBlocked isReviewBlocked
    siteUrl nextAiringEpisode { airingAt timeUntilAiring episode }
    __typename
  }`

describe('Query.Media', () => {
  it('answers a media by id with every field, as the docs’ getting-started query asks', async () => {
    const res = await ask(s.app, `
      query ($id: Int) { # the id comes from a variable
        Media (id: $id, type: ANIME) { ...details }
      }
      ${DETAILS}`, { id: 1 })
    expect(res.status).toBe(200)
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.Media).toEqual({
      id: 1, idMal: 1, type: 'ANIME', format: 'TV', status: 'FINISHED', description: null,
      title: { romaji: 'Cowboy Bebop', english: 'Cowboy Bebop', native: 'カウボーイビバップ', userPreferred: 'Cowboy Bebop' },
      startDate: { year: 1998, month: 4, day: 3 }, endDate: { year: 1999, month: 4, day: 24 },
      season: 'SPRING', seasonYear: 1998, seasonInt: 982, episodes: 26, duration: 24, chapters: null, volumes: null,
      countryOfOrigin: 'JP', source: 'ORIGINAL', isLicensed: true, hashtag: null, updatedAt: s.clock(),
      // No picture imported: every size is this server's placeholder, so the URL always resolves.
      coverImage: { extraLarge: 'http://kiroku.test/img/placeholder/media/1.svg', large: 'http://kiroku.test/img/placeholder/media/1.svg', medium: 'http://kiroku.test/img/placeholder/media/1.svg', color: null },
      bannerImage: null, trailer: null, genres: ['Action', 'Adventure', 'Drama', 'Sci-Fi'], synonyms: [], averageScore: null, meanScore: null,
      popularity: 0, favourites: 0, trending: 0, isAdult: false, isLocked: false, isFavouriteBlocked: false,
      isRecommendationBlocked: false, isReviewBlocked: false,
      siteUrl: 'http://kiroku.test/anime/1', nextAiringEpisode: null, __typename: 'Media',
    })
  })

  it('answers the stored extras of an imported media', async () => {
    const res = await ask(s.app, `{ Media(id: 900001) { ...details } } ${DETAILS}`)
    expect(res.body.data.Media).toMatchObject({
      idMal: 990001, format: 'TV_SHORT', countryOfOrigin: 'CN', isLicensed: true, hashtag: '#kirokutest', updatedAt: 1_700_000_000,
      bannerImage: 'https://img.example/alpha-banner.jpg', trailer: { id: 'kirokuTrailer1', site: 'youtube', thumbnail: 'https://img.example/alpha-trailer.jpg' }, synonyms: ['Alpha Trial'], averageScore: 61, meanScore: 62,
      popularity: 1200, favourites: 30, trending: 2, seasonInt: 151,
      // No extra-large cover: the large one stands in, as on AniList.
      coverImage: { extraLarge: 'https://img.example/alpha-l.jpg', large: 'https://img.example/alpha-l.jpg', medium: 'https://img.example/alpha-m.jpg', color: '#e4a15d' },
    })
    const blocked = await ask(s.app, `{ Media(id: 900002) { isAdult isLocked isFavouriteBlocked isRecommendationBlocked isReviewBlocked isLicensed } }`)
    expect(blocked.body.data.Media).toEqual({ isAdult: true, isLocked: true, isFavouriteBlocked: true, isRecommendationBlocked: true, isReviewBlocked: true, isLicensed: false })
  })

  it('links manga to /manga/ and answers titles the same, stylised or not', async () => {
    const res = await ask(s.app, `{ Media(id: 53390, type: MANGA) { siteUrl seasonInt season title { romaji(stylised: true) english(stylised: false) native(stylised: true) userPreferred } } }`)
    expect(res.body.data.Media).toEqual({
      siteUrl: 'http://kiroku.test/manga/53390', seasonInt: null, season: null,
      title: { romaji: 'Shingeki no Kyojin', english: 'Attack on Titan', native: '進撃の巨人', userPreferred: 'Shingeki no Kyojin' },
    })
  })

  it('answers description as stored, or as HTML', async () => {
    const res = await ask(s.app, `{ Media(id: 900001) { plain: description html: description(asHtml: true) text: description(asHtml: false) } }`)
    expect(res.body.data.Media).toEqual({
      plain: 'A <b>short</b> series made up for tests.\n~!The twist is spoiled here.!~ alert(1)source',
      text: 'A <b>short</b> series made up for tests.\n~!The twist is spoiled here.!~ alert(1)source',
      html: "A <b>short</b> series made up for tests.<br>\n<span class='markdown_spoiler'><span>The twist is spoiled here.</span></span> alert(1)source",
    })
  })

  it('answers status and source in the enum version asked for', async () => {
    const res = await ask(s.app, `{
      paused: Media(id: 30656) { old: status new: status(version: 2) }
      alpha: Media(id: 900001) { v1: source v2: source(version: 2) v3: source(version: 3) }
      beta: Media(id: 900002) { v1: source v2: source(version: 2) v3: source(version: 3) }
    }`)
    expect(res.body.data).toEqual({
      paused: { old: 'RELEASING', new: 'HIATUS' },
      alpha: { v1: 'OTHER', v2: 'NOVEL', v3: 'WEB_NOVEL' },
      beta: { v1: 'OTHER', v2: 'DOUJINSHI', v3: 'DOUJINSHI' },
    })
  })

  it('finds by MyAnimeList id, which names an anime and a manga apart', async () => {
    const res = await ask(s.app, `
      query ($id: Int, $type: MediaType) {
        anime: Media (idMal: $id, type: $type) { id idMal }
        manga: Media (idMal: $id, type: MANGA) { id idMal }
        either: Media (idMal: $id) { id }
      }`, { id: 1, type: 'ANIME' })
    expect(res.body.data).toEqual({ anime: { id: 1, idMal: 1 }, manga: { id: 30001, idMal: 1 }, either: { id: 1 } })
  })

  it('answers several aliased fields in one document', async () => {
    const res = await ask(s.app, `{ a: Media(id: 5114) { id title { english } } b: Media(id: 9253) { id } c: Media(idMal: 52991, type: ANIME) { id } }`)
    expect(res.body.data).toEqual({ a: { id: 5114, title: { english: 'Fullmetal Alchemist: Brotherhood' } }, b: { id: 9253 }, c: { id: 154587 } })
  })

  it('finds the first match of other filters, in the order asked for', async () => {
    const res = await ask(s.app, `{
      movie: Media(search: "bebop", type: ANIME, format: MOVIE) { id }
      newest: Media(type: MANGA, status: FINISHED, sort: [START_DATE_DESC]) { id }
      adult: Media(id: 900002, isAdult: true) { id }
    }`)
    expect(res.body.data).toEqual({ movie: { id: 5 }, newest: { id: 900005 }, adult: { id: 900002 } })
  })

  it('answers AniList’s 404 for an unknown id, a type that does not match, and a filter matching nothing', async () => {
    const res = await ask(s.app, `query {\n  Media(id: 424242) { id }\n}`)
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ data: { Media: null }, errors: [{ message: 'Not Found.', status: 404, locations: [{ line: 2, column: 3 }] }] })
    for (const args of ['id: 1, type: MANGA', 'idMal: 999999', 'search: "no such work anywhere"', 'id: 900002, isAdult: false']) {
      const miss = await ask(s.app, `{ Media(${args}) { id } }`)
      expect(miss.status, args).toBe(404)
      expect(miss.body.errors[0], args).toMatchObject({ message: 'Not Found.', status: 404 })
    }
  })

  it('keeps the other fields of a document when one Media is not found', async () => {
    const res = await ask(s.app, `{ found: Media(id: 1) { id } missing: Media(id: 424242) { id } }`)
    expect(res.status).toBe(404)
    expect(res.body.data).toEqual({ found: { id: 1 }, missing: null })
  })

  it('refuses an invalid token with AniList’s "Invalid token"', async () => {
    const res = await ask(s.app, '{ Media(id: 1) { id } }', undefined, 'not-a-token')
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ message: 'Invalid token', status: 400 })
  })
})

describe('Media.relations', () => {
  it('connects related works, in the relation version asked for', async () => {
    const res = await ask(s.app, `
      query ($id: Int) {
        Media(id: $id) {
          relations {
            edges { relationType new: relationType(version: 2) isMainStudio node { id title { userPreferred } } }
            nodes { id }
            pageInfo { total perPage currentPage lastPage hasNextPage }
          }
        }
      }`, { id: 16498 })
    expect(res.body.data.Media.relations).toEqual({
      edges: [
        { relationType: 'SEQUEL', new: 'SEQUEL', isMainStudio: false, node: { id: 20958, title: { userPreferred: 'Shingeki no Kyojin 2' } } },
        { relationType: 'ADAPTATION', new: 'SOURCE', isMainStudio: false, node: { id: 53390, title: { userPreferred: 'Shingeki no Kyojin' } } },
      ],
      nodes: [{ id: 20958 }, { id: 53390 }],
      pageInfo: { total: 2, perPage: 2, currentPage: 1, lastPage: 1, hasNextPage: false },
    })
  })

  it('leaves out related works that are not in the catalog', async () => {
    const res = await ask(s.app, '{ Media(id: 900001) { relations { edges { relationType(version: 2) node { id } } } } }')
    expect(res.body.data.Media.relations.edges).toEqual([{ relationType: 'SEQUEL', node: { id: 900002 } }, { relationType: 'SOURCE', node: { id: 900004 } }])
    const none = await ask(s.app, '{ Media(id: 6) { relations { edges { node { id } } nodes { id } pageInfo { total hasNextPage } } } }')
    expect(none.body.data.Media.relations).toEqual({ edges: [], nodes: [], pageInfo: { total: 0, hasNextPage: false } })
  })
})

describe('argument values', () => {
  it('takes FuzzyDateInt as a number or a numeric string, and refuses anything else with a 400', async () => {
    const ok = await ask(s.app, 'query ($d: FuzzyDateInt) { Media(startDate: $d) { id } }', { d: '20130407' })
    expect(ok.body.data.Media.id).toBe(16498)
    // graphql-jit, which runs a document from its second time on, words a refused variable more tersely.
    const badVariable = 'query ($d: FuzzyDateInt) { Media(startDate_greater: $d) { id } }'
    const first = await graphql(s.app, badVariable, undefined, { d: 'spring 2013' })
    expect(first.status).toBe(400)
    expect(first.body.errors[0]).toMatchObject({ status: 400, message: expect.stringContaining('FuzzyDateInt expects a date as an 8-digit number YYYYMMDD') })
    expect(first.body.errors[0].message).toContain('$d')
    const compiled = await graphql(s.app, badVariable, undefined, { d: 'spring 2013' })
    expect(compiled.status).toBe(400)
    expect(compiled.body.errors[0]).toMatchObject({ status: 400, message: 'Variable "$d" got invalid value "spring 2013"; Expected type FuzzyDateInt.' })
    const badLiteral = await ask(s.app, '{ Media(startDate: 123456789) { id } }')
    expect(badLiteral.status).toBe(400)
    expect(badLiteral.body.errors[0]).toMatchObject({ status: 400, locations: [{ line: 1, column: 20 }], message: expect.stringContaining('FuzzyDateInt') })
  })

  it('takes CountryCode in either case and refuses what is not a two-letter code', async () => {
    const ok = await ask(s.app, '{ Media(countryOfOrigin: "kr", type: MANGA) { id countryOfOrigin } }')
    expect(ok.body.data.Media).toEqual({ id: 105398, countryOfOrigin: 'KR' })
    const badDocument = 'query ($c: CountryCode) { Media(countryOfOrigin: $c) { id } }'
    const first = await graphql(s.app, badDocument, undefined, { c: 'Korea' })
    expect(first.status).toBe(400)
    expect(first.body.errors[0].message).toContain('CountryCode expects a two-letter ISO 3166-1 code')
    const compiled = await graphql(s.app, badDocument, undefined, { c: 'Korea' })
    expect(compiled.status).toBe(400)
    expect(compiled.body.errors[0].message).toContain('Expected type CountryCode')
    const badLiteral = await ask(s.app, '{ Media(countryOfOrigin: 81) { id } }')
    expect(badLiteral.status).toBe(400)
    expect(badLiteral.body.errors[0].message).toContain('CountryCode expects a two-letter ISO 3166-1 code such as "JP", not 81')
  })
})
