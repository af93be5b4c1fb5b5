/**
 * The media, character, staff and studio pages in a real browser, on the demo world: each passes the
 * site's checks (axe-core, no console error or failed request, no sideways overflow at phone size),
 * and the spoiler tags open from the keyboard alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage, logIn, openSite, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'
import { DEMO_LIST_OWNER, DEMO_LISTS } from '../../src/demo/list-data.js'
import { SEED_ANIME } from '../../src/catalog/seed/anime.js'

// Demo works: Cowboy Bebop (spoiler tags, cast and staff), ONE PIECE (still airing, and on the demo
// user's list) and its manga;
// Spike Spiegel, his voice actor Kouichi Yamadera, and Sunrise.
const BEBOP = 1
const ONE_PIECE = 21
const MANGA = 30013
const SPIKE = 1
const YAMADERA = 95011
const SUNRISE = 14

describe.runIf(runsBrowserTests)('the media pages', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  it('shows a visitor an anime page whose spoiler tags open from the keyboard, in light and dark', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await page.goto(`/anime/${BEBOP}`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Cowboy Bebop')
    await expect(page.getByRole('link', { name: 'Log in to add to your list' }).isVisible()).resolves.toBe(true)
    await checkPage(watched, 'media-anime-visitor')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'media-anime-visitor-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    const summary = page.locator('.spoiler-tags summary')
    const spoilers = page.locator('.tag-list.spoiler li')
    await expect(spoilers.first().isVisible()).resolves.toBe(false)
    // From the last visible tag, Tab reaches the summary and Enter opens it.
    await page.locator('.tag-list:not(.spoiler) a').last().focus()
    await page.keyboard.press('Tab')
    await expect(summary.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).resolves.toBe(true)
    await page.keyboard.press('Enter')
    await expect(spoilers.first().isVisible()).resolves.toBe(true)
    expect(await spoilers.count()).toBeGreaterThan(0)
    await watched.context.close()
  })

  it('shows a logged-in viewer the list panel on an airing anime, the add form elsewhere, and a manga page', async () => {
    const listed = new Set(DEMO_LISTS.find((l) => l.name === DEMO_LIST_OWNER)!.entries.map((e) => e.mediaId))
    expect(listed.has(ONE_PIECE)).toBe(true)
    const unlisted = SEED_ANIME.find((m) => !listed.has(m.id))!.id
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'demo', 'demo', `/anime/${ONE_PIECE}`)
    expect(new URL(page.url()).pathname).toBe(`/anime/${ONE_PIECE}`)
    await expect(page.locator('.next-episode').textContent()).resolves.toMatch(/^Episode \d+ airs in /)
    const panel = page.locator('.list-panel')
    await expect(panel.getByRole('link', { name: 'Edit list entry' }).isVisible()).resolves.toBe(true)
    await expect(panel.getByRole('link', { name: 'Log in to add to your list' }).count()).resolves.toBe(0)
    await checkPage(watched, 'media-anime-viewer')

    await page.goto(`/anime/${unlisted}`)
    await expect(panel.getByLabel('Status').inputValue()).resolves.toBe('PLANNING')
    await expect(panel.getByRole('button', { name: 'Add to list' }).isVisible()).resolves.toBe(true)
    await checkPage(watched, 'media-anime-add')

    await page.goto(`/manga/${MANGA}`)
    await expect(page.getByRole('heading', { level: 1 }).isVisible()).resolves.toBe(true)
    await checkPage(watched, 'media-manga-viewer')
    await watched.context.close()
  })

  it('shows character, staff and studio pages', async () => {
    // A spoiler in the description: blurred until activated from the keyboard, then it stays shown.
    await site.server.app.kiroku.db.updateTable('characters').set({ description: 'A bounty hunter. ~!He walks into the syndicate alone.!~' }).where('id', '=', SPIKE).execute()
    const watched = await watchedPage(site)
    const { page } = watched
    await page.goto(`/character/${SPIKE}`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Spike Spiegel')
    const spoiler = page.locator('.description .markdown_spoiler')
    const hidden = () => spoiler.locator('span').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { filter: string } }).getComputedStyle(el).filter)
    await expect(hidden()).resolves.toMatch(/blur/)
    await spoiler.focus()
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1 }).click()
    await expect.poll(hidden).toBe('none')
    await expect(spoiler.getAttribute('role')).resolves.toBeNull()
    await expect(page.locator(`a[href="/staff/${YAMADERA}"]`).first().isVisible()).resolves.toBe(true)
    await checkPage(watched, 'media-character')

    await page.locator(`a[href="/staff/${YAMADERA}"]`).first().click()
    await page.waitForURL(`**/staff/${YAMADERA}`)
    await expect(page.getByRole('heading', { name: 'Characters voiced' }).isVisible()).resolves.toBe(true)
    await checkPage(watched, 'media-staff')

    await page.goto(`/studio/${SUNRISE}`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sunrise')
    expect(await page.locator('.cover-grid .cover-card').count()).toBeGreaterThan(0)
    await checkPage(watched, 'media-studio')
    await watched.context.close()
  })
})
