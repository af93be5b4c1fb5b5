import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { addEntries, listServer, listUser, send, type ListUser } from '../helpers/lists.js'
import { ask } from './media-helpers.js'

let s: TestServer
let josh: ListUser
let mika: ListUser

beforeAll(async () => {
  s = await listServer()
  josh = await listUser(s.app, 'Josh', {
    mediaListOptions: {
      scoreFormat: 'POINT_5',
      animeList: { customLists: ['Comfort', 'Films to show'], splitCompletedSectionByFormat: true, sectionOrder: ['Comfort', 'Watching', 'Completed', 'Planning', 'Dropped', 'Paused', 'Rewatching'] },
      mangaList: { customLists: ['Shelf'] },
    },
  })
  mika = await listUser(s.app, 'mika')
  await addEntries(s.app, josh.user.id, [
    [1, 'ANIME', { status: 'COMPLETED', score: 100, progress: 26, customLists: ['Comfort'], completedAt: { year: 2021, month: 6, day: 1 } }],
    [5, 'ANIME', { status: 'COMPLETED', score: 80, progress: 1, customLists: ['Films to show'], hiddenFromStatusLists: true }],
    [199, 'ANIME', { status: 'COMPLETED', score: 60, progress: 1, customLists: ['Films to show'], completedAt: { year: 2022, month: 1, day: 2 } }],
    [6, 'ANIME', { status: 'CURRENT', score: 40, progress: 10, notes: 'Vash!', startedAt: { year: 2024, month: 2 } }],
    [20, 'ANIME', { status: 'PLANNING' }],
    [21, 'ANIME', { status: 'DROPPED', score: 20, progress: 100, private: true }],
    [30, 'ANIME', { status: 'PAUSED', progress: 13 }],
    [30001, 'MANGA', { status: 'CURRENT', progress: 40, customLists: ['Shelf'] }],
    [30002, 'MANGA', { status: 'REPEATING', progress: 10, repeat: 1 }],
  ])
})
afterAll(async () => s.app.close())

type Group = { name: string; status: string | null; isCustomList: boolean; isSplitCompletedList: boolean; entries: Array<{ mediaId: number }> }
const summary = (lists: Group[]) => lists.map((l) => [l.name, l.entries.map((e) => e.mediaId)])

const GROUPS = `query ($userId: Int, $userName: String, $type: MediaType) {
  MediaListCollection(userId: $userId, userName: $userName, type: $type) { lists { name status isCustomList isSplitCompletedList entries { mediaId } } }
}`

