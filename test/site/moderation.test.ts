/** /moderation: the moderators' record on the site, for moderators only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import type { Browser } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'
import type { User } from '../../src/accounts/users.js'
import { grantRole } from '../../src/accounts/roles.js'
import { recordModAction } from '../../src/community/moderation/mod-actions.js'
import { MOD_ACTIONS_PER_PAGE } from '../../src/site/moderation/routes.js'

let s: TestServer
let alice: User
let mod: User
let aliceBrowser: Browser
let modBrowser: Browser

beforeAll(async () => {
  s = await catalogServer()
  alice = await makeUser(s.app, 'alice')
  mod = await makeUser(s.app, 'moddy')
  await grantRole(s.app.kiroku.db, s.clock, mod.id, 'moderator')
  aliceBrowser = await loggedInBrowser(s.app, alice)
  modBrowser = await loggedInBrowser(s.app, mod)
})
afterAll(async () => s.app.close())

const rowsOf = (html: string) => [...html.matchAll(/<tr>\s*<td><time[^>]*>[^<]*<\/time><\/td>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim())

describe('/moderation', () => {
  it('sends a visitor to log in and refuses a user who is no moderator', async () => {
    const visitor = await s.app.inject({ method: 'GET', url: '/moderation' })
    expect(visitor.statusCode).toBe(303)
    expect(visitor.headers.location).toBe('/login?next=%2Fmoderation')
    const user = await aliceBrowser.get('/moderation')
    expect(user.statusCode).toBe(403)
    expect(user.body).toContain('Only moderators see the moderation record.')
  })

  it('shows a moderator the record, newest first, in words, and pages it', async () => {
    const empty = await modBrowser.get('/moderation')
    expect(empty.statusCode).toBe(200)
    expect(empty.body).toContain('No moderator has acted yet.')
    const db = s.app.kiroku.db
    await recordModAction(db, s.clock, { modId: mod.id, userId: alice.id, type: 'EDIT', objectId: 7, objectType: 'Thread', data: JSON.stringify({ locked: true, sticky: true }) })
    await recordModAction(db, s.clock, { modId: mod.id, userId: alice.id, type: 'DELETE', objectId: 9, objectType: 'ThreadComment', data: '{}' })
    const page = await modBrowser.get('/moderation')
    expect(rowsOf(page.body)).toEqual(['moddy deleted comment 9 alice', 'moddy locked and made sticky thread 7 alice'])
    expect(page.body).toContain('href="/forum/thread/7"')
    for (let i = 0; i < MOD_ACTIONS_PER_PAGE; i++) await recordModAction(db, s.clock, { modId: mod.id, userId: alice.id, type: 'EDIT', objectId: i, objectType: 'ThreadComment', data: '{"locked":false}' })
    const first = await modBrowser.get('/moderation')
    expect(rowsOf(first.body)).toHaveLength(MOD_ACTIONS_PER_PAGE)
    expect(first.body).toContain('href="/moderation?page=2"')
    const second = await modBrowser.get('/moderation?page=2')
    expect(rowsOf(second.body)).toEqual(['moddy deleted comment 9 alice', 'moddy locked and made sticky thread 7 alice'])
    expect((await modBrowser.get('/moderation?page=3')).statusCode).toBe(404)
    expect((await modBrowser.get('/moderation?page=zz')).statusCode).toBeLessThan(500)
  })
})
