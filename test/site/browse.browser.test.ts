/**
 * The browse pages in a real browser: a visitor's home page, an anime search by genre and format
 * done with the keyboard alone, the result grid, and the logged-in home page's +1 with JavaScript
 * (the card updates in place, the page does not navigate) and without (the form posts and comes back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { checkPage, logIn, openSite, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'

// The page's own globals, inside evaluate() callbacks (the test program has no DOM library).
declare const document: { activeElement: { matches(selector: string): boolean } | null }
declare const window: Record<string, unknown>

/** Presses Tab until the element matching `selector` has the focus (the keyboard's way to a field). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
  }
  throw new Error(`Tab never reached ${selector}`)
}

describe.runIf(runsBrowserTests)('the browse pages', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  it('lets a visitor search anime by genre and format with the keyboard alone', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'Trending now' }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole('link', { name: 'Sign up' }).count()).resolves.toBeGreaterThan(0)
    await checkPage(watched, 'browse-home-visitor')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'browse-home-visitor-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    // The header's Anime link, reached and followed from the keyboard.
    await tabTo(page, '.primary-nav a[href="/search/anime"]')
    await Promise.all([page.waitForURL('**/search/anime'), page.keyboard.press('Enter')])
    await tabTo(page, 'select#format')
    await page.keyboard.type('Movie')
    await tabTo(page, 'select#genre')
    await page.keyboard.type('Mecha')
    await tabTo(page, '.search-form button[type="submit"]')
    await Promise.all([page.waitForURL((url) => url.searchParams.get('genre') === 'Mecha'), page.keyboard.press('Enter')])
    const url = new URL(page.url())
    expect(url.pathname).toBe('/search/anime')
    expect(url.searchParams.get('format')).toBe('MOVIE')

    const cards = page.locator('.cover-grid.results .cover-card')
    expect(await cards.count()).toBeGreaterThan(0)
    for (const meta of await cards.locator('.cover-meta').allTextContents()) expect(meta).toMatch(/^Movie/)
    await expect(page.getByLabel('Genre').inputValue()).resolves.toBe('Mecha')
    await checkPage(watched, 'browse-search-results')

    // A value the form cannot send: the form comes back with the problem, as a 400.
    watched.allow(/\/search\/anime\?year=nineteen/, 400)
    await page.goto('/search/anime?year=nineteen')
    // Chromium logs every 4xx page load to the console; this one was asked for.
    const logged = watched.problems.findIndex((p) => p.startsWith('console: Failed to load resource: the server responded with a status of 400') && p.includes('year=nineteen'))
    if (logged >= 0) watched.problems.splice(logged, 1)
    await expect(page.getByRole('alert').textContent()).resolves.toContain('The year must be a number')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'browse-search-invalid-dark')
    await watched.context.close()
  })

  it('adds one episode on the home page without a reload, announcing it', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'demo', 'demo')
    await expect(page.getByRole('heading', { name: 'In progress' }).isVisible()).resolves.toBe(true)
    await checkPage(watched, 'browse-home-demo')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'browse-home-demo-dark')

    const card = page.locator('.progress-card[data-media-id="1"]')
    const before = Number(await card.locator('.progress-value').textContent())
    // A mark on the window: a navigation would lose it.
    await page.evaluate(() => void (window.kirokuMark = 'still here'))
    const address = page.url()
    await card.getByRole('button').focus()
    await page.keyboard.press('Space')
    await expect.poll(() => card.locator('.progress-value').textContent()).toBe(String(before + 1))
    await expect.poll(() => page.locator('#plus-one-status').textContent()).toContain(`${before + 1} of 26`)
    expect(await page.evaluate(() => window.kirokuMark)).toBe('still here')
    expect(page.url()).toBe(address)
    // The change was saved: a fresh load shows it.
    await page.reload()
    await expect(card.locator('.progress-value').textContent()).resolves.toBe(String(before + 1))
    expect(watched.problems).toEqual([])
    await watched.context.close()
  })

  it('adds one episode through the plain form when JavaScript is off', async () => {
    const watched = await watchedPage(site, { javaScriptEnabled: false })
    const { page } = watched
    await logIn(page, 'demo', 'demo')
    const card = page.locator('.progress-card[data-media-id="154587"]')
    const before = Number(await card.locator('.progress-value').textContent())
    const response = page.waitForResponse((r) => r.url().endsWith('/list/154587/plus-one'))
    await card.getByRole('button').click()
    // The form's own post, answered with the redirect back (Post/Redirect/Get).
    expect((await response).status()).toBe(303)
    await page.waitForLoadState()
    expect(new URL(page.url()).pathname).toBe('/')
    await expect(card.locator('.progress-value').textContent()).resolves.toBe(String(before + 1))
    // (axe-core cannot run in a page without JavaScript: the same page is checked with it above.)
    expect(watched.problems).toEqual([])
    await watched.context.close()
  })
})
