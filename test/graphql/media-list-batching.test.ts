import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StatementCounter } from '../helpers/statement-counter.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import type { MediaInput } from '../../src/catalog/media.js'
import { MEDIA_LIST_STATUSES } from '../../src/lists/entry.js'
import type { TestServer } from '../helpers/server.js'
import { addEntries, listServer, listUser, send, type ListUser } from '../helpers/lists.js'


// Made-up works, numbered far from the catalog's, enough for the long list.
const FIRST_ID = 700_000
const LONG = 2_000
const SHORT = 20

let s: TestServer
let long: ListUser
let short: ListUser
const counter = new StatementCounter()

beforeAll(async () => {
  s = await listServer()
  const works: MediaInput[] = Array.from({ length: LONG }, (_, i) => ({ id: FIRST_ID + i, type: 'ANIME', format: i % 4 === 0 ? 'MOVIE' : 'TV', title: { romaji: `Work ${i}` }, episodes: 12 }))
  await upsertMedia(s.app.kiroku.db, s.clock, works)
  long = await listUser(s.app, 'longlist', { mediaListOptions: { animeList: { customLists: ['Rewatch someday'], splitCompletedSectionByFormat: true } } })
  short = await listUser(s.app, 'shortlist', { mediaListOptions: { animeList: { customLists: ['Rewatch someday'], splitCompletedSectionByFormat: true } } })
  const entries = (n: number) =>
    works.slice(0, n).map((w, i) => [w.id, 'ANIME', { status: MEDIA_LIST_STATUSES[i % 6], score: i % 101, progress: i % 12, customLists: i % 4 === 0 ? ['Rewatch someday'] : [] }] as const)
  await addEntries(s.app, long.user.id, entries(LONG).map(([id, type, fields]) => [id, type, { ...fields }]))
  await addEntries(s.app, short.user.id, entries(SHORT).map(([id, type, fields]) => [id, type, { ...fields }]))
  s.app.kiroku.db = s.app.kiroku.db.withPlugin(counter)
})
afterAll(async () => s.app.close())

const COLLECTION = `
  query ($userId: Int, $type: MediaType) {
    MediaListCollection(userId: $userId, type: $type) {
      lists { name status isCustomList isSplitCompletedList entries { ...entry } }
      user { id name }
    }
  }
  fragment entry on MediaList {
    id status score progress customLists
    media { id title { romaji } episodes }
    user { id name }
  }`

async function statementsFor(query: string, variables: Record<string, unknown>, token?: string) {
  counter.count = 0
  const res = await send(s.app, query, { variables, token })
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return { count: counter.count, data: res.body.data }
}

describe('no N+1 in a MediaListCollection', () => {
  it(`runs the same few statements for ${LONG} entries as for ${SHORT}, media and users included`, async () => {
    const big = await statementsFor(COLLECTION, { userId: long.user.id, type: 'ANIME' })
    const small = await statementsFor(COLLECTION, { userId: short.user.id, type: 'ANIME' })
    // Every entry is there, with its media and owner.
    const bigEntries = big.data.MediaListCollection.lists.filter((l: { isCustomList: boolean }) => !l.isCustomList).flatMap((l: { entries: unknown[] }) => l.entries)
    expect(bigEntries).toHaveLength(LONG)
    expect(bigEntries.every((e: { media: { episodes: number }; user: { name: string } }) => e.media.episodes === 12 && e.user.name === 'longlist')).toBe(true)
    expect(big.data.MediaListCollection.lists.map((l: { name: string }) => l.name)).toContain('Completed Movie')
    // The user, the profile, the entries and the media: four, however long the list.
    expect(big.count).toBe(small.count)
    expect(big.count).toBeLessThanOrEqual(4)
  })

  it('stays as few with a token (private entries allowed) and chunking', async () => {
    const chunked = `query ($userId: Int) { MediaListCollection(userId: $userId, type: ANIME, chunk: 2, perChunk: 500) { hasNextChunk lists { entries { id media { id title { romaji } } user { name } } } } }`
    const big = await statementsFor(chunked, { userId: long.user.id }, long.token)
    expect(big.data.MediaListCollection.hasNextChunk).toBe(true)
    expect(big.count).toBeLessThanOrEqual(4)
  })

  it('reads a perChunk above 500 as 500', async () => {
    const res = await send(s.app, `query ($userId: Int) { MediaListCollection(userId: $userId, type: ANIME, chunk: 4, perChunk: 600) { hasNextChunk lists { isCustomList entries { id } } } }`, { variables: { userId: long.user.id } })
    const collection = res.body.data.MediaListCollection
    const entries = collection.lists.filter((l: { isCustomList: boolean }) => !l.isCustomList).flatMap((l: { entries: unknown[] }) => l.entries)
    // The fourth chunk of 500 is the last one: entries 1,501 to 2,000.
    expect(entries).toHaveLength(500)
    expect(collection.hasNextChunk).toBe(false)
  })

  it('loads a page of entries of several users with one query each for entries, media, owners and their score formats', async () => {
    const { count, data } = await statementsFor('{ Page(perPage: 50) { mediaList(mediaId_in: [700000, 700001], sort: [MEDIA_ID]) { id score media { id title { romaji } } user { name } } } }', {})
    expect(data.Page.mediaList.map((e: { user: { name: string } }) => e.user.name)).toEqual(['longlist', 'shortlist', 'longlist', 'shortlist'])
    expect(count).toBe(4)
  })

  it('computes statistics of a long list with a fixed number of statements', async () => {
    const query = `query ($id: Int) { Page { pageInfo { total } } MediaListCollection(userId: $id, type: ANIME) { user { statistics { anime { count formats { format count } } } } } }`
    const big = await statementsFor(query, { id: long.user.id })
    const small = await statementsFor(query, { id: short.user.id })
    // Planned entries (every sixth, from the second) do not count.
    const planned = Array.from({ length: LONG }, (_, i) => MEDIA_LIST_STATUSES[i % 6]).filter((st) => st === 'PLANNING').length
    expect(big.data.MediaListCollection.user.statistics.anime.count).toBe(LONG - planned)
    expect(big.count).toBe(small.count)
  })
})
