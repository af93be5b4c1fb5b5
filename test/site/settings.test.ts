/**
 * The settings pages over app.inject(): account (email, password, deletion), list settings, and the
 * developer and connected-apps forms as the settings area changed them (Post/Redirect/Get, a new
 * secret shown once, edit, rotation, confirmation pages).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities, logIn } from '../helpers/browser.js'
import { loggedInBrowser, makeUser, PASSWORD, graphql } from '../helpers/flow.js'
import { bodyCredentials, exchangeCode, obtainCode, postOAuth, refresh, viewerState, type Credentials } from '../helpers/oauth.js'
import { MemoryBus } from '../helpers/broadcast.js'
import { addEntries } from '../helpers/lists.js'
import { createClient, findClient } from '../../src/oauth/clients.js'
import { AccessTokens, InvalidTokenError, REVOKED_TOPIC } from '../../src/oauth/tokens.js'
import { createUser, findUserByName } from '../../src/accounts/users.js'
import { toggleFavourite } from '../../src/accounts/favourites.js'
import { updateProfile } from '../../src/accounts/profiles.js'
import { getListOptionsOf, updateListOptions } from '../../src/lists/list-options.js'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

let s: TestServer
afterEach(async () => {
  await s?.app.close()
  s = undefined as unknown as TestServer
})

const db = () => s.app.kiroku.db
const alertOf = (html: string) => {
  const match = /role="alert"[^>]*>([\s\S]*?)<\/(p|div)>/.exec(html)
  return match ? decodeEntities(match[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()) : null
}
async function postForm(browser: Browser, page: string, action: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse> {
  const shown = await browser.get(page)
  expect(shown.statusCode).toBe(200)
  return browser.post(action, { csrf_token: csrfToken(shown.body), ...fields })
}
const sessionCount = async (userId: number) => (await db().selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length

describe('the settings pages', () => {
  it('send a visitor to the login page and back; /settings opens the account tab', async () => {
    s = await testServer()
    const visitor = new Browser(s.app)
    for (const path of ['/settings/account', '/settings/lists', '/settings/account/delete', '/settings/developer', '/settings/apps']) {
      const res = await visitor.get(path)
      expect(res.statusCode, path).toBe(303)
      expect(res.headers.location, path).toBe(`/login?next=${encodeURIComponent(path)}`)
    }
    expect((await visitor.get('/settings')).headers.location).toBe('/login?next=%2Fsettings%2Faccount')
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const res = await browser.get('/settings')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/account')
  })

  it('share one navigation, the current tab marked, linking import and export', async () => {
    s = await testServer()
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    for (const [path, current] of [['/settings/account', 'Account'], ['/settings/lists', 'Lists'], ['/settings/apps', 'Connected apps'], ['/settings/developer', 'Developer'], ['/settings/import', 'Import & export'], ['/settings/export', 'Import & export']] as const) {
      const page = await browser.get(path)
      expect(page.statusCode, path).toBe(200)
      expect(page.body, path).toContain('<nav aria-label="Settings">')
      expect(page.body, path).toMatch(/href="\/settings\/import"( aria-current="page")?>Import &amp; export<\/a>/)
      const marked = [...page.body.matchAll(/<a href="[^"]+" aria-current="page">([^<]+)<\/a>/g)].map((m) => decodeEntities(m[1]!))
      expect(marked, path).toEqual([current])
      expect(page.body, path).toContain('href="/static/site/settings.css"')
    }
  })
})

describe('changing the email address', () => {
  it('saves it with the current password (Post/Redirect/Get) and tells the user cache', async () => {
    s = await testServer({ tokenCheckCacheSeconds: 60 })
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    // The account is now kept in memory: the change must be seen at once anyway.
    await browser.get('/settings/account')
    const res = await postForm(browser, '/settings/account', '/settings/account/email', { email: ' new@example.test ', current_password: PASSWORD })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/account?done=email')
    expect((await findUserByName(db(), user.name))?.email).toBe('new@example.test')
    const page = await browser.get(res.headers.location as string)
    expect(page.body).toContain('Your email address was saved.')
    expect(page.body).toContain('value="new@example.test"')
  })

  it('refuses a wrong current password (403) and a bad address (400), changing nothing', async () => {
    s = await testServer()
    const user = await createUser(s.app.kiroku.db, s.clock, { name: 'alice', email: 'old@example.test', password: PASSWORD })
    const browser = await loggedInBrowser(s.app, user)
    const wrong = await postForm(browser, '/settings/account', '/settings/account/email', { email: 'new@example.test', current_password: 'not the password' })
    expect(wrong.statusCode).toBe(403)
    expect(alertOf(wrong.body)).toBe('The current password is wrong.')
    for (const email of ['not an email', 'a@b', `${'a'.repeat(250)}@example.test`]) {
      const bad = await postForm(browser, '/settings/account', '/settings/account/email', { email, current_password: PASSWORD })
      expect(bad.statusCode, email).toBe(400)
      expect(alertOf(bad.body), email).toMatch(/email/)
    }
    expect((await findUserByName(db(), 'alice'))?.email).toBe('old@example.test')
  })

  it('guesses at the current password are throttled as logins are: after ten, even the right one waits (429)', async () => {
    s = await testServer()
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const token = csrfToken((await browser.get('/settings/account')).body)
    for (let i = 0; i < 10; i++) {
      const res = await browser.post('/settings/account/email', { csrf_token: token, email: 'x@example.test', current_password: `guess ${i}` })
      expect(res.statusCode).toBe(403)
    }
    for (const [path, fields] of [
      ['/settings/account/email', { email: 'x@example.test', current_password: PASSWORD }],
      ['/settings/account/delete', { name: user.name, password: PASSWORD }],
    ] as const) {
      const res = await browser.post(path, { csrf_token: token, ...fields })
      expect(res.statusCode, path).toBe(429)
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
      expect(alertOf(res.body)).toMatch(/Too many wrong passwords/)
    }
    expect(await findUserByName(db(), user.name)).toMatchObject({ email: null })
  })

  it('refuses a form without its CSRF token', async () => {
    s = await testServer()
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const res = await browser.post('/settings/account/email', { email: 'new@example.test', current_password: PASSWORD })
    expect(res.statusCode).toBe(403)
    expect((await findUserByName(db(), user.name))?.email).toBeNull()
  })
})

describe('changing the password', () => {
  it('logs out every other session, keeps this one, and the new password is the one that logs in', async () => {
    s = await testServer()
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const elsewhere = await loggedInBrowser(s.app, user)
    expect(await sessionCount(user.id)).toBe(2)
    const res = await postForm(browser, '/settings/account', '/settings/account/password', { current_password: PASSWORD, new_password: 'a brand new secret', new_password_again: 'a brand new secret' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/account?done=password')
    expect((await browser.get('/settings/account')).statusCode).toBe(200)
    expect((await elsewhere.get('/settings/account')).statusCode).toBe(303)
    expect(await sessionCount(user.id)).toBe(1)
    expect((await logIn(new Browser(s.app), user.name, PASSWORD)).statusCode).toBe(401)
    expect((await logIn(new Browser(s.app), user.name, 'a brand new secret')).statusCode).toBe(303)
  })

  it('refuses a wrong current password, differing repetitions and a password the account rules refuse', async () => {
    s = await testServer()
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const elsewhere = await loggedInBrowser(s.app, user)
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{ current_password: 'wrong password', new_password: 'a brand new secret', new_password_again: 'a brand new secret' }, 403, /current password is wrong/],
      [{ current_password: PASSWORD, new_password: 'a brand new secret', new_password_again: 'a brand new secreT' }, 400, /differ/],
      [{ current_password: PASSWORD, new_password: 'short', new_password_again: 'short' }, 400, /8 to 256 characters/],
      [{ current_password: PASSWORD, new_password: 'x'.repeat(300), new_password_again: 'x'.repeat(300) }, 400, /8 to 256 characters/],
    ]
    for (const [fields, status, message] of cases) {
      const res = await postForm(browser, '/settings/account', '/settings/account/password', fields)
      expect(res.statusCode).toBe(status)
      expect(alertOf(res.body)).toMatch(message)
    }
    expect((await elsewhere.get('/settings/account')).statusCode).toBe(200)
    expect((await logIn(new Browser(s.app), user.name, PASSWORD)).statusCode).toBe(303)
  })
})

describe('the list settings', () => {
  async function listsForm(browser: Browser, fields: Record<string, string | string[]>) {
    return postForm(browser, '/settings/lists', '/settings/lists', { title_language: 'ROMAJI', score_format: 'POINT_100', ...fields })
  }

  it('saves title language, adult content, score format, splitting and advanced scoring, as UpdateUser would', async () => {
    s = await testServer()
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const page = await browser.get('/settings/lists')
    expect(page.body).toMatch(/<label for="title-language">Title language<\/label>\s*<select id="title-language" name="title_language">/)
    expect(page.body).toContain('<option value="POINT_100" selected>')
    const res = await listsForm(browser, {
      title_language: 'NATIVE', display_adult_content: 'on', score_format: 'POINT_10_DECIMAL',
      anime_split_completed: 'on', anime_advanced_scoring: 'on', anime_categories: 'Story\r\n  Music \r\n\r\n', manga_categories: 'Art',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/lists?done=lists')
    const token = (await s.app.kiroku.tokens.issue({ clientId: (await createClient(db(), s.clock, { name: 'A', redirectUris: ['https://a.example/cb'] })).client.id, userId: user.id, grantType: 'implicit' })).accessToken
    const viewer = await graphql(s.app, '{ Viewer { options { titleLanguage displayAdultContent } mediaListOptions { scoreFormat animeList { splitCompletedSectionByFormat advancedScoringEnabled advancedScoring } mangaList { advancedScoringEnabled advancedScoring } } } }', token)
    expect(viewer.body.data.Viewer).toEqual({
      options: { titleLanguage: 'NATIVE', displayAdultContent: true },
      mediaListOptions: {
        scoreFormat: 'POINT_10_DECIMAL',
        animeList: { splitCompletedSectionByFormat: true, advancedScoringEnabled: true, advancedScoring: ['Story', 'Music'] },
        mangaList: { advancedScoringEnabled: false, advancedScoring: ['Art'] },
      },
    })
    const again = await browser.get('/settings/lists?done=lists')
    expect(again.body).toContain('Your list settings were saved.')
    expect(again.body).toContain('<option value="NATIVE" selected>')
    expect(again.body).toMatch(/id="anime-advanced" name="anime_advanced_scoring" type="checkbox" checked/)
  })

  it('adds, renames and removes custom lists, and the entries follow', async () => {
    s = await testServer()
    await seedCatalog(db(), s.clock)
    const user = await makeUser(s.app)
    await updateListOptions(db(), s.clock, user.id, { animeList: { customLists: ['Favs', 'Rewatch', 'Swap'] } })
    await addEntries(s.app, user.id, [[1, 'ANIME', { customLists: ['Favs', 'Rewatch'] }], [6, 'ANIME', { customLists: ['Swap', 'Favs'] }]])
    const browser = await loggedInBrowser(s.app, user)
    const page = await browser.get('/settings/lists')
    expect(page.body).toContain('name="anime_list_0_was" value="Favs"')
    const res = await listsForm(browser, {
      anime_list_0_was: 'Favs', anime_list_0_name: 'Favourites',
      anime_list_1_was: 'Rewatch', anime_list_1_name: 'Rewatch', anime_list_1_remove: 'on',
      anime_list_2_was: 'Swap', anime_list_2_name: 'Swap',
      anime_added: ' Summer 2024 ',
    })
    expect(res.statusCode).toBe(303)
    expect((await getListOptionsOf(db(), user.id)).animeList.customLists).toEqual(['Favourites', 'Swap', 'Summer 2024'])
    const entries = await db().selectFrom('media_list').select(['media_id', 'custom_lists']).where('user_id', '=', user.id).orderBy('media_id').execute()
    expect(entries.map((e) => [e.media_id, JSON.parse(e.custom_lists)])).toEqual([[1, ['Favourites']], [6, ['Swap', 'Favourites']]])
  })

  it('refuses what UpdateUser refuses, with its messages, and saves nothing', async () => {
    s = await testServer()
    const user = await makeUser(s.app)
    await updateListOptions(db(), s.clock, user.id, { animeList: { customLists: ['Favs', 'Later'] } })
    const browser = await loggedInBrowser(s.app, user)
    const res = await listsForm(browser, {
      score_format: 'POINT_5',
      anime_list_0_was: 'Favs', anime_list_0_name: 'Later',
      anime_list_1_was: 'Later', anime_list_1_name: 'Later',
      manga_added: 'x'.repeat(51),
    })
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('The custom list name field has a duplicate value.')
    expect(res.body).toContain('The custom list name may not be greater than 50 characters.')
    const options = await getListOptionsOf(db(), user.id)
    expect(options.scoreFormat).toBe('POINT_100')
    expect(options.animeList.customLists).toEqual(['Favs', 'Later'])
  })

  it('answers a value the form never offers with a 400 page, never a 5xx', async () => {
    s = await testServer()
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const bad: Array<Record<string, string | string[]>> = [{ title_language: 'KLINGON' }, { score_format: 'POINT_7' }, { title_language: ['ROMAJI', 'NATIVE'] }, { anime_added: 'a\u0000b' }]
    for (const fields of bad) {
      const res = await listsForm(browser, fields)
      expect(res.statusCode, JSON.stringify(fields)).toBe(400)
    }
    const noCsrf = await browser.post('/settings/lists', { title_language: 'NATIVE', score_format: 'POINT_3' })
    expect(noCsrf.statusCode).toBe(403)
  })
})

describe('the developer page', () => {
  const secretOf = (html: string) => /<code class="secret" id="new-secret">([^<]+)<\/code>/.exec(html)?.[1] ?? null

  it('creates a client with a redirect, shows the secret on the next load only, never in the URL', async () => {
    s = await testServer()
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const res = await postForm(browser, '/settings/developer', '/settings/developer/clients', { name: 'My Tracker', redirect_uris: 'https://tracker.example/cb' })
    expect(res.statusCode).toBe(303)
    const location = res.headers.location as string
    expect(location).toMatch(/^\/settings\/developer\?shown=[A-Za-z0-9_-]{16,64}$/)
    expect(res.body).toBe('')
    const shown = await browser.get(location)
    const secret = secretOf(shown.body)
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(shown.headers['cache-control']).toBe('no-store')
    expect(shown.body).toContain('data-copy-target="new-secret"')
    expect(shown.body).toMatch(/<script src="\/static\/site\/copy.js" nonce="[^"]+"><\/script>/)
    expect(location).not.toContain(secret!)
    expect(JSON.stringify(res.headers)).not.toContain(secret!)
    // A reload shows it no more, and posts nothing.
    const reload = await browser.get(location)
    expect(secretOf(reload.body)).toBeNull()
    expect(reload.body).not.toContain(secret!)
    expect(await db().selectFrom('oauth_clients').select('id').execute()).toHaveLength(1)
  })

  it('shows a sealed secret to no one else, and not after five minutes', async () => {
    s = await testServer()
    const alice = await loggedInBrowser(s.app, await makeUser(s.app, 'alice'))
    const bob = await loggedInBrowser(s.app, await makeUser(s.app, 'bob'))
    const res = await postForm(alice, '/settings/developer', '/settings/developer/clients', { name: 'App', redirect_uris: 'https://app.example/cb' })
    const cookie = [...alice.cookies].find(([name]) => name === 'kiroku_notice')!
    bob.cookies.set(cookie[0], cookie[1])
    expect(secretOf((await bob.get(res.headers.location as string)).body)).toBeNull()
    s.clock.advance(301)
    expect(secretOf((await alice.get(res.headers.location as string)).body)).toBeNull()
  })

  it('shows the secret on another instance of the same database, where the redirect may land', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiroku-notice-'))
    const database = TEST_DIALECT === 'sqlite' ? { url: `sqlite:${path.join(dir, 'shared.db')}`, drop: async () => {} } : await createTestDatabase()
    s = await testServer({ databaseUrl: database.url })
    const other = await testServer({ databaseUrl: database.url })
    try {
      const browser = await loggedInBrowser(s.app, await makeUser(s.app))
      const res = await postForm(browser, '/settings/developer', '/settings/developer/clients', { name: 'App', redirect_uris: 'https://app.example/cb' })
      expect(res.statusCode).toBe(303)
      const elsewhere = new Browser(other.app)
      for (const [name, value] of browser.cookies) elsewhere.cookies.set(name, value)
      expect(secretOf((await elsewhere.get(res.headers.location as string)).body)).toMatch(/^[A-Za-z0-9_-]{43}$/)
    } finally {
      await other.app.close()
      await s.app.close()
      await database.drop()
      fs.rmSync(dir, { recursive: true, force: true })
      s = undefined as unknown as TestServer
    }
  })

  it('rotating the secret shows the new one once; the old one stops working at the token endpoint at once', async () => {
    s = await testServer()
    const alice = await makeUser(s.app, 'alice')
    const { client, secret } = await createClient(db(), s.clock, { name: 'Rotated', redirectUris: ['https://r.example/cb'], ownerUserId: alice.id })
    const browser = await loggedInBrowser(s.app, alice)
    const oldCreds: Credentials = { id: client.id, secret }
    const tokens = await exchangeCode(s.app, oldCreds, await obtainCode(browser, { client_id: String(client.id) }))
    const page = await browser.get('/settings/developer')
    expect(page.body).toContain(`action="/settings/developer/clients/${client.id}/secret"`)
    const res = await browser.post(`/settings/developer/clients/${client.id}/secret`, { csrf_token: csrfToken(page.body) })
    expect(res.statusCode).toBe(303)
    const shown = await browser.get(res.headers.location as string)
    expect(shown.body).toContain('New secret for "Rotated"')
    const newSecret = secretOf(shown.body)!
    expect(newSecret).not.toBe(secret)
    const refused = await refresh(s.app, oldCreds, tokens.refresh_token)
    expect(refused.statusCode).toBe(401)
    expect(refused.json().error).toBe('invalid_client')
    expect((await refresh(s.app, { id: client.id, secret: newSecret }, tokens.refresh_token)).statusCode).toBe(200)
    expect(secretOf((await browser.get(res.headers.location as string)).body)).toBeNull()
  })

  it('a public client offers no rotation, and a forced one is refused', async () => {
    s = await testServer()
    const alice = await makeUser(s.app)
    const { client } = await createClient(db(), s.clock, { name: 'SPA', redirectUris: ['http://127.0.0.1/cb'], ownerUserId: alice.id, isPublic: true })
    const browser = await loggedInBrowser(s.app, alice)
    const page = await browser.get('/settings/developer')
    expect(page.body).not.toContain(`/clients/${client.id}/secret`)
    const res = await browser.post(`/settings/developer/clients/${client.id}/secret`, { csrf_token: csrfToken(page.body) })
    expect(res.statusCode).toBe(400)
    expect((await db().selectFrom('oauth_clients').select('secret_hash').where('id', '=', client.id).executeTakeFirstOrThrow()).secret_hash).toBeNull()
  })

  it('editing the redirect URIs is enforced at authorize at once; the name too', async () => {
    s = await testServer()
    const alice = await makeUser(s.app)
    const { client } = await createClient(db(), s.clock, { name: 'Editable', redirectUris: ['https://old.example/cb'], ownerUserId: alice.id })
    const browser = await loggedInBrowser(s.app, alice)
    const authorizeWith = (uri: string) => browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=code&redirect_uri=${encodeURIComponent(uri)}`)
    expect((await authorizeWith('https://old.example/cb')).statusCode).toBe(200)
    const form = await browser.get(`/settings/developer/clients/${client.id}/edit`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toMatch(/<textarea id="redirect-uris" name="redirect_uris"[^>]*>https:\/\/old.example\/cb<\/textarea>/)
    const res = await browser.post(`/settings/developer/clients/${client.id}`, { csrf_token: csrfToken(form.body), name: 'Renamed', redirect_uris: 'https://new.example/cb\r\nmyapp://done' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/developer?saved=1')
    expect(await findClient(db(), client.id)).toMatchObject({ name: 'Renamed', redirectUris: ['https://new.example/cb', 'myapp://done'] })
    const old = await authorizeWith('https://old.example/cb')
    expect(old.statusCode).toBe(400)
    const fresh = await authorizeWith('https://new.example/cb')
    expect(fresh.statusCode).toBe(200)
    expect(fresh.body).toContain('Renamed')
  })

  it('refuses an edit the registration rules refuse, keeping the client as it was', async () => {
    s = await testServer()
    const alice = await makeUser(s.app)
    const { client } = await createClient(db(), s.clock, { name: 'Kept', redirectUris: ['https://kept.example/cb'], ownerUserId: alice.id })
    const browser = await loggedInBrowser(s.app, alice)
    for (const [fields, message] of [
      [{ name: 'Kept', redirect_uris: 'javascript:alert(1)' }, /forbidden scheme/],
      [{ name: 'Kept', redirect_uris: 'https://kept.example/cb#frag' }, /fragment/],
      [{ name: '', redirect_uris: 'https://kept.example/cb' }, /1 to 100 characters/],
      [{ name: 'Kept', redirect_uris: '' }, /At least one redirect URI/],
    ] as const) {
      const res = await postForm(browser, `/settings/developer/clients/${client.id}/edit`, `/settings/developer/clients/${client.id}`, fields)
      expect(res.statusCode).toBe(400)
      expect(alertOf(res.body)).toMatch(message)
    }
    expect(await findClient(db(), client.id)).toMatchObject({ name: 'Kept', redirectUris: ['https://kept.example/cb'] })
  })

  it('deletes after a confirmation page; someone else’s client is a 404 everywhere', async () => {
    s = await testServer()
    const alice = await makeUser(s.app, 'alice')
    const { client } = await createClient(db(), s.clock, { name: 'Doomed', redirectUris: ['https://d.example/cb'], ownerUserId: alice.id })
    const mallory = await loggedInBrowser(s.app, await makeUser(s.app, 'mallory'))
    for (const path of ['edit', 'delete']) expect((await mallory.get(`/settings/developer/clients/${client.id}/${path}`)).statusCode).toBe(404)
    const token = csrfToken((await mallory.get('/settings/developer')).body)
    expect((await mallory.post(`/settings/developer/clients/${client.id}`, { csrf_token: token, name: 'Stolen', redirect_uris: 'https://evil.example/cb' })).statusCode).toBe(404)
    expect((await mallory.post(`/settings/developer/clients/${client.id}/secret`, { csrf_token: token })).statusCode).toBe(404)
    expect(await findClient(db(), client.id)).toMatchObject({ name: 'Doomed' })
    for (const bad of ['0', '-1', 'abc', '99999999999999999999']) expect((await mallory.get(`/settings/developer/clients/${bad}/edit`)).statusCode).toBe(404)

    const browser = await loggedInBrowser(s.app, alice)
    const confirm = await browser.get(`/settings/developer/clients/${client.id}/delete`)
    expect(confirm.statusCode).toBe(200)
    expect(confirm.body).toContain('Delete Doomed?')
    expect(await findClient(db(), client.id)).not.toBeNull()
    const res = await browser.post(`/settings/developer/clients/${client.id}/delete`, { csrf_token: csrfToken(confirm.body) })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/developer?deleted=1')
    expect(await findClient(db(), client.id)).toBeNull()
    expect((await browser.get('/settings/developer?deleted=1')).body).toContain('The client was deleted')
  })
})

describe('connected apps', () => {
  it('revokes after a confirmation page, then redirects: the token fails at once', async () => {
    s = await testServer({ tokenCheckCacheSeconds: 60 })
    const bob = await makeUser(s.app, 'bob')
    const { client, secret } = await createClient(db(), s.clock, { name: 'A very long app name that goes on and on', redirectUris: ['https://a.example/cb'] })
    const browser = await loggedInBrowser(s.app, bob)
    const tokens = await exchangeCode(s.app, { id: client.id, secret }, await obtainCode(browser, { client_id: String(client.id) }))
    expect(await viewerState(s.app, tokens.access_token)).toBe('ok')
    const list = await browser.get('/settings/apps')
    expect(list.body).toContain(`href="/settings/apps/${client.id}/revoke"`)
    const confirm = await browser.get(`/settings/apps/${client.id}/revoke`)
    expect(confirm.statusCode).toBe(200)
    expect(await viewerState(s.app, tokens.access_token)).toBe('ok')
    const res = await browser.post(`/settings/apps/${client.id}/revoke`, { csrf_token: csrfToken(confirm.body) })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/settings/apps?revoked=${client.id}`)
    expect(await viewerState(s.app, tokens.access_token)).toBe('Invalid token')
    const after = await browser.get(res.headers.location as string)
    expect(after.body).toContain('was revoked')
    expect(after.body).toContain('No app is connected to your account.')
    expect((await browser.get(`/settings/apps/${client.id}/revoke`)).statusCode).toBe(404)
  })
})

describe('deleting the account', () => {
  /**
   * Alice: a token pair at Bob's app, an implicit token, a list, favourites, a profile, list options,
   * two sessions, and an app of her own that Carol holds a token for.
   */
  async function aliceWithEverything() {
    await seedCatalog(db(), s.clock)
    const bob = await makeUser(s.app, 'bob')
    const alice = await createUser(db(), s.clock, { name: 'Alice', email: 'alice@example.test', password: PASSWORD })
    const { client: bobsApp, secret } = await createClient(db(), s.clock, { name: 'Bob App', redirectUris: ['https://bob.example/cb'], ownerUserId: bob.id })
    const bobsCreds: Credentials = { id: bobsApp.id, secret }
    const browser = await loggedInBrowser(s.app, alice)
    const other = await loggedInBrowser(s.app, alice)
    const pair = await exchangeCode(s.app, bobsCreds, await obtainCode(browser, { client_id: String(bobsApp.id) }))
    const { client: ownApp, secret: ownSecret } = await createClient(db(), s.clock, { name: 'Alice App', redirectUris: ['https://alice.example/cb'], ownerUserId: alice.id })
    const carol = await loggedInBrowser(s.app, await makeUser(s.app, 'carol'))
    const carolsPair = await exchangeCode(s.app, { id: ownApp.id, secret: ownSecret }, await obtainCode(carol, { client_id: String(ownApp.id) }))
    const implicit = (await s.app.kiroku.tokens.issue({ clientId: bobsApp.id, userId: alice.id, grantType: 'implicit' })).accessToken
    await addEntries(s.app, alice.id, [[1, 'ANIME', { status: 'COMPLETED', score: 90 }], [30001, 'MANGA', { status: 'CURRENT', progress: 3 }]])
    await addEntries(s.app, bob.id, [[1, 'ANIME', { status: 'CURRENT' }]])
    await toggleFavourite(db(), s.clock, alice.id, 'ANIME', 1)
    await updateProfile(db(), s.clock, alice.id, { about: 'hi' })
    await updateListOptions(db(), s.clock, alice.id, { scoreFormat: 'POINT_10' })
    return { alice, bob, bobsCreds, browser, other, pair, implicit, ownApp, ownCreds: { id: ownApp.id, secret: ownSecret } as Credentials, carolsPair }
  }

  const confirmDeletion = (browser: Browser, fields: Record<string, string>) => postForm(browser, '/settings/account/delete', '/settings/account/delete', fields)

  it('revokes every token at once (GraphQL, introspection, refresh), deletes every row of the user, logs out, and frees the name', async () => {
    s = await testServer({ tokenCheckCacheSeconds: 60 })
    const w = await aliceWithEverything()
    // Every token was just checked: the token check cache would trust each for a minute untold.
    for (const token of [w.pair.access_token, w.implicit, w.carolsPair.access_token]) expect(await viewerState(s.app, token)).toBe('ok')

    const confirm = await w.browser.get('/settings/account/delete')
    expect(confirm.statusCode).toBe(200)
    expect(confirm.body).toMatch(/<label for="confirm-name">[^<]+<\/label>\s*<input id="confirm-name" name="name"/)
    const res = await confirmDeletion(w.browser, { name: 'alice', password: PASSWORD })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/')
    expect(res.cookies.find((c) => c.name === 'kiroku_session')?.value).toBe('')
    // The front page says so, once.
    const home = await w.browser.get('/')
    expect(home.body).toContain('Your account was deleted')
    expect(home.body).not.toContain('menu-name')
    expect((await w.browser.get('/')).body).not.toContain('Your account was deleted')

    for (const token of [w.pair.access_token, w.implicit, w.carolsPair.access_token]) expect(await viewerState(s.app, token)).toBe('Invalid token')
    const introspected = await postOAuth(s.app, '/api/v2/oauth/introspect', { token: w.pair.access_token, ...bodyCredentials(w.bobsCreds) })
    expect(introspected.json()).toEqual({ active: false })
    expect((await refresh(s.app, w.bobsCreds, w.pair.refresh_token)).statusCode).toBe(400)
    expect((await refresh(s.app, w.ownCreds, w.carolsPair.refresh_token)).statusCode).toBe(401)

    for (const browser of [w.browser, w.other]) expect((await browser.get('/settings/account')).statusCode).toBe(303)
    for (const table of ['sessions', 'oauth_access_tokens', 'oauth_refresh_tokens', 'oauth_codes', 'oauth_approvals', 'oauth_device_codes', 'user_profiles', 'media_list_options', 'favourites', 'media_list'] as const) {
      expect(await db().selectFrom(table).select('user_id').where('user_id', '=', w.alice.id).execute(), table).toEqual([])
    }
    expect(await db().selectFrom('users').select('id').where('id', '=', w.alice.id).execute()).toEqual([])
    expect(await db().selectFrom('oauth_clients').select('id').where('id', '=', w.ownApp.id).execute()).toEqual([])
    expect(await db().selectFrom('oauth_clients').select('id').where('owner_user_id', '=', w.alice.id).execute()).toEqual([])
    // Bob's own entry of the same work stays.
    expect(await db().selectFrom('media_list').select('user_id').where('media_id', '=', 1).execute()).toEqual([{ user_id: w.bob.id }])
    // The name is free again, for the sign-up form.
    const signup = new Browser(s.app)
    const form = await signup.get('/signup')
    expect((await signup.post('/signup', { csrf_token: csrfToken(form.body), name: 'ALICE', email: '', password: 'another password', next: '/' })).statusCode).toBe(303)
  })

  it('announces the revocations: another instance that trusts the tokens refuses them at once', async () => {
    s = await testServer({ tokenCheckCacheSeconds: 60 })
    const bus = new MemoryBus()
    const { clock, keys, config } = s.app.kiroku
    s.app.kiroku.tokens = new AccessTokens(db(), clock, keys, config.accessTokenTtlSeconds, { broadcast: bus.endpoint(), checkCacheSeconds: 60 })
    const other = new AccessTokens(db(), clock, keys, config.accessTokenTtlSeconds, { broadcast: bus.endpoint(), checkCacheSeconds: 60 })
    const w = await aliceWithEverything()
    for (const token of [w.pair.access_token, w.implicit, w.carolsPair.access_token]) await other.verify(token)
    expect((await confirmDeletion(w.browser, { name: 'Alice', password: PASSWORD })).statusCode).toBe(303)
    for (const token of [w.pair.access_token, w.implicit, w.carolsPair.access_token]) await expect(other.verify(token)).rejects.toBeInstanceOf(InvalidTokenError)
    const announced = bus.sent.filter(([topic]) => topic === REVOKED_TOPIC).flatMap(([, payload]) => payload.split(','))
    expect(announced).toHaveLength(3)
  })

  it('refuses a wrong name or password, and a form without its CSRF token, deleting nothing', async () => {
    s = await testServer()
    const w = await aliceWithEverything()
    const wrongName = await confirmDeletion(w.browser, { name: 'bob', password: PASSWORD })
    expect(wrongName.statusCode).toBe(400)
    expect(alertOf(wrongName.body)).toMatch(/Type your username/)
    const wrongPassword = await confirmDeletion(w.browser, { name: 'Alice', password: 'guess' })
    expect(wrongPassword.statusCode).toBe(403)
    expect((await w.browser.post('/settings/account/delete', { name: 'Alice', password: PASSWORD })).statusCode).toBe(403)
    expect(await findUserByName(db(), 'alice')).not.toBeNull()
    expect(await viewerState(s.app, w.pair.access_token)).toBe('ok')
  })
})
