/**
 * The cost as the query runs: every list of objects is charged by its real length as it resolves,
 * statistics by the entries they are computed from, and the request is refused (a 400 on the field
 * that went over) once MAX_QUERY_COST is reached, whatever the estimate said before it ran. This is
 * what bounds a list collection, whose entries repeat once per custom list they are on.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { addEntries, listUser } from '../helpers/lists.js'
import { expectAniListError, postJson, schemaServer, type SchemaServer } from '../helpers/graphql.js'

const ANIME = [1, 5, 6, 20, 21, 30, 43, 47, 121, 164, 199]
const OVER = /^The query asks for too much at once: as it ran, it reached a cost of \d+, more than the limit of \d+\. Select fewer fields or ask for smaller pages or chunks \(perPage, chunk and perChunk\)\.$/

async function serverWithCatalog(maxQueryCost: number): Promise<TestServer> {
  const s = await testServer({ maxQueryCost })
  await seedCatalog(s.app.kiroku.db, s.clock)
  return s
}

const send = (s: TestServer, query: string, token?: string) => postJson(s.app, { query }, { headers: token ? { authorization: `Bearer ${token}` } : {} })

describe('a list collection, charged by the entries it really holds', () => {
  let s: TestServer | undefined
  afterEach(async () => {
    await s?.app.close()
    s = undefined
  })

  it('counts an entry once for each list it shows in', async () => {
    // A chunk of 10 entries is estimated at 1 + 1 + 65 groups + 10 entries = 77. As it runs it costs
    // 2, then 1 per group and 1 per entry: 10 entries on no custom list are 13; the same 10 entries
    // on 7 custom lists show 8 times each, in 8 groups: 2 + 8 + 80 = 90, over the limit of 80.
    s = await serverWithCatalog(80)
    const lists = ['A', 'B', 'C', 'D', 'E', 'F', 'G']
    const query = (userId: number) => `{ MediaListCollection(userId: ${userId}, type: ANIME, perChunk: 10) { lists { entries { id } } } }`
    const alice = await listUser(s.app, 'alice', { mediaListOptions: { animeList: { customLists: lists } } })
    await addEntries(s.app, alice.user.id, ANIME.slice(0, 10).map((id) => [id, 'ANIME', { status: 'CURRENT' }]))
    expect((await send(s, query(alice.user.id))).statusCode).toBe(200)
    const bob = await listUser(s.app, 'bob', { mediaListOptions: { animeList: { customLists: lists } } })
    await addEntries(s.app, bob.user.id, ANIME.slice(0, 10).map((id) => [id, 'ANIME', { status: 'CURRENT', customLists: lists }]))
    const body = expectAniListError(await send(s, query(bob.user.id)), 400, OVER)
    // One error, however many lists were refused after the first.
    expect(body.errors).toHaveLength(1)
  })

  it('refuses a whole list that holds more than a chunk of 500 once its custom lists repeat it', async () => {
    // 11 entries on 50 custom lists and their status list: 561 entries, over the 500 estimated.
    const estimate = 1 + 1 + 65 + 500
    s = await serverWithCatalog(estimate + 10)
    const lists = Array.from({ length: 50 }, (_, i) => `List ${i + 1}`)
    const { user } = await listUser(s.app, 'alice', { mediaListOptions: { animeList: { customLists: lists } } })
    await addEntries(s.app, user.id, ANIME.map((id) => [id, 'ANIME', { status: 'CURRENT', customLists: lists }]))
    const res = await send(s, `{ MediaListCollection(userId: ${user.id}, type: ANIME) { lists { entries { id } } } }`)
    const body = expectAniListError(res, 400, OVER)
    expect(body.errors).toHaveLength(1)
    const answered = (body.data as { MediaListCollection: { lists: Array<{ entries: unknown[] | null }> } }).MediaListCollection.lists.flatMap((g) => g.entries ?? [])
    expect(answered.length).toBeLessThan(561)
    // The same list, asked for in chunks, fits.
    const chunk = await send(s, `{ MediaListCollection(userId: ${user.id}, type: ANIME, chunk: 1, perChunk: 5) { lists { entries { id } } } }`)
    expect(chunk.statusCode, chunk.body).toBe(200)
    expect(chunk.json().data.MediaListCollection.lists.flatMap((g: { entries: unknown[] }) => g.entries)).toHaveLength(5 * 51)
  })
})

describe('statistics, charged by the entries they are computed from', () => {
  let s: TestServer
  let token: string
  beforeAll(async () => {
    // One statistics field over 11 entries: 1 + 1 + 1 + 1 estimated, 11 more as it runs.
    s = await serverWithCatalog(25)
    const alice = await listUser(s.app, 'alice')
    token = alice.token
    await addEntries(s.app, alice.user.id, ANIME.map((id) => [id, 'ANIME', { status: 'COMPLETED' }]))
  })
  afterAll(async () => s.app.close())

  it('lets one through and refuses the same statistics asked twice under aliases', async () => {
    const once = await send(s, '{ Viewer { statistics { anime { count } } } }', token)
    expect(once.json()).toEqual({ data: { Viewer: { statistics: { anime: { count: 11 } } } } })
    expectAniListError(await send(s, '{ Viewer { statistics { anime { count } } again: statistics { anime { count } } } }', token), 400, OVER)
  })
})

describe('any list of objects', () => {
  let s: SchemaServer
  beforeAll(async () => {
    // `items` has no size rule: it is estimated at 10, and really holds 30.
    s = await schemaServer('type Query { items(n: Int): [Item] } type Item { id: Int }', { Query: { items: (_: unknown, args: { n: number }) => Array.from({ length: args.n }, (_, id) => ({ id })) } }, { maxQueryCost: 25 })
  })
  afterAll(async () => s.close())

  it('is charged by its real length as it resolves', async () => {
    expect((await postJson(s.app, { query: '{ items(n: 20) { id } }' })).statusCode).toBe(200)
    const res = await postJson(s.app, { query: '{ items(n: 30) { id } }' })
    const body = expectAniListError(res, 400, OVER)
    expect(body.data).toEqual({ items: null })
  })

  it('is not charged when MAX_QUERY_COST is 0', async () => {
    const off = await schemaServer('type Query { items(n: Int): [Item] } type Item { id: Int }', { Query: { items: (_: unknown, args: { n: number }) => Array.from({ length: args.n }, (_, id) => ({ id })) } }, { maxQueryCost: 0 })
    try {
      expect((await postJson(off.app, { query: '{ items(n: 1000) { id } }' })).statusCode).toBe(200)
    } finally {
      await off.close()
    }
  })
})
