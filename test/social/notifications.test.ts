/**
 * Notifications through the API: a follow raises FOLLOWING end to end (ToggleFollow, then the
 * followed user's Page.notifications with AniList's context), notificationOptions honoured, the
 * unread count and its reset, type filters, every stored kind answered by its union member, and
 * nobody ever reading another user's notifications.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { listServer, listUser, send, type ListUser } from '../helpers/lists.js'
import { raiseNotifications } from '../../src/social/notification-store.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import { insertUsers } from '../helpers/users.js'

let s: TestServer
let alice: ListUser
let bob: ListUser
let carol: ListUser

beforeAll(async () => {
  s = await listServer()
  alice = await listUser(s.app, 'alice')
  bob = await listUser(s.app, 'bob')
  // carol wants no FOLLOWING notifications.
  carol = await listUser(s.app, 'carol', { options: { notificationOptions: [{ type: 'FOLLOWING', enabled: false }] } })
})
afterAll(async () => s.app.close())

const follow = (by: ListUser, whom: ListUser) => send(s.app, `mutation { ToggleFollow(userId: ${whom.user.id}) { id } }`, { token: by.token })

const NOTIFICATIONS = `
query ($reset: Boolean, $type: NotificationType, $types: [NotificationType]) {
  Page(perPage: 10) {
    pageInfo { total }
    notifications(resetNotificationCount: $reset, type: $type, type_in: $types) {
      __typename
      ... on FollowingNotification { id userId type context createdAt user { name } }
      ... on AiringNotification { id type animeId episode contexts media { id } }
      ... on ActivityLikeNotification { userId activityId context user { name } }
      ... on MediaDataChangeNotification { mediaId context reason media { id } }
      ... on RelatedMediaAdditionNotification { mediaId context }
      ... on MediaMergeNotification { mediaId deletedMediaTitles context }
      ... on MediaDeletionNotification { deletedMediaTitle context reason }
    }
  }
}`

const unread = async (who: ListUser) => (await send(s.app, '{ Viewer { unreadNotificationCount } }', { token: who.token })).body.data.Viewer.unreadNotificationCount

describe('FOLLOWING notifications', () => {
  it('tells the followed user who followed them, in AniList’s words, once while unread', async () => {
    expect(await unread(bob)).toBe(0)
    await follow(alice, bob)
    // Unfollowing and following again while the first is unread raises no second one.
    await follow(alice, bob)
    await follow(alice, bob)
    const res = await send(s.app, NOTIFICATIONS, { token: bob.token })
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.Page).toEqual({
      pageInfo: { total: 1 },
      notifications: [{ __typename: 'FollowingNotification', id: expect.any(Number), userId: alice.user.id, type: 'FOLLOWING', context: ' started following you.', createdAt: s.clock(), user: { name: 'alice' } }],
    })
    expect(await unread(bob)).toBe(1)
    // Nobody is told of their own follow.
    expect(await unread(alice)).toBe(0)
  })

  it('honours notificationOptions: a kind switched off is not stored', async () => {
    await follow(alice, carol)
    expect(await unread(carol)).toBe(0)
    expect((await send(s.app, NOTIFICATIONS, { token: carol.token })).body.data.Page.notifications).toEqual([])
  })
})

describe('the unread count and its reset', () => {
  it('counts the viewer’s unread notifications, null on others, and resets after reading the page', async () => {
    await follow(carol, bob)
    expect(await unread(bob)).toBe(2)
    const other = await send(s.app, `{ User(id: ${bob.user.id}) { unreadNotificationCount } }`, { token: alice.token })
    expect(other.body.data.User.unreadNotificationCount).toBeNull()
    expect((await send(s.app, `{ User(id: ${bob.user.id}) { unreadNotificationCount } }`)).body.data.User.unreadNotificationCount).toBeNull()
    const page = await send(s.app, NOTIFICATIONS, { token: bob.token, variables: { reset: true } })
    // Newest first; the page is the one read before the reset.
    expect(page.body.data.Page.notifications.map((n: { user: { name: string } }) => n.user.name)).toEqual(['carol', 'alice'])
    expect(await unread(bob)).toBe(0)
    // Reading without reset changes nothing; the notifications stay, read.
    expect((await send(s.app, NOTIFICATIONS, { token: bob.token })).body.data.Page.pageInfo.total).toBe(2)
  })

  it('Query.Notification answers the newest, and resets when asked', async () => {
    await follow(alice, bob)
    await follow(alice, bob)
    // alice's first notification was read: following again raises a new one.
    expect(await unread(bob)).toBe(1)
    const res = await send(s.app, '{ Notification(resetNotificationCount: true) { ... on FollowingNotification { user { name } } } }', { token: bob.token })
    expect(res.body.data.Notification).toEqual({ user: { name: 'alice' } })
    expect(await unread(bob)).toBe(0)
    const none = await send(s.app, '{ Notification(type: AIRING) { __typename } }', { token: bob.token })
    expect(none.status).toBe(404)
    expect(none.body.errors[0]).toMatchObject({ message: 'Not Found.', status: 404 })
  })
})

describe('every kind, and the type filters', () => {
  beforeAll(async () => {
    await raiseNotifications(s.app.kiroku.db, s.clock, [
      { userId: alice.user.id, type: 'AIRING', mediaId: 1, episode: 4 },
      { userId: alice.user.id, type: 'MEDIA_DATA_CHANGE', mediaId: 1, context: ' changed its episode count.', reason: 'The season was extended.' },
      { userId: alice.user.id, type: 'RELATED_MEDIA_ADDITION', mediaId: 5 },
      { userId: alice.user.id, type: 'MEDIA_MERGE', mediaId: 1, deletedTitles: ['Cowboy Bebop (TV)'] },
      { userId: alice.user.id, type: 'MEDIA_DELETION', deletedTitles: ['Gone'], reason: 'A duplicate.' },
    ])
  })

  it('answers each stored kind with its union member and AniList’s wording', async () => {
    const res = await send(s.app, NOTIFICATIONS, { token: alice.token })
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.Page.notifications).toEqual([
      { __typename: 'MediaDeletionNotification', deletedMediaTitle: 'Gone', context: ' was deleted from the site.', reason: 'A duplicate.' },
      { __typename: 'MediaMergeNotification', mediaId: 1, deletedMediaTitles: ['Cowboy Bebop (TV)'], context: ' were merged into ' },
      { __typename: 'RelatedMediaAdditionNotification', mediaId: 5, context: ' was recently added to the site.' },
      { __typename: 'MediaDataChangeNotification', mediaId: 1, context: ' changed its episode count.', reason: 'The season was extended.', media: { id: 1 } },
      { __typename: 'AiringNotification', id: expect.any(Number), type: 'AIRING', animeId: 1, episode: 4, contexts: ['Episode ', ' of ', ' aired.'], media: { id: 1 } },
    ])
  })

  it('filters by type and type_in (both: only the types in both)', async () => {
    const kinds = async (variables: Record<string, unknown>) => {
      const res = await send(s.app, NOTIFICATIONS, { token: alice.token, variables })
      return { total: res.body.data.Page.pageInfo.total, types: res.body.data.Page.notifications.map((n: { __typename: string }) => n.__typename) }
    }
    expect(await kinds({ type: 'AIRING' })).toEqual({ total: 1, types: ['AiringNotification'] })
    expect(await kinds({ types: ['AIRING', 'MEDIA_DELETION'] })).toEqual({ total: 2, types: ['MediaDeletionNotification', 'AiringNotification'] })
    expect(await kinds({ type: 'AIRING', types: ['MEDIA_DELETION'] })).toEqual({ total: 0, types: [] })
    expect(await kinds({ types: 'AIRING' })).toEqual({ total: 1, types: ['AiringNotification'] })
    // A kind the union cannot answer yet (the forum's) matches nothing rather than failing.
    expect(await kinds({ type: 'THREAD_LIKE' })).toEqual({ total: 0, types: [] })
  })
})

describe('batching', () => {
  it('reads a page of 50 notifications with their users and works in a fixed number of statements', async () => {
    const dave = await listUser(s.app, 'dave')
    const ids = await insertUsers(s.app, Array.from({ length: 25 }, (_, i) => `fan${i}`))
    await raiseNotifications(s.app.kiroku.db, s.clock, [
      ...ids.map((id) => ({ userId: dave.user.id, type: 'FOLLOWING' as const, actorId: id })),
      ...[1, 5, 6, 20, 21, 30].flatMap((mediaId) => [1, 2, 3, 4].map((episode) => ({ userId: dave.user.id, type: 'AIRING' as const, mediaId, episode }))),
    ])
    const counter = new StatementCounter()
    const db = s.app.kiroku.db
    s.app.kiroku.db = db.withPlugin(counter)
    try {
      const res = await send(s.app, `{ Viewer { unreadNotificationCount } Page(perPage: 50) { pageInfo { total } notifications {
        ... on FollowingNotification { user { name isFollowing } }
        ... on AiringNotification { media { id title { romaji } } }
      } } }`, { token: dave.token })
      expect(res.body.errors).toBeUndefined()
      expect(res.body.data.Page.pageInfo.total).toBe(49)
      expect(res.body.data.Page.notifications).toHaveLength(49)
      expect(res.body.data.Viewer.unreadNotificationCount).toBe(49)
      // The notifications, their count, the unread count, the users, isFollowing, the works.
      expect(counter.count).toBe(6)
    } finally {
      s.app.kiroku.db = db
    }
  })
})

describe('authorization', () => {
  it('answers 401 without a token, and never shows one user another’s notifications', async () => {
    const anonymous = await send(s.app, NOTIFICATIONS)
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.errors[0]).toMatchObject({ message: 'Unauthorized.', status: 401 })
    expect((await send(s.app, '{ Notification { __typename } }')).status).toBe(401)
    // bob's notifications are all FOLLOWING; alice's are the media ones: neither sees the other's.
    const asBob = await send(s.app, NOTIFICATIONS, { token: bob.token })
    expect(new Set(asBob.body.data.Page.notifications.map((n: { __typename: string }) => n.__typename))).toEqual(new Set(['FollowingNotification']))
    const asCarol = await send(s.app, NOTIFICATIONS, { token: carol.token, variables: { reset: true } })
    expect(asCarol.body.data.Page).toEqual({ pageInfo: { total: 0 }, notifications: [] })
    // carol's reset marks only her own read.
    expect(await unread(alice)).toBe(5)
  })
})
