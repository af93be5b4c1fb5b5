import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_USER_OPTIONS, getProfile, getProfiles, updateProfile } from '../../src/accounts/profiles.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { makeUser } from '../helpers/flow.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

describe('user profiles', () => {
  it('a new user has AniList’s defaults', async () => {
    const user = await makeUser(s.app)
    const profile = await getProfile(s.app.kiroku.db, user.id)
    expect(profile).toEqual({ userId: user.id, about: null, avatar: null, bannerImage: null, options: DEFAULT_USER_OPTIONS, updatedAt: null })
  })

  it('changes merge over what is stored, option by option', async () => {
    const user = await makeUser(s.app)
    const db = s.app.kiroku.db
    await updateProfile(db, s.clock, user.id, { about: 'hello', options: { titleLanguage: 'ENGLISH' } })
    s.clock.advance(10)
    await updateProfile(db, s.clock, user.id, { options: { displayAdultContent: true } })
    const profile = await getProfile(db, user.id)
    expect(profile.about).toBe('hello')
    expect(profile.options).toMatchObject({ titleLanguage: 'ENGLISH', displayAdultContent: true, airingNotifications: true })
    expect(profile.updatedAt).toBe(s.clock())
  })

  it('loads many users in one query, defaults for those without a row', async () => {
    const a = await makeUser(s.app, 'alice')
    const b = await makeUser(s.app, 'bob')
    await updateProfile(s.app.kiroku.db, s.clock, a.id, { about: 'a' })
    const profiles = await getProfiles(s.app.kiroku.db, [a.id, b.id, a.id])
    expect(profiles.get(a.id)!.about).toBe('a')
    expect(profiles.get(b.id)!.about).toBeNull()
    expect(profiles.size).toBe(2)
  })

  it('options stored before an option existed read back with its default', async () => {
    const user = await makeUser(s.app)
    await s.app.kiroku.db
      .insertInto('user_profiles')
      .values({ user_id: user.id, about: null, avatar: null, banner_image: null, options: JSON.stringify({ titleLanguage: 'NATIVE' }), updated_at: 1 })
      .execute()
    const profile = await getProfile(s.app.kiroku.db, user.id)
    expect(profile.options.titleLanguage).toBe('NATIVE')
    expect(profile.options.staffNameLanguage).toBe('ROMAJI_WESTERN')
  })
})
