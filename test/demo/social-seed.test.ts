/** `serve --demo`'s social seed: a feed, follows and real notifications on first run, nothing again on the next. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.js'
import { findUserByName } from '../../src/accounts/users.js'
import { followedAmong } from '../../src/social/follows.js'
import { listNotifications } from '../../src/social/notification-store.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'

let s: TestServer
beforeAll(async () => {
  s = await testServer()
  await seedDemo(s.app.kiroku)
})
afterAll(async () => s.app.close())

const FEED = '{ Page(perPage: 50) { activities(sort: ID_DESC) { __typename ... on ListActivity { status user { name } media { id } } ... on TextActivity { text replyCount likeCount user { name } } } } }'

describe('the demo feed', () => {
  it('holds the demo users’ latest list changes and hana’s status with a reply and two likes', async () => {
    const activities = (await graphql(s.app, FEED)).body.data.Page.activities
    const lists = activities.filter((a: { __typename: string }) => a.__typename === 'ListActivity')
    expect(new Set(lists.map((a: { user: { name: string } }) => a.user.name))).toEqual(new Set(['demo', 'hana', 'kenji']))
    expect(lists.every((a: { status: string; media: { id: number } | null }) => a.status.length > 0 && a.media !== null)).toBe(true)
    expect(activities[0]).toMatchObject({ __typename: 'TextActivity', replyCount: 1, likeCount: 2, user: { name: 'hana' } })
  })

  it('makes the demo users follow each other and tells demo through real notifications', async () => {
    const [demo, hana, kenji] = await Promise.all(['demo', 'hana', 'kenji'].map((n) => findUserByName(s.app.kiroku.db, n)))
    expect(await followedAmong(s.app.kiroku.db, demo!.id, [hana!.id, kenji!.id])).toEqual(new Set([hana!.id, kenji!.id]))
    // The forum's seed tells demo of its own things (test/demo/forum-seed.test.ts).
    const types = (await listNotifications(s.app.kiroku.db, demo!.id, null, { limit: 50, offset: 0 })).map((n) => n.type).filter((t) => !t.startsWith('THREAD')).sort()
    expect(types).toEqual(['ACTIVITY_MENTION', 'FOLLOWING', 'FOLLOWING'])
  })

  it('adds nothing on a second run', async () => {
    const before = (await graphql(s.app, FEED)).body.data.Page.activities.length
    await seedDemo(s.app.kiroku)
    expect((await graphql(s.app, FEED)).body.data.Page.activities.length).toBe(before)
  })
})
