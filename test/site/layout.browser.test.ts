/**
 * The shared layout in a real browser: the header fits one line at phone size, the account menu opens
 * from the keyboard, and both themes pass axe-core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage, logIn, openSite, PHONE, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'

describe.runIf(runsBrowserTests)('the site layout', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  it('shows a one-line header to a visitor, in light and dark', async () => {
    const watched = await watchedPage(site)
    await watched.page.goto('/')
    await checkPage(watched, 'layout-visitor')
    await watched.page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'layout-visitor-dark')
    await watched.page.setViewportSize(PHONE)
    const header = await watched.page.locator('.header-inner').boundingBox()
    // One line of header: the brand's height plus its padding, not two or three rows.
    expect(header!.height).toBeLessThan(70)
    await watched.context.close()
  })

  it('folds the account links into a menu that opens from the keyboard', async () => {
    const watched = await watchedPage(site)
    await logIn(watched.page, 'demo', 'demo')
    await watched.page.setViewportSize(PHONE)
    const summary = watched.page.locator('.menu summary')
    await summary.focus()
    await watched.page.keyboard.press('Enter')
    await expect(watched.page.getByRole('link', { name: 'Connected apps' }).isVisible()).resolves.toBe(true)
    await checkPage(watched, 'layout-menu-open')
    await watched.context.close()
  })
})
