/**
 * Daily trend snapshots: one per work and day however often they are taken, changes against the
 * previous day, and Query.MediaTrend, Page.mediaTrends and Media.trends with AniList's filters and
 * sorts, on a fixed clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { mergeMediaAiring } from '../../src/catalog/airing.js'
import { recomputeAllFigures } from '../../src/lists/figures/recompute.js'
import { snapshotTrends } from '../../src/lists/figures/trends.js'
import { DailyFiguresJob } from '../../src/lists/figures/daily-job.js'
import { dayStart } from '../../src/lists/figures/formulas.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { insertUsers } from '../helpers/users.js'
import { addEntries, send } from '../helpers/lists.js'

const AIRING = 820_001
const FINISHED = 820_002
const QUIET = 820_003

let s: TestServer
let day1: number
let day2: number
let userIds: number[]

beforeAll(async () => {
  s = await testServer()
  await upsertMedia(s.app.kiroku.db, s.clock, [
    { id: AIRING, type: 'ANIME', format: 'TV', status: 'RELEASING', title: { romaji: 'Airing Now' } },
    { id: FINISHED, type: 'ANIME', format: 'TV', status: 'FINISHED', title: { romaji: 'Done Already' } },
    // Imported figures only: never snapshotted.
    { id: QUIET, type: 'ANIME', format: 'TV', status: 'FINISHED', title: { romaji: 'Nobody Here' }, popularity: 900, trending: 4 },
  ])
  userIds = await insertUsers(s.app, ['t1', 't2', 't3', 't4'])
  await addEntries(s.app, userIds[0]!, [[AIRING, 'ANIME', { status: 'CURRENT', score: 80 }], [FINISHED, 'ANIME', { status: 'COMPLETED', score: 70 }]])
  await addEntries(s.app, userIds[1]!, [[AIRING, 'ANIME', { status: 'PLANNING' }], [FINISHED, 'ANIME', { status: 'COMPLETED', score: 90 }]])
  await addEntries(s.app, userIds[2]!, [[FINISHED, 'ANIME', { status: 'COMPLETED', score: 50 }]])
  await recomputeAllFigures(s.app.kiroku.db, s.clock)
  day1 = dayStart(s.clock())
  // Episodes 4 and 5 air on day 2 (none on day 1): that day's snapshot names the later one.
  await mergeMediaAiring(s.app.kiroku.db, AIRING, [
    { id: 820_104, episode: 4, airingAt: day1 + 86_400 + 60 },
    { id: 820_105, episode: 5, airingAt: day1 + 86_400 + 120 },
    { id: 820_106, episode: 6, airingAt: day1 + 2 * 86_400 + 60 },
  ])
})
afterAll(async () => s.app.close())

const TREND = `fragment trend on MediaTrend { mediaId date trending averageScore popularity inProgress releasing episode averageScoreChange popularityChange inProgressChange }`

async function query(doc: string, variables: Record<string, unknown> = {}) {
  const res = await send(s.app, doc.includes("...trend") ? `${doc} ${TREND}` : doc, { variables })
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data
}

describe('the daily snapshot', () => {
  it('writes each listed work once a day, however many times it runs', async () => {
    expect(await snapshotTrends(s.app.kiroku.db, s.clock)).toBe(2)
    s.clock.advance(3600)
    expect(await snapshotTrends(s.app.kiroku.db, s.clock)).toBe(0)
    // The server's job does the same: its pass finds today's snapshot taken.
    const job = new DailyFiguresJob(s.app.kiroku.db, s.clock, (e) => { throw e })
    await job.tick()
    await job.tick()
    await job.stop()
    const data = await query(`{ Page { pageInfo { total } mediaTrends { mediaId } } }`)
    expect(data.Page.pageInfo.total).toBe(2)
    expect(data.Page.mediaTrends.map((t: { mediaId: number }) => t.mediaId)).toEqual([AIRING, FINISHED])
  })

  it('records the figures of the day, and no change on the first day', async () => {
    const data = await query(`query ($id: Int) { MediaTrend(mediaId: $id) { ...trend } }`, { id: AIRING })
    expect(data.MediaTrend).toEqual({
      mediaId: AIRING, date: day1, trending: 2, averageScore: null, popularity: 2, inProgress: 1, releasing: true, episode: null,
      averageScoreChange: null, popularityChange: null, inProgressChange: null,
    })
  })

  it("gives the next day's changes against the previous snapshot", async () => {
    s.clock.advance(86_400)
    day2 = dayStart(s.clock())
    await addEntries(s.app, userIds[3]!, [[AIRING, 'ANIME', { status: 'CURRENT', score: 60 }], [FINISHED, 'ANIME', { status: 'COMPLETED', score: 100 }]])
    await addEntries(s.app, userIds[2]!, [[AIRING, 'ANIME', { status: 'REPEATING', score: 90 }]])
    await recomputeAllFigures(s.app.kiroku.db, s.clock)
    expect(await snapshotTrends(s.app.kiroku.db, s.clock)).toBe(2)
    const data = await query(`query ($id: Int) { Media(id: $id) { trends { pageInfo { total } nodes { ...trend } } } }`, { id: AIRING })
    // Newest first by default.
    expect(data.Media.trends.pageInfo.total).toBe(2)
    const [today, yesterday] = data.Media.trends.nodes
    expect(yesterday.date).toBe(day1)
    expect(today).toMatchObject({ date: day2, popularity: 4, inProgress: 3, popularityChange: 2, inProgressChange: 2, averageScoreChange: null, episode: 5 })
    expect(yesterday.episode).toBeNull()
    const finished = await query(`query ($id: Int) { MediaTrend(mediaId: $id, date: $date) { ...trend } }`.replace('$id: Int', '$id: Int, $date: Int'), { id: FINISHED, date: day2 })
    // Scores 70, 90, 50, then 100: the weighted score moves up.
    expect(finished.MediaTrend.averageScoreChange).toBeGreaterThan(0)
    expect(finished.MediaTrend.popularityChange).toBe(1)
  })
})

describe('Page.mediaTrends', () => {
  it('filters by day, work, release and figures', async () => {
    const doc = `query ($a: Int, $b: Int, $c: Boolean, $d: Int, $e: [Int]) { Page { pageInfo { total } mediaTrends(date_greater: $a, popularity_greater: $b, releasing: $c, mediaId_not: $d, mediaId_in: $e, sort: [DATE_DESC]) { mediaId date } } }`
    const after = await query(doc, { a: day1 })
    expect(after.Page.mediaTrends).toEqual([{ mediaId: AIRING, date: day2 }, { mediaId: FINISHED, date: day2 }])
    const airing = await query(doc, { c: true })
    expect(airing.Page.mediaTrends).toEqual([{ mediaId: AIRING, date: day2 }, { mediaId: AIRING, date: day1 }])
    expect((await query(doc, { b: 3 })).Page.mediaTrends).toEqual([{ mediaId: AIRING, date: day2 }, { mediaId: FINISHED, date: day2 }])
    expect((await query(doc, { d: AIRING, e: [AIRING, FINISHED, QUIET] })).Page.pageInfo.total).toBe(2)
    expect((await query(doc, { e: [] })).Page.mediaTrends).toEqual([])
  })

  it('sorts, NULLs last, with pages that do not overlap', async () => {
    const doc = `query ($sort: [MediaTrendSort], $page: Int) { Page(page: $page, perPage: 3) { pageInfo { hasNextPage } mediaTrends(sort: $sort) { mediaId date popularity averageScore media { id title { romaji } } } } }`
    const popular = await query(doc, { sort: ['POPULARITY_DESC', 'DATE'] })
    expect(popular.Page.mediaTrends.map((t: { popularity: number }) => t.popularity)).toEqual([4, 4, 3])
    expect(popular.Page.mediaTrends[0].media).toEqual({ id: AIRING, title: { romaji: 'Airing Now' } })
    expect(popular.Page.pageInfo.hasNextPage).toBe(true)
    const rest = await query(doc, { sort: ['POPULARITY_DESC', 'DATE'], page: 2 })
    expect(rest.Page.mediaTrends).toHaveLength(1)
    const byScore = await query(doc, { sort: ['SCORE'] })
    // AIRING has no averageScore on day 1 (one score): it sorts last even ascending.
    expect(byScore.Page.mediaTrends.map((t: { averageScore: number | null }) => t.averageScore === null)).toEqual([false, false, false])
    const all = await query(`{ Page { mediaTrends(sort: [SCORE]) { averageScore } } }`)
    expect(all.Page.mediaTrends.at(-1).averageScore).toBeNull()
  })

  it('answers 404 for a MediaTrend that matches nothing, and 400 for an oversized filter', async () => {
    const missing = await send(s.app, `{ MediaTrend(mediaId: ${QUIET}) { mediaId } }`)
    expect(missing.status).toBe(404)
    const huge = await send(s.app, `query ($ids: [Int]) { Page { mediaTrends(mediaId_in: $ids) { mediaId } } }`, { variables: { ids: Array.from({ length: 501 }, (_, i) => i) } })
    expect(huge.status).toBe(400)
  })
})

describe('Media.trends', () => {
  it('pages each work of a Page apart, with releasing as a filter', async () => {
    const data = await query(`{ Page { media(id_in: [${AIRING}, ${FINISHED}, ${QUIET}], sort: ID) { id trends(perPage: 1, releasing: true, sort: [DATE]) { pageInfo { total hasNextPage } nodes { date } } } } }`)
    expect(data.Page.media).toEqual([
      { id: AIRING, trends: { pageInfo: { total: 2, hasNextPage: true }, nodes: [{ date: day1 }] } },
      { id: FINISHED, trends: { pageInfo: { total: 0, hasNextPage: false }, nodes: [] } },
      { id: QUIET, trends: { pageInfo: { total: 0, hasNextPage: false }, nodes: [] } },
    ])
    const second = await query(`{ Media(id: ${AIRING}) { trends(page: 2, perPage: 1, sort: [DATE]) { pageInfo { total currentPage } edges { node { date } } } } }`)
    expect(second.Media.trends).toEqual({ pageInfo: { total: 2, currentPage: 2 }, edges: [{ node: { date: day2 } }] })
  })
})
