/**
 * The social pages in a real browser, on the demo world: following a profile with the keyboard alone
 * (the form posts, the page comes back with its message and an Unfollow button), the follower lists,
 * the header's unread badge with its accessible name at both sizes, and the notifications page, which
 * marks them read. Each page passes checkPage (axe, console, overflow at 390 px) in light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage, forgetDemoSocialLife, logIn, openSite, PHONE, DESKTOP, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'
import { findUserByName } from '../../src/accounts/users.js'
import { follows } from '../../src/social/follows.js'
import { raiseNotifications, unreadCounts } from '../../src/social/notification-store.js'

// ONE PIECE, whose episodes the demo's schedule airs, and Cowboy Bebop.
const ONE_PIECE = 21
const BEBOP = 1

describe.runIf(runsBrowserTests)('the social pages', () => {
  let site: Site
  let demoId: number
  let hanaId: number
  beforeAll(async () => {
    site = await openSite()
    await forgetDemoSocialLife(site)
    const { db, clock } = site.server.app.kiroku
    demoId = (await findUserByName(db, 'demo'))!.id
    hanaId = (await findUserByName(db, 'hana'))!.id
    await raiseNotifications(db, clock, [
      { userId: demoId, type: 'AIRING', mediaId: ONE_PIECE, episode: 1100 },
      { userId: demoId, type: 'MEDIA_DATA_CHANGE', mediaId: BEBOP, context: 'The synopsis was rewritten.', reason: 'A clearer summary.' },
    ])
  })
  afterAll(async () => {
    await site?.close()
  })

  it('follows a profile from the keyboard', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'hana', 'demo', '/user/demo')
    await checkPage(watched, 'social-profile-follow')
    const follow = page.getByRole('button', { name: 'Follow demo' })
    await follow.focus()
    await Promise.all([page.waitForURL('**/user/demo'), page.waitForEvent('load'), page.keyboard.press('Enter')])
    await expect(page.locator('.flash').textContent()).resolves.toBe('You now follow this user.')
    await expect(page.getByRole('button', { name: 'Unfollow demo' }).isVisible()).resolves.toBe(true)
    expect(await follows(site.server.app.kiroku.db, hanaId, demoId)).toBe(true)
    await expect(page.locator('.follow-counts a').first().textContent()).resolves.toBe('1 follower')
    await checkPage(watched, 'social-profile-following')
    await watched.context.close()
  })

  it('lists the follower (after the follow above), the count leading there from the keyboard', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'hana', 'demo', '/user/demo')
    await page.locator('.follow-counts a').first().focus()
    await Promise.all([page.waitForURL('**/user/demo/followers'), page.keyboard.press('Enter')])
    await expect(page.locator('.person-name').allTextContents()).resolves.toEqual(['hana'])
    await checkPage(watched, 'social-followers')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'social-followers-dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto('/user/hana/following')
    await expect(page.locator('.person-name').allTextContents()).resolves.toEqual(['demo'])
    await checkPage(watched, 'social-following')
    await watched.context.close()
  })

  it('shows the unread badge in the header, and the notifications page marks them read', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'demo', 'demo', '/')
    // hana's follow (above), the airing and the media change.
    const unread = (await unreadCounts(site.server.app.kiroku.db, [demoId])).get(demoId)!
    expect(unread).toBe(3)
    const bell = page.getByRole('link', { name: `Notifications, ${unread} unread` })
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size)
      await expect(bell.isVisible()).resolves.toBe(true)
      await expect(page.locator('.unread-badge').textContent()).resolves.toBe(String(unread))
    }
    await page.setViewportSize(PHONE)
    const header = await page.locator('.header-inner').boundingBox()
    // The bell keeps the header on one line at phone size.
    expect(header!.height).toBeLessThan(70)
    await page.setViewportSize(DESKTOP)
    await checkPage(watched, 'social-header-badge')

    await bell.focus()
    await Promise.all([page.waitForURL('**/notifications'), page.keyboard.press('Enter')])
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' }).isVisible()).resolves.toBe(true)
    const texts = (await page.locator('.notification-text').allTextContents()).map((t) => t.replace(/^New:?\s*/, ''))
    // Newest first: hana's follow came after the two raised at the start.
    expect(texts).toEqual(['hana started following you.', 'Cowboy Bebop received catalog data changes.', 'Episode 1100 of ONE PIECE aired.'])
    expect(await page.locator('.notification.unread').count()).toBe(3)
    await expect(page.getByRole('link', { name: 'Notifications', exact: true }).isVisible()).resolves.toBe(true)
    expect(await page.locator('.unread-badge').count()).toBe(0)
    await checkPage(watched, 'social-notifications')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'social-notifications-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    // A chip from the keyboard: only the follow.
    await page.locator('.notification-groups a', { hasText: 'Follows' }).focus()
    await Promise.all([page.waitForURL('**/notifications?group=follows'), page.keyboard.press('Enter')])
    await expect(page.locator('.notification-text').allTextContents()).resolves.toEqual(['hana started following you.'])
    expect(await page.locator('.notification.unread').count()).toBe(0)
    await page.goto('/notifications?group=activity')
    await expect(page.locator('.notifications-empty').textContent()).resolves.toBe('No activity notifications.')
    await checkPage(watched, 'social-notifications-empty')
    await watched.context.close()
  })
})
