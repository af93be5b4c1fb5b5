/** Recommendations through the API: votes on pairs of works, both sides agreeing, filters, sorts and hostile input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import type { TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { ANIME, MANGA, ok, refused, saveEntry, socialServer, socialUser, type SocialUser } from '../social/social-helpers.js'

const THIRD = 810_003

let s: TestServer
let alice: SocialUser
let bob: SocialUser
let carol: SocialUser

beforeAll(async () => {
  s = await socialServer()
  await upsertMedia(s.app.kiroku.db, s.clock, [{ id: THIRD, type: 'ANIME', format: 'MOVIE', title: { romaji: 'Third Work' }, episodes: 1 }])
  alice = await socialUser(s.app, 'alice')
  bob = await socialUser(s.app, 'bob')
  carol = await socialUser(s.app, 'carol')
})
afterAll(async () => s.app.close())

const SAVE = 'mutation ($m: Int, $r: Int, $v: RecommendationRating) { SaveRecommendation(mediaId: $m, mediaRecommendationId: $r, rating: $v) { id rating userRating media { id } mediaRecommendation { id } user { name } } }'
const vote = (token: string, m: number, r: number, v: string) => ok(s.app, SAVE, token, { m, r, v }).then((d) => d.SaveRecommendation)
const MEDIA_RECS = (id: number) => `query { Media(id: ${id}) { recommendations(sort: [RATING_DESC]) { pageInfo { total } nodes { id rating mediaRecommendation { id } } edges { node { id } } } } }`

describe('SaveRecommendation', () => {
  it('creates the pair with the first vote and counts every vote, up and down, from either side', async () => {
    const first = await vote(alice.token, ANIME, MANGA, 'RATE_UP')
    expect(first).toMatchObject({ rating: 1, userRating: 'RATE_UP', media: { id: ANIME }, mediaRecommendation: { id: MANGA }, user: { name: 'alice' } })
    // Bob votes from the other side: the same pair, the same id, still alice's suggestion.
    const fromManga = await vote(bob.token, MANGA, ANIME, 'RATE_UP')
    expect(fromManga).toMatchObject({ id: first.id, rating: 2, media: { id: MANGA }, mediaRecommendation: { id: ANIME }, user: { name: 'alice' } })
    expect((await vote(carol.token, ANIME, MANGA, 'RATE_DOWN')).rating).toBe(1)
    // Changing a vote replaces it; NO_RATING withdraws it.
    expect((await vote(bob.token, ANIME, MANGA, 'RATE_DOWN')).rating).toBe(-1)
    const withdrawn = await vote(bob.token, ANIME, MANGA, 'NO_RATING')
    expect(withdrawn).toMatchObject({ rating: 0, userRating: 'NO_RATING' })
  })

  it('shows the pair from both works with the same rating', async () => {
    const fromAnime = (await ok(s.app, MEDIA_RECS(ANIME))).Media.recommendations
    const fromManga = (await ok(s.app, MEDIA_RECS(MANGA))).Media.recommendations
    expect(fromAnime.nodes).toEqual([{ id: expect.any(Number), rating: 0, mediaRecommendation: { id: MANGA } }])
    expect(fromManga.nodes).toEqual([{ id: fromAnime.nodes[0].id, rating: 0, mediaRecommendation: { id: ANIME } }])
    expect(fromAnime.pageInfo.total).toBe(1)
    expect(fromAnime.edges[0].node.id).toBe(fromAnime.nodes[0].id)
  })

  it('never creates a pair to withdraw a vote from', async () => {
    const data = await ok(s.app, SAVE, alice.token, { m: ANIME, r: THIRD, v: 'NO_RATING' })
    expect(data.SaveRecommendation).toBeNull()
    expect((await ok(s.app, MEDIA_RECS(THIRD))).Media.recommendations.pageInfo.total).toBe(0)
  })

  it('refuses a work recommending itself, missing works and missing arguments', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ m: ANIME, r: ANIME, v: 'RATE_UP' }, 'mediaRecommendationId'],
      [{ m: 999_999_999, r: ANIME, v: 'RATE_UP' }, 'mediaId'],
      [{ m: ANIME, r: 999_999_999, v: 'RATE_UP' }, 'mediaRecommendationId'],
      [{ r: ANIME, v: 'RATE_UP' }, 'mediaId'],
      [{ m: ANIME, v: 'RATE_UP' }, 'mediaRecommendationId'],
      [{ m: ANIME, r: MANGA }, 'rating'],
    ]
    for (const [variables, field] of cases) {
      const res = await refused(s.app, SAVE, alice.token, variables)
      expect(res.status).toBe(400)
      expect(res.body.errors[0].validation[field]).toBeDefined()
    }
    expect(await refused(s.app, SAVE, undefined, { m: ANIME, r: MANGA, v: 'RATE_UP' })).toMatchObject({ status: 401, message: 'Unauthorized.' })
  })

  it('counts a new pair against the posting limit, but not a vote on a pair that exists', async () => {
    const limited = await socialServer({ postingLimitPerMinute: 1 })
    try {
      await upsertMedia(limited.app.kiroku.db, limited.clock, [{ id: THIRD, type: 'ANIME', format: 'MOVIE', title: { romaji: 'Third Work' }, episodes: 1 }])
      const [dana, eli] = await Promise.all([socialUser(limited.app, 'dana'), socialUser(limited.app, 'eli')])
      const save = (token: string, m: number, r: number, v: string) => graphql(limited.app, SAVE, token, { m, r, v })
      expect((await save(dana.token, ANIME, MANGA, 'RATE_UP')).body.errors).toBeUndefined()
      expect((await save(dana.token, ANIME, THIRD, 'RATE_UP')).body.errors[0].status).toBe(429)
      // Voting on (and withdrawing from) a pair that exists is no new post.
      expect((await save(dana.token, MANGA, ANIME, 'RATE_DOWN')).body.errors).toBeUndefined()
      expect((await save(dana.token, MANGA, ANIME, 'NO_RATING')).body.errors).toBeUndefined()
      expect((await save(eli.token, ANIME, MANGA, 'RATE_UP')).body.errors).toBeUndefined()
    } finally {
      await limited.app.close()
    }
  })

  it('answers wrong input types with a 400, never a 5xx', async () => {
    for (const variables of [{ m: 'x', r: 1, v: 'RATE_UP' }, { m: 1, r: 2 ** 40, v: 'RATE_UP' }, { m: 1, r: 2, v: 'UP_VOTE' }, { m: [1], r: 2, v: 'RATE_UP' }]) {
      const res = await graphql(s.app, SAVE, alice.token, variables)
      expect(res.status).toBeLessThan(500)
      expect(res.body.errors).toBeDefined()
    }
  })
})

describe('Page.recommendations and Query.Recommendation', () => {
  beforeAll(async () => {
    await vote(alice.token, THIRD, ANIME, 'RATE_UP')
    await vote(bob.token, THIRD, ANIME, 'RATE_UP')
    await vote(carol.token, MANGA, THIRD, 'RATE_DOWN')
  })

  it('list each pair once, seen from its smaller work, with filters on rating and users', async () => {
    const all = await ok(s.app, 'query { Page { pageInfo { total } recommendations(sort: [RATING_DESC]) { rating media { id } mediaRecommendation { id } } } }')
    expect(all.Page.pageInfo.total).toBe(3)
    expect(all.Page.recommendations.map((r: any) => r.rating)).toEqual([2, 0, -1])
    for (const r of all.Page.recommendations) expect(r.media.id).toBeLessThan(r.mediaRecommendation.id)
    const positive = await ok(s.app, 'query { Page { recommendations(rating_greater: 0) { rating } } }')
    expect(positive.Page.recommendations).toEqual([{ rating: 2 }])
    const negative = await ok(s.app, 'query { Page { recommendations(rating_lesser: 0) { rating } } }')
    expect(negative.Page.recommendations).toEqual([{ rating: -1 }])
    expect((await ok(s.app, 'query { Page { recommendations(rating: 0) { rating } } }')).Page.recommendations).toHaveLength(1)
    const byCarol = await ok(s.app, `query { Page { recommendations(userId: ${carol.user.id}) { user { name } } } }`)
    expect(byCarol.Page.recommendations).toEqual([{ user: { name: 'carol' } }])
  })

  it('orient the pair by mediaId or mediaRecommendationId', async () => {
    const seen = await ok(s.app, `query { Recommendation(mediaId: ${THIRD}, sort: [RATING_DESC]) { media { id } mediaRecommendation { id } rating } }`)
    expect(seen.Recommendation).toEqual({ media: { id: THIRD }, mediaRecommendation: { id: ANIME }, rating: 2 })
    const towards = await ok(s.app, `query { Page { recommendations(mediaRecommendationId: ${THIRD}, sort: [ID]) { media { id } mediaRecommendation { id } } } }`)
    expect(towards.Page.recommendations).toEqual([{ media: { id: ANIME }, mediaRecommendation: { id: THIRD } }, { media: { id: MANGA }, mediaRecommendation: { id: THIRD } }])
    expect((await refused(s.app, 'query { Recommendation(id: 987654) { id } }')).status).toBe(404)
  })

  it('filter to works on the viewer’s list with onList', async () => {
    await saveEntry(s.app, alice.token, MANGA, { status: 'CURRENT' })
    const onList = await ok(s.app, `query { Page { recommendations(mediaId: ${ANIME}, onList: true) { mediaRecommendation { id } } } }`, alice.token)
    expect(onList.Page.recommendations).toEqual([{ mediaRecommendation: { id: MANGA } }])
    const offList = await ok(s.app, `query { Page { recommendations(mediaId: ${ANIME}, onList: false) { mediaRecommendation { id } } } }`, alice.token)
    expect(offList.Page.recommendations).toEqual([{ mediaRecommendation: { id: THIRD } }])
    const anonymous = await ok(s.app, `query { Page { recommendations(mediaId: ${ANIME}, onList: true) { id } } }`)
    expect(anonymous.Page.recommendations).toEqual([])
  })

  it('Media.recommendations pages several works in one request', async () => {
    const data = await ok(s.app, `query { Page { media(id_in: [${ANIME}, ${MANGA}, ${THIRD}], sort: ID) { id recommendations(perPage: 1, sort: [RATING_DESC]) { pageInfo { total hasNextPage } nodes { rating mediaRecommendation { id } } } } } }`)
    const [anime, manga, third] = data.Page.media
    expect(anime.recommendations).toEqual({ pageInfo: { total: 2, hasNextPage: true }, nodes: [{ rating: 2, mediaRecommendation: { id: THIRD } }] })
    expect(manga.recommendations.nodes).toEqual([{ rating: 0, mediaRecommendation: { id: ANIME } }])
    expect(third.recommendations.pageInfo.total).toBe(2)
  })
})
