import { updateListOptions } from '../../src/lists/list-options.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { updateProfile } from '../../src/accounts/profiles.js'
import { graphql } from '../helpers/flow.js'
import { expectAniListError, postJson } from '../helpers/graphql.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { insertUsers, tokenFor, userWithToken } from '../helpers/users.js'
import { ask } from './media-helpers.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

// Written as gql-generating clients write them: a named operation, a fragment, __typename everywhere.
const PROFILE = `
fragment Profile on User {
  id
  name
  about
  avatar { large medium __typename }
  bannerImage
  siteUrl
  createdAt
  updatedAt
  isFollowing
  isFollower
  isBlocked
  donatorTier
  donatorBadge
  unreadNotificationCount
  options {
    titleLanguage displayAdultContent airingNotifications profileColor timezone activityMergeTime
    staffNameLanguage restrictMessagesToFollowing
    notificationOptions { type enabled }
    disabledListActivity { type disabled }
    __typename
  }
  mediaListOptions {
    scoreFormat rowOrder useLegacyLists sharedTheme sharedThemeEnabled
    animeList { ...ListOptions }
    mangaList { ...ListOptions }
  }
  __typename
}
fragment ListOptions on MediaListTypeOptions { sectionOrder splitCompletedSectionByFormat customLists advancedScoring advancedScoringEnabled theme }
`