describe('MediaListCollection', () => {
  it('groups an anime list in the user’s section order: custom lists, split completed lists, hidden entries', async () => {
    const res = await ask(s.app, GROUPS, { userId: josh.user.id, type: 'ANIME' })
    expect(res.status).toBe(200)
    expect(summary(res.body.data.MediaListCollection.lists)).toEqual([
      ['Comfort', [1]],
      ['Watching', [6]],
      ['Completed TV', [1]],
      ['Completed Movie', [199]],
      ['Planning', [20]],
      ['Paused', [30]],
      ['Films to show', [5, 199]],
    ])
    const lists = res.body.data.MediaListCollection.lists as Group[]
    expect(lists.find((l) => l.name === 'Completed Movie')).toMatchObject({ status: 'COMPLETED', isCustomList: false, isSplitCompletedList: true })
    expect(lists.find((l) => l.name === 'Comfort')).toMatchObject({ status: null, isCustomList: true, isSplitCompletedList: false })
  })

  it('shows the owner their private entries', async () => {
    const res = await ask(s.app, GROUPS, { userName: 'josh', type: 'ANIME' }, josh.token)
    expect(summary(res.body.data.MediaListCollection.lists)).toContainEqual(['Dropped', [21]])
    const other = await ask(s.app, GROUPS, { userName: 'josh', type: 'ANIME' }, mika.token)
    expect(summary(other.body.data.MediaListCollection.lists).map(([name]) => name)).not.toContain('Dropped')
  })

  it('names manga lists for reading', async () => {
    const res = await ask(s.app, GROUPS, { userId: josh.user.id, type: 'MANGA' })
    expect(summary(res.body.data.MediaListCollection.lists)).toEqual([['Reading', [30001]], ['Rereading', [30002]], ['Shelf', [30001]]])
  })

  it('answers trackma’s document: a named fragment, the owner’s score format, dates and media', async () => {
    const res = await ask(s.app, `
      query ($id: Int!, $listType: MediaType) {
        MediaListCollection (userId: $id, type: $listType) {
          lists { name isCustomList status entries { ... mediaListEntry } }
          user { id name }
        }
      }
      fragment mediaListEntry on MediaList {
        id score progress startedAt { year month day } updatedAt completedAt { year month day }
        media { id title { userPreferred romaji english native } synonyms format status chapters episodes nextAiringEpisode { airingAt episode } startDate { year month day } siteUrl }
      }`, { id: josh.user.id, listType: 'ANIME' })
    const collection = res.body.data.MediaListCollection
    expect(collection.user).toEqual({ id: josh.user.id, name: 'Josh' })
    const watching = collection.lists.find((l: Group) => l.name === 'Watching')
    expect(watching.entries).toEqual([{
      id: expect.any(Number), score: 2, progress: 10, startedAt: { year: 2024, month: 2, day: null }, updatedAt: expect.any(Number), completedAt: { year: null, month: null, day: null },
      media: {
        id: 6, title: { userPreferred: 'TRIGUN', romaji: 'TRIGUN', english: 'Trigun', native: 'トライガン' }, synonyms: [], format: 'TV', status: 'FINISHED', chapters: null, episodes: 26,
        nextAiringEpisode: null, startDate: { year: 1998, month: 4, day: 1 }, siteUrl: 'http://kiroku.test/anime/6',
      },
    }])
  })

  it('answers miru’s document: one completed list, sorted by update, with the viewer’s entries and custom lists as arrays', async () => {
    s.clock.advance(10)
    await send(s.app, 'mutation { SaveMediaListEntry(mediaId: 199, progress: 1) { id } }', { token: josh.token })
    const res = await ask(s.app, `
      query UserLists($id: Int) {
        MediaListCollection(userId: $id, type: ANIME, forceSingleCompletedList: true, sort: UPDATED_TIME_DESC) {
          user { id __typename }
          lists { status entries { id media { id status mediaListEntry { ...FullMediaList __typename } __typename } __typename } __typename }
          __typename
        }
      }
      fragment FullMediaList on MediaList { id status progress repeat score(format: POINT_10) customLists(asArray: true) __typename }`, { id: josh.user.id }, josh.token)
    const lists = res.body.data.MediaListCollection.lists
    expect(lists.map((l: { status: string | null }) => l.status)).toEqual([null, 'CURRENT', 'COMPLETED', 'PLANNING', 'DROPPED', 'PAUSED', null])
    const completed = lists[2].entries.map((e: { media: { id: number } }) => e.media.id)
    // The entry updated last comes first.
    expect(completed).toEqual([199, 1])
    expect(lists[2].entries[0].media.mediaListEntry).toEqual({
      id: lists[2].entries[0].id, status: 'COMPLETED', progress: 1, repeat: 0, score: 6,
      customLists: [{ name: 'Comfort', enabled: false }, { name: 'Films to show', enabled: true }], __typename: 'MediaList',
    })
  })

  it('answers jerry’s compact document with an aliased field', async () => {
    const res = await ask(s.app, 'query($userId:Int,$userName:String,$type:MediaType){MediaListCollection(userId:$userId,userName:$userName,type:$type){lists{name isCustomList isCompletedList:isSplitCompletedList entries{...e}}user{id name}}}fragment e on MediaList{id mediaId status score progress progressVolumes repeat priority private hiddenFromStatusLists customLists advancedScores notes updatedAt startedAt{year month day}completedAt{year month day}media{id type format status(version:2)episodes}}', { userId: josh.user.id, type: 'ANIME' })
    expect(res.body.errors).toBeUndefined()
    const films = res.body.data.MediaListCollection.lists.find((l: { name: string }) => l.name === 'Films to show')
    expect(films).toMatchObject({ isCustomList: true, isCompletedList: false })
    expect(films.entries[0]).toMatchObject({ mediaId: 5, hiddenFromStatusLists: true, customLists: { Comfort: false, 'Films to show': true }, score: 4 })
  })

  it('answers the deprecated statusLists and customLists as lists of lists', async () => {
    const res = await ask(s.app, `{ MediaListCollection(userName: "Josh", type: MANGA) { statusLists { mediaId } customLists(asArray: true) { mediaId } } }`)
    expect(res.body.data.MediaListCollection).toEqual({ statusLists: [[{ mediaId: 30001 }], [{ mediaId: 30002 }]], customLists: [[{ mediaId: 30001 }]] })
  })

  it('filters entries as MediaList does', async () => {
    const ids = async (args: string) => {
      const res = await ask(s.app, `{ MediaListCollection(userId: ${josh.user.id}, type: ANIME, forceSingleCompletedList: true, ${args}) { lists { isCustomList entries { mediaId } } } }`)
      expect(res.body.errors).toBeUndefined()
      return res.body.data.MediaListCollection.lists.filter((l: Group) => !l.isCustomList).flatMap((l: Group) => l.entries.map((e) => e.mediaId)).sort((a: number, b: number) => a - b)
    }
    expect(await ids('status: COMPLETED')).toEqual([1, 199])
    expect(await ids('status_in: [CURRENT, PAUSED]')).toEqual([6, 30])
    expect(await ids('status_not: COMPLETED')).toEqual([6, 20, 30])
    expect(await ids('status_not_in: [COMPLETED, PLANNING]')).toEqual([6, 30])
    expect(await ids('notes: "Vash!"')).toEqual([6])
    expect(await ids('notes_like: "vash"')).toEqual([6])
    expect(await ids('startedAt_like: "2024%"')).toEqual([6])
    expect(await ids('startedAt_greater: 20240100')).toEqual([6])
    expect(await ids('startedAt_lesser: 20240300')).toEqual([6])
    expect(await ids('startedAt: 20240200')).toEqual([6])
    expect(await ids('completedAt: 20210601')).toEqual([1])
    expect(await ids('completedAt_greater: 20210601')).toEqual([199])
    expect(await ids('completedAt_lesser: 20220101')).toEqual([1])
    expect(await ids('completedAt_like: "2022%"')).toEqual([199])
  })

  it('sorts the entries within each list', async () => {
    const res = await ask(s.app, `{ MediaListCollection(userId: ${josh.user.id}, type: ANIME, forceSingleCompletedList: true, sort: [SCORE]) { lists { name entries { mediaId } } } }`)
    expect(summary(res.body.data.MediaListCollection.lists)).toContainEqual(['Completed', [199, 1]])
    expect(summary(res.body.data.MediaListCollection.lists)).toContainEqual(['Films to show', [199, 5]])
  })
})

