/**
 * The GraphQL explorer in a real browser: GraphiQL loads from Kiroku's own files under the explorer's
 * CSP (any blocked script, style or font would be a console error checkPage fails on) and runs a
 * query with the session's token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPage, logIn, openSite, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'

// CodeMirror 5's scrolling pane is not itself focusable; keyboard users reach the editor through
// CodeMirror's own input (labelled by static/site/explorer.js), where the arrow keys move the cursor
// and scroll the pane. GraphiQL's markup, not Kiroku's: the one rule left out, on this page only.
const GRAPHIQL_AXE_EXCEPTIONS = ['scrollable-region-focusable']

describe.runIf(runsBrowserTests)('the GraphQL explorer', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  it('runs { Viewer { name } } as the logged-in user, from the keyboard too', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'demo', 'demo', '/graphiql')
    await page.locator('.graphiql-container').waitFor()
    await expect(page.locator('.graphiql-query-editor').innerText()).resolves.toContain('Viewer')
    await page.getByRole('button', { name: /Execute query/ }).click()
    await expect.poll(() => page.locator('.result-window').innerText()).toContain('"name": "demo"')
    await checkPage(watched, 'explorer-user', { ignoreAxeRules: GRAPHIQL_AXE_EXCEPTIONS })
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'explorer-user-dark', { ignoreAxeRules: GRAPHIQL_AXE_EXCEPTIONS })

    // Keyboard: focus the query editor by its label, type a query, run it with Ctrl+Enter.
    await page.getByRole('textbox', { name: 'Query editor', exact: true }).focus()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('{ Viewer { id name')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => page.locator('.result-window').innerText()).toMatch(/"id": \d+/)

    // A dialog: GraphiQL adds <style> elements for it at run time, which the page's style nonce lets in
    // (a refused one would be a console error). Escape closes it, from the keyboard.
    await page.getByRole('button', { name: 'Open settings dialog' }).click()
    await page.getByRole('dialog').waitFor()
    await expect(page.evaluate('document.querySelectorAll("style:not([nonce])").length')).resolves.toBe(0)
    await checkPage(watched, 'explorer-settings-dialog', { ignoreAxeRules: GRAPHIQL_AXE_EXCEPTIONS })
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'detached' })
    expect(watched.problems).toEqual([])
    await watched.context.close()
  })

  it('runs public queries for a visitor and offers to log in', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await page.goto('/graphiql')
    await page.locator('.graphiql-container').waitFor()
    await page.getByRole('button', { name: /Execute query/ }).click()
    await expect.poll(() => page.locator('.result-window').innerText()).toContain('"romaji"')
    await checkPage(watched, 'explorer-visitor', { ignoreAxeRules: GRAPHIQL_AXE_EXCEPTIONS })
    await page.getByRole('link', { name: 'Log in to run queries as yourself' }).click()
    await page.waitForURL(/\/login\?next=%2Fgraphiql$/)
    await watched.context.close()
  })
})
