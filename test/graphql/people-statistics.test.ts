import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addEntries, listUser, send } from '../helpers/lists.js'
import type { TestServer } from '../helpers/server.js'
import { peopleServer } from '../people/helpers.js'

let s: TestServer
let userId: number
beforeAll(async () => {
  s = await peopleServer()
  const { user } = await listUser(s.app, 'stats')
  userId = user.id
  await addEntries(s.app, user.id, [
    [910001, 'ANIME', { status: 'COMPLETED', score: 80, progress: 12 }],
    [910002, 'ANIME', { status: 'CURRENT', score: 60, progress: 1 }],
  ])
})
afterAll(async () => s.app.close())

const STATS = `
  query ($id: Int, $limit: Int) {
    User(id: $id) {
      statistics {
        anime {
          staff(sort: [COUNT_DESC, ID], limit: $limit) { count meanScore mediaIds staff { id name { full } } }
          voiceActors(sort: [COUNT_DESC, ID]) { count meanScore mediaIds characterIds voiceActor { id name { full } languageV2 } }
        }
        manga { staff { count } voiceActors { count } }
      }
    }
  }`

describe('statistics by staff and voice actor', () => {
  it('groups the list by the staff of its works and the Japanese voice actors of their characters', async () => {
    const res = await send(s.app, STATS, { variables: { id: userId } })
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    const { anime, manga } = res.body.data.User.statistics
    expect(anime.staff).toEqual([
      // The director of both works, counted once per work although credited twice on the first.
      { count: 2, meanScore: 70, mediaIds: [910001, 910002], staff: { id: 930010, name: { full: 'Haruka Ishida' } } },
      { count: 1, meanScore: 80, mediaIds: [910001], staff: { id: 930011, name: { full: 'Tomo Kaneda' } } },
    ])
    expect(anime.voiceActors).toEqual([
      { count: 2, meanScore: 70, mediaIds: [910001, 910002], characterIds: [920001], voiceActor: { id: 930001, name: { full: 'Yui Tanaka' }, languageV2: 'Japanese' } },
      { count: 1, meanScore: 80, mediaIds: [910001], characterIds: [920002], voiceActor: { id: 930003, name: { full: 'Kenji Mori' }, languageV2: 'Japanese' } },
    ])
    expect(manga).toEqual({ staff: [], voiceActors: [] })
  })

  it('cuts the rows at the limit asked for', async () => {
    const res = await send(s.app, STATS, { variables: { id: userId, limit: 1 } })
    expect(res.body.data.User.statistics.anime.staff.map((r: { staff: { id: number } }) => r.staff.id)).toEqual([930010])
  })
})
