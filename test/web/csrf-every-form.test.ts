/**
 * Every form Kiroku serves checks its CSRF token: without one, or with a wrong one, the POST is
 * refused with 403 and does nothing; with the page's own token it goes through. A logged-in user's
 * forms want the session's token: a valid anonymous form pair (cookie and token) does not stand in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, hiddenFields } from '../helpers/browser.js'
import { authorize, loggedInBrowser, makeClient, makeUser, PASSWORD } from '../helpers/flow.js'
import { bodyCredentials, postOAuth } from '../helpers/oauth.js'
import { follows } from '../../src/social/follows.js'
import { findActivities, loadActivity } from '../../src/social/activity-store.js'
import { saveTextActivity } from '../../src/social/activity-actions.js'
import { replyCounts } from '../../src/social/reply-store.js'
import { likeCounts } from '../../src/social/likes.js'
import { NO_POSTING_LIMIT } from '../../src/social/posting-limit.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

interface FormUnderTest {
  browser: Browser
  path: string
  /** The form's fields but its token. */
  fields: Record<string, string>
  /** The token the page showed. */
  token: string
  /** Whether what the form does was done. */
  done(): Promise<boolean>
  loggedIn: boolean
}

const count = async (table: 'users' | 'sessions' | 'oauth_clients' | 'oauth_approvals') =>
  Number((await s.app.kiroku.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

const FORMS: Record<string, () => Promise<FormUnderTest>> = {
  async login() {
    const user = await makeUser(s.app)
    const browser = new Browser(s.app)
    const token = csrfToken((await browser.get('/login')).body)
    return { browser, path: '/login', fields: { name: user.name, password: PASSWORD, next: '/' }, token, loggedIn: false, done: async () => (await count('sessions')) > 0 }
  },
  async signup() {
    const browser = new Browser(s.app)
    const token = csrfToken((await browser.get('/signup')).body)
    return { browser, path: '/signup', fields: { name: 'newbie', password: 'a long enough passphrase', next: '/' }, token, loggedIn: false, done: async () => (await count('users')) > 0 }
  },
  async logout() {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const token = csrfToken((await browser.get('/')).body)
    return { browser, path: '/logout', fields: {}, token, loggedIn: true, done: async () => (await count('sessions')) === 0 }
  },
  async 'authorize (approve)'() {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const { client } = await makeClient(s.app)
    const page = await browser.get(`/api/v2/oauth/authorize?client_id=${client.id}&response_type=token`)
    expect(page.statusCode).toBe(200)
    const fields = hiddenFields(page.body, '/api/v2/oauth/authorize')
    delete fields.csrf_token
    return { browser, path: '/api/v2/oauth/authorize', fields: { ...fields, decision: 'approve' }, token: csrfToken(page.body), loggedIn: true, done: async () => (await count('oauth_approvals')) > 0 }
  },
  async 'developer: register an app'() {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const token = csrfToken((await browser.get('/settings/developer')).body)
    return { browser, path: '/settings/developer/clients', fields: { name: 'My App', redirect_uris: 'https://my.example/cb' }, token, loggedIn: true, done: async () => (await count('oauth_clients')) > 0 }
  },
  async 'developer: delete an app'() {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const { createClient } = await import('../../src/oauth/clients.js')
    const { client } = await createClient(s.app.kiroku.db, s.app.kiroku.clock, { name: 'Mine', redirectUris: ['https://my.example/cb'], ownerUserId: user.id })
    const token = csrfToken((await browser.get('/settings/developer')).body)
    return { browser, path: `/settings/developer/clients/${client.id}/delete`, fields: {}, token, loggedIn: true, done: async () => (await count('oauth_clients')) === 0 }
  },
  async 'connected apps: revoke'() {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const { client } = await makeClient(s.app)
    await authorize(browser, { client_id: String(client.id), response_type: 'token' })
    expect(await count('oauth_approvals')).toBe(1)
    const token = csrfToken((await browser.get('/settings/apps')).body)
    return { browser, path: `/settings/apps/${client.id}/revoke`, fields: {}, token, loggedIn: true, done: async () => (await count('oauth_approvals')) === 0 }
  },
  async 'developer: edit an app'() {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const { createClient, findClient } = await import('../../src/oauth/clients.js')
    const { client } = await createClient(s.app.kiroku.db, s.app.kiroku.clock, { name: 'Mine', redirectUris: ['https://my.example/cb'], ownerUserId: user.id })
    const token = csrfToken((await browser.get(`/settings/developer/clients/${client.id}/edit`)).body)
    return { browser, path: `/settings/developer/clients/${client.id}`, fields: { name: 'Renamed', redirect_uris: 'https://my.example/cb' }, token, loggedIn: true, done: async () => (await findClient(s.app.kiroku.db, client.id))?.name === 'Renamed' }
  },
  async 'developer: rotate a secret'() {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const { createClient, verifyClientSecret } = await import('../../src/oauth/clients.js')
    const { client, secret } = await createClient(s.app.kiroku.db, s.app.kiroku.clock, { name: 'Mine', redirectUris: ['https://my.example/cb'], ownerUserId: user.id })
    const token = csrfToken((await browser.get('/settings/developer')).body)
    return { browser, path: `/settings/developer/clients/${client.id}/secret`, fields: {}, token, loggedIn: true, done: async () => !(await verifyClientSecret(s.app.kiroku.db, client.id, secret!)) }
  },
  async 'account: change the email'() {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const token = csrfToken((await browser.get('/settings/account')).body)
    const email = async () => (await s.app.kiroku.db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow()).email
    return { browser, path: '/settings/account/email', fields: { email: 'new@example.test', current_password: PASSWORD }, token, loggedIn: true, done: async () => (await email()) === 'new@example.test' }
  },
  async 'account: change the password'() {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const token = csrfToken((await browser.get('/settings/account')).body)
    const { verifyCredentials } = await import('../../src/accounts/users.js')
    const fields = { current_password: PASSWORD, new_password: 'another long password', new_password_again: 'another long password' }
    return { browser, path: '/settings/account/password', fields, token, loggedIn: true, done: async () => (await verifyCredentials(s.app.kiroku.db, user.name, PASSWORD)) === null }
  },
  async 'account: delete it'() {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const token = csrfToken((await browser.get('/settings/account/delete')).body)
    return { browser, path: '/settings/account/delete', fields: { name: user.name, password: PASSWORD }, token, loggedIn: true, done: async () => (await count('users')) === 0 }
  },
  async 'list settings'() {
    const user = await makeUser(s.app)
    const browser = await loggedInBrowser(s.app, user)
    const token = csrfToken((await browser.get('/settings/lists')).body)
    const { getListOptionsOf } = await import('../../src/lists/list-options.js')
    return { browser, path: '/settings/lists', fields: { title_language: 'NATIVE', score_format: 'POINT_3' }, token, loggedIn: true, done: async () => (await getListOptionsOf(s.app.kiroku.db, user.id)).scoreFormat === 'POINT_3' }
  },
  async 'follow a user'() {
    const me = await makeUser(s.app, 'follower')
    const them = await makeUser(s.app, 'followed')
    const browser = await loggedInBrowser(s.app, me)
    const token = csrfToken((await browser.get('/user/followed')).body)
    return { browser, path: '/user/followed/follow', fields: { follow: '1' }, token, loggedIn: true, done: async () => follows(s.app.kiroku.db, me.id, them.id) }
  },
  async 'post a status'() {
    const me = await makeUser(s.app, 'poster')
    const browser = await loggedInBrowser(s.app, me)
    const token = csrfToken((await browser.get('/')).body)
    const posted = async () => (await findActivities(s.app.kiroku.db, { filter: { userId: me.id }, viewerId: me.id }, { limit: 1, offset: 0 })).length > 0
    return { browser, path: '/activity', fields: { text: 'Hello' }, token, loggedIn: true, done: posted }
  },
  async 'reply to an activity'() {
    const me = await makeUser(s.app, 'replier')
    const activity = await saveTextActivity({ db: s.app.kiroku.db, clock: s.app.kiroku.clock, postingLimit: NO_POSTING_LIMIT }, me.id, { text: 'Thread' })
    const browser = await loggedInBrowser(s.app, me)
    const token = csrfToken((await browser.get(`/activity/${activity.id}`)).body)
    return { browser, path: `/activity/${activity.id}/replies`, fields: { text: 'A reply' }, token, loggedIn: true, done: async () => (await replyCounts(s.app.kiroku.db, [activity.id])).get(activity.id)! > 0 }
  },
  async 'like an activity'() {
    const me = await makeUser(s.app, 'liker')
    const activity = await saveTextActivity({ db: s.app.kiroku.db, clock: s.app.kiroku.clock, postingLimit: NO_POSTING_LIMIT }, me.id, { text: 'Likeable' })
    const browser = await loggedInBrowser(s.app, me)
    const token = csrfToken((await browser.get(`/activity/${activity.id}`)).body)
    return { browser, path: `/activity/${activity.id}/like`, fields: { like: '1' }, token, loggedIn: true, done: async () => (await likeCounts(s.app.kiroku.db, 'ACTIVITY', [activity.id])).get(activity.id)! > 0 }
  },
  async 'delete an activity'() {
    const me = await makeUser(s.app, 'deleter')
    const activity = await saveTextActivity({ db: s.app.kiroku.db, clock: s.app.kiroku.clock, postingLimit: NO_POSTING_LIMIT }, me.id, { text: 'Doomed' })
    const browser = await loggedInBrowser(s.app, me)
    const token = csrfToken((await browser.get(`/activity/${activity.id}/delete`)).body)
    return { browser, path: `/activity/${activity.id}/delete`, fields: {}, token, loggedIn: true, done: async () => (await loadActivity(s.app.kiroku.db, activity.id)) === null }
  },
  async 'send a message'() {
    const me = await makeUser(s.app, 'messenger')
    const them = await makeUser(s.app, 'recipient')
    const browser = await loggedInBrowser(s.app, me)
    const token = csrfToken((await browser.get('/user/recipient/activity')).body)
    const sent = async () => (await findActivities(s.app.kiroku.db, { filter: { userId: them.id }, viewerId: them.id }, { limit: 1, offset: 0 })).length > 0
    return { browser, path: '/user/recipient/message', fields: { message: 'Hi' }, token, loggedIn: true, done: sent }
  },
  async 'activate a device'() {
    const browser = await loggedInBrowser(s.app, await makeUser(s.app))
    const { client, secret } = await makeClient(s.app, ['https://tv.example/unused'], 'TV')
    const started = (await postOAuth(s.app, '/api/v2/oauth/device/code', bodyCredentials({ id: client.id, secret }))).json() as { user_code: string }
    const token = csrfToken((await browser.get('/activate')).body)
    const status = async () => (await s.app.kiroku.db.selectFrom('oauth_device_codes').select('status').executeTakeFirstOrThrow()).status
    return { browser, path: '/activate', fields: { user_code: started.user_code, decision: 'approve' }, token, loggedIn: true, done: async () => (await status()) === 'approved' }
  },
}

describe.each(Object.keys(FORMS))('the %s form', (name) => {
  const open = FORMS[name]!

  it('refuses a post without a CSRF token: 403, nothing done', async () => {
    const form = await open()
    const res = await form.browser.post(form.path, form.fields)
    expect(res.statusCode).toBe(403)
    expect(await form.done()).toBe(false)
  })

  it('refuses a post with a wrong CSRF token: 403, nothing done', async () => {
    const form = await open()
    const res = await form.browser.post(form.path, { ...form.fields, csrf_token: 'x'.repeat(form.token.length) })
    expect(res.statusCode).toBe(403)
    expect(await form.done()).toBe(false)
  })

  it('does what it says with the page\'s own token', async () => {
    const form = await open()
    const res = await form.browser.post(form.path, { ...form.fields, csrf_token: form.token })
    expect(res.statusCode).not.toBe(403)
    expect(await form.done()).toBe(true)
  })

  it('when it is a logged-in form, refuses a valid anonymous form pair in place of the session\'s token', async () => {
    const form = await open()
    if (!form.loggedIn) return
    const anonymous = await s.app.inject({ method: 'GET', url: '/login' })
    for (const cookie of anonymous.cookies) form.browser.cookies.set(cookie.name, cookie.value)
    const res = await form.browser.post(form.path, { ...form.fields, csrf_token: csrfToken(anonymous.body) })
    expect(res.statusCode).toBe(403)
    expect(await form.done()).toBe(false)
  })
})
