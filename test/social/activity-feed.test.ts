/** Page.activities: AniList's filters and sorts, the following feed, and the statement count of a page of 50. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import { insertUsers } from '../helpers/users.js'
import { toggleFollow } from '../../src/social/follows.js'
import { createActivity } from '../../src/social/activity-store.js'
import { ANIME, MANGA, ok, postMessage, postText, reply, saveEntry, socialServer, socialUser, type SocialUser } from './social-helpers.js'

let s: TestServer
let alice: SocialUser
let bob: SocialUser
let carol: SocialUser
/** Activity ids by what they are. */
const ids: Record<string, number> = {}

beforeAll(async () => {
  s = await socialServer()
  alice = await socialUser(s.app, 'alice')
  bob = await socialUser(s.app, 'bob')
  carol = await socialUser(s.app, 'carol')
  await toggleFollow(s.app.kiroku.db, s.clock, alice.user.id, bob.user.id)
  ids.aliceText = await postText(s.app, alice.token, 'alice says hi')
  s.clock.advance(10)
  ids.bobText = await postText(s.app, bob.token, 'bob says hi')
  s.clock.advance(10)
  ids.carolText = await postText(s.app, carol.token, 'carol says hi')
  s.clock.advance(10)
  await saveEntry(s.app, bob.token, ANIME, { status: 'CURRENT', progress: 1 })
  s.clock.advance(10)
  await saveEntry(s.app, carol.token, MANGA, { status: 'PLANNING' })
  s.clock.advance(10)
  ids.message = await postMessage(s.app, carol.token, alice.user.id, 'carol to alice')
  ids.privateMessage = await postMessage(s.app, bob.token, carol.user.id, 'bob to carol, privately', true)
  await reply(s.app, alice.token, ids.bobText, 'hi bob')
  const activities = await ok(s.app, '{ Page { activities(type: MEDIA_LIST, sort: ID) { ... on ListActivity { id userId } } } }')
  ids.bobList = activities.Page.activities.find((a: { userId: number }) => a.userId === bob.user.id).id
  ids.carolList = activities.Page.activities.find((a: { userId: number }) => a.userId === carol.user.id).id
})
afterAll(async () => s.app.close())

/** The ids Page.activities lists for these arguments, as the viewer. */
async function feed(args: string, token?: string, variables?: Record<string, unknown>, declarations = ''): Promise<number[]> {
  const data = await ok(s.app, `query ${declarations ? `(${declarations})` : ''} { Page { activities(${args}) { ... on TextActivity { id } ... on ListActivity { id } ... on MessageActivity { id } } } }`, token, variables)
  return data.Page.activities.map((a: { id: number }) => a.id)
}