describe('Viewer and User', () => {
  it('a new account reads with AniList’s defaults, a default avatar and its page on this server', async () => {
    const { user, token } = await userWithToken(s.app, 'Alice')
    const res = await ask(s.app, `query GetViewer { Viewer { ...Profile } }\n${PROFILE}`, undefined, token)
    expect(res.status).toBe(200)
    const viewer = res.body.data.Viewer
    expect(viewer).toMatchObject({
      id: user.id,
      name: 'Alice',
      about: null,
      avatar: { large: 'http://kiroku.test/static/default-avatar-large.png', medium: 'http://kiroku.test/static/default-avatar-medium.png', __typename: 'UserAvatar' },
      bannerImage: null,
      siteUrl: 'http://kiroku.test/user/Alice',
      createdAt: s.clock(),
      updatedAt: s.clock(),
      isFollowing: false,
      isFollower: false,
      isBlocked: false,
      donatorTier: 0,
      donatorBadge: null,
      unreadNotificationCount: 0,
      __typename: 'User',
    })
    expect(viewer.options).toMatchObject({
      titleLanguage: 'ROMAJI',
      displayAdultContent: false,
      airingNotifications: true,
      profileColor: 'blue',
      timezone: null,
      activityMergeTime: 720,
      staffNameLanguage: 'ROMAJI_WESTERN',
      restrictMessagesToFollowing: false,
    })
    expect(viewer.options.notificationOptions).toHaveLength(17)
    expect(viewer.options.notificationOptions).toContainEqual({ type: 'AIRING', enabled: true })
    expect(viewer.options.disabledListActivity).toEqual(
      ['CURRENT', 'PLANNING', 'COMPLETED', 'DROPPED', 'PAUSED', 'REPEATING'].map((type) => ({ type, disabled: false })),
    )
    expect(viewer.mediaListOptions).toEqual({
      scoreFormat: 'POINT_100',
      rowOrder: 'score',
      useLegacyLists: false,
      sharedTheme: null,
      sharedThemeEnabled: false,
      animeList: {
        sectionOrder: ['Watching', 'Rewatching', 'Completed', 'Paused', 'Dropped', 'Planning'],
        splitCompletedSectionByFormat: false,
        customLists: [],
        advancedScoring: ['Story', 'Characters', 'Visuals', 'Audio', 'Enjoyment'],
        advancedScoringEnabled: false,
        theme: null,
      },
      mangaList: {
        sectionOrder: ['Reading', 'Rereading', 'Completed', 'Paused', 'Dropped', 'Planning'],
        splitCompletedSectionByFormat: false,
        customLists: [],
        advancedScoring: ['Story', 'Characters', 'Visuals', 'Audio', 'Enjoyment'],
        advancedScoringEnabled: false,
        theme: null,
      },
    })
  })

  it('serves the default avatar as PNG pictures at the URLs it gives', async () => {
    for (const [size, pixels] of [['large', 230], ['medium', 100]] as const) {
      const res = await s.app.inject({ method: 'GET', url: `/static/default-avatar-${size}.png` })
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('image/png')
      const png = res.rawPayload
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
      expect(png.readUInt32BE(16)).toBe(pixels)
    }
  })

  it('shows the stored profile: about, avatar, banner, options, list options, and a later updatedAt', async () => {
    const { user, token } = await userWithToken(s.app)
    s.clock.advance(60)
    await updateProfile(s.app.kiroku.db, s.clock, user.id, {
      about: 'Hi',
      avatar: 'https://img.example/a.png',
      bannerImage: 'https://img.example/b.jpg',
      options: { titleLanguage: 'NATIVE', timezone: '+09:00', notificationOptions: [{ type: 'AIRING', enabled: false }], disabledListActivity: [{ type: 'PLANNING', disabled: true }] },
    })
    await updateListOptions(s.app.kiroku.db, s.clock, user.id, { scoreFormat: 'POINT_3', mangaList: { customLists: ['Owned'] } })
    const res = await ask(s.app, '{ Viewer { about avatar { large medium } bannerImage updatedAt createdAt options { titleLanguage timezone notificationOptions { type enabled } disabledListActivity { type disabled } } mediaListOptions { scoreFormat mangaList { customLists } } } }', undefined, token)
    const viewer = res.body.data.Viewer
    expect(viewer).toMatchObject({ about: 'Hi', avatar: { large: 'https://img.example/a.png', medium: 'https://img.example/a.png' }, bannerImage: 'https://img.example/b.jpg' })
    expect(viewer.updatedAt).toBe(s.clock())
    expect(viewer.createdAt).toBe(s.clock() - 60)
    expect(viewer.options.titleLanguage).toBe('NATIVE')
    expect(viewer.options.timezone).toBe('+09:00')
    expect(viewer.options.notificationOptions).toContainEqual({ type: 'AIRING', enabled: false })
    expect(viewer.options.notificationOptions).toContainEqual({ type: 'FOLLOWING', enabled: true })
    expect(viewer.options.disabledListActivity).toContainEqual({ type: 'PLANNING', disabled: true })
    expect(viewer.options.disabledListActivity).toContainEqual({ type: 'CURRENT', disabled: false })
    expect(viewer.mediaListOptions).toEqual({ scoreFormat: 'POINT_3', mangaList: { customLists: ['Owned'] } })
  })

  it('User(id:) and User(name:) find anyone without a token; the name in any letter case', async () => {
    const { user } = await userWithToken(s.app, 'MixedCase')
    const byId = await ask(s.app, 'query ($id: Int) { User(id: $id) { id name siteUrl } }', { id: String(user.id) })
    expect(byId.body).toEqual({ data: { User: { id: user.id, name: 'MixedCase', siteUrl: 'http://kiroku.test/user/MixedCase' } } })
    for (const name of ['mixedcase', 'MIXEDCASE', ' MixedCase ']) {
      const byName = await ask(s.app, `{ User(name: ${JSON.stringify(name)}) { id } }`)
      expect(byName.body.data.User.id).toBe(user.id)
    }
    const both = await ask(s.app, 'query ($id: Int, $name: String) { user: User(id: $id, name: $name, isModerator: false) { id } }', { id: user.id, name: 'mixedcase' })
    expect(both.body.data.user.id).toBe(user.id)
  })

  it('an unknown user answers 404 "Not Found." with locations', async () => {
    await userWithToken(s.app, 'alice')
    for (const query of ['{ User(id: 999) { id } }', '{ User(name: "nobody") { id } }', '{ User(name: "alice", id: 999) { id } }', '{ User(search: "zzz") { id } }', '{ User(search: "!!!") { id } }']) {
      const body = expectAniListError(await postJson(s.app, { query }), 404, 'Not Found.')
      expect(body.data).toEqual({ User: null })
      expect(body.errors[0]!.locations).toEqual([{ line: 1, column: 3 }])
    }
  })

  it('isModerator: true finds no one (Kiroku has no moderators); false excludes no one', async () => {
    await insertUsers(s.app, ['alpha', 'beta'])
    expectAniListError(await postJson(s.app, { query: '{ User(isModerator: true) { id } }' }), 404, 'Not Found.')
    const page = await ask(s.app, '{ Page { pageInfo { total } users(isModerator: false) { name } } }')
    expect(page.body.data.Page).toEqual({ pageInfo: { total: 2 }, users: [{ name: 'alpha' }, { name: 'beta' }] })
  })

  it('User(search:) takes the best match: the exact name before names that start with or contain it', async () => {
    await insertUsers(s.app, ['xkira', 'kirara', 'Kira', 'akirabc'])
    expect((await ask(s.app, '{ User(search: "KIRA") { name } }')).body.data.User.name).toBe('Kira')
    expect((await ask(s.app, '{ User(search: "kir") { name } }')).body.data.User.name).toBe('kirara')
    expect((await ask(s.app, '{ User(search: "kira", sort: ID_DESC) { name } }')).body.data.User.name).toBe('akirabc')
  })

  it('hides the timezone from everyone but its owner, and shows the other options to anyone', async () => {
    const alice = await userWithToken(s.app, 'alice')
    const bob = await userWithToken(s.app, 'bob')
    await updateProfile(s.app.kiroku.db, s.clock, alice.user.id, { options: { timezone: '-05:00', profileColor: 'green', displayAdultContent: true } })
    const query = '{ User(name: "alice") { unreadNotificationCount options { timezone profileColor displayAdultContent } } }'
    const asOwner = await ask(s.app, query, undefined, alice.token)
    expect(asOwner.body.data.User).toEqual({ unreadNotificationCount: 0, options: { timezone: '-05:00', profileColor: 'green', displayAdultContent: true } })
    const asOther = await ask(s.app, query, undefined, bob.token)
    expect(asOther.body.data.User).toEqual({ unreadNotificationCount: null, options: { timezone: null, profileColor: 'green', displayAdultContent: true } })
    const anonymous = await ask(s.app, query)
    expect(anonymous.body.data.User.options).toEqual({ timezone: null, profileColor: 'green', displayAdultContent: true })
  })

  it('has no email field: the address an account was made with cannot be asked for', async () => {
    await userWithToken(s.app, 'alice')
    const body = expectAniListError(await postJson(s.app, { query: '{ User(name: "alice") { email } }' }), 400)
    expect(body.errors[0]!.message).toBe('Cannot query field "email" on type "User".')
    const schema = await ask(s.app, '{ __type(name: "User") { fields { name } } }')
    const fields = schema.body.data.__type.fields.map((f: { name: string }) => f.name)
    expect(fields).not.toContain('email')
    expect(fields).not.toContain('password')
  })

  it('Viewer without a token is 401; with a bad token every root field is 400 "Invalid token"', async () => {
    const none = expectAniListError(await postJson(s.app, { query: '{ Viewer { id } }' }), 401, 'Unauthorized.')
    expect(none.data).toEqual({ Viewer: null })
    const bad = await graphql(s.app, '{ User(id: 1) { id } }', 'not.a.token')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ message: 'Invalid token', status: 400 })
  })

  it('refuses an over-long search with a 400 rather than running it', async () => {
    const body = expectAniListError(await postJson(s.app, { query: 'query ($q: String) { User(search: $q) { id } }', variables: { q: 'a'.repeat(201) } }), 400)
    expect(body.errors[0]!.message).toBe('search accepts at most 200 characters.')
    const page = expectAniListError(await postJson(s.app, { query: 'query ($q: String) { Page { users(search: $q) { id } } }', variables: { q: 'a'.repeat(201) } }), 400)
    expect(page.errors[0]!.message).toBe('search accepts at most 200 characters.')
  })
})

