/**
 * Renaming an account in the settings (the only way: AniList's UpdateUser has no name argument):
 * the password asked, CSRF checked, sign-up's name rules, the old name kept and listed newest first
 * in User.previousNames, /user/:oldName leading to the current profile while nobody holds the old
 * name, and the old name free for anyone to take.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import { graphql, loggedInBrowser, makeUser, PASSWORD } from '../helpers/flow.js'
import { findUserById, type User } from '../../src/accounts/users.js'
import { MAX_RENAMES_PER_DAY, renameUser } from '../../src/accounts/previous-names.js'
import { StatementCounter } from '../helpers/statement-counter.js'

let s: TestServer
let alice: User
let browser: Browser

beforeAll(async () => {
  s = await testServer()
  alice = await makeUser(s.app, 'alice')
  await makeUser(s.app, 'bob')
  browser = await loggedInBrowser(s.app, alice)
})
afterAll(async () => s.app.close())

const alertOf = (html: string) => {
  const match = /role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(html)
  return match ? decodeEntities(match[1]!.trim()) : null
}
async function rename(name: string, password = PASSWORD, by = browser): Promise<LightMyRequestResponse> {
  const page = await by.get('/settings/account')
  expect(page.statusCode).toBe(200)
  return by.post('/settings/account/name', { csrf_token: csrfToken(page.body), name, current_password: password })
}
const PREVIOUS = 'query ($id: Int) { User(id: $id) { name previousNames { name createdAt updatedAt } } }'

describe('renaming in the settings', () => {
  it('renames after the password, with a flash, and keeps the old name', async () => {
    const res = await rename('Alicia')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/settings/account?done=name')
    const page = await browser.get('/settings/account?done=name')
    expect(page.body).toContain('Your username was changed.')
    expect((await findUserById(s.app.kiroku.db, alice.id))?.name).toBe('Alicia')
    const api = await graphql(s.app, PREVIOUS, undefined, { id: alice.id })
    expect(api.body.data.User).toEqual({ name: 'Alicia', previousNames: [{ name: 'alice', createdAt: s.clock(), updatedAt: s.clock() }] })
  })

  it('lists the previous names newest first, and a name left twice once, with when it was first and last left', async () => {
    const first = s.clock()
    s.clock.advance(100)
    expect((await rename('alice')).statusCode).toBe(303)
    s.clock.advance(100)
    expect((await rename('Ally')).statusCode).toBe(303)
    const api = await graphql(s.app, PREVIOUS, undefined, { id: alice.id })
    expect(api.body.data.User.previousNames).toEqual([
      { name: 'alice', createdAt: first, updatedAt: first + 200 },
      { name: 'Alicia', createdAt: first + 100, updatedAt: first + 100 },
    ])
  })

  it('refuses a taken name in any case, a bad name and a wrong password, changing nothing', async () => {
    const taken = await rename('BOB')
    expect(taken.statusCode).toBe(400)
    expect(alertOf(taken.body)).toBe('The username "BOB" is already taken.')
    const bad = await rename('no spaces!')
    expect(bad.statusCode).toBe(400)
    expect(alertOf(bad.body)).toBe('The username must be 2 to 20 letters or digits.')
    const wrong = await rename('Alison', 'not the password')
    expect(wrong.statusCode).toBe(403)
    expect(alertOf(wrong.body)).toBe('The current password is wrong.')
    expect((await findUserById(s.app.kiroku.db, alice.id))?.name).toBe('Ally')
  })

  it('refuses the form without its CSRF token', async () => {
    const res = await browser.post('/settings/account/name', { name: 'Mallory', current_password: PASSWORD })
    expect(res.statusCode).toBe(403)
    expect((await findUserById(s.app.kiroku.db, alice.id))?.name).toBe('Ally')
  })

  it('asks a visitor to log in', async () => {
    const res = await new Browser(s.app).post('/settings/account/name', { name: 'Mallory', current_password: PASSWORD })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toMatch(/^\/login/)
  })
})

describe('old names', () => {
  it('lead from /user/:oldName (any case, any tab) to the current profile', async () => {
    const visitor = new Browser(s.app)
    const overview = await visitor.get('/user/ALICIA')
    expect(overview.statusCode).toBe(302)
    expect(overview.headers.location).toBe('/user/Ally')
    const tab = await visitor.get('/user/Alicia/animelist?status=CURRENT')
    expect(tab.headers.location).toBe('/user/Ally/animelist?status=CURRENT')
    for (const tabName of ['favorites', 'stats', 'activity', 'followers', 'following']) {
      expect((await visitor.get(`/user/alicia/${tabName}`)).headers.location, tabName).toBe(`/user/Ally/${tabName}`)
    }
    expect((await visitor.get('/user/Ally')).statusCode).toBe(200)
    expect((await visitor.get('/user/nobodyEver')).statusCode).toBe(404)
  })

  it('may be taken by someone else, and then lead to them', async () => {
    const carol = await makeUser(s.app, 'carol')
    await renameUser(s.app.kiroku.db, s.clock, carol.id, 'Alicia')
    const visitor = new Browser(s.app)
    const res = await visitor.get('/user/Alicia')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Alicia')
    // carol's own old name leads to her.
    expect((await visitor.get('/user/carol')).headers.location).toBe('/user/Alicia')
  })

  it('a change of case alone keeps no previous name', async () => {
    const dave = await makeUser(s.app, 'dave')
    await renameUser(s.app.kiroku.db, s.clock, dave.id, 'Dave')
    const api = await graphql(s.app, PREVIOUS, undefined, { id: dave.id })
    expect(api.body.data.User).toEqual({ name: 'Dave', previousNames: [] })
  })
})

describe('User.previousNames on a page of users', () => {
  it('reads every user’s previous names in one statement, however many users are on the page', async () => {
    const counter = new StatementCounter()
    const db = s.app.kiroku.db
    s.app.kiroku.db = db.withPlugin(counter)
    try {
      const statements = async (perPage: number) => {
        counter.count = 0
        const res = await graphql(s.app, 'query ($n: Int) { Page(perPage: $n) { users(sort: ID) { name previousNames { name } } } }', undefined, { n: perPage })
        expect(res.body.errors).toBeUndefined()
        expect(res.body.data.Page.users).toHaveLength(perPage)
        return counter.count
      }
      const one = await statements(1)
      expect(one).toBeGreaterThan(0)
      expect(await statements(4)).toBe(one)
    } finally {
      s.app.kiroku.db = db
    }
  })
})

describe('the daily limit', () => {
  it('refuses a rename past MAX_RENAMES_PER_DAY names given up in a day, taking it back, and allows it the next day', async () => {
    const erin = await makeUser(s.app, 'erin')
    const erinBrowser = await loggedInBrowser(s.app, erin)
    for (let i = 1; i <= MAX_RENAMES_PER_DAY; i++) expect((await rename(`erin${i}`, PASSWORD, erinBrowser)).statusCode).toBe(303)
    const refused = await rename('erinAgain', PASSWORD, erinBrowser)
    expect(refused.statusCode).toBe(400)
    expect(alertOf(refused.body)).toBe('You changed your username too often today. Try again tomorrow.')
    expect((await findUserById(s.app.kiroku.db, erin.id))?.name).toBe(`erin${MAX_RENAMES_PER_DAY}`)
    s.clock.advance(86_400)
    expect((await rename('erinAgain', PASSWORD, erinBrowser)).statusCode).toBe(303)
  })
})
