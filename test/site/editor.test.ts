/**
 * List editing in the browser (issue 13, item 4), through app.inject(): adding from a media page's
 * form, the editor's every field saved and read back in each score format, its problems shown beside
 * the fields, and deletion after a confirmation. Each change goes through lists/save.ts, so the entry
 * is read back from the store, never from the page alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LightMyRequestResponse } from 'fastify'
import { listServer, listUser, addEntries, type UserSettings } from '../helpers/lists.js'
import { loggedInBrowser } from '../helpers/flow.js'
import { Browser, csrfToken, decodeEntities } from '../helpers/browser.js'
import type { TestServer } from '../helpers/server.js'
import { loadUserEntriesForMedia } from '../../src/lists/entry-store.js'
import type { ScoreFormat } from '../../src/lists/score-format.js'
import { FLASH_COOKIE, flashMessage } from '../../src/site/flash.js'
import { upsertMedia } from '../../src/catalog/media-store.js'

// Built-in works: Cowboy Bebop (anime, 26 episodes) and MONSTER (manga, 162 chapters, 18 volumes).
const BEBOP = 1
const MONSTER = 30001

let s: TestServer
beforeEach(async () => {
  s = await listServer()
})
afterEach(async () => s.app.close())

async function userBrowser(name: string, settings?: UserSettings): Promise<{ id: number; browser: Browser }> {
  const { user } = await listUser(s.app, name, settings)
  return { id: user.id, browser: await loggedInBrowser(s.app, user) }
}

const entryOf = async (userId: number, mediaId: number) => (await loadUserEntriesForMedia(s.app.kiroku.db, userId, [mediaId])).get(mediaId) ?? null

/** The fields the editor sends for an untouched work, with `fields` over them. */
function editorForm(token: string, fields: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    csrf_token: token, status: 'CURRENT', score: '', progress: '0', repeat: '0',
    startedAt_year: '', startedAt_month: '', startedAt_day: '', completedAt_year: '', completedAt_month: '', completedAt_day: '', notes: '',
    ...fields,
  }
}

async function editPage(browser: Browser, mediaId: number): Promise<{ page: LightMyRequestResponse; token: string }> {
  const page = await browser.get(`/list/${mediaId}/edit`)
  expect(page.statusCode).toBe(200)
  return { page, token: csrfToken(page.body) }
}

/** The value attribute of the input with this id. */
function inputValue(html: string, id: string): string | null {
  const match = new RegExp(`<input id="${id}"[^>]*value="([^"]*)"`).exec(html)
  return match ? decodeEntities(match[1]!) : null
}

/** The text of the field's problem message, or null. */
function fieldError(html: string, id: string): string | null {
  const match = new RegExp(`<p class="field-error" id="${id}-error">([\\s\\S]*?)</p>`).exec(html)
  return match ? decodeEntities(match[1]!.replace(/<[^>]+>/g, '')).trim() : null
}

const flashOf = (html: string) => /<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? null