describe('Page.activities filters', () => {
  it('by user, messenger, media and type (MEDIA_LIST being both list types)', async () => {
    expect(await feed(`userId: ${bob.user.id}`)).toEqual([ids.bobText, ids.bobList])
    expect(await feed(`userId_in: [${alice.user.id}, ${carol.user.id}]`)).toEqual([ids.aliceText, ids.carolText, ids.carolList, ids.message])
    expect(await feed(`messengerId: ${carol.user.id}`)).toEqual([ids.message])
    expect(await feed(`mediaId: ${ANIME}`)).toEqual([ids.bobList])
    expect(await feed(`mediaId_in: [${ANIME}, ${MANGA}]`)).toEqual([ids.bobList, ids.carolList])
    expect(await feed('type: MEDIA_LIST')).toEqual([ids.bobList, ids.carolList])
    expect(await feed('type: MANGA_LIST')).toEqual([ids.carolList])
    expect(await feed('type_in: [TEXT, ANIME_LIST]')).toEqual([ids.aliceText, ids.bobText, ids.carolText, ids.bobList])
    expect(await feed('type_not: TEXT')).toEqual([ids.bobList, ids.carolList, ids.message])
    expect(await feed('type_not_in: [TEXT, MEDIA_LIST]')).toEqual([ids.message])
    expect(await feed(`id_in: [${ids.aliceText}, ${ids.message}], id_not: ${ids.message}`)).toEqual([ids.aliceText])
    expect(await feed(`userId_not_in: [${alice.user.id}, ${bob.user.id}]`)).toEqual([ids.carolText, ids.carolList])
  })

  it('by replies and time', async () => {
    expect(await feed('hasReplies: true')).toEqual([ids.bobText])
    expect(await feed('hasReplies: false, type: TEXT')).toEqual([ids.aliceText, ids.carolText])
    expect(await feed('hasRepliesOrTypeText: true')).toEqual([ids.aliceText, ids.bobText, ids.carolText])
    const { Activity } = await ok(s.app, `{ Activity(id: ${ids.bobText}) { ... on TextActivity { createdAt } } }`)
    expect(await feed(`createdAt: ${Activity.createdAt}`)).toEqual([ids.bobText])
    expect(await feed(`createdAt_greater: ${Activity.createdAt}, type: TEXT`)).toEqual([ids.carolText])
    expect(await feed(`createdAt_lesser: ${Activity.createdAt}`)).toEqual([ids.aliceText])
  })

  it('isFollowing: the viewer’s own and their followed users’, nothing without a token', async () => {
    expect(await feed('isFollowing: true', alice.token)).toEqual([ids.aliceText, ids.bobText, ids.bobList, ids.message])
    expect(await feed('isFollowing: true')).toEqual([])
  })

  it('leave out private messages of others, for the viewer and for Query.Activity', async () => {
    expect(await feed('type: MESSAGE', alice.token)).toEqual([ids.message])
    expect(await feed('type: MESSAGE', carol.token)).toEqual([ids.message, ids.privateMessage])
    expect(await feed('type: MESSAGE', bob.token)).toEqual([ids.message, ids.privateMessage])
    const res = await ok(s.app, `{ Activity(messengerId: ${bob.user.id}) { ... on MessageActivity { id } } }`, bob.token)
    expect(res.Activity.id).toBe(ids.privateMessage)
  })
})

describe('the following feed', () => {
  it('is the same whether the viewer follows a few users or many (two ways of reading it)', async () => {
    const server = await socialServer()
    try {
      const viewer = await socialUser(server.app, 'viewer')
      const others = await insertUsers(server.app, Array.from({ length: 70 }, (_, i) => `author${i}`))
      // Three activities each, newest by the last authors.
      for (const [i, id] of others.entries()) for (let k = 0; k < 3; k++) await createActivity(server.app.kiroku.db, { type: 'TEXT', userId: id, text: `post ${i}.${k}`, createdAt: server.clock() })
      const own = await postText(server.app, viewer.token, 'my own')
      const followFeed = async () => (await ok(server.app, '{ Page(perPage: 50) { pageInfo { total } activities(isFollowing: true, sort: ID_DESC) { ... on TextActivity { id userId } } } }', viewer.token)).Page
      const expectFeed = async (followed: number[]) => {
        const all = await ok(server.app, '{ Page(perPage: 50) { a: activities(sort: ID_DESC) { ... on TextActivity { id userId } } } }')
        const rows = await server.app.kiroku.db.selectFrom('activities').select(['id', 'user_id']).orderBy('id', 'desc').execute()
        const want = rows.filter((r) => followed.includes(r.user_id) || r.user_id === viewer.user.id).map((r) => r.id)
        const page = await followFeed()
        expect(page.activities.map((a: { id: number }) => a.id)).toEqual(want.slice(0, 50))
        expect(page.pageInfo.total).toBe(want.length)
        expect(all.Page.a.length).toBe(50)
      }
      // A few: read by index.
      const few = [others[3]!, others[40]!, others[69]!]
      for (const id of few) await toggleFollow(server.app.kiroku.db, server.clock, viewer.user.id, id)
      await expectFeed(few)
      expect((await followFeed()).activities.map((a: { id: number }) => a.id)).toContain(own)
      // Sixty: walked newest first.
      const many = others.slice(0, 60)
      for (const id of many) if (!few.includes(id)) await toggleFollow(server.app.kiroku.db, server.clock, viewer.user.id, id)
      await expectFeed([...new Set([...many, ...few])])
    } finally {
      await server.app.close()
    }
  })
})

