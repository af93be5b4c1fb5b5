/**
 * The list editor in a real browser, with the keyboard alone: the demo user opens the editor of an
 * anime not on their list, fills it in (Tab between fields, typing, Space on checkboxes, Enter to
 * submit), adds it, sees the message once (a reload shows it no more and posts nothing), changes it,
 * and deletes it after the confirmation page. Each page passes the site's checks in light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { checkPage, logIn, openSite, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'
import { findUserByName } from '../../src/accounts/users.js'
import { loadUserEntriesForMedia } from '../../src/lists/entry-store.js'

// TRIGUN: a built-in anime of 26 episodes that the demo user's list does not hold.
const TRIGUN = 6

// The page's own global, inside evaluate() callbacks (the test program has no DOM library).
declare const document: { activeElement: { id: string; tagName: string; textContent: string | null } | null }

/** Presses Tab until the element with this id (or the button or link with this text) has the focus. */
async function tabTo(page: Page, target: { id?: string; text?: string }): Promise<void> {
  for (let presses = 0; presses < 60; presses++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id ?? '', text: document.activeElement?.textContent?.trim() ?? '' }))
    if ((target.id && focused.id === target.id) || (target.text && focused.text === target.text)) return
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}`)
}

/** Replaces a focused text or number field's value by typing. */
async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
}

describe.runIf(runsBrowserTests)('the list editor', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  const demoEntry = async () => {
    const kiroku = site.server.app.kiroku
    const demo = await findUserByName(kiroku.db, 'demo')
    return (await loadUserEntriesForMedia(kiroku.db, demo!.id, [TRIGUN])).get(TRIGUN) ?? null
  }

  it('adds, edits and deletes an entry with the keyboard alone', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    // The work's own page belongs to another part of the site; here it may not exist yet.
    watched.allow(new RegExp(`/anime/${TRIGUN}$`), 404)
    await logIn(page, 'demo', 'demo', `/list/${TRIGUN}/edit`)
    expect(new URL(page.url()).pathname).toBe(`/list/${TRIGUN}/edit`)
    await expect(page.getByText('is not on your list').isVisible()).resolves.toBe(true)
    await checkPage(watched, 'editor-add')

    await tabTo(page, { id: 'f-status' })
    await page.keyboard.type('Watching')
    await tabTo(page, { id: 'f-score' })
    await page.keyboard.type('88')
    await tabTo(page, { id: 'f-progress' })
    await typeOver(page, '5')
    await tabTo(page, { id: 'f-startedAt-year' })
    await page.keyboard.type('2025')
    await tabTo(page, { id: 'f-startedAt-month' })
    await page.keyboard.type('March')
    await tabTo(page, { id: 'f-notes' })
    await page.keyboard.type('Typed, not clicked.')
    await tabTo(page, { id: 'f-customLists-0' })
    await page.keyboard.press('Space')
    await tabTo(page, { id: 'f-private' })
    await page.keyboard.press('Space')
    await tabTo(page, { text: 'Add to list' })
    await Promise.all([page.waitForURL((url) => url.pathname === `/list/${TRIGUN}/edit`), page.keyboard.press('Enter')])
    await page.waitForLoadState()

    await expect(page.locator('.flash').textContent()).resolves.toBe('Added to your Watching list.')
    expect(await demoEntry()).toMatchObject({
      status: 'CURRENT', score: 88, progress: 5, notes: 'Typed, not clicked.', private: true,
      customLists: ['Rewatch with friends'], startedAt: { year: 2025, month: 3, day: null },
    })
    await checkPage(watched, 'editor-edit')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'editor-edit-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    // A reload asks for the page again: nothing is posted, and the message is gone.
    const methods: string[] = []
    page.on('request', (request) => void methods.push(request.method()))
    const updatedAt = (await demoEntry())!.updatedAt
    await page.reload()
    expect(methods.filter((m) => m !== 'GET')).toEqual([])
    await expect(page.locator('.flash').count()).resolves.toBe(0)
    expect((await demoEntry())!.updatedAt).toBe(updatedAt)

    // Change the progress and save with Space on the button.
    await tabTo(page, { id: 'f-progress' })
    await typeOver(page, '6')
    await tabTo(page, { text: 'Save' })
    await Promise.all([page.waitForURL((url) => url.pathname === `/list/${TRIGUN}/edit`), page.keyboard.press('Space')])
    await page.waitForLoadState()
    await expect(page.locator('.flash').textContent()).resolves.toBe('Saved.')
    expect((await demoEntry())!.progress).toBe(6)

    // Delete: the link leads to a confirmation; its Delete button removes the entry.
    await tabTo(page, { text: 'Delete' })
    await Promise.all([page.waitForURL((url) => url.pathname === `/list/${TRIGUN}/delete`), page.keyboard.press('Enter')])
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Remove TRIGUN from your list?')
    await checkPage(watched, 'editor-delete')
    expect(await demoEntry()).not.toBeNull()
    await tabTo(page, { text: 'Delete' })
    await Promise.all([page.waitForURL((url) => url.pathname === `/anime/${TRIGUN}`), page.keyboard.press('Enter')])
    expect(await demoEntry()).toBeNull()
    // The media page may not exist in this build (another area's): its 404 is no problem of the editor.
    expect(watched.problems.filter((problem) => !problem.includes(`/anime/${TRIGUN}`))).toEqual([])
    await watched.context.close()
  })

  it('moves between the faces of a three-point score with the arrow keys', async () => {
    // kenji scores in POINT_3 and has DEATH NOTE (manga) completed as "Liked" (raw 85).
    const DEATH_NOTE = 30021
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'kenji', 'demo', `/list/${DEATH_NOTE}/edit`)
    await expect(page.getByLabel('Chapters read').inputValue()).resolves.toBe('108')
    await expect(page.getByLabel('Volumes read').inputValue()).resolves.toBe('12')
    await checkPage(watched, 'editor-manga-point3')
    // Tab enters the radio group on its checked face; an arrow key chooses the next one.
    await tabTo(page, { id: 'f-score-3' })
    await page.keyboard.press('ArrowLeft')
    await expect(page.locator('#f-score-2').isChecked()).resolves.toBe(true)
    await tabTo(page, { text: 'Save' })
    await Promise.all([page.waitForURL((url) => url.pathname === `/list/${DEATH_NOTE}/edit`), page.keyboard.press('Enter')])
    await expect(page.locator('.flash').textContent()).resolves.toBe('Saved.')
    await expect(page.locator('#f-score-2').isChecked()).resolves.toBe(true)
    const kiroku = site.server.app.kiroku
    const kenji = await findUserByName(kiroku.db, 'kenji')
    expect((await loadUserEntriesForMedia(kiroku.db, kenji!.id, [DEATH_NOTE])).get(DEATH_NOTE)?.score).toBe(60)
    await watched.context.close()
  })
})