describe('visitors', () => {
  it('are sent to log in, coming back to the editor', async () => {
    const browser = new Browser(s.app)
    for (const [method, path, next] of [
      ['GET', `/list/${BEBOP}/edit`, `/list/${BEBOP}/edit`],
      ['POST', `/list/${BEBOP}/edit`, `/list/${BEBOP}/edit`],
      ['POST', `/list/${BEBOP}/add`, `/list/${BEBOP}/edit`],
      ['GET', `/list/${BEBOP}/delete`, `/list/${BEBOP}/delete`],
      ['POST', `/list/${BEBOP}/delete`, `/list/${BEBOP}/delete`],
    ] as const) {
      const res = method === 'GET' ? await browser.get(path) : await browser.post(path, { status: 'PLANNING' })
      expect(res.statusCode, `${method} ${path}`).toBe(303)
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(next)}`)
    }
  })
})

describe('adding from a media page', () => {
  it('needs the session CSRF token and saves nothing without it', async () => {
    const { id, browser } = await userBrowser('alice')
    const missing = await browser.post(`/list/${BEBOP}/add`, { status: 'PLANNING', next: `/anime/${BEBOP}` })
    expect(missing.statusCode).toBe(403)
    const wrong = await browser.post(`/list/${BEBOP}/add`, { csrf_token: 'nope', status: 'PLANNING' })
    expect(wrong.statusCode).toBe(403)
    expect(await entryOf(id, BEBOP)).toBeNull()
  })

  it('refuses a status that is not a list status with a 400 page', async () => {
    const { id, browser } = await userBrowser('alice')
    const { token } = await editPage(browser, BEBOP)
    for (const status of ['WATCHING', '', 'planning']) {
      const res = await browser.post(`/list/${BEBOP}/add`, { csrf_token: token, status })
      expect(res.statusCode, status).toBe(400)
      expect(res.body).toContain('Choose a status')
    }
    const twice = await browser.post(`/list/${BEBOP}/add`, { csrf_token: token, status: ['PLANNING', 'CURRENT'] })
    expect(twice.statusCode).toBe(400)
    expect(await entryOf(id, BEBOP)).toBeNull()
  })

  it('answers an unknown work with the 404 page', async () => {
    const { browser } = await userBrowser('alice')
    const { token } = await editPage(browser, BEBOP)
    for (const id of ['99999999', '0', 'abc', '99999999999999']) {
      const res = await browser.post(`/list/${id}/add`, { csrf_token: token, status: 'PLANNING' })
      expect(res.statusCode, id).toBe(404)
      expect(res.body).toContain('Not found')
    }
  })

  it('adds with the status, redirects to next, and shows the message there once', async () => {
    const { id, browser } = await userBrowser('alice')
    const { token } = await editPage(browser, BEBOP)
    const res = await browser.post(`/list/${BEBOP}/add`, { csrf_token: token, status: 'PLANNING', next: `/list/${BEBOP}/edit?from=media` })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/list/${BEBOP}/edit?from=media`)
    expect((await entryOf(id, BEBOP))?.status).toBe('PLANNING')
    const cookie = res.cookies.find((c) => c.name === FLASH_COOKIE)
    expect(cookie?.path).toBe(`/list/${BEBOP}/edit`)
    expect(cookie?.httpOnly).toBe(true)

    const first = await browser.get(res.headers.location as string)
    expect(flashOf(first.body)).toBe('Added to your Planning list.')
    const reload = await browser.get(res.headers.location as string)
    expect(flashOf(reload.body)).toBeNull()
  })

  it('goes to the editor without next, names the list by the media type, and never leaves the site', async () => {
    const { id, browser } = await userBrowser('alice')
    const { token } = await editPage(browser, MONSTER)
    const res = await browser.post(`/list/${MONSTER}/add`, { csrf_token: token, status: 'CURRENT' })
    expect(res.headers.location).toBe(`/list/${MONSTER}/edit`)
    expect(flashOf((await browser.get(`/list/${MONSTER}/edit`)).body)).toBe('Added to your Reading list.')
    expect((await entryOf(id, MONSTER))?.status).toBe('CURRENT')

    const away = await browser.post(`/list/${BEBOP}/add`, { csrf_token: token, status: 'REPEATING', next: '//evil.example/x' })
    expect(away.statusCode).toBe(303)
    expect(away.headers.location).toBe('/')
  })

  it('saves through the same rules as GraphQL: COMPLETED fills the progress to the episode count', async () => {
    const { id, browser } = await userBrowser('alice')
    const { token } = await editPage(browser, BEBOP)
    await browser.post(`/list/${BEBOP}/add`, { csrf_token: token, status: 'COMPLETED', next: `/anime/${BEBOP}` })
    const entry = await entryOf(id, BEBOP)
    expect(entry?.status).toBe('COMPLETED')
    expect(entry?.progress).toBe(26)
  })
})

