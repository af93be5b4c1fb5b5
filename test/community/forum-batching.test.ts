/** The forum's N+1 guard: a page of threads with their comments, reply trees, likes and notifications costs the same statements for 3 as for 20. */
import { describe, expect, it } from 'vitest'
import { StatementCounter } from '../helpers/statement-counter.js'
import { ANIME, comment, forumServer, forumUser, ok, startThread } from './forum-helpers.js'

describe('Page.threads and Page.threadComments', () => {
  it('read each field of any number of threads and comments in a fixed number of statements', async () => {
    const server = await forumServer()
    try {
      const users = await Promise.all(['alice', 'bob', 'carol'].map((n) => forumUser(server.app, n)))
      for (let i = 0; i < 20; i++) {
        const author = users[i % 3]!
        const t = await startThread(server.app, author.token, { title: `Thread ${i}`, categories: [1 + (i % 3)], media: [ANIME] })
        const c = await comment(server.app, users[(i + 1) % 3]!.token, t, `comment ${i}`)
        await comment(server.app, users[(i + 2) % 3]!.token, t, `reply ${i}`, c)
        await ok(server.app, `mutation { ToggleLikeV2(id: ${t}, type: THREAD) { __typename } }`, users[(i + 1) % 3]!.token)
      }
      const threads = `query ($n: Int) { Page(perPage: $n) { threads(sort: ID) { id title body(asHtml: true) replyCount likeCount isLiked isSubscribed
        user { name } replyUser { name } likes { name } categories { name } mediaCategories { id } } } }`
      const comments = `query ($n: Int) { Page(perPage: $n) { threadComments(userId: ${users[1]!.user.id}, sort: ID) { id comment likeCount isLiked user { name }
        thread { title } likes { name } childComments } } }`
      const notes = `query ($n: Int) { Page(perPage: $n) { notifications { __typename ... on ThreadCommentSubscribedNotification { thread { title } comment { comment } user { name } }
        ... on ThreadCommentReplyNotification { thread { title } comment { comment } user { name } } ... on ThreadLikeNotification { thread { title } user { name } } } } }`
      const counter = new StatementCounter()
      const db = server.app.kiroku.db
      server.app.kiroku.db = db.withPlugin(counter)
      const count = async (query: string, n: number) => {
        counter.count = 0
        await ok(server.app, query, users[0]!.token, { n })
        return counter.count
      }
      for (const query of [threads, comments, notes]) expect(await count(query, 20)).toBe(await count(query, 3))
      server.app.kiroku.db = db
    } finally {
      await server.app.close()
    }
  })
})
