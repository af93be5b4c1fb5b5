/**
 * Accounts kept in memory (accounts/user-cache.ts): read once within the trust, forgotten at once by a
 * change made through the cache or announced by another instance, bounded when nothing is announced.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UserCache, USERS_TOPIC, type UserCacheOptions } from '../../src/accounts/user-cache.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { makeUser } from '../helpers/flow.js'
import { MemoryBus } from '../helpers/broadcast.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import { postJson } from '../helpers/graphql.js'
import { tokenFor } from '../helpers/users.js'
import type { User } from '../../src/accounts/users.js'

let s: TestServer
let user: User
let userId: number
let now: number
const reads = new StatementCounter()
beforeEach(async () => {
  s = await testServer()
  user = await makeUser(s.app)
  userId = user.id
  now = 0
  reads.count = 0
})
afterEach(async () => s.app.close())

function instance(options: Partial<UserCacheOptions> = {}): UserCache {
  return new UserCache(s.app.kiroku.db.withPlugin(reads), { trustSeconds: 1, now: () => now, ...options })
}

/** Renames behind every instance's back, as SQL by hand (or another process) would: nobody is told. */
async function renameQuietly(name: string): Promise<void> {
  await s.app.kiroku.db.updateTable('users').set({ name, name_key: name.toLowerCase() }).where('id', '=', userId).execute()
}

describe('without announcements (no Redis)', () => {
  it('reads an account once within the trust and again once it ends', async () => {
    const a = instance({ trustSeconds: 1 })
    expect((await a.byId(userId))?.name).toBe('alice')
    await renameQuietly('alicia')
    now += 999
    expect((await a.byId(userId))?.name).toBe('alice')
    expect(reads.count).toBe(1)
    now += 1
    expect((await a.byId(userId))?.name).toBe('alicia')
    expect(reads.count).toBe(2)
  })

  it('reads on every use when the trust is 0', async () => {
    const a = instance({ trustSeconds: 0 })
    await a.byId(userId)
    await a.byId(userId)
    expect(reads.count).toBe(2)
  })

  it('forgets at once a change made through it', async () => {
    const a = instance({ trustSeconds: 60 })
    await a.byId(userId)
    await renameQuietly('alicia')
    await a.changed([userId])
    expect((await a.byId(userId))?.name).toBe('alicia')
  })

  it('does not keep an account that is not there, whose id SQLite may hand out next', async () => {
    const a = instance({ trustSeconds: 60 })
    expect(await a.byId(userId + 1)).toBeNull()
    const bob = await makeUser(s.app, 'bob')
    expect(bob.id).toBe(userId + 1)
    expect((await a.byId(bob.id))?.name).toBe('bob')
  })

  it('deletes through the database and forgets the account', async () => {
    const a = instance({ trustSeconds: 60 })
    await a.byId(userId)
    expect(await a.delete(userId)).toBe(true)
    expect(await a.byId(userId)).toBeNull()
    expect(await a.delete(userId)).toBe(false)
  })
})

describe('with announcements', () => {
  it('a change on one instance reaches the other at once, and the trust is the longer announced one', async () => {
    const bus = new MemoryBus()
    const a = instance({ broadcast: bus.endpoint(), trustSeconds: 1 })
    const b = instance({ broadcast: bus.endpoint(), trustSeconds: 1 })
    await a.byId(userId)
    now += 5000 // past TOKEN_CHECK_CACHE_SECONDS, within the announced trust
    expect(reads.count).toBe(1)
    await a.byId(userId)
    expect(reads.count).toBe(1)
    await renameQuietly('alicia')
    await b.changed([userId])
    expect(bus.sent).toContainEqual([USERS_TOPIC, String(userId)])
    expect((await a.byId(userId))?.name).toBe('alicia')
  })

  it('forgets everything when notices may have been missed', async () => {
    const bus = new MemoryBus()
    const a = instance({ broadcast: bus.endpoint(), trustSeconds: 60 })
    await a.byId(userId)
    await renameQuietly('alicia')
    bus.gap()
    expect((await a.byId(userId))?.name).toBe('alicia')
  })

  it('does not keep a read that overlapped a change notice: the change may have committed after it', async () => {
    const bus = new MemoryBus()
    const a = instance({ broadcast: bus.endpoint(), trustSeconds: 60 })
    const reading = a.byId(userId)
    await bus.endpoint().publish(USERS_TOPIC, String(userId))
    expect((await reading)?.name).toBe('alice')
    await renameQuietly('alicia')
    expect((await a.byId(userId))?.name).toBe('alicia')
  })
})

describe('Viewer', () => {
  it('answers from the server\'s cache, which its own changes keep true', async () => {
    await s.app.close()
    s = await testServer({ tokenCheckCacheSeconds: 60 })
    user = await makeUser(s.app)
    userId = user.id
    const token = await tokenFor(s.app, user)
    const viewer = async () => (await postJson(s.app, { query: '{ Viewer { id name } }' }, { headers: { authorization: `Bearer ${token}` } })).json().data.Viewer
    expect(await viewer()).toEqual({ id: userId, name: 'alice' })
    await renameQuietly('alicia')
    expect(await viewer()).toEqual({ id: userId, name: 'alice' })
    await s.app.kiroku.users.changed([userId])
    expect(await viewer()).toEqual({ id: userId, name: 'alicia' })
  })
})
