import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { addEntries, listServer, listUser, send, type ListUser } from '../helpers/lists.js'
import { ask } from './media-helpers.js'
import { toggleFollow } from '../../src/social/follows.js'

let s: TestServer
let alice: ListUser
let bob: ListUser
let carol: ListUser
const T0 = 1_700_000_000

beforeAll(async () => {
  s = await listServer()
  alice = await listUser(s.app, 'alice', { mediaListOptions: { scoreFormat: 'POINT_10' } })
  bob = await listUser(s.app, 'bob')
  carol = await listUser(s.app, 'carol')
  // Alice's anime, added in this order (created and updated a second apart).
  await addEntries(s.app, alice.user.id, [
    [1, 'ANIME', { status: 'COMPLETED', score: 90, progress: 26, startedAt: { year: 2020, month: 1, day: 5 }, completedAt: { year: 2020, month: 2, day: 1 }, notes: 'Space cowboys' }],
    [5, 'ANIME', { status: 'PLANNING', priority: 2 }],
    [6, 'ANIME', { status: 'CURRENT', score: 70, progress: 10, startedAt: { year: 2023, month: 7, day: 9 } }],
    [20, 'ANIME', { status: 'DROPPED', score: 40, progress: 50, private: true, notes: 'too long' }],
    [30, 'ANIME', { status: 'COMPLETED', score: 100, progress: 26, repeat: 2, startedAt: { year: 2019 }, completedAt: { year: 2019, month: 12 } }],
    [30001, 'MANGA', { status: 'CURRENT', progress: 40, progressVolumes: 5 }],
  ], T0)
  await addEntries(s.app, bob.user.id, [
    [1, 'ANIME', { status: 'CURRENT', score: 55, progress: 3 }],
    [20, 'ANIME', { status: 'COMPLETED', score: 80, progress: 220 }],
    [21, 'ANIME', { status: 'PAUSED', progress: 900, private: true }],
  ], T0 + 100)
  await addEntries(s.app, carol.user.id, [[1, 'ANIME', { status: 'PLANNING', private: true }]], T0 + 200)
})
afterAll(async () => s.app.close())

/** Media ids of Page.mediaList for inline arguments (token optional). */
async function listed(args: string, token?: string, variables?: Record<string, unknown>, declarations = ''): Promise<number[]> {
  const res = await ask(s.app, `query ${declarations ? `(${declarations}) ` : ''}{ Page(perPage: 50) { mediaList(${args}) { mediaId } } }`, variables, token)
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data.Page.mediaList.map((e: { mediaId: number }) => e.mediaId)
}

describe('Query.MediaList', () => {
  it('finds a user’s entry for a media, as the docs’ example asks', async () => {
    const res = await ask(s.app, `
      query ($id: Int, $mediaId: Int, $userId: Int) { # the entry of one user for one media
        MediaList(id: $id, mediaId: $mediaId, userId: $userId) { id media { id title { romaji } } user { name } score status }
      }`, { mediaId: 1, userId: alice.user.id })
    expect(res.status).toBe(200)
    // The score is in the owner's format (POINT_10 for alice).
    expect(res.body.data.MediaList).toEqual({ id: expect.any(Number), media: { id: 1, title: { romaji: 'Cowboy Bebop' } }, user: { name: 'alice' }, score: 9, status: 'COMPLETED' })
  })

  it('answers 404 Not Found. when nothing matches, private entries of others included', async () => {
    const none = await ask(s.app, '{ MediaList(userId: 424242) { id } }')
    expect(none.status).toBe(404)
    expect(none.body).toEqual({ data: { MediaList: null }, errors: [{ message: 'Not Found.', status: 404, locations: [{ line: 1, column: 3 }] }] })
    expect((await ask(s.app, `{ MediaList(userId: ${alice.user.id}, mediaId: 20) { id } }`)).status).toBe(404)
    expect((await ask(s.app, `{ MediaList(userId: ${alice.user.id}, mediaId: 20) { id } }`, undefined, bob.token)).status).toBe(404)
    const own = await ask(s.app, `{ MediaList(userId: ${alice.user.id}, mediaId: 20) { private notes } }`, undefined, alice.token)
    expect(own.body.data.MediaList).toEqual({ private: true, notes: 'too long' })
  })

  it('finds by user name, any letter case, and by the first match of a sort', async () => {
    const res = await ask(s.app, '{ MediaList(userName: "ALICE", type: ANIME, sort: SCORE_DESC) { mediaId } }')
    expect(res.body.data.MediaList.mediaId).toBe(30)
    expect((await ask(s.app, '{ MediaList(userName: "nobody") { id } }')).status).toBe(404)
  })
})

