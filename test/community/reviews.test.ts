/** Reviews through the API: AniList's rules for writing, editing, deleting and voting, privacy, sorts and paging. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { ANIME, MANGA, ok, refused, socialServer, socialUser, type SocialUser } from '../social/social-helpers.js'
import { MAX_BODY_LENGTH, MIN_BODY_LENGTH } from '../../src/community/reviews/review-rules.js'
import { reviewBody, SAVE_REVIEW, SUMMARY, writeReview } from './review-helpers.js'

let s: TestServer
let alice: SocialUser
let bob: SocialUser
let carol: SocialUser

beforeAll(async () => {
  s = await socialServer()
  alice = await socialUser(s.app, 'alice')
  bob = await socialUser(s.app, 'bob')
  carol = await socialUser(s.app, 'carol')
})
afterAll(async () => s.app.close())

const REVIEW = `query ($id: Int) { Review(id: $id) { id summary score private rating ratingAmount userRating body user { name } media { id } } }`
const RATE = 'mutation ($r: Int, $v: ReviewRating) { RateReview(reviewId: $r, rating: $v) { id rating ratingAmount userRating } }'

describe('SaveReview', () => {
  it('writes a review of a work with its fields, and lets only the author edit it', async () => {
    const data = await ok(s.app, SAVE_REVIEW, alice.token, { m: ANIME, s: `  ${SUMMARY}  `, b: reviewBody(), sc: 85 })
    const review = data.SaveReview
    expect(review).toMatchObject({ userId: alice.user.id, mediaId: ANIME, mediaType: 'ANIME', summary: SUMMARY, score: 85, private: false, rating: 0, ratingAmount: 0, userRating: 'NO_VOTE' })
    expect(review.siteUrl).toMatch(new RegExp(`/review/${review.id}$`))
    s.clock.advance(60)
    const edited = await ok(s.app, SAVE_REVIEW, alice.token, { id: review.id, sc: 90 })
    expect(edited.SaveReview).toMatchObject({ id: review.id, score: 90, summary: SUMMARY, createdAt: review.createdAt })
    expect(edited.SaveReview.updatedAt).toBe(review.updatedAt + 60)
    const bobs = await refused(s.app, SAVE_REVIEW, bob.token, { id: review.id, sc: 1 })
    expect(bobs.status).toBe(401)
    expect((await ok(s.app, REVIEW, undefined, { id: review.id })).Review.score).toBe(90)
  })

  it('refuses a second review of the same work with a validation error', async () => {
    await writeReview(s.app, bob.token, MANGA)
    const again = await refused(s.app, SAVE_REVIEW, bob.token, { m: MANGA, s: SUMMARY, b: reviewBody(), sc: 50 })
    expect(again.status).toBe(400)
    expect(again.body.errors[0].validation.mediaId[0]).toMatch(/already reviewed/)
  })

  it('checks the summary, body and score by AniList’s numbers', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ s: 'too short' }, 'summary'],
      [{ s: 'x'.repeat(121) }, 'summary'],
      [{ b: 'x'.repeat(MIN_BODY_LENGTH - 1) }, 'body'],
      [{ b: 'x'.repeat(MAX_BODY_LENGTH + 1) }, 'body'],
      [{ sc: -1 }, 'score'],
      [{ sc: 101 }, 'score'],
      [{ s: null }, 'summary'],
      [{ b: null }, 'body'],
      [{ sc: null }, 'score'],
    ]
    for (const [change, field] of cases) {
      const res = await refused(s.app, SAVE_REVIEW, carol.token, { m: ANIME, s: SUMMARY, b: reviewBody(), sc: 70, ...change })
      expect(res.status, JSON.stringify(change).slice(0, 80)).toBe(400)
      expect(res.body.errors[0].validation[field]).toBeDefined()
    }
    const edit = await refused(s.app, SAVE_REVIEW, alice.token, { id: (await ok(s.app, 'query { Review(userId: ' + alice.user.id + ') { id } }')).Review.id, b: 'short' })
    expect(edit.body.errors[0].validation.body).toBeDefined()
  })

  it('needs a token, a work that exists and a work id', async () => {
    expect(await refused(s.app, SAVE_REVIEW, undefined, { m: ANIME, s: SUMMARY, b: reviewBody(), sc: 1 })).toMatchObject({ status: 401, message: 'Unauthorized.' })
    expect((await refused(s.app, SAVE_REVIEW, carol.token, { m: 999_999_999, s: SUMMARY, b: reviewBody(), sc: 1 })).body.errors[0].validation.mediaId).toBeDefined()
    expect((await refused(s.app, SAVE_REVIEW, carol.token, { s: SUMMARY, b: reviewBody(), sc: 1 })).body.errors[0].validation.mediaId).toBeDefined()
  })

  it('answers wrong input types with a 400, never a 5xx', async () => {
    const cases: Array<[string, unknown]> = [
      [SAVE_REVIEW, { m: ANIME, s: { no: 1 }, b: reviewBody(), sc: 1 }],
      [SAVE_REVIEW, { m: 'one', s: SUMMARY, b: reviewBody(), sc: 1 }],
      [SAVE_REVIEW, { m: ANIME, s: SUMMARY, b: reviewBody(), sc: 2 ** 40 }],
      [RATE, { r: 1, v: 'SIDEWAYS' }],
      ['mutation ($id: Int) { DeleteReview(id: $id) { deleted } }', { id: [1] }],
    ]
    for (const [query, variables] of cases) {
      const res = await graphql(s.app, query, carol.token, variables)
      expect(res.status).toBeLessThan(500)
      expect(res.body.errors).toBeDefined()
    }
  })

  it('goes through the posting limit for new reviews', async () => {
    const limited = await socialServer({ postingLimitPerMinute: 1 })
    try {
      const dave = await socialUser(limited.app, 'dave')
      await writeReview(limited.app, dave.token, ANIME)
      const second = await refused(limited.app, SAVE_REVIEW, dave.token, { m: MANGA, s: SUMMARY, b: reviewBody(), sc: 10 })
      expect(second.status).toBe(429)
    } finally {
      await limited.app.close()
    }
  })
})

describe('RateReview', () => {
  it('sets, changes and withdraws the viewer’s vote, and counts everyone’s', async () => {
    const id = (await ok(s.app, `query { Review(userId: ${alice.user.id}, mediaId: ${ANIME}) { id } }`)).Review.id
    expect((await ok(s.app, RATE, bob.token, { r: id, v: 'UP_VOTE' })).RateReview).toEqual({ id, rating: 1, ratingAmount: 1, userRating: 'UP_VOTE' })
    expect((await ok(s.app, RATE, carol.token, { r: id, v: 'DOWN_VOTE' })).RateReview).toEqual({ id, rating: 1, ratingAmount: 2, userRating: 'DOWN_VOTE' })
    expect((await ok(s.app, RATE, bob.token, { r: id, v: 'DOWN_VOTE' })).RateReview).toEqual({ id, rating: 0, ratingAmount: 2, userRating: 'DOWN_VOTE' })
    expect((await ok(s.app, RATE, carol.token, { r: id, v: 'NO_VOTE' })).RateReview).toEqual({ id, rating: 0, ratingAmount: 1, userRating: 'NO_VOTE' })
    expect((await ok(s.app, REVIEW, bob.token, { id })).Review.userRating).toBe('DOWN_VOTE')
    expect((await ok(s.app, REVIEW, undefined, { id })).Review.userRating).toBe('NO_VOTE')
    await ok(s.app, RATE, bob.token, { r: id, v: 'UP_VOTE' })
  })

  it('refuses a vote on one’s own review, without a token, and on a missing review', async () => {
    const id = (await ok(s.app, `query { Review(userId: ${alice.user.id}) { id } }`)).Review.id
    expect((await refused(s.app, RATE, alice.token, { r: id, v: 'UP_VOTE' })).body.errors[0].validation.reviewId).toBeDefined()
    expect((await refused(s.app, RATE, undefined, { r: id, v: 'UP_VOTE' })).status).toBe(401)
    expect((await refused(s.app, RATE, bob.token, { r: 987_654, v: 'UP_VOTE' })).status).toBe(404)
    expect((await refused(s.app, RATE, bob.token, { r: id })).status).toBe(400)
  })
})

describe('private reviews', () => {
  it('are seen by their author only', async () => {
    const id = await writeReview(s.app, carol.token, MANGA, { private: true })
    expect((await ok(s.app, REVIEW, carol.token, { id })).Review.private).toBe(true)
    expect((await refused(s.app, REVIEW, bob.token, { id })).status).toBe(404)
    expect((await refused(s.app, REVIEW, undefined, { id })).status).toBe(404)
    expect((await refused(s.app, RATE, bob.token, { r: id, v: 'UP_VOTE' })).status).toBe(404)
    const page = `query { Page { reviews(mediaId: ${MANGA}) { id } } Media(id: ${MANGA}) { reviews { pageInfo { total } nodes { id } } } }`
    const seenByBob = await ok(s.app, page, bob.token)
    expect(seenByBob.Page.reviews.map((r: any) => r.id)).not.toContain(id)
    expect(seenByBob.Media.reviews.nodes.map((r: any) => r.id)).not.toContain(id)
    const seenByCarol = await ok(s.app, page, carol.token)
    expect(seenByCarol.Page.reviews.map((r: any) => r.id)).toContain(id)
    expect(seenByCarol.Media.reviews.pageInfo.total).toBe(seenByBob.Media.reviews.pageInfo.total + 1)
    // Made public by its author, it is everyone's to read.
    await ok(s.app, SAVE_REVIEW, carol.token, { id, p: false })
    expect((await ok(s.app, REVIEW, undefined, { id })).Review.private).toBe(false)
  })
})

describe('lists of reviews', () => {
  it('sort by score, rating and id, and page with pageInfo', async () => {
    const list = (sort: string) => ok(s.app, `query { Page(perPage: 2) { pageInfo { total hasNextPage } reviews(sort: [${sort}]) { id score rating } } }`)
    const byScore = await list('SCORE_DESC')
    expect(byScore.Page.pageInfo.total).toBe(3)
    expect(byScore.Page.pageInfo.hasNextPage).toBe(true)
    expect(byScore.Page.reviews[0].score).toBeGreaterThanOrEqual(byScore.Page.reviews[1].score)
    const byRating = await list('RATING_DESC')
    expect(byRating.Page.reviews[0].rating).toBe(1)
    const byId = await list('ID_DESC')
    expect(byId.Page.reviews[0].id).toBeGreaterThan(byId.Page.reviews[1].id)
    const manga = await ok(s.app, 'query { Page { reviews(mediaType: MANGA) { mediaType } } }')
    expect(manga.Page.reviews.every((r: any) => r.mediaType === 'MANGA')).toBe(true)
  })

  it('Media.reviews pages each work’s reviews, several works in one request', async () => {
    const data = await ok(s.app, `query { Page { media(id_in: [${ANIME}, ${MANGA}], sort: ID) { id reviews(perPage: 1, sort: [ID]) { pageInfo { total perPage hasNextPage } edges { node { mediaId } } nodes { id mediaId } } } } }`)
    const [anime, manga] = data.Page.media
    expect(anime.reviews.pageInfo).toEqual({ total: 1, perPage: 1, hasNextPage: false })
    expect(anime.reviews.nodes[0].mediaId).toBe(ANIME)
    expect(manga.reviews.pageInfo.total).toBe(2)
    expect(manga.reviews.edges[0].node.mediaId).toBe(MANGA)
    const second = await ok(s.app, `query { Media(id: ${MANGA}) { reviews(limit: 1, page: 2, sort: [ID]) { nodes { id } } } }`)
    expect(second.Media.reviews.nodes[0].id).not.toBe(manga.reviews.nodes[0].id)
  })

  it('renders the body as HTML on request', async () => {
    const id = (await ok(s.app, `query { Review(userId: ${alice.user.id}) { id } }`)).Review.id
    const data = await ok(s.app, 'query ($id: Int) { Review(id: $id) { body(asHtml: true) } }', undefined, { id })
    expect(data.Review.body).toMatch(/^<p>/)
  })
})

describe('DeleteReview', () => {
  it('lets only the author delete, and takes the votes with it', async () => {
    const id = (await ok(s.app, `query { Review(userId: ${alice.user.id}) { id } }`)).Review.id
    expect((await refused(s.app, 'mutation ($id: Int) { DeleteReview(id: $id) { deleted } }', bob.token, { id })).status).toBe(401)
    expect((await ok(s.app, 'mutation ($id: Int) { DeleteReview(id: $id) { deleted } }', alice.token, { id })).DeleteReview.deleted).toBe(true)
    expect((await refused(s.app, REVIEW, undefined, { id })).status).toBe(404)
    // Alice may now review that work again.
    await writeReview(s.app, alice.token, ANIME)
  })
})
