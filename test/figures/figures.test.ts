/**
 * The figures of a work (averageScore, meanScore, popularity, favourites, trending) follow this
 * server's lists through the real mutations: saves and deletes by several users, private entries,
 * unscored entries, favourites; imported figures stay until local data exists and come back after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { recomputeAllFigures } from '../../src/lists/figures/recompute.js'
import { averageScoreOf, meanScoreOf } from '../../src/lists/figures/formulas.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { listUser, send, type ListUser } from '../helpers/lists.js'

const A = 810_001
const B = 810_002
const IMPORTED = { averageScore: 77, meanScore: 78, popularity: 5000, favourites: 300, trending: 12 }

let s: TestServer
const users: Record<string, ListUser> = {}

beforeAll(async () => {
  s = await testServer()
  await upsertMedia(s.app.kiroku.db, s.clock, [
    { id: A, type: 'ANIME', format: 'TV', title: { romaji: 'Figures A' }, episodes: 12, ...IMPORTED },
    { id: B, type: 'ANIME', format: 'TV', title: { romaji: 'Figures B' }, episodes: 12 },
  ])
  for (const name of ['alice', 'bob', 'carol', 'dave', 'erin']) users[name] = await listUser(s.app, name, { mediaListOptions: { scoreFormat: 'POINT_100' } })
})
afterAll(async () => s.app.close())

const FIGURES = `query ($id: Int) { Media(id: $id) { ...figures } } fragment figures on Media { averageScore meanScore popularity favourites trending }`

async function figures(id = A) {
  const res = await send(s.app, FIGURES, { variables: { id } })
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data.Media
}

async function save(user: string, fields: Record<string, unknown>, mediaId = A): Promise<number> {
  const res = await send(s.app, `mutation ($mediaId: Int, $status: MediaListStatus, $score: Float, $private: Boolean) {
    SaveMediaListEntry(mediaId: $mediaId, status: $status, score: $score, private: $private) { id media { id popularity } } }`, { token: users[user]!.token, variables: { mediaId, ...fields } })
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data.SaveMediaListEntry.id
}

async function remove(user: string, id: number) {
  const res = await send(s.app, `mutation ($id: Int) { DeleteMediaListEntry(id: $id) { deleted } }`, { token: users[user]!.token, variables: { id } })
  expect(res.body.data.DeleteMediaListEntry.deleted).toBe(true)
}

async function toggle(user: string, animeId = A) {
  const res = await send(s.app, `mutation ($animeId: Int) { ToggleFavourite(animeId: $animeId) { anime { nodes { id favourites } } } }`, { token: users[user]!.token, variables: { animeId } })
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data.ToggleFavourite
}

describe('the formulas', () => {
  it('take the mean of the scores, and a weighted mean only from MIN_SCORES scores on', () => {
    expect(meanScoreOf({ entries: 3, scored: 0, scoreSum: 0, recent: 0 })).toBeNull()
    expect(meanScoreOf({ entries: 3, scored: 2, scoreSum: 155, recent: 0 })).toBe(78)
    expect(averageScoreOf({ entries: 1, scored: 2, scoreSum: 200, recent: 0 }, 60)).toBeNull()
    // Three 100s against a server mean of 60: (5 × 60 + 300) / 8 = 75, far from the top.
    expect(averageScoreOf({ entries: 3, scored: 3, scoreSum: 300, recent: 0 }, 60)).toBe(75)
  })
})

describe("a work's figures", () => {
  const ids: Record<string, number> = {}

  it('are the imported ones while nobody here lists the work', async () => {
    expect(await figures()).toEqual(IMPORTED)
  })

  it('become local with the first save: one user, one score', async () => {
    ids.alice = await save('alice', { status: 'COMPLETED', score: 80 })
    expect(await figures()).toEqual({ averageScore: null, meanScore: 80, popularity: 1, favourites: 0, trending: 1 })
  })

  it('count private and unscored entries in popularity, but not in the scores', async () => {
    ids.bob = await save('bob', { status: 'COMPLETED', score: 40, private: true })
    ids.carol = await save('carol', { status: 'PLANNING', score: 0 })
    expect(await figures()).toEqual({ averageScore: null, meanScore: 80, popularity: 3, favourites: 0, trending: 3 })
  })

  it('weigh the average toward the server mean once there are enough scores', async () => {
    await save('alice', { status: 'COMPLETED', score: 100 }, B)
    ids.dave = await save('dave', { status: 'CURRENT', score: 60 })
    ids.erin = await save('erin', { status: 'CURRENT', score: 70 })
    // Public scores of A: 80, 60, 70 (mean 70); the server's: those and B's 100 (mean 77.5).
    // averageScore = (5 × 77.5 + 210) / 8 = 74.69.
    expect(await figures()).toMatchObject({ meanScore: 70, averageScore: 75, popularity: 5 })
    expect(await figures(B)).toMatchObject({ meanScore: 100, averageScore: null, popularity: 1 })
  })

  it('follow an update of a score', async () => {
    await save('dave', { score: 90 })
    expect(await figures()).toMatchObject({ meanScore: 80, popularity: 5 })
  })

  it('count favourites after ToggleFavourite, in the mutation answer too', async () => {
    const answer = await toggle('alice')
    expect(answer.anime.nodes).toEqual([{ id: A, favourites: 1 }])
    await toggle('bob')
    expect(await figures()).toMatchObject({ favourites: 2 })
    await toggle('bob')
    expect(await figures()).toMatchObject({ favourites: 1 })
  })

  it('drop old activity from trending after the trending window', async () => {
    s.clock.advance(3 * 86_400)
    await recomputeAllFigures(s.app.kiroku.db, s.clock)
    expect(await figures()).toMatchObject({ trending: 0, popularity: 5 })
    await save('erin', { score: 75 })
    expect(await figures()).toMatchObject({ trending: 1 })
  })

  it('follow deletes, and go back to the imported ones when no local data is left', async () => {
    await remove('dave', ids.dave!)
    expect(await figures()).toMatchObject({ popularity: 4, meanScore: 78 })
    for (const name of ['alice', 'bob', 'carol', 'erin']) await remove(name, ids[name]!)
    // Alice's favourite is still local data.
    expect(await figures()).toEqual({ averageScore: null, meanScore: null, popularity: 0, favourites: 1, trending: 0 })
    await toggle('alice')
    expect(await figures()).toEqual(IMPORTED)
  })

  it('are the same after a full recompute', async () => {
    const before = await figures(B)
    await recomputeAllFigures(s.app.kiroku.db, s.clock)
    expect(await figures(B)).toEqual(before)
    expect(await figures()).toEqual(IMPORTED)
  })

  it('follow a bulk UpdateMediaListEntries, every work it touches', async () => {
    const onA = await save('alice', { status: 'CURRENT', score: 70 })
    const entries = await send(s.app, `{ Page { mediaList(userName: "alice") { id mediaId } } }`, { token: users.alice!.token })
    const ids = entries.body.data.Page.mediaList.map((e: { id: number }) => e.id)
    expect(ids).toContain(onA)
    const res = await send(s.app, `mutation ($ids: [Int]) { UpdateMediaListEntries(ids: $ids, score: 40) { id } }`, { token: users.alice!.token, variables: { ids } })
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    expect(await figures()).toMatchObject({ meanScore: 40, popularity: 1 })
    expect(await figures(B)).toMatchObject({ meanScore: 40, popularity: 1 })
  })
})
