import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getProfile } from '../../src/accounts/profiles.js'
import type { User } from '../../src/accounts/users.js'
import { graphql } from '../helpers/flow.js'
import { expectAniListError, postJson } from '../helpers/graphql.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { userWithToken } from '../helpers/users.js'

let s: TestServer
let user: User
let token: string
beforeEach(async () => {
  s = await testServer()
  ;({ user, token } = await userWithToken(s.app))
})
afterEach(async () => s.app.close())

const auth = () => ({ authorization: `Bearer ${token}` })

/** Sends a mutation once (it changes things, so never twice) and returns the response. */
function mutate(query: string, variables?: unknown, headers: Record<string, string> = auth()) {
  return postJson(s.app, { query, variables }, { headers })
}

/** Sends UpdateUser with the given inline arguments and expects exactly these validation messages. */
async function expectInvalid(args: string, validation: Record<string, string[]>, variables?: unknown, declarations = '') {
  const query = `mutation ${declarations ? `(${declarations}) ` : ''}{ UpdateUser(${args}) { id } }`
  const body = expectAniListError(await mutate(query, variables), 400, 'validation')
  expect(body.data).toEqual({ UpdateUser: null })
  expect(body.errors).toEqual([{ message: 'validation', status: 400, locations: [{ line: 1, column: declarations ? 15 + declarations.length : 12 }], validation }])
}

const viewerOptions = async () =>
  (await graphql(s.app, '{ Viewer { about options { titleLanguage displayAdultContent airingNotifications profileColor timezone activityMergeTime staffNameLanguage restrictMessagesToFollowing notificationOptions { type enabled } disabledListActivity { type disabled } } mediaListOptions { scoreFormat rowOrder animeList { sectionOrder splitCompletedSectionByFormat customLists advancedScoring advancedScoringEnabled theme } mangaList { customLists splitCompletedSectionByFormat } } } }', token)).body.data.Viewer

