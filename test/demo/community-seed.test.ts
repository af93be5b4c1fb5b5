/** `serve --demo`'s reviews and recommendations: written through the community rules on first run (so long enough for them), nothing again on the next. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'

let s: TestServer
beforeAll(async () => {
  s = await testServer()
  await seedDemo(s.app.kiroku)
})
afterAll(async () => s.app.close())

const COMMUNITY = `{ Page(perPage: 50) { reviews(sort: ID) { mediaId summary rating ratingAmount user { name } }
  recommendations(sort: RATING_DESC) { rating media { id } mediaRecommendation { id } } } }`
const BEBOP = '{ Media(id: 1) { reviews { nodes { user { name } } } recommendations(sort: RATING_DESC) { nodes { rating mediaRecommendation { id } } } } }'

describe('the demo community', () => {
  it('holds reviews with votes and recommendations with ratings among the demo works', async () => {
    const { reviews, recommendations } = (await graphql(s.app, COMMUNITY)).body.data.Page
    expect(reviews.map((r: any) => r.mediaId)).toEqual([1, 30, 9253])
    expect(reviews[0]).toMatchObject({ rating: 2, ratingAmount: 2, user: { name: 'hana' } })
    expect(reviews[1]).toMatchObject({ rating: 1, ratingAmount: 2, user: { name: 'kenji' } })
    expect(recommendations).toHaveLength(5)
    expect(recommendations[0].rating).toBe(3)
    const bebop = (await graphql(s.app, BEBOP)).body.data.Media
    expect(bebop.reviews.nodes).toEqual([{ user: { name: 'hana' } }])
    expect(bebop.recommendations.nodes).toEqual([{ rating: 3, mediaRecommendation: { id: 205 } }, { rating: 2, mediaRecommendation: { id: 6 } }])
  })

  it('adds nothing on a second run', async () => {
    const before = (await graphql(s.app, COMMUNITY)).body.data.Page
    await seedDemo(s.app.kiroku)
    expect((await graphql(s.app, COMMUNITY)).body.data.Page).toEqual(before)
  })
})