describe('Page.mediaList', () => {
  it('lists a user’s entries with the page info, as MAL-Sync asks (a bare enum for a list variable)', async () => {
    const res = await ask(s.app, `
      query ($page: Int, $userName: String, $type: MediaType, $status: MediaListStatus, $sort: [MediaListSort]) {
        Page (page: $page, perPage: 100) {
          pageInfo { hasNextPage total }
          mediaList (status: $status, type: $type, userName: $userName, sort: $sort) {
            status score(format: POINT_100) progress progressVolumes notes
            media { id episodes title { userPreferred } }
          }
        }
      }`, { page: 1, userName: 'alice', type: 'ANIME', status: null, sort: 'UPDATED_TIME_DESC' })
    expect(res.body.data.Page.pageInfo).toEqual({ hasNextPage: false, total: 4 })
    expect(res.body.data.Page.mediaList.map((e: { media: { id: number } }) => e.media.id)).toEqual([30, 6, 5, 1])
    expect(res.body.data.Page.mediaList[3]).toEqual({ status: 'COMPLETED', score: 90, progress: 26, progressVolumes: 0, notes: 'Space cowboys', media: { id: 1, episodes: 26, title: { userPreferred: 'Cowboy Bebop' } } })
  })

  it('shows private entries to their owner only', async () => {
    expect(await listed(`userId: ${alice.user.id}, type: ANIME`)).toEqual([1, 5, 6, 30])
    expect(await listed(`userId: ${alice.user.id}, type: ANIME`, bob.token)).toEqual([1, 5, 6, 30])
    expect(await listed(`userId: ${alice.user.id}, type: ANIME`, alice.token)).toEqual([1, 5, 6, 20, 30])
    expect(await listed('mediaId: 1, sort: ADDED_TIME')).toEqual([1, 1])
    expect(await listed('mediaId: 1, sort: ADDED_TIME', carol.token)).toEqual([1, 1, 1])
  })

  it('filters by every operator AniList offers', async () => {
    const a = `userId: ${alice.user.id}`
    expect(await listed(`${a}, status: COMPLETED`)).toEqual([1, 30])
    expect(await listed(`${a}, status_in: [CURRENT, PLANNING]`)).toEqual([5, 6, 30001])
    expect(await listed(`${a}, status_in: []`)).toEqual([])
    expect(await listed(`${a}, status_not: COMPLETED`)).toEqual([5, 6, 30001])
    expect(await listed(`${a}, status_not_in: [COMPLETED, CURRENT]`)).toEqual([5])
    expect(await listed(`${a}, type: MANGA`)).toEqual([30001])
    expect(await listed(`${a}, mediaId_in: [5, 6, 7]`)).toEqual([5, 6])
    expect(await listed(`${a}, mediaId_not_in: [1, 5]`)).toEqual([6, 30, 30001])
    expect(await listed(`userId_in: [${alice.user.id}, ${bob.user.id}], mediaId: 1`)).toEqual([1, 1])
    expect(await listed(`${a}, notes: "Space cowboys"`)).toEqual([1])
    expect(await listed(`${a}, notes_like: "COWBOY"`)).toEqual([1])
    expect(await listed(`${a}, startedAt: 20230709`)).toEqual([6])
    expect(await listed(`${a}, startedAt_greater: 20200105`)).toEqual([6])
    expect(await listed(`${a}, startedAt_lesser: 20200105`)).toEqual([30])
    expect(await listed(`${a}, startedAt_like: "2020%"`)).toEqual([1])
    expect(await listed(`${a}, completedAt: 20200201`)).toEqual([1])
    expect(await listed(`${a}, completedAt_greater: 20191231`)).toEqual([1])
    expect(await listed(`${a}, completedAt_lesser: 20200101`)).toEqual([30])
    expect(await listed(`${a}, completedAt_like: "2019%"`)).toEqual([30])
    expect(await listed('id: $id', undefined, { id: '1' }, '$id: Int')).toEqual([1])
  })

  it('isFollowing true keeps the entries of the users the viewer follows (none without a token); false changes nothing', async () => {
    expect(await listed('mediaId: 1, isFollowing: true', alice.token)).toEqual([])
    await toggleFollow(s.app.kiroku.db, s.app.kiroku.clock, alice.user.id, bob.user.id)
    expect(await listed('mediaId: 1, isFollowing: true', alice.token)).toEqual([1])
    expect(await listed('mediaId: 1, isFollowing: true')).toEqual([])
    expect(await listed('mediaId: 1, isFollowing: false')).toEqual([1, 1])
    await toggleFollow(s.app.kiroku.db, s.app.kiroku.clock, alice.user.id, bob.user.id)
  })

  it('compares with the viewer’s list', async () => {
    // Bob's entries whose media alice has too (her private entry for 20 counts: it is her own list).
    expect(await listed(`userId: ${bob.user.id}, compareWithAuthList: true`, alice.token)).toEqual([1, 20])
    expect(await listed(`userId: ${bob.user.id}, compareWithAuthList: true`)).toEqual([1, 20])
    expect(await listed(`userId: ${bob.user.id}, compareWithAuthList: true`, carol.token)).toEqual([1])
  })

  it('sorts by every MediaListSort, ties by entry id', async () => {
    const a = `userId: ${alice.user.id}, type: ANIME`
    expect(await listed(`${a}, sort: MEDIA_ID_DESC`)).toEqual([30, 6, 5, 1])
    expect(await listed(`${a}, sort: [SCORE_DESC]`)).toEqual([30, 1, 6, 5])
    expect(await listed(`${a}, sort: SCORE`)).toEqual([5, 6, 1, 30])
    expect(await listed(`${a}, sort: STATUS`)).toEqual([6, 5, 1, 30])
    expect(await listed(`${a}, sort: STATUS_DESC`)).toEqual([1, 30, 5, 6])
    expect(await listed(`${a}, sort: PROGRESS_DESC`)).toEqual([1, 30, 6, 5])
    expect(await listed(`userId: ${alice.user.id}, sort: PROGRESS_VOLUMES_DESC`)).toEqual([30001, 1, 5, 6, 30])
    expect(await listed(`${a}, sort: REPEAT_DESC`)).toEqual([30, 1, 5, 6])
    expect(await listed(`${a}, sort: PRIORITY_DESC`)).toEqual([5, 1, 6, 30])
    // Entries without a date come last either way.
    expect(await listed(`${a}, sort: STARTED_ON`)).toEqual([30, 1, 6, 5])
    expect(await listed(`${a}, sort: STARTED_ON_DESC`)).toEqual([6, 1, 30, 5])
    expect(await listed(`${a}, sort: FINISHED_ON_DESC`)).toEqual([1, 30, 5, 6])
    expect(await listed(`${a}, sort: ADDED_TIME_DESC`)).toEqual([30, 6, 5, 1])
    expect(await listed(`${a}, sort: UPDATED_TIME`)).toEqual([1, 5, 6, 30])
    expect(await listed(`${a}, sort: MEDIA_TITLE_ROMAJI`)).toEqual([1, 5, 30, 6])
    expect(await listed(`${a}, sort: MEDIA_TITLE_ENGLISH_DESC`)).toEqual([6, 30, 5, 1])
    expect(await listed(`${a}, sort: MEDIA_TITLE_NATIVE`)).toEqual([1, 5, 6, 30])
    expect(await listed(`${a}, sort: [MEDIA_POPULARITY_DESC, MEDIA_ID_DESC]`)).toEqual([30, 6, 5, 1])
  })

  it('pages through the entries', async () => {
    const res = await ask(s.app, `{ Page(page: 2, perPage: 2) { pageInfo { total perPage currentPage lastPage hasNextPage } mediaList(userId: ${alice.user.id}) { mediaId } } }`)
    expect(res.body.data.Page).toEqual({ pageInfo: { total: 5, perPage: 2, currentPage: 2, lastPage: 3, hasNextPage: true }, mediaList: [{ mediaId: 6 }, { mediaId: 30 }] })
  })

  it('answers an empty page for a user name that names no one', async () => {
    expect(await listed('userName: "lolamtisch", type: ANIME')).toEqual([])
    expect(await listed(`userName: "alice", userId: ${bob.user.id}`)).toEqual([])
  })

  it('refuses a filter too large to run', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => i + 1)
    const res = await send(s.app, 'query ($ids: [Int]) { Page { mediaList(mediaId_in: $ids) { id } } }', { variables: { ids } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toBe('mediaId_in accepts at most 500 values.')
  })
})

