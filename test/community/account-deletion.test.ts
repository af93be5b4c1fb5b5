/** A deleted account takes its reviews and its votes with it (foreign keys), on both databases; the pairs it suggested stay, without a suggester. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteUser } from '../../src/accounts/users.js'
import { voteTotals } from '../../src/community/reviews/review-store.js'
import { findPair, recommendationRatings } from '../../src/community/recommendations/recommendation-store.js'
import type { TestServer } from '../helpers/server.js'
import { ANIME, MANGA, ok, socialServer, socialUser, type SocialUser } from '../social/social-helpers.js'
import { writeReview } from './review-helpers.js'

let s: TestServer
let alice: SocialUser
let bob: SocialUser

beforeAll(async () => {
  s = await socialServer()
  alice = await socialUser(s.app, 'alice')
  bob = await socialUser(s.app, 'bob')
})
afterAll(async () => s.app.close())

describe('deleting an account', () => {
  it('removes what it wrote and the votes it gave', async () => {
    const alicesReview = await writeReview(s.app, alice.token, ANIME)
    const bobsReview = await writeReview(s.app, bob.token, ANIME)
    await ok(s.app, 'mutation ($r: Int) { RateReview(reviewId: $r, rating: UP_VOTE) { id } }', alice.token, { r: bobsReview })
    await ok(s.app, 'mutation ($r: Int) { RateReview(reviewId: $r, rating: UP_VOTE) { id } }', bob.token, { r: alicesReview })
    await ok(s.app, `mutation { SaveRecommendation(mediaId: ${ANIME}, mediaRecommendationId: ${MANGA}, rating: RATE_UP) { id } }`, alice.token)
    const pair = (await findPair(s.app.kiroku.db, ANIME, MANGA))!
    await ok(s.app, `mutation { SaveRecommendation(mediaId: ${MANGA}, mediaRecommendationId: ${ANIME}, rating: RATE_UP) { id } }`, bob.token)

    expect(await deleteUser(s.app.kiroku.db, alice.user.id)).toBe(true)
    const left = await ok(s.app, `query { Page { reviews { id user { name } } } }`)
    expect(left.Page.reviews).toEqual([{ id: bobsReview, user: { name: 'bob' } }])
    expect((await voteTotals(s.app.kiroku.db, [bobsReview])).get(bobsReview)).toEqual({ up: 0, all: 0 })
    // The pair alice suggested stays with bob's vote (hers is gone), and names no suggester.
    expect(await findPair(s.app.kiroku.db, ANIME, MANGA)).toMatchObject({ id: pair.id, userId: null })
    expect((await recommendationRatings(s.app.kiroku.db, [pair.id])).get(pair.id)).toBe(1)
    const seen = await ok(s.app, `query { Recommendation(mediaId: ${ANIME}) { id rating user { name } } }`)
    expect(seen.Recommendation).toEqual({ id: pair.id, rating: 1, user: null })
  })
})
