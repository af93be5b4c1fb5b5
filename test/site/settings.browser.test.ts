/**
 * The settings pages in a real browser: the developer page's create → secret shown once with a Copy
 * button → reload (no secret, nothing posted again) → edit → rotate → delete with confirmation; a
 * connected app revoked behind its confirmation page; the account and list pages; and deleting a
 * fresh account from the keyboard, which kills a token it held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage, logIn, openSite, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'
import { findUserByName } from '../../src/accounts/users.js'
import { createClient } from '../../src/oauth/clients.js'
import { recordApproval } from '../../src/oauth/approvals.js'

describe.runIf(runsBrowserTests)('the settings pages', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  const viewerName = async (token: string) => {
    const res = await fetch(`${site.server.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ Viewer { name } }' }),
    })
    const body = (await res.json()) as { data?: { Viewer?: { name: string } }; errors?: Array<{ message: string }> }
    return body.data?.Viewer?.name ?? body.errors?.[0]?.message
  }

  it('developer: create shows the secret once with Copy; a reload shows it no more and posts nothing; edit, rotate, delete', async () => {
    const watched = await watchedPage(site)
    const { page, context } = watched
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.server.baseUrl })
    await logIn(page, 'demo', 'demo', '/settings/developer')
    const { db } = site.server.app.kiroku
    const before = (await db.selectFrom('oauth_clients').select('id').execute()).length

    await page.getByLabel('Name', { exact: true }).fill('Browser Test App')
    await page.getByLabel('Redirect URIs (one per line)').fill('https://browser.example/callback\nmyapp://a-rather-long-custom-scheme-callback/that/keeps/going/and/going')
    await Promise.all([page.waitForURL(/\/settings\/developer\?shown=/), page.getByRole('button', { name: 'Create client' }).click()])
    const secret = (await page.locator('#new-secret').textContent())!
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(page.url()).not.toContain(secret)
    const copy = page.getByRole('button', { name: 'Copy secret' })
    await copy.click()
    await expect.poll(() => page.locator('#copy-status').textContent()).toBe('Copied to the clipboard.')
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(secret)
    await checkPage(watched, 'settings-developer-secret')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'settings-developer-secret-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    const posts: string[] = []
    page.on('request', (request) => void (request.method() === 'POST' && posts.push(request.url())))
    await page.reload()
    expect(posts).toEqual([])
    expect(await page.locator('#new-secret').count()).toBe(0)
    expect(await page.content()).not.toContain(secret)
    expect((await db.selectFrom('oauth_clients').select('id').execute()).length).toBe(before + 1)

    const card = page.locator('.settings-card', { hasText: 'Browser Test App' })
    await Promise.all([page.waitForURL(/\/edit$/), card.getByRole('link', { name: 'Edit Browser Test App' }).click()])
    await checkPage(watched, 'settings-client-edit')
    await page.getByLabel('Name', { exact: true }).fill('Renamed Browser App')
    await page.getByLabel('Redirect URIs (one per line)').fill('https://browser.example/new-callback')
    await Promise.all([page.waitForURL(/\?saved=1$/), page.getByRole('button', { name: 'Save' }).click()])
    const renamed = page.locator('.settings-card', { hasText: 'Renamed Browser App' })
    await expect.poll(() => renamed.locator('.uri-list').textContent()).toBe('https://browser.example/new-callback')

    await Promise.all([page.waitForURL(/\?shown=/), renamed.getByRole('button', { name: 'Rotate secret of Renamed Browser App' }).click()])
    const rotated = (await page.locator('#new-secret').textContent())!
    expect(rotated).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(rotated).not.toBe(secret)
    expect(await page.getByRole('heading', { name: 'New secret for "Renamed Browser App"' }).count()).toBe(1)

    await Promise.all([page.waitForURL(/\/delete$/), page.locator('.settings-card', { hasText: 'Renamed Browser App' }).getByRole('link', { name: 'Delete Renamed Browser App' }).click()])
    await checkPage(watched, 'settings-client-delete')
    await Promise.all([page.waitForURL(/\?deleted=1$/), page.getByRole('button', { name: 'Delete client' }).click()])
    expect(await page.locator('.settings-card', { hasText: 'Renamed Browser App' }).count()).toBe(0)
    expect((await db.selectFrom('oauth_clients').select('id').execute()).length).toBe(before)
    await checkPage(watched, 'settings-developer')
    await context.close()
  })

  it('connected apps stack on a phone and revoke behind a confirmation; the account and list pages pass', async () => {
    const watched = await watchedPage(site)
    const { page, context } = watched
    const { db, clock } = site.server.app.kiroku
    const demo = (await findUserByName(db, 'demo'))!
    const { client } = await createClient(db, clock, { name: 'An App With A Really Quite Remarkably Long Name, Longer Than Any Phone Is Wide', redirectUris: ['https://long.example/cb'] })
    await recordApproval(db, clock, demo.id, client.id)
    await logIn(page, 'demo', 'demo', '/settings/apps')
    await checkPage(watched, 'settings-apps')
    await Promise.all([page.waitForURL(/\/revoke$/), page.getByRole('link', { name: `Revoke access for ${client.name}` }).click()])
    await checkPage(watched, 'settings-app-revoke')
    await Promise.all([page.waitForURL(/\?revoked=/), page.getByRole('button', { name: 'Revoke access' }).click()])
    expect(await page.getByRole('status').textContent()).toContain('was revoked')
    expect(await page.getByRole('link', { name: `Revoke access for ${client.name}` }).count()).toBe(0)

    await page.goto('/settings/account')
    await checkPage(watched, 'settings-account')
    await page.goto('/settings/lists')
    await checkPage(watched, 'settings-lists')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'settings-lists-dark')
    await context.close()
  })

  it('deleting a fresh account from the keyboard kills a token it held at once', async () => {
    const watched = await watchedPage(site)
    const { page, context } = watched
    await page.goto('/signup')
    await page.getByLabel('Username').fill('Leaver')
    await page.getByLabel('Password').fill('a password to leave with')
    await Promise.all([page.waitForURL((url) => url.pathname !== '/signup'), page.getByRole('button', { name: 'Create account' }).click()])
    const { db, clock, tokens } = site.server.app.kiroku
    const leaver = (await findUserByName(db, 'Leaver'))!
    const { client } = await createClient(db, clock, { name: 'Leaver App', redirectUris: ['https://leaver.example/cb'] })
    const token = (await tokens.issue({ clientId: client.id, userId: leaver.id, grantType: 'implicit' })).accessToken
    expect(await viewerName(token)).toBe('Leaver')

    await page.goto('/settings/account')
    await Promise.all([page.waitForURL(/\/settings\/account\/delete$/), page.getByRole('link', { name: 'Delete account…' }).click()])
    await checkPage(watched, 'settings-account-delete')
    // Keyboard only: focus the first field, type, Tab to the next, Enter submits.
    await page.getByLabel('Type your username to confirm').focus()
    await page.keyboard.type('leaver')
    await page.keyboard.press('Tab')
    await page.keyboard.type('a password to leave with')
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.keyboard.press('Enter')])
    expect(await page.getByRole('status').textContent()).toContain('Your account was deleted')

    expect(await viewerName(token)).toBe('Invalid token')
    expect(await findUserByName(db, 'Leaver')).toBeNull()
    await page.goto('/settings/account')
    expect(new URL(page.url()).pathname).toBe('/login')
    await context.close()
  })
})