describe('Media.mediaListEntry and onList', () => {
  it('answers the viewer’s own entry, and null without a token or without an entry', async () => {
    const doc = `query ($id: Int!) { Media(id: $id) { id title { romaji } mediaListEntry { id status score(format: POINT_100) progress private } } }`
    expect((await ask(s.app, doc, { id: 20 })).body.data.Media.mediaListEntry).toBeNull()
    expect((await ask(s.app, doc, { id: 20 }, alice.token)).body.data.Media.mediaListEntry).toMatchObject({ status: 'DROPPED', score: 40, progress: 50, private: true })
    expect((await ask(s.app, doc, { id: 20 }, bob.token)).body.data.Media.mediaListEntry).toMatchObject({ status: 'COMPLETED', score: 80 })
    expect((await ask(s.app, doc, { id: 6 }, bob.token)).body.data.Media.mediaListEntry).toBeNull()
  })

  it('loads the entries of a whole page of media at once', async () => {
    const res = await ask(s.app, '{ Page(perPage: 50) { media(type: ANIME, sort: ID) { id mediaListEntry { status } } } }', undefined, alice.token)
    const onList = res.body.data.Page.media.filter((m: { mediaListEntry: unknown }) => m.mediaListEntry).map((m: { id: number }) => m.id)
    expect(onList).toEqual([1, 5, 6, 20, 30])
  })

  it('filters media on the viewer’s list with onList, and ignores it without a token', async () => {
    const ids = async (args: string, token?: string) =>
      (await ask(s.app, `query ${args.includes('$onList') ? '($onList: Boolean) ' : ''}{ Page(perPage: 50) { pageInfo { total } media(${args}, sort: ID) { id } } }`, { onList: true }, token)).body.data.Page
    expect(await ids('type: ANIME, onList: $onList', alice.token)).toEqual({ pageInfo: { total: 5 }, media: [1, 5, 6, 20, 30].map((id) => ({ id })) })
    expect((await ids('type: MANGA, onList: false', alice.token)).media.map((m: { id: number }) => m.id)).not.toContain(30001)
    expect((await ids('id_in: [1, 6, 21], onList: false', bob.token)).media).toEqual([{ id: 6 }])
    expect((await ids('id_in: [1, 6], onList: true')).media).toEqual([{ id: 1 }, { id: 6 }])
    // Bob has the series on his list, not the film.
    const one = await ask(s.app, '{ Media(search: "bebop", onList: false, sort: ID) { id } }', undefined, bob.token)
    expect(one.body.data.Media.id).toBe(5)
    // Alice has both: nothing is left.
    expect((await ask(s.app, '{ Media(search: "bebop", onList: false) { id } }', undefined, alice.token)).status).toBe(404)
  })
})