describe('Page.activities sorts and pages', () => {
  it('ID, ID_DESC and the count of pageInfo', async () => {
    const all = await feed('sort: ID', carol.token)
    expect(all).toEqual([...all].sort((a, b) => a - b))
    expect(await feed('sort: ID_DESC', carol.token)).toEqual([...all].reverse())
    const page = await ok(s.app, '{ Page(page: 2, perPage: 2) { pageInfo { total hasNextPage lastPage } activities(sort: ID_DESC) { ... on TextActivity { id } ... on ListActivity { id } ... on MessageActivity { id } } } }', carol.token)
    expect(page.Page.pageInfo).toEqual({ total: all.length, hasNextPage: true, lastPage: Math.ceil(all.length / 2) })
    expect(page.Page.activities.map((a: { id: number }) => a.id)).toEqual([...all].reverse().slice(2, 4))
  })

  it('Query.Activity and Query.ActivityReply find the first match, 404 for none', async () => {
    expect((await ok(s.app, `{ Activity(userId: ${bob.user.id}, sort: ID_DESC) { __typename } }`)).Activity.__typename).toBe('ListActivity')
    const none = await s.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: '{ Activity(id: 999999) { __typename } }' }) })
    expect(none.statusCode).toBe(404)
    expect((await ok(s.app, `{ ActivityReply(activityId: ${ids.bobText}) { text user { name } } }`)).ActivityReply).toEqual({ text: 'hi bob', user: { name: 'alice' } })
  })
})

describe('the feed’s statements', () => {
  it('are the same few for 50 activities with users, media, replies and likes as for 6', async () => {
    const server = await socialServer()
    try {
      const users = await Promise.all(['u1', 'u2', 'u3', 'u4', 'u5'].map((name) => socialUser(server.app, name)))
      // Every kind of activity among the newest six and among all fifty.
      for (let i = 0; i < 50; i++) {
        const u = users[i % 5]!
        const kind = i % 3
        const id =
          kind === 0
            ? await postText(server.app, u.token, `post ${i} by ${u.user.name}`)
            : kind === 1
              ? (await createActivity(server.app.kiroku.db, { type: i % 2 ? 'ANIME_LIST' : 'MANGA_LIST', userId: u.user.id, mediaId: i % 2 ? ANIME : MANGA, status: 'watched episode', progress: String(i), createdAt: server.clock() })).id
              : await postMessage(server.app, u.token, users[(i + 1) % 5]!.user.id, `message ${i}`)
        if (i % 4 === 0) {
          const replyId = await reply(server.app, users[(i + 1) % 5]!.token, id, `reply to ${i}`)
          await ok(server.app, `mutation { ToggleLike(id: ${replyId}, type: ACTIVITY_REPLY) { id } }`, users[(i + 3) % 5]!.token)
        }
        if (i % 2 === 0) await ok(server.app, `mutation { ToggleLike(id: ${id}, type: ACTIVITY) { id } }`, users[(i + 2) % 5]!.token)
      }
      const query = `query ($n: Int) { Page(perPage: $n) { activities(sort: ID_DESC) {
        ... on TextActivity { id text replyCount likeCount isLiked isSubscribed user { name } likes { name } replies { text likeCount isLiked user { name } likes { name } } }
        ... on ListActivity { id status progress replyCount likeCount isLiked user { name } media { id title { romaji } } replies { text } likes { name } }
        ... on MessageActivity { id message replyCount likeCount recipient { name } messenger { name } replies { text } likes { name } } } } }`
      const counter = new StatementCounter()
      const db = server.app.kiroku.db
      server.app.kiroku.db = db.withPlugin(counter)
      const count = async (n: number) => {
        counter.count = 0
        const data = await ok(server.app, query, users[0]!.token, { n })
        expect(data.Page.activities).toHaveLength(n)
        return counter.count
      }
      const few = await count(6)
      const many = await count(50)
      expect(many).toBe(few)
      expect(many).toBeLessThanOrEqual(14)
      server.app.kiroku.db = db
    } finally {
      await server.app.close()
    }
  })
})
