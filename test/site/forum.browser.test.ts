/**
 * The forum in a real browser, on the demo world: a signed-in user opens a thread, writes a comment,
 * replies to that comment, and sees the reply nested under it; the forum's pages pass checkPage (axe,
 * console, overflow at 390 px) in light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage, logIn, openSite, PHONE, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'

describe.runIf(runsBrowserTests)('the forum pages', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  it('writes a comment on a thread, replies to it, and shows the reply nested under it', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'kenji', 'demo', '/forum')
    await checkPage(watched, 'forum-index')
    await Promise.all([page.waitForURL('**/forum/thread/*'), page.getByRole('link', { name: 'Welcome to the forum' }).click()])
    await checkPage(watched, 'forum-thread')

    await page.getByLabel('Your comment').fill('Hi all, kenji here.')
    await Promise.all([page.waitForURL(/#comment-\d+$/), page.getByRole('button', { name: 'Post comment' }).click()])
    await expect(page.locator('.flash').textContent()).resolves.toBe('Reply posted.')
    const mine = page.locator('.forum-comment', { hasText: 'Hi all, kenji here.' }).last()
    const mineId = await mine.getAttribute('id')

    await page.locator(`#${mineId} > article summary`).click()
    await page.locator(`#${mineId} > article textarea`).fill('Replying to myself, nested.')
    await Promise.all([page.waitForURL(/#comment-\d+$/), page.locator(`#${mineId} > article`).getByRole('button', { name: 'Post reply' }).click()])
    // The reply is a child of the comment it answers.
    const nested = page.locator(`#${mineId} > ol.comment-children > li.forum-comment`)
    await expect(nested.count()).resolves.toBe(1)
    await expect(nested.locator('.activity-text').textContent()).resolves.toContain('Replying to myself, nested.')
    await checkPage(watched, 'forum-thread-nested')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'forum-thread-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize(PHONE)
    await checkPage(watched, 'forum-thread-phone')
    await watched.context.close()
  })

  it('starts a thread from the form', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'hana', 'demo', '/forum/new')
    await checkPage(watched, 'forum-new')
    await page.getByLabel('Title').fill('Spring season plans')
    await page.getByLabel('Body').fill('What are you **watching** next?')
    await page.getByLabel('Anime', { exact: true }).check()
    await Promise.all([page.waitForURL('**/forum/thread/*'), page.getByRole('button', { name: 'Post thread' }).click()])
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Spring season plans')
    await page.goto('/forum/recent?category=2')
    await expect(page.getByRole('link', { name: 'Spring season plans' }).isVisible()).resolves.toBe(true)
    await checkPage(watched, 'forum-recent')
    await watched.context.close()
  })
})
