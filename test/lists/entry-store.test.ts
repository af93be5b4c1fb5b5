import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteUser } from '../../src/accounts/users.js'
import { defaultEntryFields, type EntryFields } from '../../src/lists/entry.js'
import { countUserEntries, deleteEntry, insertEntries, insertEntry, loadEntriesByIds, loadEntriesOfUsers, loadUserEntriesForMedia, updateEntry } from '../../src/lists/entry-store.js'
import { countEntries, findEntries } from '../../src/lists/entry-query.js'
import { TEST_DIALECT } from '../helpers/database.js'
import { listServer, listUser } from '../helpers/lists.js'
import type { TestServer } from '../helpers/server.js'

let s: TestServer
let alice: number
let bob: number
beforeAll(async () => {
  s = await listServer()
  alice = (await listUser(s.app, 'alice')).user.id
  bob = (await listUser(s.app, 'bob')).user.id
})
afterAll(async () => s.app.close())

const FULL: EntryFields = {
  status: 'REPEATING', score: 85, progress: 12, progressVolumes: 0, repeat: 2, priority: 3, private: true, notes: 'second time',
  hiddenFromStatusLists: true, customLists: ['Favourites'], advancedScores: { Story: 90, Visuals: 70 },
  startedAt: { year: 2024, month: 3, day: null }, completedAt: { year: null, month: null, day: null },
}

describe(`the entry store on ${TEST_DIALECT}`, () => {
  it('stores every field and reads it back', async () => {
    const created = await insertEntry(s.app.kiroku.db, { userId: alice, mediaId: 1, mediaType: 'ANIME' }, FULL, 1000)
    expect(created).toMatchObject({ userId: alice, mediaId: 1, mediaType: 'ANIME', createdAt: 1000, updatedAt: 1000, ...FULL })
    const loaded = (await loadEntriesByIds(s.app.kiroku.db, [created!.id, 999_999])).get(created!.id)
    expect(loaded).toEqual(created)
  })

  it('keeps one entry per user and media', async () => {
    expect(await insertEntry(s.app.kiroku.db, { userId: alice, mediaId: 1, mediaType: 'ANIME' }, defaultEntryFields(), 2000)).toBeNull()
    // Another user may list the same media.
    expect(await insertEntry(s.app.kiroku.db, { userId: bob, mediaId: 1, mediaType: 'ANIME' }, defaultEntryFields(), 2000)).not.toBeNull()
  })

  it('updates an entry’s fields and time, and says when there is none', async () => {
    const [entry] = [...(await loadUserEntriesForMedia(s.app.kiroku.db, alice, [1])).values()]
    const updated = await updateEntry(s.app.kiroku.db, entry!.id, { ...FULL, progress: 13, notes: null }, 3000)
    expect(updated).toMatchObject({ progress: 13, notes: null, createdAt: 1000, updatedAt: 3000 })
    expect(await updateEntry(s.app.kiroku.db, 999_999, FULL, 3000)).toBeNull()
  })

  it('loads a user’s entries for some media, and whole lists by user and type', async () => {
    await insertEntries(s.app.kiroku.db, [
      { userId: alice, mediaId: 30001, mediaType: 'MANGA', fields: defaultEntryFields(), createdAt: 4000, updatedAt: 4000 },
      { userId: alice, mediaId: 5, mediaType: 'ANIME', fields: defaultEntryFields(), createdAt: 4001, updatedAt: 4001 },
    ])
    const forMedia = await loadUserEntriesForMedia(s.app.kiroku.db, alice, [1, 5, 6, 30001])
    expect([...forMedia.keys()].sort((a, b) => a - b)).toEqual([1, 5, 30001])
    const lists = await loadEntriesOfUsers(s.app.kiroku.db, [alice, bob, 424242])
    expect(lists.get(alice)!.map((e) => e.mediaId)).toEqual([1, 30001, 5])
    expect(lists.get(bob)!.map((e) => e.mediaId)).toEqual([1])
    expect(lists.get(424242)).toEqual([])
    expect((await loadEntriesOfUsers(s.app.kiroku.db, [alice], 'MANGA')).get(alice)!.map((e) => e.mediaId)).toEqual([30001])
    expect(await countUserEntries(s.app.kiroku.db, alice)).toBe(3)
    expect(await countUserEntries(s.app.kiroku.db, alice, 'ANIME')).toBe(2)
  })

  it('adds in bulk, skipping entries that exist', async () => {
    const added = await insertEntries(s.app.kiroku.db, [
      { userId: bob, mediaId: 1, mediaType: 'ANIME', fields: defaultEntryFields(), createdAt: 5000, updatedAt: 5000 },
      { userId: bob, mediaId: 6, mediaType: 'ANIME', fields: { ...defaultEntryFields(), startedAt: { year: 2023, month: 7, day: 9 } }, createdAt: 5000, updatedAt: 5000 },
    ])
    expect(added).toBe(1)
    expect(await countUserEntries(s.app.kiroku.db, bob)).toBe(2)
  })

  it('stores dates as FuzzyDateInt too, for AniList’s date filters', async () => {
    const query = (filter: object) => ({ filter: { userId: bob, ...filter }, access: { viewerId: bob } })
    expect((await findEntries(s.app.kiroku.db, query({ startedAt: 20230709 }))).map((e) => e.mediaId)).toEqual([6])
    expect(await countEntries(s.app.kiroku.db, query({ startedAt_like: '2023%' }))).toBe(1)
    expect(await countEntries(s.app.kiroku.db, query({ startedAt_greater: 20230709 }))).toBe(0)
    // Alice's start date has no day: 2024-03 reads as 20240300.
    expect(await countEntries(s.app.kiroku.db, { filter: { startedAt: 20240300 }, access: { viewerId: alice } })).toBe(1)
  })

  it('deletes an entry once', async () => {
    const [entry] = [...(await loadUserEntriesForMedia(s.app.kiroku.db, bob, [6])).values()]
    expect(await deleteEntry(s.app.kiroku.db, entry!.id)).toBe(true)
    expect(await deleteEntry(s.app.kiroku.db, entry!.id)).toBe(false)
  })

  it('takes a user’s entries away with the user', async () => {
    await deleteUser(s.app.kiroku.db, bob)
    expect(await countUserEntries(s.app.kiroku.db, bob)).toBe(0)
    expect(await countUserEntries(s.app.kiroku.db, alice)).toBe(3)
  })
})
