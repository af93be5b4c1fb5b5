/**
 * Reviews and recommendations in a real browser, on the demo world: demo writes a review through the
 * editor and finds it on the work's page and its own page; hana votes it helpful and the count
 * changes; demo votes a recommendation up, then down, then withdraws, the rating following each
 * time. Each page passes checkPage (axe, console, overflow at 390 px), the work's page in dark too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage, logIn, openSite, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'
import { reviewBody } from '../community/review-helpers.js'

// AKIRA, which no demo user reviews; Steins;Gate, which hana recommends Shinsekai Yori for (rating 1).
const AKIRA = 47
const STEINS_GATE = 9253
const SHINSEKAI_YORI = 13125

describe.runIf(runsBrowserTests)('the community pages', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  it('writes a review through the editor, shows it on the work and its own page, and another user votes it up', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'demo', 'demo', `/anime/${AKIRA}`)
    await checkPage(watched, 'community-media')
    await Promise.all([page.waitForURL(`**/review/new?mediaId=${AKIRA}`), page.getByRole('link', { name: 'Write a review' }).click()])
    await checkPage(watched, 'community-review-editor')
    await page.getByLabel('Summary').fill('A landmark of animation, loud and furious.')
    await page.getByLabel('Review', { exact: true }).fill(reviewBody('Neo-Tokyo burns in the first minutes and never cools down.'))
    await page.getByLabel('Score (0 to 100)').fill('90')
    await Promise.all([page.waitForURL(/\/review\/\d+$/), page.getByRole('button', { name: 'Save review' }).click()])
    await expect(page.locator('.flash').textContent()).resolves.toBe('Posted.')
    await expect(page.locator('h1').textContent()).resolves.toBe('A landmark of animation, loud and furious.')
    const reviewPath = new URL(page.url()).pathname
    await checkPage(watched, 'community-review')
    await page.goto(`/anime/${AKIRA}`)
    await expect(page.locator(`.review-link[href="${reviewPath}"]`).textContent()).resolves.toBe('A landmark of animation, loud and furious.')
    await expect(page.getByRole('link', { name: 'Edit your review' }).isVisible()).resolves.toBe(true)
    await watched.context.close()

    const other = await watchedPage(site)
    await logIn(other.page, 'hana', 'demo', reviewPath)
    await expect(other.page.locator('.review-votes').textContent()).resolves.toBe('0')
    await Promise.all([other.page.waitForURL(`**${reviewPath}`), other.page.waitForEvent('load'), other.page.getByRole('button', { name: 'Helpful', exact: true }).click()])
    await expect(other.page.locator('.review-votes').textContent()).resolves.toBe('1')
    await expect(other.page.getByRole('button', { name: 'Helpful', exact: true }).getAttribute('aria-pressed')).resolves.toBe('true')
    await checkPage(other, 'community-review-voted')
    await other.context.close()
  })

  it('votes a recommendation up, then down, then withdraws, the rating following', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'demo', 'demo', `/anime/${STEINS_GATE}`)
    const card = page.locator(`#recommendation-${SHINSEKAI_YORI}`)
    const rating = card.locator('.recommendation-rating')
    await expect(rating.textContent()).resolves.toBe('1')
    const click = (name: RegExp) => Promise.all([page.waitForURL(`**/anime/${STEINS_GATE}#recommendation-${SHINSEKAI_YORI}`), page.waitForEvent('load'), card.getByRole('button', { name }).click()])
    await click(/^▲ agree/)
    await expect(rating.textContent()).resolves.toBe('2')
    await click(/^▼ disagree/)
    await expect(rating.textContent()).resolves.toBe('0')
    await click(/^Withdraw/)
    await expect(rating.textContent()).resolves.toBe('1')
    await checkPage(watched, 'community-recommendations')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'community-recommendations-dark')
    await watched.context.close()
  })
})
