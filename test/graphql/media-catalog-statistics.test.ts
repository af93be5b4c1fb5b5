import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { addEntries, listUser, type ListUser } from '../helpers/lists.js'
import { worldServer } from '../catalog/catalog-world.js'
import { ask } from './media-helpers.js'

let s: TestServer
let kai: ListUser
beforeAll(async () => {
  s = await worldServer()
  kai = await listUser(s.app, 'kai')
  await addEntries(s.app, kai.user.id, [
    // Record World: 24-minute episodes, tagged Time Loop and Swordplay, by Studio Kiroku (main) and a producer.
    [910001, 'ANIME', { status: 'CURRENT', score: 80, progress: 5 }],
    // The film: Swordplay, Studio Kiroku. Watched once.
    [910002, 'ANIME', { status: 'COMPLETED', score: 60, progress: 1 }],
    // Planned works count in no tag or studio row.
    [1, 'ANIME', { status: 'PLANNING' }],
  ])
})
afterAll(async () => s.app.close())

const QUERY = `
  query ($name: String) {
    User(name: $name) {
      statistics {
        anime {
          tags(sort: [COUNT_DESC]) { count meanScore minutesWatched mediaIds tag { id name category isMediaSpoiler } }
          topTag: tags(limit: 1, sort: [MEAN_SCORE_DESC]) { tag { name } }
          studios(sort: ID) { count meanScore mediaIds studio { id name isAnimationStudio siteUrl } }
        }
      }
    }
  }`

describe('statistics by tag and by studio', () => {
  it('counts each work once for each of its tags, and for each animation studio that made it', async () => {
    const res = await ask(s.app, QUERY, { name: 'kai' })
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    const { tags, topTag, studios } = res.body.data.User.statistics.anime
    expect(tags).toEqual([
      { count: 2, meanScore: 70, minutesWatched: 5 * 24, mediaIds: [910001, 910002], tag: { id: 9202, name: 'Swordplay', category: 'Theme-Action', isMediaSpoiler: null } },
      { count: 1, meanScore: 80, minutesWatched: 5 * 24, mediaIds: [910001], tag: { id: 9201, name: 'Time Loop', category: 'Theme-Other', isMediaSpoiler: null } },
    ])
    expect(topTag).toEqual([{ tag: { name: 'Time Loop' } }])
    // The producer (not an animation studio) has no row.
    expect(studios).toEqual([{ count: 2, meanScore: 70, mediaIds: [910001, 910002], studio: { id: 91001, name: 'Studio Kiroku', isAnimationStudio: true, siteUrl: 'http://kiroku.test/studio/91001' } }])
  })
})