describe('the editor', () => {
  it('shows a work not on the list with the same form and an "Add to list" button, which adds it', async () => {
    const { id, browser } = await userBrowser('alice')
    const { page, token } = await editPage(browser, BEBOP)
    expect(page.body).toContain('Cowboy Bebop')
    expect(page.body).toContain('is not on your list')
    expect(page.body).toContain('>Add to list</button>')
    expect(page.body).not.toContain(`href="/list/${BEBOP}/delete"`)
    expect(page.body).toContain(`src="/img/placeholder/media/${BEBOP}.svg"`)

    const res = await browser.post(`/list/${BEBOP}/edit`, editorForm(token, { status: 'CURRENT', progress: '3' }))
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/list/${BEBOP}/edit`)
    expect(await entryOf(id, BEBOP)).toMatchObject({ status: 'CURRENT', progress: 3 })
    const after = await browser.get(`/list/${BEBOP}/edit`)
    expect(flashOf(after.body)).toBe('Added to your Watching list.')
    expect(after.body).toContain('>Save</button>')
    expect(after.body).toContain(`href="/list/${BEBOP}/delete"`)
  })

  it('shows the title in the viewer\'s title language', async () => {
    const { browser } = await userBrowser('alice', { options: { titleLanguage: 'NATIVE' } })
    const { page } = await editPage(browser, BEBOP)
    expect(page.body).toContain('<h1>カウボーイビバップ</h1>')
  })

  it('saves every field and shows each again (Post/Redirect/Get with a "Saved" message shown once)', async () => {
    const { id, browser } = await userBrowser('alice', {
      mediaListOptions: { animeList: { customLists: ['Favourites', 'With friends', 'Rewatch'], advancedScoringEnabled: true, advancedScoring: ['Story', 'Music'] } },
    })
    await addEntries(s.app, id, [[BEBOP, 'ANIME', { status: 'PLANNING' }]])
    const { page, token } = await editPage(browser, BEBOP)
    expect(page.body).toContain('<label for="f-advancedScores-1">Music</label>')
    expect(page.body).toContain('value="With friends"')

    const res = await browser.post(
      `/list/${BEBOP}/edit`,
      editorForm(token, {
        status: 'PAUSED', score: '72', progress: '13', repeat: '2',
        startedAt_year: '2024', startedAt_month: '3', startedAt_day: '', completedAt_year: '2025', completedAt_month: '1', completedAt_day: '31',
        notes: 'Line one\r\nline <two> & "three"', customLists: ['Favourites', 'Rewatch'], private: 'on', hiddenFromStatusLists: 'on',
        advancedScores_0: '80', advancedScores_1: '65.5',
      }),
    )
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/list/${BEBOP}/edit`)
    const entry = await entryOf(id, BEBOP)
    expect(entry).toMatchObject({
      status: 'PAUSED', score: 72, progress: 13, repeat: 2, private: true, hiddenFromStatusLists: true,
      startedAt: { year: 2024, month: 3, day: null }, completedAt: { year: 2025, month: 1, day: 31 },
      notes: 'Line one\nline <two> & "three"', customLists: ['Favourites', 'Rewatch'],
    })
    expect({ ...entry!.advancedScores }).toEqual({ Story: 80, Music: 66 })

    const shown = await browser.get(`/list/${BEBOP}/edit`)
    expect(flashOf(shown.body)).toBe('Saved.')
    const html = shown.body
    expect(html).toMatch(/<option value="PAUSED" selected>Paused<\/option>/)
    expect(inputValue(html, 'f-score')).toBe('72')
    expect(inputValue(html, 'f-progress')).toBe('13')
    expect(inputValue(html, 'f-repeat')).toBe('2')
    expect(inputValue(html, 'f-startedAt-year')).toBe('2024')
    expect(html).toMatch(/<select id="f-startedAt-month" name="startedAt_month">[\s\S]*?<option value="3" selected>March<\/option>/)
    expect(inputValue(html, 'f-startedAt-day')).toBe('')
    expect(inputValue(html, 'f-completedAt-day')).toBe('31')
    expect(html).toContain('>Line one\nline &lt;two&gt; &amp; &quot;three&quot;</textarea>')
    expect(html).toMatch(/id="f-customLists-0" name="customLists" value="Favourites" checked>/)
    expect(html).toMatch(/id="f-customLists-1" name="customLists" value="With friends">/)
    expect(html).toMatch(/id="f-customLists-2" name="customLists" value="Rewatch" checked>/)
    expect(html).toMatch(/id="f-private" name="private" value="on" checked/)
    expect(html).toMatch(/id="f-hiddenFromStatusLists" name="hiddenFromStatusLists" value="on" checked/)
    expect(inputValue(html, 'f-advancedScores-0')).toBe('80')
    expect(inputValue(html, 'f-advancedScores-1')).toBe('66')
    expect(flashOf((await browser.get(`/list/${BEBOP}/edit`)).body)).toBeNull()

    // Unticked boxes and emptied fields clear what they held.
    await browser.post(`/list/${BEBOP}/edit`, editorForm(token, { status: 'PAUSED', score: '', progress: '13' }))
    expect(await entryOf(id, BEBOP)).toMatchObject({
      score: 0, private: false, hiddenFromStatusLists: false, customLists: [], notes: null,
      startedAt: { year: null, month: null, day: null }, completedAt: { year: null, month: null, day: null },
    })
  })

  it('saves a manga\'s volumes and bounds progress by its chapters', async () => {
    const { id, browser } = await userBrowser('alice')
    const { page, token } = await editPage(browser, MONSTER)
    expect(page.body).toContain('max="162"')
    expect(page.body).toContain('max="18"')
    const res = await browser.post(`/list/${MONSTER}/edit`, editorForm(token, { status: 'CURRENT', progress: '40', progressVolumes: '5' }))
    expect(res.statusCode).toBe(303)
    expect(await entryOf(id, MONSTER)).toMatchObject({ progress: 40, progressVolumes: 5 })
    const over = await browser.post(`/list/${MONSTER}/edit`, editorForm(token, { status: 'CURRENT', progress: '40', progressVolumes: '19' }))
    expect(over.statusCode).toBe(400)
    expect(fieldError(over.body, 'f-progressVolumes')).toContain('may not be greater than 18')
  })

  describe('scores in each format round-trip', () => {
    const cases: Array<[ScoreFormat, string, number]> = [
      ['POINT_100', '85', 85],
      ['POINT_10_DECIMAL', '7.5', 75],
      ['POINT_10', '8', 80],
      ['POINT_5', '4', 80],
      ['POINT_3', '2', 60],
    ]
    for (const [format, sent, raw] of cases) {
      it(format, async () => {
        const { id, browser } = await userBrowser('alice', { mediaListOptions: { scoreFormat: format } })
        const { page, token } = await editPage(browser, BEBOP)
        if (format === 'POINT_5' || format === 'POINT_3') {
          expect(page.body).toContain('<legend>Score</legend>')
          expect(page.body).toContain(format === 'POINT_5' ? '★★★★</span> 4 stars</label>' : ':|</span> Neutral</label>')
        } else {
          expect(page.body).toContain(`max="${format === 'POINT_100' ? 100 : 10}" step="${format === 'POINT_10_DECIMAL' ? '0.1' : '1'}"`)
        }
        const res = await browser.post(`/list/${BEBOP}/edit`, editorForm(token, { score: sent }))
        expect(res.statusCode).toBe(303)
        expect((await entryOf(id, BEBOP))?.score).toBe(raw)
        const shown = (await browser.get(`/list/${BEBOP}/edit`)).body
        if (format === 'POINT_5' || format === 'POINT_3') expect(shown).toMatch(new RegExp(`name="score" value="${sent}" checked>`))
        else expect(inputValue(shown, 'f-score')).toBe(sent)
      })
    }

    it('refuses a score out of range or between steps in the format', async () => {
      const { id, browser } = await userBrowser('alice', { mediaListOptions: { scoreFormat: 'POINT_5' } })
      const { token } = await editPage(browser, BEBOP)
      for (const [score, message] of [['6', 'may not be greater than 5'], ['2.5', 'must be a whole number'], ['-1', 'must be at least 0'], ['many', 'must be a number']]) {
        const res = await browser.post(`/list/${BEBOP}/edit`, editorForm(token, { score: score! }))
        expect(res.statusCode, score).toBe(400)
        expect(fieldError(res.body, 'f-score'), score).toContain(message)
      }
      expect(await entryOf(id, BEBOP)).toBeNull()
    })
  })

  describe('problems', () => {
    let users = 0
    async function refused(fields: Record<string, string | string[]>, mediaId = BEBOP) {
      const { id, browser } = await userBrowser(`user${++users}`)
      await addEntries(s.app, id, [[mediaId, 'ANIME', { status: 'PLANNING', notes: 'kept' }]])
      const { token } = await editPage(browser, mediaId)
      const res = await browser.post(`/list/${mediaId}/edit`, editorForm(token, { notes: 'typed again', ...fields }))
      expect(res.statusCode).toBe(400)
      // Nothing was saved; the form shows what was sent.
      expect(await entryOf(id, mediaId)).toMatchObject({ status: 'PLANNING', notes: 'kept' })
      return res.body
    }

    it('progress beyond the episode count', async () => {
      const html = await refused({ progress: '27', repeat: '1' })
      expect(fieldError(html, 'f-progress')).toBe('The progress may not be greater than 26: this anime has 26 episodes.')
      expect(html).toContain('aria-describedby="f-progress-error f-progress-hint"')
      expect(html).toContain('role="alert"')
      expect(inputValue(html, 'f-progress')).toBe('27')
      expect(inputValue(html, 'f-repeat')).toBe('1')
      expect(html).toContain('>typed again</textarea>')
    })

    it('a date that does not exist, or a part out of range', async () => {
      const html = await refused({ startedAt_year: '2023', startedAt_month: '2', startedAt_day: '30', completedAt_year: '2023', completedAt_month: '13' })
      expect(fieldError(html, 'f-startedAt')).toBe('The start date is not a valid date.')
      expect(fieldError(html, 'f-completedAt')).toBe("The completion date's month must be between 1 and 12.")
      expect(inputValue(html, 'f-startedAt-day')).toBe('30')
      const year = await refused({ startedAt_year: 'soon' })
      expect(fieldError(year, 'f-startedAt')).toBe("The start date's year must be a whole number.")
    })

    it('a score out of range', async () => {
      expect(fieldError(await refused({ score: '101' }), 'f-score')).toBe('The score may not be greater than 100.')
    })

    it('notes too long', async () => {
      const html = await refused({ notes: 'x'.repeat(10_001) })
      expect(fieldError(html, 'f-notes')).toBe('The notes may not be greater than 10000 characters.')
    })

    it('a field sent twice, U+0000, counters out of range', async () => {
      const html = await refused({ progress: ['1', '2'], notes: 'a\u0000b', repeat: '70000' })
      expect(fieldError(html, 'f-progress')).toBe('The progress was sent more than once.')
      expect(fieldError(html, 'f-notes')).toBe('The notes must not contain the character U+0000.')
      expect(fieldError(html, 'f-repeat')).toBe('The repeat may not be greater than 65535.')
      const lists = await refused({ customLists: 'bad\u0000name', status: ['CURRENT', 'PAUSED'] })
      expect(fieldError(lists, 'f-customLists')).toBe('The custom lists must be names of your custom lists.')
      expect(fieldError(lists, 'f-status')).toBe('The status was sent more than once.')
    })

    it('an advanced score out of range, named by its category', async () => {
      const { id, browser } = await userBrowser('alice', { mediaListOptions: { animeList: { advancedScoringEnabled: true, advancedScoring: ['Story', 'Music'] } } })
      const { token } = await editPage(browser, BEBOP)
      const res = await browser.post(`/list/${BEBOP}/edit`, editorForm(token, { advancedScores_0: '50', advancedScores_1: '120' }))
      expect(res.statusCode).toBe(400)
      expect(fieldError(res.body, 'f-advancedScores-1')).toBe('The Music score may not be greater than 100.')
      expect(fieldError(res.body, 'f-advancedScores-0')).toBeNull()
      expect(await entryOf(id, BEBOP)).toBeNull()
    })

    it('a form without its CSRF token changes nothing', async () => {
      const { id, browser } = await userBrowser('alice')
      const res = await browser.post(`/list/${BEBOP}/edit`, { ...editorForm('wrong'), status: 'CURRENT' })
      expect(res.statusCode).toBe(403)
      expect(await entryOf(id, BEBOP)).toBeNull()
    })
  })

  it('answers an unknown work with the 404 page', async () => {
    const { browser } = await userBrowser('alice')
    for (const id of ['424242', '0', '-1', 'x', '1e3']) expect((await browser.get(`/list/${id}/edit`)).statusCode, id).toBe(404)
  })
})

