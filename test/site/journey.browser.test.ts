/**
 * Issue 13's whole path in one browser session, as a person would take it: search the catalog, open
 * a work, add it to the list, edit the entry, and find it on the profile, in the list and in the
 * statistics chart. Every page on the way passes the site's page checks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { checkPage, logIn, openSite, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'

/** The count the status chart's table gives for `label` ("Watching") in the anime statistics. */
async function animeStatusCount(page: Page, label: string): Promise<number> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Anime: entries by status' }) })
  const row = table.locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
  if ((await row.count()) === 0) return 0
  return Number(await row.locator('td').textContent())
}

describe.runIf(runsBrowserTests)('search → work → add → edit → profile', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  it('puts a work found by search on the list, edited, and the profile shows it', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'demo', 'demo')
    await page.goto('/user/demo')
    const watchingBefore = await animeStatusCount(page, 'Watching')

    await page.goto('/search/anime')
    await page.getByLabel('Search', { exact: true }).fill('Trigun')
    await Promise.all([page.waitForURL(/\/search\/anime\?/), page.getByLabel('Search', { exact: true }).press('Enter')])
    await checkPage(watched, 'journey-search')
    await Promise.all([page.waitForURL(/\/anime\/6(\/|$)/), page.getByRole('link', { name: /TRIGUN|Trigun/ }).first().click()])
    await checkPage(watched, 'journey-media')

    await page.getByLabel('Status').selectOption('CURRENT')
    await Promise.all([page.waitForURL(/\/anime\/6/), page.getByRole('button', { name: 'Add to list' }).click()])
    await expect(page.locator('.flash').textContent()).resolves.toMatch(/Added to your Watching list/)

    await Promise.all([page.waitForURL(/\/list\/6\/edit$/), page.getByRole('link', { name: 'Edit list entry' }).click()])
    await page.getByLabel('Score (0–100)').fill('77')
    await page.getByLabel('Episodes watched').fill('3')
    await Promise.all([page.waitForURL(/\/list\/6\/edit$/), page.getByRole('button', { name: 'Save' }).click()])
    await expect(page.locator('.flash').textContent()).resolves.toBe('Saved.')
    await checkPage(watched, 'journey-editor')

    await page.goto('/user/demo/animelist')
    const row = page.locator('tr', { hasText: 'TRIGUN' })
    await expect(row.locator('.entry-score').textContent()).resolves.toContain('77')
    await expect(row.locator('.entry-progress').textContent()).resolves.toContain('3/26')
    await checkPage(watched, 'journey-animelist')

    await page.goto('/user/demo')
    expect(await animeStatusCount(page, 'Watching')).toBe(watchingBefore + 1)
    await checkPage(watched, 'journey-profile')
    await watched.context.close()
  })
})
