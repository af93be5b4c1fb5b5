/** The notifications the activity mutations raise: messages, replies, mentions, subscriptions and likes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { updateProfile } from '../../src/accounts/profiles.js'
import { LIKE_RENOTIFY_SECONDS } from '../../src/social/activity-actions.js'
import { notificationsOf, ok, postMessage, postText, reply, socialServer, socialUser, type SocialUser } from './social-helpers.js'

let s: TestServer
let alice: SocialUser
let bob: SocialUser
let carol: SocialUser
let dave: SocialUser

beforeAll(async () => {
  s = await socialServer()
  alice = await socialUser(s.app, 'alice')
  bob = await socialUser(s.app, 'bob')
  carol = await socialUser(s.app, 'carol')
  dave = await socialUser(s.app, 'dave')
})
afterAll(async () => s.app.close())

/** The notifications a user received since `after` (a notification id), oldest first, as [type, actor, activity]. */
async function since(user: SocialUser, after: number): Promise<Array<[string, number | null, number | null]>> {
  return (await notificationsOf(s.app, user.user.id))
    .filter((n) => n.id > after)
    .reverse()
    .map((n) => [n.type, n.actorId, n.activityId])
}

async function lastId(): Promise<number> {
  const row = await s.app.kiroku.db.selectFrom('notifications').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst()
  return Number(row?.id ?? 0)
}

describe('activity notifications', () => {
  it('ACTIVITY_MESSAGE tells the recipient', async () => {
    const mark = await lastId()
    const id = await postMessage(s.app, alice.token, bob.user.id, 'hello bob')
    expect(await since(bob, mark)).toEqual([['ACTIVITY_MESSAGE', alice.user.id, id]])
    expect(await since(alice, mark)).toEqual([])
  })

  it('ACTIVITY_MENTION tells every user @named in a text activity, once, and nobody for unknown names or oneself', async () => {
    const mark = await lastId()
    const id = await postText(s.app, alice.token, 'thanks @bob and @Carol (and @bob again), @alice, @nobodyhere and mail@dave.example')
    expect(await since(bob, mark)).toEqual([['ACTIVITY_MENTION', alice.user.id, id]])
    expect(await since(carol, mark)).toEqual([['ACTIVITY_MENTION', alice.user.id, id]])
    expect(await since(alice, mark)).toEqual([])
    expect(await since(dave, mark)).toEqual([])
  })

  it('a private message mentions nobody but its recipient', async () => {
    const mark = await lastId()
    const id = await postMessage(s.app, alice.token, bob.user.id, 'don’t tell @carol', true)
    expect(await since(carol, mark)).toEqual([])
    expect(await since(bob, mark)).toEqual([['ACTIVITY_MESSAGE', alice.user.id, id]])
  })

  it('ACTIVITY_REPLY tells the owner, ACTIVITY_REPLY_SUBSCRIBED the other subscribers, ACTIVITY_MENTION those @named in the reply', async () => {
    const id = await postText(s.app, alice.token, 'what are you watching?')
    await reply(s.app, bob.token, id, 'something good') // bob is now subscribed
    await ok(s.app, 'mutation ($id: Int) { ToggleActivitySubscription(activityId: $id, subscribe: true) { __typename } }', dave.token, { id })
    const mark = await lastId()
    await reply(s.app, carol.token, id, 'same as @dave')
    expect(await since(alice, mark)).toEqual([['ACTIVITY_REPLY', carol.user.id, id]])
    expect(await since(bob, mark)).toEqual([['ACTIVITY_REPLY_SUBSCRIBED', carol.user.id, id]])
    // Dave is both subscribed and mentioned: one notification, the mention.
    expect(await since(dave, mark)).toEqual([['ACTIVITY_MENTION', carol.user.id, id]])
    expect(await since(carol, mark)).toEqual([])
    // The owner replying to their own activity tells the subscribers, not the owner.
    const again = await lastId()
    await reply(s.app, alice.token, id, 'nice')
    expect(await since(alice, again)).toEqual([])
    expect((await since(carol, again)).map(([type]) => type)).toEqual(['ACTIVITY_REPLY_SUBSCRIBED'])
  })

  it('a reply to a message tells both its users', async () => {
    const id = await postMessage(s.app, alice.token, bob.user.id, 'a message')
    const mark = await lastId()
    await reply(s.app, carol.token, id, 'hi both')
    expect(await since(alice, mark)).toEqual([['ACTIVITY_REPLY', carol.user.id, id]])
    expect(await since(bob, mark)).toEqual([['ACTIVITY_REPLY', carol.user.id, id]])
  })

  it('ACTIVITY_LIKE tells the author once, not again when the like is taken back and given again soon', async () => {
    const id = await postText(s.app, alice.token, 'like me')
    const mark = await lastId()
    const toggle = 'mutation ($id: Int) { ToggleLike(id: $id, type: ACTIVITY) { id } }'
    await ok(s.app, toggle, bob.token, { id })
    await ok(s.app, toggle, bob.token, { id })
    await ok(s.app, toggle, bob.token, { id })
    expect(await since(alice, mark)).toEqual([['ACTIVITY_LIKE', bob.user.id, id]])
    // Liking your own activity tells nobody.
    await ok(s.app, toggle, alice.token, { id })
    expect(await since(alice, mark)).toHaveLength(1)
    // Much later, a like given again is news again.
    await ok(s.app, toggle, bob.token, { id })
    s.clock.advance(LIKE_RENOTIFY_SECONDS + 1)
    await ok(s.app, toggle, bob.token, { id })
    expect(await since(alice, mark)).toHaveLength(2)
  })

  it('ACTIVITY_REPLY_LIKE tells the reply’s author, naming the activity', async () => {
    const id = await postText(s.app, alice.token, 'reply here')
    const replyId = await reply(s.app, bob.token, id, 'like my reply')
    const mark = await lastId()
    await ok(s.app, 'mutation ($id: Int) { ToggleLikeV2(id: $id, type: ACTIVITY_REPLY) { __typename } }', carol.token, { id: replyId })
    expect(await since(bob, mark)).toEqual([['ACTIVITY_REPLY_LIKE', carol.user.id, id]])
  })

  it('honours the recipient’s notificationOptions', async () => {
    const erin = await socialUser(s.app, 'erin')
    await updateProfile(s.app.kiroku.db, s.clock, erin.user.id, { options: { notificationOptions: [{ type: 'ACTIVITY_MESSAGE', enabled: false }] } })
    const mark = await lastId()
    await postMessage(s.app, alice.token, erin.user.id, 'you will not hear of this')
    expect(await since(erin, mark)).toEqual([])
  })

  it('a deleted activity takes its notifications with it', async () => {
    const id = await postMessage(s.app, alice.token, bob.user.id, 'soon gone')
    await ok(s.app, 'mutation ($id: Int) { DeleteActivity(id: $id) { deleted } }', alice.token, { id })
    expect((await notificationsOf(s.app, bob.user.id)).filter((n) => n.activityId === id)).toEqual([])
  })
})
