/**
 * Media.stats from this server's lists (ten score buckets, the five statuses), and the N+1 guard: a
 * page of 50 works with their stats, rankings and trends runs the same few statements as a page of 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import type { MediaInput } from '../../src/catalog/media.js'
import { recomputeAllFigures } from '../../src/lists/figures/recompute.js'
import { scoreBucket } from '../../src/lists/figures/media-stats.js'
import { snapshotTrends } from '../../src/lists/figures/trends.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { insertUsers } from '../helpers/users.js'
import { addEntries, send } from '../helpers/lists.js'

const FIRST = 830_000
const WORKS = 60

let s: TestServer
const counter = new StatementCounter()

beforeAll(async () => {
  s = await testServer()
  const works: MediaInput[] = Array.from({ length: WORKS }, (_, i) => ({
    id: FIRST + i, type: 'ANIME', format: i % 2 ? 'TV' : 'MOVIE', season: 'FALL', seasonYear: 2019 + (i % 3), title: { romaji: `Stats ${i}` },
  }))
  await upsertMedia(s.app.kiroku.db, s.clock, works)
  const users = await insertUsers(s.app, ['s1', 's2', 's3', 's4', 's5'])
  // The first work: every status and a spread of scores, one private.
  await addEntries(s.app, users[0]!, [[FIRST, 'ANIME', { status: 'COMPLETED', score: 84 }]])
  await addEntries(s.app, users[1]!, [[FIRST, 'ANIME', { status: 'COMPLETED', score: 86 }]])
  await addEntries(s.app, users[2]!, [[FIRST, 'ANIME', { status: 'REPEATING', score: 3 }]])
  await addEntries(s.app, users[3]!, [[FIRST, 'ANIME', { status: 'DROPPED', score: 20, private: true }]])
  await addEntries(s.app, users[4]!, [[FIRST, 'ANIME', { status: 'PLANNING' }]])
  // Every other work: one to five users, so each has figures and a rank.
  for (const [u, user] of users.entries()) {
    await addEntries(s.app, user, works.slice(1).filter((_, i) => i % (u + 1) === 0).map((w, i) => [w.id, 'ANIME', { status: 'COMPLETED', score: 50 + ((i * 7 + u * 11) % 50) }]))
  }
  await recomputeAllFigures(s.app.kiroku.db, s.clock)
  await snapshotTrends(s.app.kiroku.db, s.clock)
  s.app.kiroku.db = s.app.kiroku.db.withPlugin(counter)
})
afterAll(async () => s.app.close())

describe('Media.stats', () => {
  it('puts scores in the nearest of ten buckets, at least 10', () => {
    expect([1, 3, 5, 14, 15, 84, 86, 100].map(scoreBucket)).toEqual([10, 10, 10, 10, 20, 80, 90, 100])
  })

  it('counts public scores in buckets and every entry by status, rewatches as watching', async () => {
    const res = await send(s.app, `query ($id: Int) { Media(id: $id) { stats { ...stats } } }
      fragment stats on MediaStats { scoreDistribution { score amount } statusDistribution { status amount } airingProgression { episode } }`, { variables: { id: FIRST } })
    expect(res.body.errors).toBeUndefined()
    const { stats } = res.body.data.Media
    expect(stats.scoreDistribution).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((score) => ({ score, amount: score === 10 || score === 80 || score === 90 ? 1 : 0 })))
    expect(stats.statusDistribution).toEqual([
      { status: 'CURRENT', amount: 1 }, { status: 'PLANNING', amount: 1 }, { status: 'COMPLETED', amount: 2 }, { status: 'DROPPED', amount: 1 }, { status: 'PAUSED', amount: 0 },
    ])
    expect(stats.airingProgression).toEqual([])
  })

  it('answers zeros for a work nobody here lists', async () => {
    await upsertMedia(s.app.kiroku.db, s.clock, [{ id: 839_999, type: 'MANGA', format: 'MANGA', title: { romaji: 'Unlisted' } }])
    const res = await send(s.app, `{ Media(id: 839999) { stats { scoreDistribution { amount } statusDistribution { amount } } rankings { id } } }`)
    const { stats, rankings } = res.body.data.Media
    expect([...stats.scoreDistribution, ...stats.statusDistribution].every((r: { amount: number }) => r.amount === 0)).toBe(true)
    expect(rankings).toEqual([])
  })
})

describe('no N+1 for stats, rankings and trends', () => {
  const doc = `query ($perPage: Int) { Page(perPage: $perPage) { media(type: ANIME, sort: ID) {
      id stats { scoreDistribution { score amount } statusDistribution { status amount } }
      rankings { id rank type format year season allTime context }
      trends(perPage: 2) { pageInfo { total } nodes { date popularity } } } } }`

  async function statements(perPage: number) {
    counter.count = 0
    const res = await send(s.app, doc, { variables: { perPage } })
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    expect(res.body.data.Page.media).toHaveLength(perPage)
    return { count: counter.count, media: res.body.data.Page.media }
  }

  it('runs the same statements for 50 works as for 2', async () => {
    const big = await statements(50)
    const small = await statements(2)
    expect(big.media.every((m: { rankings: unknown[] }) => m.rankings.length > 0)).toBe(true)
    expect(big.media.every((m: { trends: { nodes: unknown[] } }) => m.trends.nodes.length === 1)).toBe(true)
    // The page, the stats, the rankings, the trends: four statements, the counter seeing five since
    // the trends statement's numbered subquery is a query builder of its own and passes it too.
    expect(big.count).toBe(small.count)
    expect(big.count).toBeLessThanOrEqual(5)
  })
})
