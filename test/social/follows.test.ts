/**
 * Follows through the API: ToggleFollow (and its refusals), User.isFollowing / isFollower, the
 * following and followers pages with their sorts and totals, Page.mediaList(isFollowing: true) as a
 * real client sends it, and the FOLLOWING notification a new follow raises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { addEntries, listServer, listUser, send, type ListUser } from '../helpers/lists.js'
import { StatementCounter } from '../helpers/statement-counter.js'

let s: TestServer
let alice: ListUser
let bob: ListUser
let carol: ListUser
let dave: ListUser

beforeAll(async () => {
  s = await listServer()
  alice = await listUser(s.app, 'alice')
  bob = await listUser(s.app, 'bob')
  carol = await listUser(s.app, 'carol')
  dave = await listUser(s.app, 'dave')
  await addEntries(s.app, bob.user.id, [[1, 'ANIME', { status: 'CURRENT', progress: 3 }]], 1_700_000_000)
  await addEntries(s.app, carol.user.id, [[1, 'ANIME', { status: 'COMPLETED', progress: 26 }]], 1_700_000_100)
  await addEntries(s.app, dave.user.id, [[1, 'ANIME', { status: 'PLANNING' }]], 1_700_000_200)
})
afterAll(async () => s.app.close())

const TOGGLE = 'mutation ($id: Int) { ToggleFollow(userId: $id) { id name isFollowing isFollower } }'

async function toggle(by: ListUser, whom: number | null) {
  return send(s.app, TOGGLE, { token: by.token, variables: { id: whom } })
}

describe('ToggleFollow', () => {
  it('follows, then unfollows, answering the followed user with the new state', async () => {
    const on = await toggle(alice, bob.user.id)
    expect(on.body).toEqual({ data: { ToggleFollow: { id: bob.user.id, name: 'bob', isFollowing: true, isFollower: false } } })
    const off = await toggle(alice, bob.user.id)
    expect(off.body.data.ToggleFollow.isFollowing).toBe(false)
    expect((await toggle(alice, bob.user.id)).body.data.ToggleFollow.isFollowing).toBe(true)
  })

  it('refuses following yourself, a user who does not exist, no user and no token, in AniList’s shapes', async () => {
    const self = await toggle(alice, alice.user.id)
    expect(self.status).toBe(400)
    expect(self.body.errors[0]).toMatchObject({ message: 'validation', status: 400, validation: { userId: [expect.any(String)] } })
    const missing = await toggle(alice, 999_999)
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0]).toMatchObject({ message: 'Not Found.', status: 404 })
    expect((await toggle(alice, null)).body.errors[0]).toMatchObject({ message: 'validation', validation: { userId: ['The user id field is required.'] } })
    const anonymous = await send(s.app, TOGGLE, { variables: { id: bob.user.id } })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body.errors[0]).toMatchObject({ message: 'Unauthorized.', status: 401 })
    expect((await send(s.app, `{ User(id: ${alice.user.id}) { isFollowing } }`, { token: alice.token })).body.data.User.isFollowing).toBe(false)
  })
})

describe('User.isFollowing and isFollower', () => {
  it('answer for the viewer, and false without a token', async () => {
    // alice follows bob (above); bob follows alice now too.
    await toggle(bob, alice.user.id)
    const q = `{ a: User(id: ${alice.user.id}) { isFollowing isFollower } b: User(id: ${bob.user.id}) { isFollowing isFollower } c: User(id: ${carol.user.id}) { isFollowing isFollower } }`
    expect((await send(s.app, q, { token: alice.token })).body.data).toEqual({
      a: { isFollowing: false, isFollower: false },
      b: { isFollowing: true, isFollower: true },
      c: { isFollowing: false, isFollower: false },
    })
    expect((await send(s.app, q)).body.data.b).toEqual({ isFollowing: false, isFollower: false })
  })

  it('are read in one statement each for a whole page of users', async () => {
    const counter = new StatementCounter()
    const db = s.app.kiroku.db
    s.app.kiroku.db = db.withPlugin(counter)
    try {
      const res = await send(s.app, '{ Page(perPage: 50) { users { id isFollowing isFollower } } }', { token: alice.token })
      expect(res.body.errors).toBeUndefined()
      expect(res.body.data.Page.users).toHaveLength(4)
      // The users, then one query for isFollowing and one for isFollower.
      expect(counter.count).toBe(3)
    } finally {
      s.app.kiroku.db = db
    }
  })
})

describe('following and followers', () => {
  beforeAll(async () => {
    // alice follows bob (above), carol and dave; carol follows bob.
    await toggle(alice, carol.user.id)
    await toggle(alice, dave.user.id)
    await toggle(carol, bob.user.id)
  })

  const names = (users: Array<{ name: string }>) => users.map((u) => u.name)

  it('pages the users someone follows in UserSort orders, with pageInfo totals', async () => {
    const q = (args: string) => `{ Page(perPage: 2) { pageInfo { total lastPage hasNextPage } following(userId: ${alice.user.id}${args}) { name } } }`
    const byId = await send(s.app, q(''))
    expect(byId.body.data.Page).toEqual({ pageInfo: { total: 3, lastPage: 2, hasNextPage: true }, following: [{ name: 'bob' }, { name: 'carol' }] })
    expect(names((await send(s.app, q(', sort: USERNAME_DESC'))).body.data.Page.following)).toEqual(['dave', 'carol'])
    expect(names((await send(s.app, q(', sort: [ID_DESC]'))).body.data.Page.following)).toEqual(['dave', 'carol'])
  })

  it('pages a user’s followers', async () => {
    const res = await send(s.app, `{ Page { pageInfo { total } followers(userId: ${bob.user.id}, sort: USERNAME) { name isFollowing } } }`, { token: alice.token })
    expect(res.body.data.Page).toEqual({ pageInfo: { total: 2 }, followers: [{ name: 'alice', isFollowing: false }, { name: 'carol', isFollowing: true }] })
    expect((await send(s.app, `{ Page { followers(userId: 999999) { name } } }`)).body.data.Page.followers).toEqual([])
  })

  it('answers Query.Following and Query.Follower with the first user, or 404 for none', async () => {
    expect((await send(s.app, `{ Following(userId: ${alice.user.id}, sort: USERNAME_DESC) { name } }`)).body.data.Following).toEqual({ name: 'dave' })
    expect((await send(s.app, `{ Follower(userId: ${bob.user.id}) { name } }`)).body.data.Follower).toEqual({ name: 'alice' })
    const nobody = await send(s.app, `{ Following(userId: ${dave.user.id}) { name } }`)
    expect(nobody.status).toBe(404)
    expect(nobody.body.errors[0]).toMatchObject({ message: 'Not Found.', status: 404 })
  })
})

/** miru's Following document (ThaUnknown/miru, src/lib/modules/anilist/queries.ts), as the client sends it. */
const MIRU_FOLLOWING = "query Following($id: Int!) {\n  Page {\n    mediaList(mediaId: $id, isFollowing: true, sort: UPDATED_TIME_DESC) {\n      id\n      status\n      score\n      progress\n      user {\n        ...UserFrag\n        __typename\n      }\n      __typename\n    }\n    __typename\n  }\n}\nfragment UserFrag on User {\n  id\n  bannerImage\n  about\n  isFollowing\n  isFollower\n  donatorBadge\n  options {\n    profileColor\n    __typename\n  }\n  createdAt\n  name\n  avatar {\n    large\n    __typename\n  }\n  statistics {\n    anime {\n      count\n      minutesWatched\n      episodesWatched\n      genres(limit: 3, sort: COUNT_DESC) {\n        genre\n        count\n        __typename\n      }\n      __typename\n    }\n    __typename\n  }\n  __typename\n}"

describe('Page.mediaList(isFollowing: true)', () => {
  it('lists the entries of the users the viewer follows, as miru’s Following query sends it', async () => {
    const res = await send(s.app, MIRU_FOLLOWING, { token: alice.token, variables: { id: 1 } })
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    // alice follows bob, carol and dave; newest update first.
    expect(res.body.data.Page.mediaList.map((e: { user: { name: string; isFollowing: boolean } }) => [e.user.name, e.user.isFollowing])).toEqual([['dave', true], ['carol', true], ['bob', true]])
    const asCarol = await send(s.app, '{ Page { mediaList(mediaId: 1, isFollowing: true) { user { name } } } }', { token: carol.token })
    expect(asCarol.body.data.Page.mediaList).toEqual([{ user: { name: 'bob' } }])
    const anonymous = await send(s.app, '{ Page { pageInfo { total } mediaList(mediaId: 1, isFollowing: true) { id } } }')
    expect(anonymous.body.data.Page).toEqual({ pageInfo: { total: 0 }, mediaList: [] })
  })
})
