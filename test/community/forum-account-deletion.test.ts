/** Deleting an account takes its threads and comments (replies below them too) and their likes, and rewinds the reply figures of the threads they were in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { deleteAccount } from '../../src/site/settings/account-deletion.js'
import { loadThread } from '../../src/community/forum/thread-store.js'
import { loadComment } from '../../src/community/forum/comment-store.js'
import { comment, forumServer, forumUser, ok, startThread, type ForumUser } from './forum-helpers.js'

let s: TestServer
let alice: ForumUser
let bob: ForumUser
let carol: ForumUser

beforeAll(async () => {
  s = await forumServer()
  alice = await forumUser(s.app, 'alice')
  bob = await forumUser(s.app, 'bob')
  carol = await forumUser(s.app, 'carol')
})
afterAll(async () => s.app.close())

const likesOf = async (type: string, id: number) => s.app.kiroku.db.selectFrom('likes').select('user_id').where('likeable_type', '=', type).where('likeable_id', '=', id).execute()

describe('deleting an account', () => {
  it('removes the user’s forum posts with their likes, and the threads they were in follow the comments that remain', async () => {
    const alices = await startThread(s.app, alice.token)
    const carolsFirst = await comment(s.app, carol.token, alices, 'first')
    const bobs = await comment(s.app, bob.token, alices, 'bob was here')
    const under = await comment(s.app, alice.token, alices, 'a reply to bob', bobs)
    const bobsThread = await startThread(s.app, bob.token)
    await comment(s.app, carol.token, bobsThread, 'on bob’s thread')
    await ok(s.app, `mutation { ToggleLikeV2(id: ${bobsThread}, type: THREAD) { __typename } }`, carol.token)
    await ok(s.app, `mutation { ToggleLikeV2(id: ${bobs}, type: THREAD_COMMENT) { __typename } }`, carol.token)
    await ok(s.app, `mutation { ToggleLikeV2(id: ${under}, type: THREAD_COMMENT) { __typename } }`, carol.token)
    expect((await loadThread(s.app.kiroku.db, alices))!).toMatchObject({ replyCount: 3, replyUserId: alice.user.id })

    expect(await deleteAccount(s.app.kiroku, bob.user.id)).toBe(true)
    expect(await loadThread(s.app.kiroku.db, bobsThread)).toBeNull()
    expect(await loadComment(s.app.kiroku.db, bobs)).toBeNull()
    expect(await loadComment(s.app.kiroku.db, under)).toBeNull()
    expect(await loadThread(s.app.kiroku.db, alices)).toMatchObject({ replyCount: 1, replyCommentId: carolsFirst, replyUserId: carol.user.id })
    for (const [type, id] of [['THREAD', bobsThread], ['THREAD_COMMENT', bobs], ['THREAD_COMMENT', under]] as const) expect(await likesOf(type, id), `${type} ${id}`).toEqual([])
  })
})
