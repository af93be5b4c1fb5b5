/** Thread comments over GraphQL: nesting and childComments, locks, the author's and moderators' rights, reply figures, likes and notifications. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { updateProfile } from '../../src/accounts/profiles.js'
import { MAX_COMMENT_DEPTH } from '../../src/community/forum/comment-store.js'
import { comment, forumServer, forumUser, makeModerator, notesOf, ok, refused, startThread, type ForumUser } from './forum-helpers.js'

let s: TestServer
let alice: ForumUser
let bob: ForumUser
let carol: ForumUser
let mod: ForumUser

beforeAll(async () => {
  s = await forumServer()
  alice = await forumUser(s.app, 'alice')
  bob = await forumUser(s.app, 'bob')
  carol = await forumUser(s.app, 'carol')
  mod = await forumUser(s.app, 'moddy')
  await makeModerator(s.app, mod.user.id)
})
afterAll(async () => s.app.close())

describe('SaveThreadComment', () => {
  it('nests replies and answers them as a tree in childComments, and the thread follows its newest comment', async () => {
    const t = await startThread(s.app, alice.token)
    const top = await comment(s.app, bob.token, t, 'top')
    s.clock.advance(5)
    const reply = await comment(s.app, carol.token, null, 'reply', top)
    const deeper = await comment(s.app, alice.token, t, 'deeper', reply)
    const data = await ok(s.app, `query ($t: Int) { Page { threadComments(threadId: $t) { id comment user { name } childComments } }
      Thread(id: $t) { replyCount replyCommentId replyUserId repliedAt replyUser { name } } }`, undefined, { t })
    // Only the comments on the thread itself: the replies are nested.
    expect(data.Page.threadComments).toHaveLength(1)
    const [root] = data.Page.threadComments
    expect(root).toMatchObject({ id: top, comment: 'top', user: { name: 'bob' } })
    expect(root.childComments).toMatchObject([{ id: reply, comment: 'reply', user: { name: 'carol' }, likeCount: 0, childComments: [{ id: deeper, comment: 'deeper', childComments: [] }] }])
    expect(data.Thread).toMatchObject({ replyCount: 3, replyCommentId: deeper, replyUserId: alice.user.id, replyUser: { name: 'alice' }, repliedAt: s.clock() })
  })

  it('caps the depth of replies', async () => {
    const t = await startThread(s.app, alice.token)
    let parent = await comment(s.app, bob.token, t, 'depth 0')
    for (let depth = 1; depth <= MAX_COMMENT_DEPTH; depth++) parent = await comment(s.app, bob.token, t, `depth ${depth}`, parent)
    const res = await refused(s.app, 'mutation ($p: Int) { SaveThreadComment(parentCommentId: $p, comment: "too deep") { id } }', bob.token, { p: parent })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].validation.parentCommentId).toBeDefined()
  })

  it('refuses comments on a locked thread and replies to a locked comment, and lets only moderators lock', async () => {
    const t = await startThread(s.app, alice.token)
    const c = await comment(s.app, bob.token, t, 'before the lock')
    const below = await comment(s.app, bob.token, t, 'a reply before the lock', c)
    expect((await refused(s.app, 'mutation ($id: Int) { SaveThreadComment(id: $id, locked: true) { id } }', bob.token, { id: c })).status).toBe(401)
    await ok(s.app, 'mutation ($id: Int) { SaveThreadComment(id: $id, locked: true) { isLocked } }', mod.token, { id: c })
    expect((await refused(s.app, 'mutation ($p: Int) { SaveThreadComment(parentCommentId: $p, comment: "no") { id } }', carol.token, { p: c })).message).toBe('This comment is locked.')
    // The lock holds for the whole tree: a reply made before it takes no reply or edit either.
    expect((await refused(s.app, 'mutation ($id: Int) { SaveThreadComment(id: $id, comment: "edit below") { id } }', bob.token, { id: below })).message).toBe('This comment is locked.')
    expect((await refused(s.app, 'mutation ($p: Int) { SaveThreadComment(parentCommentId: $p, comment: "deeper") { id } }', carol.token, { p: below })).message).toBe('This comment is locked.')
    await ok(s.app, 'mutation ($id: Int) { SaveThread(id: $id, locked: true) { id } }', mod.token, { id: t })
    const res = await refused(s.app, 'mutation ($t: Int) { SaveThreadComment(threadId: $t, comment: "late") { id } }', carol.token, { t })
    expect(res).toMatchObject({ status: 401, message: 'This thread is locked.' })
  })

  it('needs a token, a comment and a thread that exists; only the author edits', async () => {
    const t = await startThread(s.app, alice.token)
    expect((await refused(s.app, 'mutation ($t: Int) { SaveThreadComment(threadId: $t, comment: "x") { id } }', undefined, { t })).status).toBe(401)
    expect((await refused(s.app, 'mutation ($t: Int) { SaveThreadComment(threadId: $t, comment: " ") { id } }', bob.token, { t })).status).toBe(400)
    expect((await refused(s.app, 'mutation { SaveThreadComment(threadId: 999999, comment: "x") { id } }', bob.token)).status).toBe(404)
    const c = await comment(s.app, bob.token, t, 'mine')
    expect((await ok(s.app, 'mutation ($id: Int) { SaveThreadComment(id: $id, comment: "edited") { comment } }', bob.token, { id: c })).SaveThreadComment.comment).toBe('edited')
    expect((await refused(s.app, 'mutation ($id: Int) { SaveThreadComment(id: $id, comment: "hijack") { id } }', carol.token, { id: c })).status).toBe(401)
    expect((await refused(s.app, 'mutation ($id: Int) { SaveThreadComment(id: $id, comment: "mod edit") { id } }', mod.token, { id: c })).status).toBe(401)
  })
})

describe('DeleteThreadComment', () => {
  it('is the author’s or a moderator’s, takes the replies, and rewinds the thread’s figures', async () => {
    const t = await startThread(s.app, alice.token)
    const first = await comment(s.app, bob.token, t, 'first')
    const second = await comment(s.app, carol.token, t, 'second')
    await comment(s.app, bob.token, t, 'reply to second', second)
    expect((await refused(s.app, 'mutation ($id: Int) { DeleteThreadComment(id: $id) { deleted } }', alice.token, { id: second })).status).toBe(401)
    expect((await ok(s.app, 'mutation ($id: Int) { DeleteThreadComment(id: $id) { deleted } }', mod.token, { id: second })).DeleteThreadComment.deleted).toBe(true)
    const after = await ok(s.app, 'query ($t: Int) { Thread(id: $t) { replyCount replyCommentId replyUserId } }', undefined, { t })
    expect(after.Thread).toEqual({ replyCount: 1, replyCommentId: first, replyUserId: bob.user.id })
    expect((await ok(s.app, 'mutation ($id: Int) { DeleteThreadComment(id: $id) { deleted } }', bob.token, { id: first })).DeleteThreadComment.deleted).toBe(true)
    const empty = await ok(s.app, 'query ($t: Int) { Thread(id: $t) { replyCount replyCommentId repliedAt } }', undefined, { t })
    expect(empty.Thread).toEqual({ replyCount: 0, replyCommentId: null, repliedAt: null })
  })
})

describe('likes', () => {
  it('likes threads and comments through ToggleLikeV2 and ToggleLike, and tells their authors once', async () => {
    const t = await startThread(s.app, alice.token)
    const c = await comment(s.app, bob.token, t, 'likeable')
    const v2 = await ok(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: THREAD) { __typename ... on Thread { id likeCount isLiked } } }', carol.token, { id: t })
    expect(v2.ToggleLikeV2).toEqual({ __typename: 'Thread', id: t, likeCount: 1, isLiked: true })
    const v1 = await ok(s.app, 'mutation ($id: Int) { ToggleLike(id: $id, type: THREAD_COMMENT) { name } }', carol.token, { id: c })
    expect(v1.ToggleLike).toEqual([{ name: 'carol' }])
    const comm = await ok(s.app, 'query ($id: Int) { ThreadComment(id: $id) { likeCount likes { name } } }', carol.token, { id: c })
    expect(comm.ThreadComment).toEqual([{ likeCount: 1, likes: [{ name: 'carol' }] }])
    // Taking the like back and giving it again tells nobody twice.
    await ok(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: THREAD) { __typename } }', carol.token, { id: t })
    await ok(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: THREAD) { __typename } }', carol.token, { id: t })
    expect((await notesOf(s.app, alice.user.id)).filter((n) => n[0] === 'THREAD_LIKE' && n[2] === t)).toEqual([['THREAD_LIKE', carol.user.id, t, null]])
    expect((await notesOf(s.app, bob.user.id)).filter((n) => n[0] === 'THREAD_COMMENT_LIKE')).toEqual([['THREAD_COMMENT_LIKE', carol.user.id, t, c]])
    // Liking one's own thread tells nobody.
    await ok(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: THREAD) { __typename } }', alice.token, { id: t })
    expect((await notesOf(s.app, alice.user.id)).filter((n) => n[0] === 'THREAD_LIKE' && n[1] === alice.user.id)).toEqual([])
    const page = await ok(s.app, 'query ($id: Int) { Page { likes(likeableId: $id, type: THREAD) { name } } }', undefined, { id: t })
    expect(page.Page.likes.map((u: { name: string }) => u.name).sort()).toEqual(['alice', 'carol'])
    expect((await refused(s.app, 'mutation { ToggleLikeV2(id: 999999, type: THREAD_COMMENT) { __typename } }', carol.token)).status).toBe(404)
  })
})

describe('notifications', () => {
  it('tells the parent comment’s author, the @named and the subscribers, each once, never the commenter', async () => {
    const t = await startThread(s.app, alice.token)
    await ok(s.app, 'mutation ($t: Int) { ToggleThreadSubscription(threadId: $t, subscribe: true) { id } }', mod.token, { t })
    const top = await comment(s.app, bob.token, t, 'top comment')
    expect((await notesOf(s.app, alice.user.id))[0]).toEqual(['THREAD_SUBSCRIBED', bob.user.id, t, top])
    expect((await notesOf(s.app, mod.user.id))[0]).toEqual(['THREAD_SUBSCRIBED', bob.user.id, t, top])
    // Alice replies to Bob, naming Carol and herself: Bob is told of the reply, Carol of the mention, the moderator as a subscriber; Alice of nothing.
    const before = (await notesOf(s.app, alice.user.id)).length
    const reply = await comment(s.app, alice.token, t, 'hi @carol and @alice and @bob', top)
    expect((await notesOf(s.app, bob.user.id))[0]).toEqual(['THREAD_COMMENT_REPLY', alice.user.id, t, reply])
    expect((await notesOf(s.app, bob.user.id)).filter((n) => n[3] === reply)).toHaveLength(1)
    expect((await notesOf(s.app, carol.user.id))[0]).toEqual(['THREAD_COMMENT_MENTION', alice.user.id, t, reply])
    expect((await notesOf(s.app, mod.user.id))[0]).toEqual(['THREAD_SUBSCRIBED', alice.user.id, t, reply])
    expect(await notesOf(s.app, alice.user.id)).toHaveLength(before)
  })

  it('honours a switched-off notification type, and answers the notifications through the union', async () => {
    await updateProfile(s.app.kiroku.db, s.clock, carol.user.id, { options: { notificationOptions: [{ type: 'THREAD_COMMENT_REPLY', enabled: false }] } })
    const t = await startThread(s.app, carol.token)
    const c = await comment(s.app, carol.token, t, 'carol’s')
    await comment(s.app, bob.token, t, 'a reply', c)
    const types = (await notesOf(s.app, carol.user.id)).filter((n) => n[2] === t).map((n) => n[0])
    // Not the reply (switched off), but her subscription to her own thread still tells her.
    expect(types).toEqual(['THREAD_SUBSCRIBED'])
    const data = await ok(s.app, `{ Page { notifications(type_in: [THREAD_SUBSCRIBED, THREAD_COMMENT_REPLY, THREAD_LIKE]) { __typename
      ... on ThreadCommentSubscribedNotification { userId commentId context thread { id title } comment { comment } user { name } } } } }`, carol.token)
    expect(data.Page.notifications[0]).toEqual({ __typename: 'ThreadCommentSubscribedNotification', userId: bob.user.id, commentId: expect.any(Number), context: ' commented in your subscribed forum thread ', thread: { id: t, title: 'A thread' }, comment: { comment: 'a reply' }, user: { name: 'bob' } })
  })
})