describe('MediaListCollection in chunks', () => {
  it('answers chunk after chunk until hasNextChunk is false, with Int variables as strings (jellyfin-ani-sync)', async () => {
    const doc = `query ($status: MediaListStatus, $userId: Int, $chunk: Int, $chunkSize: Int) {
      MediaListCollection(userId: $userId, status: $status, chunk: $chunk, perChunk: $chunkSize, type: ANIME, sort: MEDIA_ID) {
        hasNextChunk
        lists { entries { media { id siteUrl } completedAt { day month year } progress } }
      }
    }`
    const seen: number[][] = []
    for (let chunk = 1; chunk <= 5; chunk++) {
      const res = await ask(s.app, doc, { status: null, userId: String(josh.user.id), chunkSize: '2', chunk: String(chunk) })
      const collection = res.body.data.MediaListCollection
      // Custom lists repeat entries: collect each media once per chunk.
      seen.push([...new Set<number>(collection.lists.flatMap((l: { entries: Array<{ media: { id: number } }> }) => l.entries.map((e) => e.media.id)))].sort((a, b) => a - b))
      if (!collection.hasNextChunk) break
    }
    expect(seen).toEqual([[1, 5], [6, 20], [30, 199]])
  })

  it('reads a chunk below 1 as the first', async () => {
    const res = await ask(s.app, `{ MediaListCollection(userId: ${josh.user.id}, type: ANIME, chunk: 0, perChunk: 600) { hasNextChunk lists { entries { id } } } }`)
    expect(res.body.data.MediaListCollection.hasNextChunk).toBe(false)
    const all = await ask(s.app, `{ MediaListCollection(userId: ${josh.user.id}, type: ANIME) { hasNextChunk lists { entries { id } } } }`)
    expect(res.body.data.MediaListCollection.lists).toEqual(all.body.data.MediaListCollection.lists)
    expect(all.body.data.MediaListCollection.hasNextChunk).toBe(false)
  })
})

describe('MediaListCollection errors', () => {
  it('needs a type and a user: 400 validation', async () => {
    const res = await send(s.app, '{ MediaListCollection { lists { name } } }')
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toEqual({
      message: 'validation', status: 400, locations: [{ line: 1, column: 3 }],
      validation: { userId: ['The user id field is required when user name is not present.'], type: ['The type field is required.'] },
    })
  })

  it('answers 404 Not Found. for a user that does not exist (seanime and Taiga asking for someone else)', async () => {
    for (const args of ['userName: "plexanisynctest", type: ANIME', 'userId: 424242, type: MANGA']) {
      const res = await send(s.app, `{ MediaListCollection(${args}) { lists { name } } }`)
      expect(res.status).toBe(404)
      expect(res.body).toEqual({ data: { MediaListCollection: null }, errors: [{ message: 'Not Found.', status: 404, locations: [{ line: 1, column: 3 }] }] })
    }
  })

  it('answers an empty list for a user with none', async () => {
    const res = await ask(s.app, `{ MediaListCollection(userId: ${mika.user.id}, type: ANIME) { lists { name } hasNextChunk user { name } } }`)
    expect(res.body.data.MediaListCollection).toEqual({ lists: [], hasNextChunk: false, user: { name: 'mika' } })
  })
})
