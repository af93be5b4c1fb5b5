/** `serve --demo`'s forum seed: threads in several categories with nested replies, likes and real notifications, once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.js'
import { findUserByName } from '../../src/accounts/users.js'
import { listNotifications } from '../../src/social/notification-store.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'

let s: TestServer
beforeAll(async () => {
  s = await testServer()
  await seedDemo(s.app.kiroku)
})
afterAll(async () => s.app.close())

const THREADS = '{ Page { threads(sort: ID) { id title replyCount likeCount categories { id } mediaCategories { id } user { name } } } }'

describe('the demo forum', () => {
  it('holds threads in different categories, with nested replies and likes', async () => {
    const threads = (await graphql(s.app, THREADS)).body.data.Page.threads
    expect(threads.map((t: { user: { name: string } }) => t.user.name)).toEqual(['demo', 'kenji', 'hana'])
    expect(new Set(threads.flatMap((t: { categories: Array<{ id: number }> }) => t.categories.map((c) => c.id)))).toEqual(new Set([1, 2, 7, 11]))
    expect(threads[1]).toMatchObject({ replyCount: 2, likeCount: 1, mediaCategories: [{ id: 1 }] })
    const comments = (await graphql(s.app, 'query ($t: Int) { Page { threadComments(threadId: $t) { childComments } } }', undefined, { t: threads[0].id })).body.data.Page.threadComments
    expect(comments).toHaveLength(1)
    expect(comments[0].childComments[0].childComments[0].comment).toBe('See you, space cowboy.')
  })

  it('raised real notifications: replies, subscriptions and likes', async () => {
    const threadTypes = async (name: string) => {
      const user = (await findUserByName(s.app.kiroku.db, name))!
      return new Set((await listNotifications(s.app.kiroku.db, user.id, null, { limit: 50, offset: 0 })).map((n) => n.type).filter((t) => t.startsWith('THREAD')))
    }
    // Demo's reply to hana names her too: the reply notification tells her, once.
    expect(await threadTypes('hana')).toEqual(new Set(['THREAD_COMMENT_REPLY', 'THREAD_SUBSCRIBED', 'THREAD_LIKE']))
    expect(await threadTypes('kenji')).toEqual(new Set(['THREAD_SUBSCRIBED', 'THREAD_LIKE']))
    expect(await threadTypes('demo')).toEqual(new Set(['THREAD_SUBSCRIBED', 'THREAD_COMMENT_REPLY', 'THREAD_COMMENT_LIKE']))
  })

  it('adds nothing on a second run', async () => {
    await seedDemo(s.app.kiroku)
    expect((await graphql(s.app, THREADS)).body.data.Page.threads).toHaveLength(3)
  })
})