describe('hostile text', () => {
  it('a title and custom list names are escaped, never markup', async () => {
    await upsertMedia(s.app.kiroku.db, s.app.kiroku.clock, [
      { id: 777001, type: 'ANIME', episodes: 3, title: { romaji: `<script>alert("t")</script> & 'Tom'`, english: null, native: null } },
    ])
    const { id, browser } = await userBrowser('alice', { mediaListOptions: { animeList: { customLists: [`"><img src=x onerror=alert(1)>`] } } })
    const { page, token } = await editPage(browser, 777001)
    expect(page.body).not.toContain('<script>alert')
    expect(page.body).not.toContain('<img src=x')
    expect(page.body).toContain('&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &#39;Tom&#39;')
    const res = await browser.post('/list/777001/edit', editorForm(token, { customLists: `"><img src=x onerror=alert(1)>` }))
    expect(res.statusCode).toBe(303)
    expect((await entryOf(id, 777001))?.customLists).toEqual([`"><img src=x onerror=alert(1)>`])
    const confirm = await browser.get('/list/777001/delete')
    expect(confirm.body).not.toContain('<script>alert')
  })

  it('a flash cookie carries a code, so a forged one shows nothing', async () => {
    expect(flashMessage('saved')).toBe('Saved.')
    expect(flashMessage('added.DROPPED.MANGA')).toBe('Added to your Dropped list.')
    for (const forged of ['<b>hi</b>', 'added.<b>.ANIME', 'added.WATCHING.ANIME', 'added.CURRENT.NOVEL', '']) expect(flashMessage(forged), forged).toBeNull()
    const { browser } = await userBrowser('alice')
    browser.cookies.set(FLASH_COOKIE, encodeURIComponent(`<b>pwned</b>@/list/${BEBOP}/edit`))
    const page = await browser.get(`/list/${BEBOP}/edit`)
    expect(page.body).not.toContain('pwned')
    expect(flashOf(page.body)).toBeNull()
    // The same cookie with a code is shown (so the forged one was read, and refused).
    browser.cookies.set(FLASH_COOKIE, encodeURIComponent(`saved@/list/${BEBOP}/edit`))
    expect(flashOf((await browser.get(`/list/${BEBOP}/edit`)).body)).toBe('Saved.')
    // Set for another page, it is left for that page.
    browser.cookies.set(FLASH_COOKIE, encodeURIComponent(`saved@/anime/${BEBOP}`))
    expect(flashOf((await browser.get(`/list/${BEBOP}/edit`)).body)).toBeNull()
  })
})