describe('Page.users', () => {
  const NAMES = ['delta', 'Alpha', 'charlie', 'bravo', 'echo', 'alphabet']
  let ids: number[]
  beforeEach(async () => {
    ids = await insertUsers(s.app, NAMES)
  })

  async function names(args: string, variables?: unknown, declarations = ''): Promise<string[]> {
    const query = `query Users${declarations ? `(${declarations})` : ''} { Page(perPage: 50) { users${args ? `(${args})` : ''} { name } } }`
    const res = await ask(s.app, query, variables)
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    return res.body.data.Page.users.map((u: { name: string }) => u.name)
  }

  it('lists users by id unless sorted, and honours ID, ID_DESC, USERNAME and USERNAME_DESC (any letter case)', async () => {
    expect(await names('')).toEqual(NAMES)
    expect(await names('sort: ID')).toEqual(NAMES)
    expect(await names('sort: [ID_DESC]')).toEqual([...NAMES].reverse())
    expect(await names('sort: USERNAME')).toEqual(['Alpha', 'alphabet', 'bravo', 'charlie', 'delta', 'echo'])
    expect(await names('sort: $sort', { sort: 'USERNAME_DESC' }, '$sort: [UserSort]')).toEqual(['echo', 'delta', 'charlie', 'bravo', 'alphabet', 'Alpha'])
  })

  it('accepts WATCHED_TIME and CHAPTERS_READ without failing: they are ignored, so the next order (or id) decides', async () => {
    for (const sort of ['WATCHED_TIME', 'WATCHED_TIME_DESC', 'CHAPTERS_READ', 'CHAPTERS_READ_DESC']) {
      expect(await names(`sort: [${sort}]`)).toEqual(NAMES)
      expect(await names(`sort: [${sort}, USERNAME_DESC]`)).toEqual(['echo', 'delta', 'charlie', 'bravo', 'alphabet', 'Alpha'])
    }
  })

  it('filters by search (best match first), id and name, and counts in pageInfo', async () => {
    expect(await names('search: "alpha"')).toEqual(['Alpha', 'alphabet'])
    expect(await names('search: "HA"')).toEqual(['Alpha', 'charlie', 'alphabet'])
    expect(await names('search: "ha", sort: [SEARCH_MATCH, USERNAME_DESC]')).toEqual(['charlie', 'alphabet', 'Alpha'])
    expect(await names('id: $id', { id: String(ids[2]) }, '$id: Int')).toEqual(['charlie'])
    expect(await names('name: "ECHO"')).toEqual(['echo'])
    expect(await names('search: "zulu"')).toEqual([])
  })

  it('pages through the users with AniList’s pageInfo', async () => {
    const query = 'query ($page: Int, $perPage: Int) { Page(page: $page, perPage: $perPage) { pageInfo { total perPage currentPage lastPage hasNextPage } users(sort: USERNAME) { name } } }'
    const first = await ask(s.app, query, { page: '1', perPage: '4' })
    expect(first.body.data.Page).toEqual({ pageInfo: { total: 6, perPage: 4, currentPage: 1, lastPage: 2, hasNextPage: true }, users: ['Alpha', 'alphabet', 'bravo', 'charlie'].map((name) => ({ name })) })
    const second = await ask(s.app, query, { page: 2, perPage: 4 })
    expect(second.body.data.Page).toEqual({ pageInfo: { total: 6, perPage: 4, currentPage: 2, lastPage: 2, hasNextPage: false }, users: [{ name: 'delta' }, { name: 'echo' }] })
    const searched = await ask(s.app, '{ Page(perPage: 1) { pageInfo { total lastPage } users(search: "alpha") { name } } }')
    expect(searched.body.data.Page).toEqual({ pageInfo: { total: 2, lastPage: 2 }, users: [{ name: 'Alpha' }] })
  })

  it('gives each user of a page their own profile', async () => {
    await updateProfile(s.app.kiroku.db, s.clock, ids[0]!, { about: 'I am delta', options: { profileColor: 'red' } })
    await updateListOptions(s.app.kiroku.db, s.clock, ids[3]!, { scoreFormat: 'POINT_10' })
    const res = await ask(s.app, '{ Page { users(id: null, sort: ID) { name about options { profileColor } mediaListOptions { scoreFormat } } } }')
    const users = res.body.data.Page.users
    expect(users[0]).toEqual({ name: 'delta', about: 'I am delta', options: { profileColor: 'red' }, mediaListOptions: { scoreFormat: 'POINT_100' } })
    expect(users[3]).toEqual({ name: 'bravo', about: null, options: { profileColor: 'blue' }, mediaListOptions: { scoreFormat: 'POINT_10' } })
  })

  it('serves a token holder the same page, with the viewer’s own timezone only', async () => {
    const token = await tokenFor(s.app, { id: ids[1]!, name: 'Alpha', email: null, createdAt: 0, updatedAt: 0 })
    await updateProfile(s.app.kiroku.db, s.clock, ids[1]!, { options: { timezone: '+01:00' } })
    await updateProfile(s.app.kiroku.db, s.clock, ids[4]!, { options: { timezone: '+02:00' } })
    const res = await ask(s.app, '{ Page { users { name options { timezone } } } }', undefined, token)
    const zones = Object.fromEntries(res.body.data.Page.users.map((u: { name: string; options: { timezone: string | null } }) => [u.name, u.options.timezone]))
    expect(zones).toMatchObject({ Alpha: '+01:00', echo: null, delta: null })
  })
})