describe('UpdateUser', () => {
  it('needs a token: 401 "Unauthorized." without one, 400 "Invalid token" with a bad one, and changes nothing', async () => {
    const none = expectAniListError(await mutate('mutation { UpdateUser(about: "x") { id } }', undefined, {}), 401, 'Unauthorized.')
    expect(none.data).toEqual({ UpdateUser: null })
    expect(none.errors[0]!.locations).toEqual([{ line: 1, column: 12 }])
    expectAniListError(await mutate('mutation { UpdateUser(about: "x") { id } }', undefined, { authorization: 'Bearer nope' }), 400, 'Invalid token')
    expect((await getProfile(s.app.kiroku.db, user.id)).about).toBeNull()
  })

  it('takes miru’s custom lists mutation: an input object literal holding a variable', async () => {
    const res = await mutate('mutation CustomLists($lists: [String]) {\n  UpdateUser(animeListOptions: {customLists: $lists}) {\n    id\n    __typename\n  }\n}', { lists: ['Watched using Hayase'] })
    expect(res.json()).toEqual({ data: { UpdateUser: { id: user.id, __typename: 'User' } } })
    expect((await viewerOptions()).mediaListOptions.animeList.customLists).toEqual(['Watched using Hayase'])
    // A single string for a list variable, as loose clients send it, is a list of one.
    await mutate('mutation ($lists: [String]) { UpdateUser(animeListOptions: {customLists: $lists}) { id } }', { lists: 'Rewatch later' })
    expect((await viewerOptions()).mediaListOptions.animeList.customLists).toEqual(['Rewatch later'])
  })

  it('stores every argument given as variables, and answers with the updated user', async () => {
    const variables = {
      about: 'I keep **records**.',
      titleLanguage: 'ENGLISH_STYLISED',
      displayAdultContent: true,
      airingNotifications: false,
      scoreFormat: 'POINT_10_DECIMAL',
      rowOrder: 'title',
      profileColor: 'Purple',
      donatorBadge: 'Big Spender',
      notificationOptions: [{ type: 'AIRING', enabled: false }, { type: 'FOLLOWING', enabled: false }],
      timezone: '-05:30',
      activityMergeTime: '0',
      animeListOptions: { sectionOrder: ['Completed', 'Watching'], splitCompletedSectionByFormat: true, customLists: [' Favs ', 'Later'], advancedScoring: ['Plot', 'Art'], advancedScoringEnabled: true, theme: '{"coverSize":"large"}' },
      mangaListOptions: { customLists: ['Owned'] },
      staffNameLanguage: 'NATIVE',
      restrictMessagesToFollowing: true,
      disabledListActivity: [{ type: 'PLANNING', disabled: true }],
    }
    const query = `mutation Save($about: String, $titleLanguage: UserTitleLanguage, $displayAdultContent: Boolean, $airingNotifications: Boolean,
      $scoreFormat: ScoreFormat, $rowOrder: String, $profileColor: String, $donatorBadge: String, $notificationOptions: [NotificationOptionInput],
      $timezone: String, $activityMergeTime: Int, $animeListOptions: MediaListOptionsInput, $mangaListOptions: MediaListOptionsInput,
      $staffNameLanguage: UserStaffNameLanguage, $restrictMessagesToFollowing: Boolean, $disabledListActivity: [ListActivityOptionInput]) {
      UpdateUser(about: $about, titleLanguage: $titleLanguage, displayAdultContent: $displayAdultContent, airingNotifications: $airingNotifications,
        scoreFormat: $scoreFormat, rowOrder: $rowOrder, profileColor: $profileColor, donatorBadge: $donatorBadge, notificationOptions: $notificationOptions,
        timezone: $timezone, activityMergeTime: $activityMergeTime, animeListOptions: $animeListOptions, mangaListOptions: $mangaListOptions,
        staffNameLanguage: $staffNameLanguage, restrictMessagesToFollowing: $restrictMessagesToFollowing, disabledListActivity: $disabledListActivity) {
        id name donatorBadge options { titleLanguage timezone } mediaListOptions { scoreFormat }
      }
    }`
    s.clock.advance(100)
    const res = await mutate(query, variables)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data.UpdateUser).toEqual({ id: user.id, name: 'alice', donatorBadge: null, options: { titleLanguage: 'ENGLISH_STYLISED', timezone: '-05:30' }, mediaListOptions: { scoreFormat: 'POINT_10_DECIMAL' } })

    const viewer = await viewerOptions()
    expect(viewer.about).toBe('I keep **records**.')
    expect(viewer.options).toMatchObject({
      titleLanguage: 'ENGLISH_STYLISED',
      displayAdultContent: true,
      airingNotifications: false,
      profileColor: 'purple',
      timezone: '-05:30',
      activityMergeTime: 0,
      staffNameLanguage: 'NATIVE',
      restrictMessagesToFollowing: true,
    })
    expect(viewer.options.notificationOptions).toContainEqual({ type: 'AIRING', enabled: false })
    expect(viewer.options.notificationOptions).toContainEqual({ type: 'FOLLOWING', enabled: false })
    expect(viewer.options.notificationOptions).toContainEqual({ type: 'ACTIVITY_LIKE', enabled: true })
    expect(viewer.options.disabledListActivity).toContainEqual({ type: 'PLANNING', disabled: true })
    expect(viewer.mediaListOptions).toEqual({
      scoreFormat: 'POINT_10_DECIMAL',
      rowOrder: 'title',
      animeList: { sectionOrder: ['Completed', 'Watching'], splitCompletedSectionByFormat: true, customLists: ['Favs', 'Later'], advancedScoring: ['Plot', 'Art'], advancedScoringEnabled: true, theme: '{"coverSize":"large"}' },
      mangaList: { customLists: ['Owned'], splitCompletedSectionByFormat: false },
    })
    const updated = await graphql(s.app, '{ Viewer { updatedAt } }', token)
    expect(updated.body.data.Viewer.updatedAt).toBe(s.clock())
  })

  it('takes inline literals, and leaves what it was not given as it was', async () => {
    const first = await mutate('mutation { UpdateUser(titleLanguage: NATIVE, profileColor: "#FF00aa", timezone: "+09:00", activityMergeTime: 20160, mangaListOptions: { splitCompletedSectionByFormat: true }) { options { titleLanguage profileColor } } }')
    expect(first.json()).toEqual({ data: { UpdateUser: { options: { titleLanguage: 'NATIVE', profileColor: '#ff00aa' } } } })
    await mutate('mutation { UpdateUser(profileColor: "#abc", notificationOptions: [{ type: AIRING, enabled: false }]) { id } }')
    await mutate('mutation { UpdateUser(notificationOptions: [{ type: FOLLOWING, enabled: false }], animeListOptions: { customLists: ["A"] }) { id } }')
    const viewer = await viewerOptions()
    expect(viewer.options).toMatchObject({ titleLanguage: 'NATIVE', profileColor: '#abc', timezone: '+09:00', activityMergeTime: 20160 })
    expect(viewer.options.notificationOptions.filter((o: { enabled: boolean }) => !o.enabled)).toEqual([{ type: 'FOLLOWING', enabled: false }, { type: 'AIRING', enabled: false }])
    expect(viewer.mediaListOptions.mangaList.splitCompletedSectionByFormat).toBe(true)
    expect(viewer.mediaListOptions.animeList.customLists).toEqual(['A'])
  })

  it('treats null arguments as not given (generated clients send every unset variable as null)', async () => {
    await mutate('mutation { UpdateUser(about: "Kept", titleLanguage: ENGLISH, timezone: "+01:00") { id } }')
    const res = await mutate(
      'mutation ($about: String, $titleLanguage: UserTitleLanguage, $timezone: String, $anime: MediaListOptionsInput, $n: [NotificationOptionInput], $donatorBadge: String) { UpdateUser(about: $about, titleLanguage: $titleLanguage, timezone: $timezone, animeListOptions: $anime, notificationOptions: $n, donatorBadge: $donatorBadge, displayAdultContent: true) { id } }',
      { about: null, titleLanguage: null, timezone: null, anime: { customLists: null, theme: null }, n: null, donatorBadge: null },
    )
    expect(res.statusCode, res.body).toBe(200)
    const viewer = await viewerOptions()
    expect(viewer.about).toBe('Kept')
    expect(viewer.options).toMatchObject({ titleLanguage: 'ENGLISH', timezone: '+01:00', displayAdultContent: true })
  })

  it('clears about when given an empty text', async () => {
    await mutate('mutation { UpdateUser(about: "Something") { id } }')
    await mutate('mutation { UpdateUser(about: "   ") { id } }')
    expect((await viewerOptions()).about).toBeNull()
  })

  it('accepts timezones from -12:00 to +14:00, the plus sign optional', async () => {
    for (const zone of ['-12:00', '+14:00', '00:00', '05:45', '-03:30']) {
      const res = await mutate('mutation ($tz: String) { UpdateUser(timezone: $tz) { options { timezone } } }', { tz: zone })
      expect(res.json().data.UpdateUser.options.timezone).toBe(zone)
    }
  })
})