describe('deleting', () => {
  it('asks first, deletes on the POST, and goes to the work\'s page', async () => {
    const { id, browser } = await userBrowser('alice')
    await addEntries(s.app, id, [[BEBOP, 'ANIME', { status: 'CURRENT', progress: 4 }]])
    const confirm = await browser.get(`/list/${BEBOP}/delete`)
    expect(confirm.statusCode).toBe(200)
    expect(confirm.body).toContain('<h1>Remove Cowboy Bebop from your list?</h1>')
    expect(confirm.body).toContain(`action="/list/${BEBOP}/delete"`)
    expect(confirm.body).toContain(`href="/list/${BEBOP}/edit" class="button secondary">Cancel</a>`)
    expect(await entryOf(id, BEBOP)).not.toBeNull()

    expect((await browser.post(`/list/${BEBOP}/delete`, { csrf_token: 'wrong' })).statusCode).toBe(403)
    expect(await entryOf(id, BEBOP)).not.toBeNull()

    const res = await browser.post(`/list/${BEBOP}/delete`, { csrf_token: csrfToken(confirm.body) })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/anime/${BEBOP}`)
    expect(res.cookies.find((c) => c.name === FLASH_COOKIE)?.path).toBe(`/anime/${BEBOP}`)
    expect(await entryOf(id, BEBOP)).toBeNull()

    // Again (a second tab, a replayed form): the entry is gone, which is a 404 page, not an error.
    const again = await browser.post(`/list/${BEBOP}/delete`, { csrf_token: csrfToken(confirm.body) })
    expect(again.statusCode).toBe(404)
    expect(again.body).toContain('not on your list')
    expect((await browser.get(`/list/${BEBOP}/delete`)).statusCode).toBe(404)
  })

  it('goes to the manga page for a manga', async () => {
    const { id, browser } = await userBrowser('alice')
    await addEntries(s.app, id, [[MONSTER, 'MANGA', { status: 'CURRENT' }]])
    const confirm = await browser.get(`/list/${MONSTER}/delete`)
    const res = await browser.post(`/list/${MONSTER}/delete`, { csrf_token: csrfToken(confirm.body) })
    expect(res.headers.location).toBe(`/manga/${MONSTER}`)
  })
})

describe("another user's entry", () => {
  it('is never read, changed or deleted', async () => {
    const bob = await userBrowser('bob')
    await addEntries(s.app, bob.id, [[BEBOP, 'ANIME', { status: 'COMPLETED', score: 90, progress: 26, notes: "bob's" }]])
    const before = await entryOf(bob.id, BEBOP)
    const alice = await userBrowser('alice')

    const page = await alice.browser.get(`/list/${BEBOP}/edit`)
    expect(page.body).toContain('is not on your list')
    expect(page.body).not.toContain("bob's")
    const token = csrfToken(page.body)
    expect((await alice.browser.get(`/list/${BEBOP}/delete`)).statusCode).toBe(404)
    expect((await alice.browser.post(`/list/${BEBOP}/delete`, { csrf_token: token })).statusCode).toBe(404)

    await alice.browser.post(`/list/${BEBOP}/edit`, editorForm(token, { status: 'DROPPED', notes: "alice's" }))
    await alice.browser.post(`/list/${BEBOP}/add`, { csrf_token: token, status: 'PLANNING' })
    const confirm = await alice.browser.get(`/list/${BEBOP}/delete`)
    expect(confirm.statusCode).toBe(200)
    await alice.browser.post(`/list/${BEBOP}/delete`, { csrf_token: token })
    expect(await entryOf(alice.id, BEBOP)).toBeNull()
    expect(await entryOf(bob.id, BEBOP)).toEqual(before)
  })
})

describe('messages on the pages the editor redirects to', () => {
  it('shows "Added" on the media page the add form came from, and "Removed" there after a delete, each once', async () => {
    const { browser } = await userBrowser('alice')
    const media = await browser.get(`/anime/${BEBOP}`)
    expect(media.statusCode).toBe(200)
    const token = csrfToken(media.body)
    const added = await browser.post(`/list/${BEBOP}/add`, { csrf_token: token, status: 'PLANNING', next: `/anime/${BEBOP}` })
    expect(added.headers.location).toBe(`/anime/${BEBOP}`)
    expect(flashOf((await browser.get(`/anime/${BEBOP}`)).body)).toBe('Added to your Planning list.')
    expect(flashOf((await browser.get(`/anime/${BEBOP}`)).body)).toBeNull()

    const removed = await browser.post(`/list/${BEBOP}/delete`, { csrf_token: token })
    expect(removed.headers.location).toBe(`/anime/${BEBOP}`)
    const after = await browser.get(`/anime/${BEBOP}`)
    expect(flashOf(after.body)).toBe('Removed from your list.')
    // Shown once, by the layout: not a second time by any page part.
    expect(after.body.match(/class="flash"/g)).toHaveLength(1)
    expect(flashOf((await browser.get(`/anime/${BEBOP}`)).body)).toBeNull()
  })
})
