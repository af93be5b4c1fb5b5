import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateProfile } from '../../src/accounts/profiles.js'
import { toggleFavourite } from '../../src/accounts/favourites.js'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import { insertUsers, tokenFor } from '../helpers/users.js'
import { ask } from './media-helpers.js'

let s: TestServer
let token: string
const counter = new StatementCounter()
const ANIME = [1, 5, 6, 20, 21, 30]
const MANGA = [30001, 30002, 30013]

beforeAll(async () => {
  s = await catalogServer()
  const ids = await insertUsers(s.app, Array.from({ length: 50 }, (_, i) => `user${String(i).padStart(2, '0')}`))
  for (const [i, id] of ids.entries()) {
    await updateProfile(s.app.kiroku.db, s.clock, id, { about: `I am number ${i}`, options: { titleLanguage: i % 2 ? 'ENGLISH' : 'NATIVE' } })
    await toggleFavourite(s.app.kiroku.db, s.clock, id, 'ANIME', ANIME[i % ANIME.length]!)
    await toggleFavourite(s.app.kiroku.db, s.clock, id, 'ANIME', ANIME[(i + 1) % ANIME.length]!)
    await toggleFavourite(s.app.kiroku.db, s.clock, id, 'MANGA', MANGA[i % MANGA.length]!)
  }
  await toggleFavourite(s.app.kiroku.db, s.clock, ids[0]!, 'ANIME', 21)
  token = await tokenFor(s.app, { id: ids[0]!, name: 'user00', email: null, createdAt: 0, updatedAt: 0 })
  // Every resolver reads ctx.kiroku.db when it runs: route them through the counting handle.
  s.app.kiroku.db = s.app.kiroku.db.withPlugin(counter)
})
afterAll(async () => s.app.close())

async function statementsFor(query: string, variables?: unknown, withToken?: string): Promise<number> {
  counter.count = 0
  const res = await ask(s.app, query, variables, withToken)
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return counter.count / 2 // ask() sends the document twice
}

const USERS_PAGE = `
query Users($perPage: Int) {
  Page(perPage: $perPage) {
    pageInfo { total hasNextPage }
    users(sort: USERNAME) { ...U }
  }
}
fragment U on User {
  id name about(asHtml: true) avatar { large } siteUrl updatedAt
  options { titleLanguage profileColor timezone notificationOptions { type enabled } }
  mediaListOptions { scoreFormat animeList { customLists } }
  favourites {
    anime(perPage: 2) { pageInfo { total } edges { favouriteOrder node { id title { userPreferred } isFavourite } } }
    manga { nodes { id title { userPreferred } } }
  }
}
`

describe('batched loading of users', () => {
  it('answers a page of 50 users with profiles, options and favourites in a fixed number of statements', async () => {
    // users, their count, their profiles, their list options, anime and manga favourite ids, the favourite media.
    expect(await statementsFor(USERS_PAGE, { perPage: 50 })).toBe(7)
    expect(await statementsFor(USERS_PAGE, { perPage: 5 })).toBe(7)
    // With a token: the viewer's favourites among those works (isFavourite), one statement more; the
    // viewer's title language comes from the profiles already loaded.
    expect(await statementsFor(USERS_PAGE, { perPage: 50 }, token)).toBe(8)
    expect(await statementsFor(USERS_PAGE, { perPage: 5 }, token)).toBe(8)
  })

  it('the page really held 50 users, each with their own favourites', async () => {
    const res = await ask(s.app, USERS_PAGE, { perPage: 50 }, token)
    const users = res.body.data.Page.users
    expect(users).toHaveLength(50)
    expect(res.body.data.Page.pageInfo).toEqual({ total: 50, hasNextPage: false })
    expect(users[7].about).toBe('<p>I am number 7</p>')
    expect(users[7].favourites.anime.edges.map((e: { node: { id: number } }) => e.node.id)).toEqual([ANIME[1], ANIME[2]])
    expect(users[7].favourites.manga.nodes.map((n: { id: number }) => n.id)).toEqual([MANGA[1]])
    expect(users[0].favourites.anime.pageInfo.total).toBe(3)
  })

  it('reads isFavourite and userPreferred for a page of 50 media with two more statements, none without a token', async () => {
    const query = '{ Page(perPage: 50) { media(type: ANIME) { id isFavourite title { userPreferred } } } }'
    expect(await statementsFor(query)).toBe(1)
    expect(await statementsFor(query, undefined, token)).toBe(3)
    const res = await ask(s.app, query, undefined, token)
    const favourites = res.body.data.Page.media.filter((m: { isFavourite: boolean }) => m.isFavourite).map((m: { id: number }) => m.id)
    expect(favourites.sort((a: number, b: number) => a - b)).toEqual([1, 5, 21])
  })

  it('answers many aliased User(name:) or User(id:) fields with one query, and their profiles with one more', async () => {
    const byName = Array.from({ length: 10 }, (_, i) => `u${i}: User(name: "USER0${i}") { name options { profileColor } }`).join(' ')
    expect(await statementsFor(`{ ${byName} }`)).toBe(2)
    const byId = Array.from({ length: 10 }, (_, i) => `u${i}: User(id: ${i + 1}) { id mediaListOptions { scoreFormat } }`).join(' ')
    expect(await statementsFor(`{ ${byId} }`)).toBe(2)
    const res = await ask(s.app, `{ ${byName} }`)
    expect(Object.values(res.body.data).map((u: any) => u.name)).toEqual(Array.from({ length: 10 }, (_, i) => `user0${i}`))
  })
})
