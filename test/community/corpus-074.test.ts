/** The real client's media page (corpus operation 074) selects Media.reviews and Media.recommendations: it runs, within the cost limit, with the values it expects. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { ANIME, MANGA, ok, socialServer, socialUser, type SocialUser } from '../social/social-helpers.js'
import { writeReview } from './review-helpers.js'

/** Copied from the client corpus (074, project justchokingaround/jerry) so that the test reads nothing outside test/. */
const OPERATION = {
  query: "query media($id:Int,$type:MediaType,$isAdult:Boolean){Media(id:$id,type:$type,isAdult:$isAdult){id title{userPreferred romaji english native}coverImage{extraLarge large}bannerImage startDate{year month day}endDate{year month day}description season seasonYear type format status(version:2)episodes duration chapters volumes genres synonyms source(version:3)isAdult isLocked meanScore averageScore popularity favourites isFavouriteBlocked hashtag countryOfOrigin isLicensed isFavourite isRecommendationBlocked isFavouriteBlocked isReviewBlocked nextAiringEpisode{airingAt timeUntilAiring episode}relations{edges{id relationType(version:2)node{id title{userPreferred}format type status(version:2)bannerImage coverImage{large}}}}characterPreview:characters(perPage:6,sort:[ROLE,RELEVANCE,ID]){edges{id role name voiceActors(language:JAPANESE,sort:[RELEVANCE,ID]){id name{userPreferred}language:languageV2 image{large}}node{id name{userPreferred}image{large}}}}staffPreview:staff(perPage:8,sort:[RELEVANCE,ID]){edges{id role node{id name{userPreferred}language:languageV2 image{large}}}}studios{edges{isMain node{id name}}}reviewPreview:reviews(perPage:2,sort:[RATING_DESC,ID]){pageInfo{total}nodes{id summary rating ratingAmount user{id name avatar{large}}}}recommendations(perPage:7,sort:[RATING_DESC,ID]){pageInfo{total}nodes{id rating userRating mediaRecommendation{id title{userPreferred}format type status(version:2)bannerImage coverImage{large}}user{id name avatar{large}}}}externalLinks{id site url type language color icon notes isDisabled}streamingEpisodes{site title thumbnail url}trailer{id site}rankings{id rank type format year season allTime context}tags{id name description rank isMediaSpoiler isGeneralSpoiler userId}mediaListEntry{id status score}stats{statusDistribution{status amount}scoreDistribution{score amount}}}}",
  variables: {"id": 154587, "type": "ANIME"} as Record<string, unknown>,
}

let s: TestServer
let alice: SocialUser
let bob: SocialUser

beforeAll(async () => {
  s = await socialServer()
  alice = await socialUser(s.app, 'alice')
  bob = await socialUser(s.app, 'bob')
  await writeReview(s.app, alice.token, ANIME, { score: 75 })
  await ok(s.app, 'mutation { SaveRecommendation(mediaId: ' + ANIME + ', mediaRecommendationId: ' + MANGA + ', rating: RATE_UP) { id } }', bob.token)
})
afterAll(async () => s.app.close())

describe('corpus operation 074', () => {
  it('answers the review and recommendation previews', async () => {
    const data = await ok(s.app, OPERATION.query, bob.token, { ...OPERATION.variables, id: ANIME })
    expect(data.Media.reviewPreview.pageInfo.total).toBe(1)
    expect(data.Media.reviewPreview.nodes[0]).toMatchObject({ rating: 0, ratingAmount: 0, user: { name: 'alice' } })
    expect(data.Media.recommendations.pageInfo.total).toBe(1)
    expect(data.Media.recommendations.nodes[0]).toMatchObject({ rating: 1, userRating: 'RATE_UP', mediaRecommendation: { id: MANGA }, user: { name: 'bob' } })
  })
})
