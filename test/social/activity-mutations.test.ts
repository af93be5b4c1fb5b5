/** The activity mutations: who may post, edit, delete, pin, lock, subscribe and like, private messages, and hostile input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { updateProfile } from '../../src/accounts/profiles.js'
import { toggleFollow } from '../../src/social/follows.js'
import { MAX_POST_LENGTH } from '../../src/social/activity-actions.js'
import { ok, postMessage, postText, refused, reply, socialServer, socialUser, type SocialUser } from './social-helpers.js'

let s: TestServer
let alice: SocialUser
let bob: SocialUser
let carol: SocialUser

beforeAll(async () => {
  s = await socialServer()
  alice = await socialUser(s.app, 'alice')
  bob = await socialUser(s.app, 'bob')
  carol = await socialUser(s.app, 'carol')
})
afterAll(async () => s.app.close())

const ACTIVITY = `query ($id: Int) { Activity(id: $id) { __typename
  ... on TextActivity { id text isLocked isPinned replyCount likeCount isSubscribed }
  ... on MessageActivity { id message isPrivate recipientId messengerId recipient { name } messenger { name } }
  ... on ListActivity { id isLocked } } }`

describe('SaveTextActivity', () => {
  it('posts on the viewer’s profile and lets only the author edit it', async () => {
    const id = await postText(s.app, alice.token, 'first post')
    const edited = await ok(s.app, 'mutation ($id: Int) { SaveTextActivity(id: $id, text: "edited", locked: true) { id text isLocked userId } }', alice.token, { id })
    expect(edited.SaveTextActivity).toEqual({ id, text: 'edited', isLocked: true, userId: alice.user.id })
    const bobs = await refused(s.app, 'mutation ($id: Int) { SaveTextActivity(id: $id, text: "mine now") { id } }', bob.token, { id })
    expect(bobs.status).toBe(401)
    expect((await ok(s.app, ACTIVITY, undefined, { id })).Activity.text).toBe('edited')
  })

  it('needs a token', async () => {
    const res = await refused(s.app, 'mutation { SaveTextActivity(text: "anonymous") { id } }')
    expect(res).toMatchObject({ status: 401, message: 'Unauthorized.' })
  })

  it('refuses empty, blank and over-long text with a validation error', async () => {
    for (const text of ['', '   ', 'x'.repeat(MAX_POST_LENGTH + 1)]) {
      const res = await refused(s.app, 'mutation ($t: String) { SaveTextActivity(text: $t) { id } }', alice.token, { t: text })
      expect(res.status).toBe(400)
      expect(res.body.errors[0].validation.text).toBeDefined()
    }
    expect((await refused(s.app, 'mutation { SaveTextActivity { id } }', alice.token)).status).toBe(400)
  })

  it('answers wrong input types with a 400, never a 5xx', async () => {
    const cases: Array<[string, unknown]> = [
      ['mutation ($t: String) { SaveTextActivity(text: $t) { id } }', { t: { no: 1 } }],
      ['mutation ($t: String) { SaveTextActivity(text: $t) { id } }', { t: [1, 2] }],
      ['mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', { id: 'one' }],
      ['mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', { id: 2 ** 40 }],
      ['mutation ($t: LikeableType) { ToggleLike(id: 1, type: $t) { id } }', { t: 'USER' }],
      ['query ($ids: [Int]) { Page { activities(id_in: $ids) { __typename } } }', { ids: Array.from({ length: 501 }, (_, i) => i) }],
    ]
    for (const [query, variables] of cases) {
      const res = await graphql(s.app, query, alice.token, variables)
      expect(res.status, JSON.stringify(res.body)).toBe(400)
    }
  })
})

describe('SaveMessageActivity', () => {
  it('posts on the recipient’s profile; the messenger edits, a third user cannot', async () => {
    const id = await postMessage(s.app, alice.token, bob.user.id, 'hi bob')
    const read = (await ok(s.app, ACTIVITY, carol.token, { id })).Activity
    expect(read).toMatchObject({ __typename: 'MessageActivity', message: 'hi bob', recipientId: bob.user.id, messengerId: alice.user.id, recipient: { name: 'bob' }, messenger: { name: 'alice' }, isPrivate: false })
    expect((await refused(s.app, 'mutation ($id: Int) { SaveMessageActivity(id: $id, message: "changed") { id } }', bob.token, { id })).status).toBe(401)
    expect((await refused(s.app, 'mutation ($id: Int) { SaveMessageActivity(id: $id, message: "changed") { id } }', carol.token, { id })).status).toBe(401)
    await ok(s.app, 'mutation ($id: Int) { SaveMessageActivity(id: $id, message: "hello bob") { id } }', alice.token, { id })
    expect((await ok(s.app, ACTIVITY, undefined, { id })).Activity.message).toBe('hello bob')
  })

  it('needs a recipient who exists', async () => {
    expect((await refused(s.app, 'mutation { SaveMessageActivity(message: "to nobody") { id } }', alice.token)).status).toBe(400)
    expect((await refused(s.app, 'mutation { SaveMessageActivity(message: "to nobody", recipientId: 999999) { id } }', alice.token)).status).toBe(404)
  })

  it('keeps a private message between its two users: others neither find nor list it', async () => {
    const id = await postMessage(s.app, alice.token, bob.user.id, 'just between us', true)
    expect((await ok(s.app, ACTIVITY, alice.token, { id })).Activity.isPrivate).toBe(true)
    expect((await ok(s.app, ACTIVITY, bob.token, { id })).Activity.message).toBe('just between us')
    for (const token of [carol.token, undefined]) {
      expect((await refused(s.app, ACTIVITY, token, { id })).status).toBe(404)
      const listed = await ok(s.app, '{ Page { activities(type: MESSAGE) { ... on MessageActivity { id } } } }', token)
      expect(listed.Page.activities.map((a: { id: number }) => a.id)).not.toContain(id)
    }
    // Nor can a third user reply to it, like it, subscribe to it, see its replies or delete it.
    await reply(s.app, bob.token, id, 'agreed')
    expect((await refused(s.app, 'mutation ($id: Int) { SaveActivityReply(activityId: $id, text: "me too") { id } }', carol.token, { id })).status).toBe(404)
    expect((await refused(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: ACTIVITY) { __typename } }', carol.token, { id })).status).toBe(404)
    expect((await refused(s.app, 'mutation ($id: Int) { ToggleActivitySubscription(activityId: $id, subscribe: true) { __typename } }', carol.token, { id })).status).toBe(404)
    expect((await refused(s.app, 'mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', carol.token, { id })).status).toBe(404)
    expect((await ok(s.app, 'query ($id: Int) { Page { activityReplies(activityId: $id) { id } } }', carol.token, { id })).Page.activityReplies).toEqual([])
    expect((await ok(s.app, 'query ($id: Int) { Page { activityReplies(activityId: $id) { text } } }', alice.token, { id })).Page.activityReplies).toEqual([{ text: 'agreed' }])
  })

  it('honours restrictMessagesToFollowing: only users the recipient follows may message them', async () => {
    const dave = await socialUser(s.app, 'dave')
    await updateProfile(s.app.kiroku.db, s.clock, dave.user.id, { options: { restrictMessagesToFollowing: true } })
    const res = await refused(s.app, 'mutation ($r: Int) { SaveMessageActivity(recipientId: $r, message: "hello?") { id } }', alice.token, { r: dave.user.id })
    expect(res.status).toBe(401)
    await toggleFollow(s.app.kiroku.db, s.clock, dave.user.id, alice.user.id)
    expect(await postMessage(s.app, alice.token, dave.user.id, 'hello!')).toBeGreaterThan(0)
    // Following dave does not help carol: it is whom dave follows that counts.
    await toggleFollow(s.app.kiroku.db, s.clock, carol.user.id, dave.user.id)
    expect((await refused(s.app, 'mutation ($r: Int) { SaveMessageActivity(recipientId: $r, message: "hi") { id } }', carol.token, { r: dave.user.id })).status).toBe(401)
  })

  it('is deleted by its messenger or its recipient, not by others', async () => {
    const first = await postMessage(s.app, alice.token, bob.user.id, 'delete me')
    const second = await postMessage(s.app, alice.token, bob.user.id, 'delete me too')
    expect((await refused(s.app, 'mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', carol.token, { id: first })).status).toBe(401)
    expect((await ok(s.app, 'mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', bob.token, { id: first })).DeleteActivity.deleted).toBe(true)
    expect((await ok(s.app, 'mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', alice.token, { id: second })).DeleteActivity.deleted).toBe(true)
    expect((await refused(s.app, ACTIVITY, alice.token, { id: second })).status).toBe(404)
  })
})

describe('DeleteActivity', () => {
  it('removes the activity with its replies, their likes and its likes; only its author may', async () => {
    const id = await postText(s.app, alice.token, 'to be deleted')
    const replyId = await reply(s.app, bob.token, id, 'a reply')
    await ok(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: ACTIVITY) { __typename } }', bob.token, { id })
    await ok(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: ACTIVITY_REPLY) { __typename } }', alice.token, { id: replyId })
    expect((await refused(s.app, 'mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', bob.token, { id })).status).toBe(401)
    expect((await ok(s.app, 'mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', alice.token, { id })).DeleteActivity.deleted).toBe(true)
    const likes = await s.app.kiroku.db.selectFrom('likes').selectAll().where((eb) => eb.or([eb.and([eb('likeable_type', '=', 'ACTIVITY'), eb('likeable_id', '=', id)]), eb.and([eb('likeable_type', '=', 'ACTIVITY_REPLY'), eb('likeable_id', '=', replyId)])])).execute()
    expect(likes).toEqual([])
    expect((await refused(s.app, 'query ($id: Int) { ActivityReply(id: $id) { id } }', alice.token, { id: replyId })).status).toBe(404)
    expect((await refused(s.app, 'mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', alice.token, { id })).status).toBe(404)
  })
})

describe('ToggleActivityPin', () => {
  it('pins one activity per user (pinning another unpins the first); only the owner may', async () => {
    const first = await postText(s.app, carol.token, 'pin me')
    const second = await postText(s.app, carol.token, 'pin me instead')
    expect((await refused(s.app, 'mutation ($id: Int) { ToggleActivityPin(id: $id, pinned: true) { __typename } }', alice.token, { id: first })).status).toBe(401)
    await ok(s.app, 'mutation ($id: Int) { ToggleActivityPin(id: $id, pinned: true) { ... on TextActivity { isPinned } } }', carol.token, { id: first })
    const pinned = await ok(s.app, 'mutation ($id: Int) { ToggleActivityPin(id: $id) { ... on TextActivity { id isPinned } } }', carol.token, { id: second })
    expect(pinned.ToggleActivityPin).toEqual({ id: second, isPinned: true })
    expect((await ok(s.app, ACTIVITY, carol.token, { id: first })).Activity.isPinned).toBe(false)
    // PINNED puts the pinned one first on the profile.
    const profile = await ok(s.app, 'query ($u: Int) { Page { activities(userId: $u, sort: [PINNED, ID_DESC]) { ... on TextActivity { id } } } }', undefined, { u: carol.user.id })
    expect(profile.Page.activities[0].id).toBe(second)
    await ok(s.app, 'mutation ($id: Int) { ToggleActivityPin(id: $id, pinned: false) { __typename } }', carol.token, { id: second })
    expect((await ok(s.app, ACTIVITY, carol.token, { id: second })).Activity.isPinned).toBe(false)
  })
})

describe('SaveActivityReply and DeleteActivityReply', () => {
  it('lets only the author edit or delete a reply', async () => {
    const id = await postText(s.app, alice.token, 'reply to me')
    const replyId = await reply(s.app, bob.token, id, 'first!')
    expect((await refused(s.app, 'mutation ($id: Int) { SaveActivityReply(id: $id, text: "second") { id } }', alice.token, { id: replyId })).status).toBe(401)
    expect((await ok(s.app, 'mutation ($id: Int) { SaveActivityReply(id: $id, text: "edited") { text activityId userId } }', bob.token, { id: replyId })).SaveActivityReply).toEqual({ text: 'edited', activityId: id, userId: bob.user.id })
    expect((await refused(s.app, 'mutation ($id: Int) { DeleteActivityReply(id: $id) { deleted } }', alice.token, { id: replyId })).status).toBe(401)
    expect((await ok(s.app, 'mutation ($id: Int) { DeleteActivityReply(id: $id) { deleted } }', bob.token, { id: replyId })).DeleteActivityReply.deleted).toBe(true)
    expect((await ok(s.app, ACTIVITY, alice.token, { id })).Activity.replyCount).toBe(0)
  })

  it('refuses replies to a locked activity', async () => {
    const id = await postText(s.app, alice.token, 'locked thread')
    await ok(s.app, 'mutation ($id: Int) { SaveTextActivity(id: $id, text: "locked thread", locked: true) { id } }', alice.token, { id })
    expect((await refused(s.app, 'mutation ($id: Int) { SaveActivityReply(activityId: $id, text: "let me in") { id } }', bob.token, { id })).status).toBe(401)
  })

  it('refuses an over-long reply and one to no activity', async () => {
    const id = await postText(s.app, alice.token, 'short replies only')
    const long = await refused(s.app, 'mutation ($id: Int, $t: String) { SaveActivityReply(activityId: $id, text: $t) { id } }', bob.token, { id, t: 'y'.repeat(MAX_POST_LENGTH + 1) })
    expect(long.status).toBe(400)
    expect((await refused(s.app, 'mutation { SaveActivityReply(activityId: 999999, text: "hello") { id } }', bob.token)).status).toBe(404)
  })
})

describe('SaveListActivity', () => {
  it('locks a list activity of the author only', async () => {
    await ok(s.app, 'mutation { SaveMediaListEntry(mediaId: 810001, status: CURRENT, progress: 1) { id } }', carol.token)
    const { Page } = await ok(s.app, 'query ($u: Int) { Page { activities(userId: $u, type: ANIME_LIST) { ... on ListActivity { id } } } }', undefined, { u: carol.user.id })
    const id = Page.activities[0].id
    expect((await refused(s.app, 'mutation ($id: Int) { SaveListActivity(id: $id, locked: true) { id } }', alice.token, { id })).status).toBe(401)
    expect((await ok(s.app, 'mutation ($id: Int) { SaveListActivity(id: $id, locked: true) { id isLocked } }', carol.token, { id })).SaveListActivity).toEqual({ id, isLocked: true })
    // A text activity is not a list activity.
    const text = await postText(s.app, carol.token, 'not a list activity')
    expect((await refused(s.app, 'mutation ($id: Int) { SaveListActivity(id: $id, locked: true) { id } }', carol.token, { id: text })).status).toBe(404)
  })
})

describe('ToggleActivitySubscription', () => {
  it('subscribes and unsubscribes the viewer', async () => {
    const id = await postText(s.app, alice.token, 'subscribe here')
    const on = await ok(s.app, 'mutation ($id: Int) { ToggleActivitySubscription(activityId: $id, subscribe: true) { ... on TextActivity { isSubscribed } } }', bob.token, { id })
    expect(on.ToggleActivitySubscription.isSubscribed).toBe(true)
    const off = await ok(s.app, 'mutation ($id: Int) { ToggleActivitySubscription(activityId: $id) { ... on TextActivity { isSubscribed } } }', bob.token, { id })
    expect(off.ToggleActivitySubscription.isSubscribed).toBe(false)
    // The author is subscribed from the start.
    expect((await ok(s.app, ACTIVITY, alice.token, { id })).Activity.isSubscribed).toBe(true)
  })
})

describe('ToggleLike and ToggleLikeV2', () => {
  it('likes and unlikes, answering with the likers or the item', async () => {
    const id = await postText(s.app, alice.token, 'like me')
    const likers = await ok(s.app, 'mutation ($id: Int) { ToggleLike(id: $id, type: ACTIVITY) { name } }', bob.token, { id })
    expect(likers.ToggleLike).toEqual([{ name: 'bob' }])
    const item = await ok(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: ACTIVITY) { ... on TextActivity { id likeCount isLiked likes { name } } } }', carol.token, { id })
    expect(item.ToggleLikeV2).toMatchObject({ id, likeCount: 2, isLiked: true })
    expect(item.ToggleLikeV2.likes.map((u: { name: string }) => u.name).sort()).toEqual(['bob', 'carol'])
    const unliked = await ok(s.app, 'mutation ($id: Int) { ToggleLike(id: $id, type: ACTIVITY) { name } }', bob.token, { id })
    expect(unliked.ToggleLike).toEqual([{ name: 'carol' }])
    const page = await ok(s.app, 'query ($id: Int) { Page { pageInfo { total } likes(likeableId: $id, type: ACTIVITY) { name } } Like(likeableId: $id, type: ACTIVITY) { name } }', undefined, { id })
    expect(page).toEqual({ Page: { pageInfo: { total: 1 }, likes: [{ name: 'carol' }] }, Like: { name: 'carol' } })
  })

  it('likes replies, and finds nothing for forum items or unknown ids', async () => {
    const id = await postText(s.app, alice.token, 'reply and like')
    const replyId = await reply(s.app, bob.token, id, 'like this reply')
    const item = await ok(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: ACTIVITY_REPLY) { __typename ... on ActivityReply { id likeCount isLiked } } }', alice.token, { id: replyId })
    expect(item.ToggleLikeV2).toEqual({ __typename: 'ActivityReply', id: replyId, likeCount: 1, isLiked: true })
    expect((await refused(s.app, 'mutation { ToggleLike(id: 1, type: THREAD) { id } }', alice.token)).status).toBe(404)
    expect((await refused(s.app, 'mutation { ToggleLike(id: 999999, type: ACTIVITY) { id } }', alice.token)).status).toBe(404)
  })
})

describe('the posting limit', () => {
  it('refuses the posts over POSTING_LIMIT_PER_MINUTE with AniList’s 429, until the next minute', async () => {
    const limited = await socialServer({ postingLimitPerMinute: 2 })
    try {
      const eve = await socialUser(limited.app, 'eve')
      const frank = await socialUser(limited.app, 'frank')
      // The minute's start, so that the two posts and the refusal share one window.
      limited.clock.set(Math.ceil(limited.clock() / 60) * 60)
      const id = await postText(limited.app, eve.token, 'one')
      await reply(limited.app, eve.token, id, 'two')
      const res = await refused(limited.app, 'mutation { SaveTextActivity(text: "three") { id } }', eve.token)
      expect(res).toMatchObject({ status: 429, message: 'Too Many Requests.', httpStatus: 429 })
      expect((await refused(limited.app, 'mutation ($r: Int) { SaveMessageActivity(recipientId: $r, message: "four") { id } }', eve.token, { r: frank.user.id })).status).toBe(429)
      // Another user has their own count, and a new minute a new one.
      expect(await postText(limited.app, frank.token, 'mine')).toBeGreaterThan(0)
      limited.clock.advance(60)
      expect(await postText(limited.app, eve.token, 'three, later')).toBeGreaterThan(0)
    } finally {
      await limited.app.close()
    }
  })
})
