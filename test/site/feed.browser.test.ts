/**
 * The activity pages in a real browser, on the demo world: hana follows demo from his profile, demo
 * adds TRIGUN through the site's list editor, hana's home Following feed shows his list activity,
 * hana opens it, likes it and replies (the script updates the page in place and announces it; a
 * refused reply's words appear beside the form); demo sees both on /notifications. The activity page, the home feed and the Activity
 * tab pass checkPage (axe, console, overflow at 390 px), in light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage, forgetDemoSocialLife, logIn, openSite, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'
import { findUserByName } from '../../src/accounts/users.js'
import { findActivities } from '../../src/social/activity-store.js'
import { likeCounts } from '../../src/social/likes.js'
import { repliesOfActivities } from '../../src/social/reply-store.js'

// Two users, four pages each and a reload-free like and reply: longer than one page's test, so its own limit.
const JOURNEY_TIMEOUT_MS = 90_000

// TRIGUN: a built-in anime that the demo user's list does not hold.
const TRIGUN = 6

describe.runIf(runsBrowserTests)('the activity pages', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
    await forgetDemoSocialLife(site)
  })
  afterAll(async () => {
    await site?.close()
  })

  it('follows, adds an entry, sees it in the Following feed, likes and replies; the author is told', async () => {
    const { db } = site.server.app.kiroku
    const demoId = (await findUserByName(db, 'demo'))!.id

    // hana follows demo.
    const hana = await watchedPage(site)
    await logIn(hana.page, 'hana', 'demo', '/user/demo')
    await Promise.all([hana.page.waitForURL('**/user/demo'), hana.page.getByRole('button', { name: 'Follow demo' }).click()])

    // demo adds TRIGUN through the editor.
    const demo = await watchedPage(site)
    demo.allow(new RegExp(`/anime/${TRIGUN}$`), 404)
    await logIn(demo.page, 'demo', 'demo', `/list/${TRIGUN}/edit`)
    await demo.page.locator('#f-status').selectOption('CURRENT')
    await demo.page.locator('#f-progress').fill('5')
    await Promise.all([demo.page.waitForURL((url) => url.pathname === `/list/${TRIGUN}/edit`), demo.page.getByRole('button', { name: 'Add to list' }).click()])
    await demo.page.waitForLoadState()
    const [made] = await findActivities(db, { filter: { userId: demoId, mediaId: TRIGUN }, viewerId: demoId, sort: ['ID_DESC'] }, { limit: 1, offset: 0 })
    expect(made).toBeDefined()

    // hana's home page, the Following feed first.
    await hana.page.goto('/')
    const card = hana.page.locator(`#activity-${made!.id}`)
    await expect(card.locator('.activity-head').textContent()).resolves.toMatch(/^demo watched episode 5 of /)
    await checkPage(hana, 'feed-home-following')
    await hana.page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(hana, 'feed-home-following-dark')
    await hana.page.emulateMedia({ colorScheme: 'light' })
    await hana.page.getByRole('link', { name: 'Global' }).click()
    await hana.page.waitForURL('**/?feed=global')
    await checkPage(hana, 'feed-home-global')

    // The activity page: like it without a reload, then reply.
    await hana.page.goto(`/activity/${made!.id}`)
    await checkPage(hana, 'feed-activity')
    const like = hana.page.getByRole('button', { name: /^Like this activity/ })
    await like.click()
    await expect.poll(() => like.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => hana.page.locator('#activity-status').textContent()).toBe('Liked. 1 like.')
    await expect(hana.page.locator('.activity-card .like-count').textContent()).resolves.toBe('1')
    expect((await likeCounts(db, 'ACTIVITY', [made!.id])).get(made!.id)).toBe(1)
    // A blank reply (spaces pass the browser's own check) is refused beside the form, without a reload.
    await hana.page.getByLabel('Your reply').fill('   ')
    await hana.page.getByRole('button', { name: 'Reply', exact: true }).click()
    await expect.poll(() => hana.page.locator('#reply-text-error').textContent()).toBe('The text field is required.')
    await expect(hana.page.getByLabel('Your reply').getAttribute('aria-invalid')).resolves.toBe('true')
    // That refusal is a 400 on purpose (the browser logs it too): the only problems the page had.
    const refusedUrl = `/activity/${made!.id}/replies`
    expect(hana.problems).toHaveLength(2)
    expect(hana.problems.every((p) => p.includes(refusedUrl) && p.includes('400'))).toBe(true)
    hana.problems.length = 0
    await hana.page.getByLabel('Your reply').fill('Trigun is **great**.')
    await hana.page.getByRole('button', { name: 'Reply', exact: true }).click()
    await expect.poll(() => hana.page.locator('#activity-status').textContent()).toBe('Reply posted. 1 reply.')
    await expect(hana.page.locator('.reply .activity-text strong').textContent()).resolves.toBe('great')
    await expect(hana.page.locator('#replies-heading').textContent()).resolves.toBe('1 reply')
    await expect(hana.page.locator('.activity-card .reply-count').textContent()).resolves.toBe('1')
    await expect(hana.page.getByLabel('Your reply').inputValue()).resolves.toBe('')
    expect(await hana.page.locator('#reply-text-error').count()).toBe(0)
    expect((await repliesOfActivities(db, [made!.id])).get(made!.id)).toHaveLength(1)
    // The reply's own Like button works in place too.
    const replyLike = hana.page.getByRole('button', { name: /^Like hana's reply/ })
    await replyLike.click()
    await expect.poll(() => replyLike.getAttribute('aria-pressed')).toBe('true')
    await hana.page.reload()
    await expect(hana.page.locator('.reply .activity-text strong').textContent()).resolves.toBe('great')
    await checkPage(hana, 'feed-activity-replied')
    await hana.page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(hana, 'feed-activity-replied-dark')
    await hana.context.close()

    // demo is told.
    await demo.page.goto('/notifications')
    const texts = await demo.page.locator('.notification-text').allTextContents()
    expect(texts.map((t) => t.replace(/^New:?\s*/, ''))).toEqual(expect.arrayContaining(['hana replied to your activity.', 'hana liked your activity.', 'hana started following you.']))
    await demo.context.close()
  }, JOURNEY_TIMEOUT_MS)

  it('shows the Activity tab with the message form', async () => {
    const watched = await watchedPage(site)
    await logIn(watched.page, 'hana', 'demo', '/user/demo/activity')
    await expect(watched.page.getByLabel('Send demo a message').isVisible()).resolves.toBe(true)
    await checkPage(watched, 'feed-profile-activity')
    await watched.page.getByLabel('Send demo a message').fill('Hello from hana')
    await watched.page.getByLabel(/^Private/).check()
    await Promise.all([watched.page.waitForURL((url) => url.pathname === '/user/demo/activity'), watched.page.getByRole('button', { name: 'Send' }).click()])
    await watched.page.waitForLoadState()
    await expect(watched.page.locator('.flash').textContent()).resolves.toBe('Message sent.')
    await expect(watched.page.locator('.activity-list .activity-text').first().textContent()).resolves.toContain('Hello from hana')
    await watched.page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'feed-profile-activity-dark')
    await watched.context.close()
  })
})