describe('UpdateUser validation', () => {
  it('refuses a profile colour that is neither AniList’s names nor a #hex colour', async () => {
    for (const color of ['teal', '#12345', 'ff0000', '#ggg', 'blue; x', '']) {
      await expectInvalid('profileColor: $c', { profileColor: ['The selected profile color is invalid.'] }, { c: color }, '$c: String')
    }
  })

  it('refuses a timezone not written -?HH:MM or out of range', async () => {
    for (const zone of ['9:00', '+15:00', '-12:30', '+09:60', '+14:30', 'UTC', 'Asia/Tokyo', '+0900', '']) {
      await expectInvalid('timezone: $tz', { timezone: ['The timezone format is invalid.'] }, { tz: zone }, '$tz: String')
    }
  })

  it('refuses an activity merge time outside 0 to 43200 minutes', async () => {
    await expectInvalid('activityMergeTime: -1', { activityMergeTime: ['The activity merge time must be between 0 and 43200.'] })
    await expectInvalid('activityMergeTime: 43201', { activityMergeTime: ['The activity merge time must be between 0 and 43200.'] })
  })

  it('refuses a row order AniList does not offer, and an about over 5000 characters', async () => {
    await expectInvalid('rowOrder: "random"', { rowOrder: ['The selected row order is invalid.'] })
    await expectInvalid('about: $about', { about: ['The about may not be greater than 5000 characters.'] }, { about: 'x'.repeat(5001) }, '$about: String')
  })

  it('refuses custom list names that are blank, too long, alike or too many', async () => {
    await expectInvalid('animeListOptions: { customLists: ["Ok", "", "ok ", $long] }', {
      'animeListOptions.customLists.1': ['The custom list name field is required.'],
      'animeListOptions.customLists.2': ['The custom list name field has a duplicate value.'],
      'animeListOptions.customLists.3': ['The custom list name may not be greater than 50 characters.'],
    }, { long: 'L'.repeat(51) }, '$long: String')
    await expectInvalid('mangaListOptions: { customLists: $lists }', { 'mangaListOptions.customLists': ['The custom lists may not have more than 50 items.'] }, { lists: Array.from({ length: 51 }, (_, i) => `List ${i}`) }, '$lists: [String]')
    await expectInvalid('mangaListOptions: { customLists: [null] }', { 'mangaListOptions.customLists.0': ['The custom list name field is required.'] })
    // 50 names of 50 characters are within the limits.
    const fifty = Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(50, 'x'))
    const ok = await mutate('mutation ($lists: [String]) { UpdateUser(mangaListOptions: { customLists: $lists }) { mediaListOptions { mangaList { customLists } } } }', { lists: fifty })
    expect(ok.json().data.UpdateUser.mediaListOptions.mangaList.customLists).toEqual(fifty)
  })

  it('refuses bad scoring categories, section names and themes', async () => {
    await expectInvalid('animeListOptions: { advancedScoring: ["Story", "story"], sectionOrder: ["Watching", " "], theme: $theme }', {
      'animeListOptions.advancedScoring.1': ['The advanced scoring category field has a duplicate value.'],
      'animeListOptions.sectionOrder.1': ['The section name field is required.'],
      'animeListOptions.theme': ['The theme may not be greater than 2000 characters.'],
    }, { theme: 't'.repeat(2001) }, '$theme: String')
    await expectInvalid('animeListOptions: { advancedScoring: $a }', { 'animeListOptions.advancedScoring': ['The advanced scoring categories may not have more than 20 items.'] }, { a: Array.from({ length: 21 }, (_, i) => `C${i}`) }, '$a: [String]')
  })

  it('refuses notification and list activity options without their type or flag', async () => {
    await expectInvalid('notificationOptions: [{ enabled: true }, { type: AIRING }], disabledListActivity: [{ type: CURRENT }, { disabled: true }]', {
      'notificationOptions.0.type': ['The notification option type field is required.'],
      'notificationOptions.1.enabled': ['The notification option enabled field is required.'],
      'disabledListActivity.0.disabled': ['The list activity option disabled field is required.'],
      'disabledListActivity.1.type': ['The list activity option type field is required.'],
    })
  })

  it('reports every bad argument at once and stores none of the good ones', async () => {
    await expectInvalid('about: "New", titleLanguage: ENGLISH, profileColor: "teal", timezone: "nowhere"', {
      profileColor: ['The selected profile color is invalid.'],
      timezone: ['The timezone format is invalid.'],
    })
    const profile = await getProfile(s.app.kiroku.db, user.id)
    expect(profile.about).toBeNull()
    expect(profile.options.titleLanguage).toBe('ROMAJI')
    expect(profile.updatedAt).toBeNull()
  })

  it('refuses values of the wrong type before any resolver runs, with a 400', async () => {
    const body = expectAniListError(await mutate('mutation { UpdateUser(titleLanguage: KLINGON) { id } }'), 400)
    expect(body.errors[0]!.message).toMatch(/UserTitleLanguage/)
    expectAniListError(await mutate('mutation ($t: Int) { UpdateUser(activityMergeTime: $t) { id } }', { t: 'soon' }), 400)
  })
})
