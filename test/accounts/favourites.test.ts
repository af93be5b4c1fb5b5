import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { favouriteIdsOf, favouritesAmong, toggleFavourite } from '../../src/accounts/favourites.js'
import { deleteUser } from '../../src/accounts/users.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { insertUsers } from '../helpers/users.js'

let s: TestServer
let alice: number
let bob: number
beforeEach(async () => {
  s = await testServer()
  ;[alice, bob] = (await insertUsers(s.app, ['alice', 'bob'])) as [number, number]
})
afterEach(async () => s.app.close())

const toggle = (userId: number, type: 'ANIME' | 'MANGA', id: number) => toggleFavourite(s.app.kiroku.db, s.clock, userId, type, id)

describe('favourites', () => {
  it('toggles a work on and off, keeping the others in the order they were added', async () => {
    expect(await toggle(alice, 'ANIME', 5)).toBe(true)
    expect(await toggle(alice, 'ANIME', 1)).toBe(true)
    expect(await toggle(alice, 'ANIME', 21)).toBe(true)
    expect((await favouriteIdsOf(s.app.kiroku.db, [alice], 'ANIME')).get(alice)).toEqual([5, 1, 21])
    expect(await toggle(alice, 'ANIME', 1)).toBe(false)
    expect((await favouriteIdsOf(s.app.kiroku.db, [alice], 'ANIME')).get(alice)).toEqual([5, 21])
    // Marked again, it goes last.
    expect(await toggle(alice, 'ANIME', 1)).toBe(true)
    expect((await favouriteIdsOf(s.app.kiroku.db, [alice], 'ANIME')).get(alice)).toEqual([5, 21, 1])
  })

  it('keeps each user’s and each type’s favourites apart, and loads several users at once', async () => {
    await toggle(alice, 'ANIME', 1)
    await toggle(alice, 'MANGA', 30001)
    await toggle(bob, 'ANIME', 6)
    const anime = await favouriteIdsOf(s.app.kiroku.db, [alice, bob, 999], 'ANIME')
    expect(Object.fromEntries(anime)).toEqual({ [alice]: [1], [bob]: [6], 999: [] })
    expect((await favouriteIdsOf(s.app.kiroku.db, [alice], 'MANGA')).get(alice)).toEqual([30001])
    expect(await favouritesAmong(s.app.kiroku.db, alice, ["ANIME", "MANGA"], [1, 6, 30001, 7])).toEqual(new Set([1, 30001]))
    expect(await favouritesAmong(s.app.kiroku.db, bob, ["ANIME"], [])).toEqual(new Set())
  })

  it('two toggles at once leave the work either marked or not, never twice', async () => {
    await Promise.all([toggle(alice, 'ANIME', 1), toggle(alice, 'ANIME', 1)])
    const ids = (await favouriteIdsOf(s.app.kiroku.db, [alice], 'ANIME')).get(alice)!
    expect(ids.length).toBeLessThanOrEqual(1)
  })

  it('goes with the user when the account is deleted', async () => {
    await toggle(alice, 'ANIME', 1)
    await deleteUser(s.app.kiroku.db, alice)
    const rows = await s.app.kiroku.db.selectFrom('favourites').selectAll().execute()
    expect(rows).toEqual([])
  })
})
