/**
 * The OAuth pages in a real browser, with the demo's Demo App (it redirects to the PIN page): the
 * login page names the app, the approval page its owner and the "Not you?" switch, the PIN page shows
 * the whole token at both sizes, and a refusal leads back to the same request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { checkPage, DESKTOP, openSite, PHONE, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'

// The page's own globals, inside evaluate() callbacks (the test program has no DOM library).
declare const document: { getElementById(id: string): { scrollHeight: number; clientHeight: number; value: string } | null }

/** True when the token box shows all of its text: nothing scrolled out of view. */
async function tokenFullyVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const box = document.getElementById('pin-value')!
    return box.value.length > 0 && box.scrollHeight <= box.clientHeight + 1
  })
}

describe.runIf(runsBrowserTests)('the OAuth pages', () => {
  let site: Site
  let authorizeUrl: string
  beforeAll(async () => {
    site = await openSite()
    const demoApp = await site.server.app.kiroku.db.selectFrom('oauth_clients').select('id').where('name', '=', 'Demo App').executeTakeFirstOrThrow()
    authorizeUrl = `/api/v2/oauth/authorize?client_id=${demoApp.id}&response_type=token`
  })
  afterAll(async () => {
    await site?.close()
  })

  it('login from an authorize link, approval, the whole token on the PIN page', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await page.goto(authorizeUrl)
    await page.getByRole('heading', { name: 'Log in to let Demo App use your Kiroku account' }).waitFor()
    await checkPage(watched, 'oauth-login-from-app')
    await page.getByLabel('Username').fill('demo')
    await page.getByLabel('Password').fill('demo')
    await Promise.all([page.waitForURL((url) => url.pathname === '/api/v2/oauth/authorize'), page.getByRole('button', { name: 'Log in' }).click()])
    await page.getByRole('heading', { name: 'Authorize Demo App' }).waitFor()
    await expect(page.locator('.app-owner').innerText()).resolves.toBe('Demo App by demo')
    await expect(page.getByRole('button', { name: 'Log in as someone else' }).isVisible()).resolves.toBe(true)
    await checkPage(watched, 'oauth-approve')
    await Promise.all([page.waitForURL((url) => url.pathname === '/api/v2/oauth/pin'), page.getByRole('button', { name: 'Approve' }).click()])
    await page.getByLabel('Access token').waitFor()
    // A token arrived: no way back is offered.
    await expect(page.getByRole('link', { name: 'Start again' }).isVisible()).resolves.toBe(false)
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size)
      // (Where CSS cannot size the box, pin.js does on resize: poll rather than race it.)
      await expect.poll(() => tokenFullyVisible(page), { message: `token fully visible at ${size.width}px` }).toBe(true)
    }
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'oauth-pin-token')
    await watched.context.close()
  })

  it('a refusal reads well and leads back to the same request; "Not you?" switches accounts from the keyboard', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await page.goto(`/login?next=${encodeURIComponent(authorizeUrl)}`)
    await page.getByLabel('Username').fill('demo')
    await page.getByLabel('Password').fill('demo')
    await Promise.all([page.waitForURL((url) => url.pathname === '/api/v2/oauth/authorize'), page.getByRole('button', { name: 'Log in' }).click()])
    await Promise.all([page.waitForURL((url) => url.pathname === '/api/v2/oauth/pin'), page.getByRole('button', { name: 'Deny' }).click()])
    await expect(page.getByText('No token was issued: the request was denied.').isVisible()).resolves.toBe(true)
    const startAgain = page.getByRole('link', { name: 'Start again' })
    await expect(startAgain.isVisible()).resolves.toBe(true)
    await checkPage(watched, 'oauth-pin-error')
    // Keyboard: focus "Start again", Enter: the same request's approval page.
    await startAgain.focus()
    await Promise.all([page.waitForURL((url) => url.pathname === '/api/v2/oauth/authorize'), page.keyboard.press('Enter')])
    await page.getByRole('heading', { name: 'Authorize Demo App' }).waitFor()
    const notYou = page.getByRole('button', { name: 'Log in as someone else' })
    await notYou.focus()
    await Promise.all([page.waitForURL((url) => url.pathname === '/login'), page.keyboard.press('Enter')])
    await page.getByRole('heading', { name: 'Log in to let Demo App use your Kiroku account' }).waitFor()
    expect(new URL(page.url()).searchParams.get('next')).toBe(authorizeUrl)
    await watched.context.close()
  })
})
