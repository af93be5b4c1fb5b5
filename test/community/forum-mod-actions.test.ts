/** A moderator's forum acts leave a record (community/moderation/mod-actions.ts), written with the act; an author's own acts leave none. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { listModActions } from '../../src/community/moderation/mod-actions.js'
import { comment, forumServer, forumUser, makeModerator, ok, startThread, type ForumUser } from './forum-helpers.js'

let s: TestServer
let alice: ForumUser
let mod: ForumUser

beforeAll(async () => {
  s = await forumServer()
  alice = await forumUser(s.app, 'alice')
  mod = await forumUser(s.app, 'moddy')
  await makeModerator(s.app, mod.user.id)
})
afterAll(async () => s.app.close())

const records = () => listModActions(s.app.kiroku.db, {}, { limit: 50, offset: 0 })

describe('the moderators’ record', () => {
  it('keeps a lock, a sticky and deletions of others’ posts, naming the moderator, the author and the object', async () => {
    const thread = await startThread(s.app, alice.token)
    const first = await comment(s.app, alice.token, thread, 'first')
    const second = await comment(s.app, alice.token, thread, 'second')
    await ok(s.app, 'mutation ($id: Int) { SaveThread(id: $id, locked: true, sticky: true) { id } }', mod.token, { id: thread })
    await ok(s.app, 'mutation ($id: Int) { SaveThreadComment(id: $id, locked: true) { id } }', mod.token, { id: first })
    await ok(s.app, 'mutation ($id: Int) { DeleteThreadComment(id: $id) { deleted } }', mod.token, { id: second })
    await ok(s.app, 'mutation ($id: Int) { DeleteThread(id: $id) { deleted } }', mod.token, { id: thread })
    const kept = (await records()).map(({ modId, userId, type, objectId, objectType, data }) => ({ modId, userId, type, objectId, objectType, data: JSON.parse(data!) }))
    const who = { modId: mod.user.id, userId: alice.user.id }
    expect(kept).toEqual([
      { ...who, type: 'DELETE', objectId: thread, objectType: 'Thread', data: { title: 'A thread' } },
      { ...who, type: 'DELETE', objectId: second, objectType: 'ThreadComment', data: { threadId: thread } },
      { ...who, type: 'EDIT', objectId: first, objectType: 'ThreadComment', data: { locked: true } },
      { ...who, type: 'EDIT', objectId: thread, objectType: 'Thread', data: { locked: true, sticky: true } },
    ])
  })

  it('keeps nothing of what authors do to their own posts, a moderator’s included', async () => {
    const before = (await records()).length
    const own = await startThread(s.app, mod.token)
    const note = await comment(s.app, mod.token, own, 'mine')
    await ok(s.app, 'mutation ($id: Int) { DeleteThreadComment(id: $id) { deleted } }', mod.token, { id: note })
    await ok(s.app, 'mutation ($id: Int) { DeleteThread(id: $id) { deleted } }', mod.token, { id: own })
    const other = await startThread(s.app, alice.token)
    await ok(s.app, 'mutation ($id: Int) { DeleteThread(id: $id) { deleted } }', alice.token, { id: other })
    expect((await records()).length).toBe(before)
  })
})
