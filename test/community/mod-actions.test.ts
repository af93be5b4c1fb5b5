/**
 * The moderators' record (community/moderation/mod-actions.ts): an action recorded with what it
 * names, listed newest first by moderator or by user, kept (with the ids cleared) when either account
 * is deleted, and unknown types refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { insertUsers } from '../helpers/users.js'
import { listModActions, recordModAction } from '../../src/community/moderation/mod-actions.js'
import { deleteUser } from '../../src/accounts/users.js'

let s: TestServer
let mod: number
let author: number
let other: number
const ALL = { limit: 50, offset: 0 }

beforeAll(async () => {
  s = await testServer()
  ;[mod, author, other] = (await insertUsers(s.app, ['mod', 'author', 'other'])) as [number, number, number]
})
afterAll(async () => s.app.close())

describe('recordModAction', () => {
  it('records an action and lists it newest first, by user and by moderator', async () => {
    const db = s.app.kiroku.db
    const first = await recordModAction(db, s.clock, { modId: mod, userId: author, type: 'DELETE', objectId: 7, objectType: 'Thread', data: 'spam' })
    expect(first).toEqual({ id: expect.any(Number), modId: mod, userId: author, type: 'DELETE', objectId: 7, objectType: 'Thread', data: 'spam', createdAt: s.clock() })
    s.clock.advance(10)
    const second = await recordModAction(db, s.clock, { modId: mod, userId: other, type: 'NOTE', data: 'x'.repeat(5000) })
    expect(second.data).toHaveLength(2000)
    expect((await listModActions(db, { modId: mod }, ALL)).map((a) => a.id)).toEqual([second.id, first.id])
    expect((await listModActions(db, { userId: author }, ALL)).map((a) => a.id)).toEqual([first.id])
    expect(await listModActions(db, { userId: author }, { limit: 1, offset: 1 })).toEqual([])
  })

  it('keeps the record when the accounts go, naming no one', async () => {
    const db = s.app.kiroku.db
    await deleteUser(db, author)
    const [kept] = await listModActions(db, { modId: mod }, { limit: 1, offset: 1 })
    expect(kept).toMatchObject({ userId: null, modId: mod, type: 'DELETE', objectId: 7 })
  })

  it('refuses a type AniList does not have', async () => {
    await expect(recordModAction(s.app.kiroku.db, s.clock, { modId: mod, type: 'WHATEVER' as 'NOTE' })).rejects.toThrow(TypeError)
  })
})
