/**
 * Import and export in a real browser: demo uploads a MAL XML file through the form (submitted from
 * the keyboard), sees the result with the entry this catalog lacks, finds an imported entry on their
 * list, downloads the export and finds the same entries in it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseMalXml, readMalXml, type MalEntry } from '../../src/lists/mal-xml/parse.js'
import { checkPage, logIn, openSite, runsBrowserTests, watchedPage, type Site } from '../helpers/site-browser.js'

const FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mal/demo-import.xml')
const carried = (e: MalEntry) => ({ malId: e.malId, status: e.status, score: e.score, progress: e.progress, repeat: e.repeat, startedAt: e.startedAt, completedAt: e.completedAt, notes: e.notes })

describe.runIf(runsBrowserTests)('MAL XML import and export pages', () => {
  let site: Site
  beforeAll(async () => {
    site = await openSite()
  })
  afterAll(async () => {
    await site?.close()
  })

  it('imports an uploaded file, lists what it could not match, and exports the entries back', async () => {
    const watched = await watchedPage(site)
    const { page } = watched
    await logIn(page, 'demo', 'demo', '/settings/import')
    expect(new URL(page.url()).pathname).toBe('/settings/import')
    await checkPage(watched, 'mal-import-form')

    await page.getByLabel('MyAnimeList XML export (.xml or .xml.gz)').setInputFiles(FILE)
    // From the keyboard: Space ticks the checkbox, Enter on the button sends the form.
    await page.getByLabel('Replace entries already on my list').focus()
    await page.keyboard.press('Space')
    expect(await page.getByLabel('Replace entries already on my list').isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Import' }).focus()
    await Promise.all([page.waitForURL('**/settings/import'), page.waitForLoadState('load'), page.keyboard.press('Enter')])
    await page.getByRole('heading', { name: 'Import finished' }).waitFor()
    expect(await page.getByRole('status').innerText()).toContain('2 added, 0 updated, 0 kept as they were, 1 not imported.')
    const unmatched = page.locator('.not-imported li')
    expect(await unmatched.count()).toBe(1)
    expect(await unmatched.innerText()).toContain('A Show This Server Has Never Heard Of')
    expect(await unmatched.innerText()).toContain('No anime with MAL id 99999999 is in this catalog.')
    await checkPage(watched, 'mal-import-result')
    await page.emulateMedia({ colorScheme: 'dark' })
    await checkPage(watched, 'mal-import-result-dark')
    await page.emulateMedia({ colorScheme: 'light' })

    // The imported entry on the profile's anime list, as the user sees it (demo scores out of 100)…
    await page.goto('/user/demo/animelist')
    const row = page.locator('tr', { hasText: 'TRIGUN' })
    await expect(row.locator('.entry-score').textContent()).resolves.toContain('80')
    await expect(row.locator('.entry-progress').textContent()).resolves.toContain('26/26')
    // …and every field the page does not show, through the public GraphQL API.
    const answer = await page.request.post('/graphql', {
      data: { query: '{ MediaList(userName: "demo", mediaId: 6) { status score(format: POINT_10) progress notes startedAt { year month day } } }' },
    })
    expect(await answer.json()).toEqual({ data: { MediaList: { status: 'COMPLETED', score: 8, progress: 26, notes: 'Love & peace!', startedAt: { year: 2003, month: 5, day: 1 } } } })

    await page.goto('/settings/export')
    await checkPage(watched, 'mal-export')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download anime list (XML)' }).click()])
    expect(download.suggestedFilename()).toBe('demo-animelist.xml')
    const exported = parseMalXml(fs.readFileSync((await download.path())!, 'utf8'))
    const uploaded = readMalXml(fs.readFileSync(FILE)).entries.filter((e) => e.malId !== 99999999)
    for (const entry of uploaded) expect(exported.entries.map(carried)).toContainEqual(carried(entry))
    // demo's own list (seeded) is in the export too: one entry per listed work with a MAL id.
    expect(exported.entries.length).toBeGreaterThan(uploaded.length)
    await watched.context.close()
  })
})
