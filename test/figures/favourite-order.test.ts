/** UpdateFavouriteOrder: the viewer's favourites in a new order; ids not among them, duplicates and length mismatches refused, changing nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { toggleFavourite } from '../../src/accounts/favourites.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { listUser, send, type ListUser } from '../helpers/lists.js'

let s: TestServer
let viewer: ListUser
let other: ListUser
const ANIME = [860_001, 860_002, 860_003, 860_004]
const MANGA = [860_101, 860_102]

beforeAll(async () => {
  s = await testServer()
  await upsertMedia(s.app.kiroku.db, s.clock, [
    ...ANIME.map((id) => ({ id, type: 'ANIME' as const, title: { romaji: `Fav ${id}` } })),
    ...MANGA.map((id) => ({ id, type: 'MANGA' as const, title: { romaji: `Fav ${id}` } })),
  ])
  viewer = await listUser(s.app, 'orderer')
  other = await listUser(s.app, 'bystander')
  for (const id of ANIME) await toggleFavourite(s.app.kiroku.db, s.clock, viewer.user.id, 'ANIME', id)
  for (const id of MANGA) await toggleFavourite(s.app.kiroku.db, s.clock, viewer.user.id, 'MANGA', id)
  await toggleFavourite(s.app.kiroku.db, s.clock, other.user.id, 'ANIME', 860_004)
})
afterAll(async () => s.app.close())

const ORDER = `mutation ($animeIds: [Int], $animeOrder: [Int], $mangaIds: [Int], $mangaOrder: [Int], $characterIds: [Int], $characterOrder: [Int]) {
  UpdateFavouriteOrder(animeIds: $animeIds, animeOrder: $animeOrder, mangaIds: $mangaIds, mangaOrder: $mangaOrder, characterIds: $characterIds, characterOrder: $characterOrder) { ...favs } }
  fragment favs on Favourites { anime { edges { favouriteOrder node { id } } } manga { nodes { id } } }`

async function favourites(user = viewer) {
  const res = await send(s.app, `query ($id: Int) { User(id: $id) { favourites { anime { nodes { id } } manga { nodes { id } } } } }`, { variables: { id: user.user.id } })
  const f = res.body.data.User.favourites
  return { anime: f.anime.nodes.map((n: { id: number }) => n.id), manga: f.manga.nodes.map((n: { id: number }) => n.id) }
}

describe('UpdateFavouriteOrder', () => {
  it('puts the named favourites first in the order asked, the others after in their order', async () => {
    const res = await send(s.app, ORDER, { token: viewer.token, variables: { animeIds: [860_003, 860_001], animeOrder: [2, 1], mangaIds: [860_102, 860_101], mangaOrder: [1, 2] } })
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    expect(res.body.data.UpdateFavouriteOrder.anime.edges).toEqual([860_001, 860_003, 860_002, 860_004].map((id, i) => ({ favouriteOrder: i + 1, node: { id } })))
    expect(await favourites()).toEqual({ anime: [860_001, 860_003, 860_002, 860_004], manga: [860_102, 860_101] })
    // Someone else's favourites do not move.
    expect((await favourites(other)).anime).toEqual([860_004])
  })

  it('refuses ids that are not among the viewer favourites, duplicates and uneven lists, changing nothing', async () => {
    const before = await favourites()
    const cases = [
      { variables: { animeIds: [860_002], animeOrder: [1], mangaIds: [860_001], mangaOrder: [1] }, field: 'mangaIds' },
      { variables: { animeIds: [860_002, 999], animeOrder: [1, 2] }, field: 'animeIds' },
      { variables: { animeIds: [860_002, 860_002], animeOrder: [1, 2] }, field: 'animeIds' },
      { variables: { animeIds: [860_002, 860_001], animeOrder: [1] }, field: 'animeOrder' },
      { variables: { characterIds: [1], characterOrder: [1] }, field: 'characterIds' },
      { variables: {}, field: 'animeIds' },
    ]
    for (const { variables, field } of cases) {
      const res = await send(s.app, ORDER, { token: viewer.token, variables })
      expect(res.status, JSON.stringify(variables)).toBe(400)
      expect(res.body.errors[0].message).toBe('validation')
      expect(Object.keys(res.body.errors[0].validation ?? {}), JSON.stringify(res.body.errors)).toEqual([field])
    }
    expect(await favourites()).toEqual(before)
  })

  it('needs a token', async () => {
    const res = await send(s.app, ORDER, { variables: { animeIds: [860_001], animeOrder: [1] } })
    expect(res.status).toBe(401)
  })
})
