/** The forum's threads over GraphQL: saving, the moderators' lock and sticky, deleting, subscriptions, views, filters and sorts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { MAX_TITLE_LENGTH } from '../../src/community/forum/forum-actions.js'
import { ANIME, comment, forumServer, forumUser, makeModerator, ok, refused, startThread, type ForumUser } from './forum-helpers.js'

let s: TestServer
let alice: ForumUser
let bob: ForumUser
let mod: ForumUser

beforeAll(async () => {
  s = await forumServer()
  alice = await forumUser(s.app, 'alice')
  bob = await forumUser(s.app, 'bob')
  mod = await forumUser(s.app, 'moddy')
  await makeModerator(s.app, mod.user.id)
})
afterAll(async () => s.app.close())

const THREAD = `query ($id: Int) { Thread(id: $id) { id title body userId isLocked isSticky isSubscribed replyCount viewCount likeCount
  categories { id name } mediaCategories { id } user { name } siteUrl } }`

describe('SaveThread', () => {
  it('starts a thread with its categories and works, subscribes its author, and renders its body', async () => {
    const id = await startThread(s.app, alice.token, { categories: [2, 11], media: [ANIME] })
    const t = (await ok(s.app, THREAD, alice.token, { id })).Thread
    expect(t).toMatchObject({ id, title: 'A thread', body: 'Its **body**', userId: alice.user.id, isLocked: false, isSticky: false, isSubscribed: true, replyCount: 0, likeCount: 0 })
    expect(t.categories).toEqual([{ id: 2, name: 'Anime' }, { id: 11, name: 'Release Discussion' }])
    expect(t.mediaCategories).toEqual([{ id: ANIME }])
    expect(t.siteUrl).toMatch(new RegExp(`/forum/thread/${id}$`))
    const html = (await ok(s.app, 'query ($id: Int) { Thread(id: $id) { body(asHtml: true) } }', undefined, { id })).Thread.body
    expect(html).toContain('<strong>body</strong>')
  })

  it('needs a token, a title, a body and a known category', async () => {
    expect(await refused(s.app, 'mutation { SaveThread(title: "t", body: "b", categories: [1]) { id } }')).toMatchObject({ status: 401, message: 'Unauthorized.' })
    for (const [vars, field] of [
      [{ title: '', body: 'b', c: [1] }, 'title'],
      [{ title: 'x'.repeat(MAX_TITLE_LENGTH + 1), body: 'b', c: [1] }, 'title'],
      [{ title: 't', body: '  ', c: [1] }, 'body'],
      [{ title: 't', body: 'b', c: [] }, 'categories'],
      [{ title: 't', body: 'b', c: [6] }, 'categories'],
    ] as const) {
      const res = await refused(s.app, 'mutation ($title: String, $body: String, $c: [Int]) { SaveThread(title: $title, body: $body, categories: $c) { id } }', alice.token, vars)
      expect(res.status).toBe(400)
      expect(res.body.errors[0].validation[field]).toBeDefined()
    }
    const unknownWork = await refused(s.app, 'mutation { SaveThread(title: "t", body: "b", categories: [1], mediaCategories: [999999]) { id } }', alice.token)
    expect(unknownWork.body.errors[0].validation.mediaCategories).toBeDefined()
  })

  it('lets only the author edit', async () => {
    const id = await startThread(s.app, alice.token)
    const edited = await ok(s.app, 'mutation ($id: Int) { SaveThread(id: $id, title: "Renamed", categories: [3]) { title categories { id } } }', alice.token, { id })
    expect(edited.SaveThread).toEqual({ title: 'Renamed', categories: [{ id: 3 }] })
    expect((await refused(s.app, 'mutation ($id: Int) { SaveThread(id: $id, title: "Bob’s now") { id } }', bob.token, { id })).status).toBe(401)
    expect((await refused(s.app, 'mutation ($id: Int) { SaveThread(id: $id, title: "Mod’s words") { id } }', mod.token, { id })).status).toBe(401)
  })

  it('lets only moderators lock and sticky, refusing others out loud', async () => {
    const id = await startThread(s.app, alice.token)
    const own = await refused(s.app, 'mutation ($id: Int) { SaveThread(id: $id, locked: true) { id } }', alice.token, { id })
    expect(own.status).toBe(401)
    expect((await refused(s.app, 'mutation { SaveThread(title: "t", body: "b", categories: [1], sticky: true) { id } }', bob.token)).status).toBe(401)
    const modded = await ok(s.app, 'mutation ($id: Int) { SaveThread(id: $id, locked: true, sticky: true) { isLocked isSticky title } }', mod.token, { id })
    expect(modded.SaveThread).toEqual({ isLocked: true, isSticky: true, title: 'A thread' })
    // Sending the values it already has is no change, and not refused.
    await ok(s.app, 'mutation ($id: Int) { SaveThread(id: $id, title: "Still mine", locked: true) { id } }', alice.token, { id })
  })
})

describe('DeleteThread', () => {
  it('is the author’s or a moderator’s, and takes the comments with it', async () => {
    const a = await startThread(s.app, alice.token)
    const c = await comment(s.app, bob.token, a, 'a comment')
    expect((await refused(s.app, 'mutation ($id: Int) { DeleteThread(id: $id) { deleted } }', bob.token, { id: a })).status).toBe(401)
    expect((await ok(s.app, 'mutation ($id: Int) { DeleteThread(id: $id) { deleted } }', alice.token, { id: a })).DeleteThread.deleted).toBe(true)
    expect((await refused(s.app, 'query ($id: Int) { Thread(id: $id) { id } }', undefined, { id: a })).status).toBe(404)
    expect((await ok(s.app, 'query ($id: Int) { ThreadComment(id: $id) { id } }', undefined, { id: c })).ThreadComment).toEqual([])
    const b = await startThread(s.app, bob.token)
    expect((await ok(s.app, 'mutation ($id: Int) { DeleteThread(id: $id) { deleted } }', mod.token, { id: b })).DeleteThread.deleted).toBe(true)
    expect((await refused(s.app, 'mutation { DeleteThread(id: 999999) { deleted } }', mod.token)).status).toBe(404)
  })
})

describe('ToggleThreadSubscription', () => {
  it('subscribes, unsubscribes and flips', async () => {
    const id = await startThread(s.app, alice.token)
    const q = 'mutation ($id: Int, $on: Boolean) { ToggleThreadSubscription(threadId: $id, subscribe: $on) { isSubscribed } }'
    expect((await ok(s.app, q, bob.token, { id, on: true })).ToggleThreadSubscription.isSubscribed).toBe(true)
    expect((await ok(s.app, q, bob.token, { id })).ToggleThreadSubscription.isSubscribed).toBe(false)
    expect((await ok(s.app, q, alice.token, { id, on: false })).ToggleThreadSubscription.isSubscribed).toBe(false)
    expect((await refused(s.app, q, undefined, { id })).status).toBe(401)
  })
})

describe('Query.Thread', () => {
  it('counts one view per request, however often the request names the thread', async () => {
    const id = await startThread(s.app, alice.token)
    await ok(s.app, 'query ($id: Int) { a: Thread(id: $id) { id } b: Thread(id: $id) { id } }', undefined, { id })
    await ok(s.app, 'query ($id: Int) { Thread(id: $id) { id } }', undefined, { id })
    const page = await ok(s.app, 'query ($id: Int) { Page { threads(id: $id) { viewCount } } }', undefined, { id })
    expect(page.Page.threads).toEqual([{ viewCount: 2 }])
  })
})

describe('Page.threads', () => {
  it('filters by user, category, work, replier, subscription, search and ids, and puts sticky threads first, then the newest reply', async () => {
    const local = await forumServer()
    try {
      const a = await forumUser(local.app, 'alice')
      const b = await forumUser(local.app, 'bob')
      const m = await forumUser(local.app, 'moddy')
      await makeModerator(local.app, m.user.id)
      const t1 = await startThread(local.app, a.token, { title: 'Spring season', categories: [2], media: [ANIME] })
      local.clock.advance(10)
      const t2 = await startThread(local.app, b.token, { title: 'Bug in lists', body: '100% broken_here', categories: [13] })
      local.clock.advance(10)
      const t3 = await startThread(local.app, a.token, { title: 'Rules', categories: [18] })
      local.clock.advance(10)
      await comment(local.app, b.token, t1, 'newest reply')
      await ok(local.app, 'mutation ($id: Int) { SaveThread(id: $id, sticky: true) { id } }', m.token, { id: t3 })
      const ids = async (args: string, token?: string) => (await ok(local.app, `{ Page { threads${args} { id } } }`, token)).Page.threads.map((t: { id: number }) => t.id)
      expect(await ids('')).toEqual([t3, t1, t2])
      expect(await ids(`(userId: ${a.user.id}, sort: ID)`)).toEqual([t1, t3])
      expect(await ids('(categoryId: 13)')).toEqual([t2])
      expect(await ids(`(mediaCategoryId: ${ANIME})`)).toEqual([t1])
      expect(await ids(`(replyUserId: ${b.user.id})`)).toEqual([t1])
      expect(await ids('(subscribed: true)', b.token)).toEqual([t2])
      expect(await ids('(subscribed: true)')).toEqual([])
      expect(await ids('(search: "SEASON")')).toEqual([t1])
      // LIKE's wildcards are taken literally.
      expect(await ids('(search: "0% b")')).toEqual([t2])
      expect(await ids('(search: "_")')).toEqual([t2])
      expect(await ids(`(id_in: [${t1}, ${t2}], sort: ID_DESC)`)).toEqual([t2, t1])
      expect(await ids('(sort: [REPLY_COUNT_DESC, ID])')).toEqual([t1, t2, t3])
      expect(await ids('(sort: TITLE)')).toEqual([t2, t3, t1])
      const total = await ok(local.app, '{ Page(perPage: 1) { pageInfo { total hasNextPage } threads { id } } }')
      expect(total.Page.pageInfo).toEqual({ total: 3, hasNextPage: true })
    } finally {
      await local.app.close()
    }
  })

  it('answers wrong input with a 400, never a 5xx', async () => {
    for (const [q, vars] of [
      ['query ($s: String) { Page { threads(search: $s) { id } } }', { s: 'x'.repeat(5000) }],
      ['query ($ids: [Int]) { Page { threads(id_in: $ids) { id } } }', { ids: Array.from({ length: 501 }, (_, i) => i) }],
      ['query ($id: Int) { Thread(id: $id) { id } }', { id: 'one' }],
    ] as const) {
      const res = await graphql(s.app, q, undefined, vars)
      expect(res.status).toBeLessThan(500)
      expect(res.body.errors).toBeDefined()
    }
  })
})
