/**
 * Query.SiteStatistics on this server's own rows: users by sign-up day (with days between filled in,
 * counts running, changes from the day before), the sorts and paging, the catalog kinds adding up to
 * the rows stored, reviews by the day they were written, and the trends
 * kept a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'
import { insertUsers } from '../helpers/users.js'
import { graphql } from '../helpers/flow.js'

const DAY = 86_400
// A day start (UTC), and times inside the days after it.
const D0 = 1_749_945_600
let s: TestServer

beforeAll(async () => {
  s = await catalogServer()
  await insertUsers(s.app, ['a1', 'a2'], D0 + 10)
  await insertUsers(s.app, ['b1'], D0 + DAY + 3_600)
  await insertUsers(s.app, ['c1', 'c2', 'c3'], D0 + 3 * DAY + DAY - 1)
  s.clock.set(D0 + 4 * DAY + 50)
})
afterAll(async () => s.app.close())

const USERS = `query ($sort: [SiteTrendSort], $page: Int, $perPage: Int) {
  SiteStatistics { users(sort: $sort, page: $page, perPage: $perPage) {
    pageInfo { total perPage currentPage lastPage hasNextPage }
    nodes { date count change }
    edges { node { date } }
  } }
}`

describe('SiteStatistics.users', () => {
  it('answers one trend a day from the first sign-up to today, newest first, each the total at the day’s end and its change', async () => {
    const res = await graphql(s.app, USERS)
    expect(res.body.errors).toBeUndefined()
    const users = res.body.data.SiteStatistics.users
    expect(users.nodes).toEqual([
      { date: D0 + 4 * DAY, count: 6, change: 0 },
      { date: D0 + 3 * DAY, count: 6, change: 3 },
      { date: D0 + 2 * DAY, count: 3, change: 0 },
      { date: D0 + DAY, count: 3, change: 1 },
      { date: D0, count: 2, change: 2 },
    ])
    expect(users.edges.map((e: { node: { date: number } }) => e.node.date)).toEqual(users.nodes.map((n: { date: number }) => n.date))
    expect(users.pageInfo).toEqual({ total: 5, perPage: 25, currentPage: 1, lastPage: 1, hasNextPage: false })
  })

  it('sorts by change then date, and pages with at most 25 a page', async () => {
    const sorted = await graphql(s.app, USERS, undefined, { sort: ['CHANGE_DESC'], perPage: 2, page: 1 })
    expect(sorted.body.data.SiteStatistics.users.nodes).toEqual([
      { date: D0 + 3 * DAY, count: 6, change: 3 },
      { date: D0, count: 2, change: 2 },
    ])
    expect(sorted.body.data.SiteStatistics.users.pageInfo).toMatchObject({ total: 5, perPage: 2, lastPage: 3, hasNextPage: true })
    const oldest = await graphql(s.app, USERS, undefined, { sort: ['DATE'], perPage: 1000, page: 2 })
    expect(oldest.body.data.SiteStatistics.users.pageInfo).toMatchObject({ perPage: 25, currentPage: 2 })
    expect(oldest.body.data.SiteStatistics.users.nodes).toEqual([])
  })
})

describe('the minute the trends are kept', () => {
  it('answers the kept trends for a minute, then counts again', async () => {
    const latest = async () => (await graphql(s.app, '{ SiteStatistics { users(perPage: 1) { nodes { count } } } }')).body.data.SiteStatistics.users.nodes[0].count
    const before = await latest()
    await insertUsers(s.app, ['late1'], s.clock())
    expect(await latest()).toBe(before)
    s.clock.advance(60)
    expect(await latest()).toBe(before + 1)
  })
})

describe('the catalog kinds and reviews', () => {
  it('count every stored anime, manga, character, staff member and studio on the latest day', async () => {
    const res = await graphql(s.app, `{ SiteStatistics {
      anime(perPage: 1) { nodes { count } } manga(perPage: 1) { nodes { count } }
      characters(perPage: 1) { nodes { count } } staff(perPage: 1) { nodes { count } } studios(perPage: 1) { nodes { count } }
    } }`)
    expect(res.body.errors).toBeUndefined()
    const db = s.app.kiroku.db
    const count = async (table: 'media' | 'characters' | 'staff' | 'studios', type?: string) => {
      const q = db.selectFrom(table).select(sql<number>`count(*)`.as('n'))
      const row = await (type ? q.where(sql.ref('type'), '=', type) : q).executeTakeFirstOrThrow()
      return Number(row.n)
    }
    const stats = res.body.data.SiteStatistics
    const latest = (field: string) => stats[field].nodes[0]?.count ?? 0
    expect(await count('media', 'ANIME')).toBeGreaterThan(0)
    expect(latest('anime')).toBe(await count('media', 'ANIME'))
    expect(latest('manga')).toBe(await count('media', 'MANGA'))
    expect(latest('characters')).toBe(await count('characters'))
    expect(latest('staff')).toBe(await count('staff'))
    expect(latest('studios')).toBe(await count('studios'))
  })

  it('count reviews by the day they were written', async () => {
    const db = s.app.kiroku.db
    const [author] = await insertUsers(s.app, ['reviewer'], s.clock())
    const media = await db.selectFrom('media').select(['id', 'type']).limit(2).execute()
    const day = 86_400
    const written = [s.clock() - 2 * day, s.clock()]
    for (const [i, at] of written.entries()) {
      const work = media[i]!
      await db.insertInto('reviews').values({ user_id: author!, media_id: work.id, media_type: work.type, summary: 'x'.repeat(20), body: 'y'.repeat(2200), score: 70, created_at: at, updated_at: at }).execute()
    }
    s.clock.advance(60)
    const res = await graphql(s.app, '{ SiteStatistics { reviews(perPage: 3) { nodes { date count change } } } }')
    const today = Math.floor(s.clock() / day) * day
    expect(res.body.data.SiteStatistics.reviews.nodes).toEqual([
      { date: today, count: 2, change: 1 },
      { date: today - day, count: 1, change: 0 },
      { date: today - 2 * day, count: 1, change: 1 },
    ])
  })

  it('refuses an oversized sort list as a bad argument, never a 5xx', async () => {
    const res = await graphql(s.app, USERS, undefined, { sort: Array(600).fill('DATE') })
    expect(res.status).toBe(400)
  })
})
