/** Reviews and recommendations under a page of works cost the same few statements for one work as for many: no query per work, review or pair. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import type { TestServer } from '../helpers/server.js'
import { ANIME, MANGA, ok, socialServer, socialUser, type SocialUser } from '../social/social-helpers.js'
import { writeReview } from './review-helpers.js'

const THIRD = 810_003
const WORKS = [ANIME, MANGA, THIRD]

let s: TestServer
let users: SocialUser[]

beforeAll(async () => {
  s = await socialServer()
  await upsertMedia(s.app.kiroku.db, s.clock, [{ id: THIRD, type: 'ANIME', format: 'MOVIE', title: { romaji: 'Third Work' }, episodes: 1 }])
  users = await Promise.all(['ann', 'ben', 'cai'].map((n) => socialUser(s.app, n)))
  for (const [i, work] of WORKS.entries()) {
    for (const [j, user] of users.entries()) {
      const id = await writeReview(s.app, user.token, work, { score: 50 + i + j })
      const voter = users[(j + 1) % users.length]!
      await ok(s.app, 'mutation ($r: Int) { RateReview(reviewId: $r, rating: UP_VOTE) { id } }', voter.token, { r: id })
    }
    for (const [j, other] of WORKS.entries()) {
      if (other === work) continue
      await ok(s.app, 'mutation ($m: Int, $r: Int) { SaveRecommendation(mediaId: $m, mediaRecommendationId: $r, rating: RATE_UP) { id } }', users[j]!.token, { m: work, r: other })
    }
  }
})
afterAll(async () => s.app.close())

const QUERY = `query ($n: Int) { Page(perPage: $n) { media(id_in: [${WORKS.join(',')}], sort: ID) { id
  reviews(sort: [RATING_DESC]) { pageInfo { total } nodes { id summary rating ratingAmount userRating user { name } media { id } } }
  recommendations(sort: [RATING_DESC]) { pageInfo { total } nodes { id rating userRating user { name } media { id } mediaRecommendation { id title { romaji } } } } } } }`

describe('Media.reviews and Media.recommendations', () => {
  it('load a page of works with the same statements as one work', async () => {
    const counter = new StatementCounter()
    const db = s.app.kiroku.db
    s.app.kiroku.db = db.withPlugin(counter)
    try {
      const count = async (n: number) => {
        counter.count = 0
        const data = await ok(s.app, QUERY, users[0]!.token, { n })
        expect(data.Page.media).toHaveLength(n)
        for (const m of data.Page.media) {
          expect(m.reviews.nodes).toHaveLength(3)
          expect(m.recommendations.nodes).toHaveLength(2)
        }
        return counter.count
      }
      const one = await count(1)
      const all = await count(3)
      // One work needs its recommended works loaded; among three they are on the page already: never more for more works.
      expect(all).toBeLessThanOrEqual(one)
      expect(all).toBeLessThanOrEqual(12)
    } finally {
      s.app.kiroku.db = db
    }
  })
})
