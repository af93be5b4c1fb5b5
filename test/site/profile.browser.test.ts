/**
 * Profiles in a real browser, on the demo world: the overview's charts (each with its table), the
 * anime and manga lists (stacked cards on a phone, the status filter from the keyboard), favourites,
 * and an entry made private through lists/save.ts, shown to its owner and hidden from another user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage, logIn, openSite, PHONE, DESKTOP, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'
import { findUserByName } from '../../src/accounts/users.js'
import { saveEntry } from '../../src/lists/save.js'
import { toggleFavourite } from '../../src/accounts/favourites.js'
import { updateProfile } from '../../src/accounts/profiles.js'

// Steins;Gate, on the demo user's completed list.
const MADE_PRIVATE = 9253

describe.runIf(runsBrowserTests)('profiles', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
    const { db, clock } = site.server.app.kiroku
    const demo = (await findUserByName(db, 'demo'))!
    await saveEntry(db, clock, demo.id, { mediaId: MADE_PRIVATE, private: true }, [])
    // A picture on another host becomes a link: the page makes no third-party request and no CSP error.
    await updateProfile(db, clock, demo.id, { about: 'Watching **everything**. ![banner](https://cdn.example/me.png) ![icon](/static/favicon.svg)' })
    for (const [type, id] of [['ANIME', 5114], ['ANIME', 9253], ['MANGA', 30001], ['STUDIO', 4]] as const) await toggleFavourite(db, clock, demo.id, type, id)
  })
  afterAll(async () => {
    await site?.close()
  })

  it('shows the owner their overview, lists and favourites', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'demo', 'demo', '/user/demo')
    // The overview: figures and eight charts (status, scores, genres, activity for anime and manga), each with its table.
    await expect(page.getByRole('heading', { level: 1, name: 'demo' }).isVisible()).resolves.toBe(true)
    expect(await page.locator('.profile-stats dl.stat-figures').count()).toBe(2)
    await expect(page.locator('.profile-about strong').textContent()).resolves.toBe('everything')
    await expect(page.getByRole('link', { name: 'Picture: banner' }).isVisible()).resolves.toBe(true)
    const charts = page.locator('figure.chart')
    expect(await charts.count()).toBe(8)
    expect(await page.locator('figure.chart svg').count()).toBe(8)
    expect(await page.locator('figure.chart table').count()).toBe(8)
    expect(await page.locator('table:has(caption:text-is("Anime: entries by status")) th[scope="row"]').allTextContents()).toEqual(['Watching', 'Rewatching', 'Completed', 'Paused', 'Dropped', 'Planning'])
    await checkPage(watched, 'profile-overview')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'profile-overview-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    // The anime list: the private entry with its mark, an Edit link on every row.
    await page.getByRole('link', { name: 'Anime list' }).first().click()
    await page.waitForURL('**/user/demo/animelist')
    const privateRow = page.locator('tr', { hasText: 'Steins;Gate' })
    // On the completed list and the custom list "Rewatch with friends".
    expect(await privateRow.locator('.chip.private').count()).toBe(2)
    await expect(privateRow.first().locator('.chip.private').isVisible()).resolves.toBe(true)
    expect(await page.locator('tbody tr').count()).toBe(await page.locator('a[href^="/list/"][href$="/edit"]').count())
    await checkPage(watched, 'profile-animelist')
    // On a phone each row is a card: the column headings are gone and each value says what it is.
    await page.setViewportSize(PHONE)
    const row = page.locator('tbody tr').first()
    expect(await row.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { display: string } }).getComputedStyle(el).display)).toBe('grid')
    await expect(row.locator('.cell-label').first().isVisible()).resolves.toBe(true)
    const box = (await row.boundingBox())!
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width)
    await page.setViewportSize(DESKTOP)
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'profile-animelist-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    // The status filter from the keyboard alone.
    const completed = page.locator('.list-filters a', { hasText: 'Completed' })
    await completed.focus()
    await Promise.all([page.waitForURL('**/animelist?status=COMPLETED'), page.keyboard.press('Enter')])
    const headings = await page.locator('.list-section h2').allTextContents()
    expect(headings).toHaveLength(1)
    expect(headings[0]).toMatch(/^Completed/)

    await page.goto('/user/demo/mangalist')
    await checkPage(watched, 'profile-mangalist')

    await page.goto('/user/demo/favorites')
    expect(await page.locator('.cover-grid .cover-card').count()).toBe(4)
    await checkPage(watched, 'profile-favorites')
    await watched.context.close()
  })

  it('hides the private entry from another user', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'hana', 'demo', '/user/demo/animelist')
    await expect(page.locator('tbody tr').first().isVisible()).resolves.toBe(true)
    expect(await page.locator('tr', { hasText: 'Steins;Gate' }).count()).toBe(0)
    expect(await page.locator('a[href^="/list/"]').count()).toBe(0)
    // The page itself is checked above, as its owner sees it.
    expect(watched.problems).toEqual([])
    await watched.context.close()
  })
})
