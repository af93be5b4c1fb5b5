/**
 * The browse pages over app.inject(): the search forms' strict parsing and each filter's effect on
 * the results, pagination, the home page's sections by the server clock, and the +1 (CSRF, only the
 * viewer's own entry, capped at the work's length, completing at the last episode, PRG and JSON).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'
import { Browser, csrfToken } from '../helpers/browser.js'
import { loggedInBrowser, makeUser } from '../helpers/flow.js'
import { addEntries, type EntrySpec } from '../helpers/lists.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { findMedia } from '../../src/catalog/media-query.js'
import { setMediaTags, upsertTags } from '../../src/catalog/tags.js'
import { updateProfile } from '../../src/accounts/profiles.js'
import { loadUserEntriesForMedia } from '../../src/lists/entry-store.js'
import type { Media, MediaInput, MediaType } from '../../src/catalog/media.js'
import type { User } from '../../src/accounts/users.js'

let s: TestServer
/** Every work of the catalog, read once: the oracle the page's results are compared with. */
let all: Media[]

// 2025-06-15: summer 2025, so next season is fall 2025.
const JUNE_2025 = 1_750_000_000
// 2025-09-20: fall 2025, next is winter 2026.
const SEPTEMBER_2025 = Date.UTC(2025, 8, 20) / 1000

const work = (id: number, romaji: string, extra: Partial<MediaInput>): MediaInput => ({
  id, type: 'ANIME', format: 'TV', title: { romaji, english: `${romaji} (English)` }, popularity: 100, ...extra,
})

const SEASONAL: MediaInput[] = [
  work(910001, 'Natsu Ichi', { season: 'SUMMER', seasonYear: 2025, status: 'RELEASING', popularity: 500, episodes: 12 }),
  work(910002, 'Natsu Ni', { season: 'SUMMER', seasonYear: 2025, status: 'FINISHED', popularity: 900, trending: 5000 }),
  work(910003, 'Aki Yotei', { season: 'FALL', seasonYear: 2025, status: 'NOT_YET_RELEASED', popularity: 300 }),
  work(910004, 'Aki Hoso', { season: 'FALL', seasonYear: 2025, status: 'RELEASING', popularity: 800 }),
  work(910005, 'Fuyu Yotei', { season: 'WINTER', seasonYear: 2026, status: 'NOT_YET_RELEASED', popularity: 50 }),
  work(910006, 'Natsu Otona', { season: 'SUMMER', seasonYear: 2025, status: 'RELEASING', popularity: 9999, trending: 9999, isAdult: true }),
]

const TAG = { id: 990001, name: 'Kiroku Test Tag', category: 'Theme-Test' }
const ADULT_TAG = { id: 990002, name: 'Kiroku Adult Tag', category: 'Sexual Content', isAdult: true }

beforeAll(async () => {
  s = await catalogServer()
  s.clock.set(JUNE_2025)
  await upsertMedia(s.app.kiroku.db, s.clock, SEASONAL)
  await upsertTags(s.app.kiroku.db, [TAG, ADULT_TAG])
  await setMediaTags(s.app.kiroku.db, 1, [{ tagId: TAG.id, rank: 80, isMediaSpoiler: false }])
  await setMediaTags(s.app.kiroku.db, 910001, [{ tagId: TAG.id, rank: 60, isMediaSpoiler: false }])
  await setMediaTags(s.app.kiroku.db, 900004, [{ tagId: TAG.id, rank: 60, isMediaSpoiler: false }])
  all = await findMedia(s.app.kiroku.db, { filter: {} }, { limit: 10_000, offset: 0 })
})
afterAll(async () => s.app.close())

/** The works a result grid links to, in order. */
function resultIds(html: string): number[] {
  const grid = /<ul class="cover-grid results">([\s\S]*?)<\/ul>/.exec(html)
  if (!grid) return []
  return [...grid[1]!.matchAll(/href="\/(?:anime|manga)\/(\d+)"/g)].map((m) => Number(m[1]))
}

const search = (type: 'anime' | 'manga', query: string, browser?: Browser) => (browser ? browser.get(`/search/${type}?${query}`) : s.app.inject({ method: 'GET', url: `/search/${type}?${query}` }))

/** Every result of a search, page after page (30 a page). */
async function allResults(type: 'anime' | 'manga', query: string, browser?: Browser): Promise<number[]> {
  const out: number[] = []
  for (let page = 1; page < 20; page++) {
    const res = await search(type, `${query}&page=${page}`, browser)
    expect(res.statusCode).toBe(200)
    const ids = resultIds(res.body)
    if (ids.length === 0) break
    out.push(...ids)
  }
  return out
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b)
const visible = (type: MediaType, keep: (m: Media) => boolean) => sorted(all.filter((m) => m.type === type && !m.isAdult && keep(m)).map((m) => m.id))

describe('the search pages', () => {
  it('list every non-adult work of the type, 30 a page, with page links', async () => {
    const first = await search('anime', '')
    expect(first.statusCode).toBe(200)
    const expected = visible('ANIME', () => true)
    expect(expected.length).toBeGreaterThan(60)
    expect(resultIds(first.body)).toHaveLength(30)
    expect(first.body).toContain(`${expected.length} works`)
    const lastPage = Math.ceil(expected.length / 30)
    expect(first.body).toContain(`page 1 of ${lastPage}`)
    expect(first.body).toContain('href="/search/anime?page=2" rel="next"')
    const ids = await allResults('anime', '')
    // Each work once, across every page, and nothing else.
    expect(sorted(ids)).toEqual(expected)
    // The most popular first when nothing is searched.
    const popularity = ids.map((id) => all.find((m) => m.id === id)!.popularity)
    expect(popularity).toEqual([...popularity].sort((a, b) => b - a))
    const past = await search('anime', `page=${lastPage + 5}`)
    expect(past.statusCode).toBe(200)
    expect(past.body).toContain(`There are only ${lastPage} pages of results.`)
  })

  it('narrow by format, genre, status, season and year', async () => {
    expect(sorted(await allResults('anime', 'format=MOVIE'))).toEqual(visible('ANIME', (m) => m.format === 'MOVIE'))
    expect(sorted(await allResults('anime', 'genre=mecha'))).toEqual(visible('ANIME', (m) => m.genres.includes('Mecha')))
    expect(sorted(await allResults('anime', 'genre=Comedy&format=TV_SHORT'))).toEqual([900001])
    expect(sorted(await allResults('anime', 'status=NOT_YET_RELEASED'))).toEqual([900003, 910003, 910005])
    expect(sorted(await allResults('anime', 'season=SUMMER&year=2025'))).toEqual([910001, 910002])
    expect(sorted(await allResults('anime', 'year=2011'))).toEqual(visible('ANIME', (m) => m.seasonYear === 2011))
    expect(sorted(await allResults('anime', 'season=fall&year=2025&status=RELEASING'))).toEqual([910004])
    // A manga's year is its start year.
    expect(sorted(await allResults('manga', 'year=2012'))).toEqual(visible('MANGA', (m) => m.startDate.year === 2012))
    expect(sorted(await allResults('manga', 'format=NOVEL'))).toEqual([900004])
  })

  it('narrow by tag and by text, and show the tags of the catalog in the select', async () => {
    expect(sorted(await allResults('anime', `tag=${encodeURIComponent(TAG.name)}`))).toEqual([1, 910001])
    expect(sorted(await allResults('manga', `tag=${encodeURIComponent(TAG.name)}`))).toEqual([900004])
    expect(sorted(await allResults('anime', 'search=shiken'))).toEqual([900001, 900003])
    expect(await allResults('anime', 'search=Kiroku%20Shiken%20Gamma')).toEqual([900003])
    // Text without a letter or digit narrows nothing, and is no match to rank by: the most popular first.
    const popular = await search('anime', '')
    expect(resultIds((await search('anime', 'search=%21%21%21')).body)).toEqual(resultIds(popular.body))
    const page = await search('anime', '')
    expect(page.body).toContain(`<option value="${TAG.name}">${TAG.name}</option>`)
    expect(page.body).toContain('<option value="Mecha">Mecha</option>')
    expect(page.body).not.toContain(ADULT_TAG.name)
    // Anime formats on the anime page, manga formats on the manga page.
    expect(page.body).toContain('<option value="TV_SHORT">TV Short</option>')
    expect(page.body).not.toContain('<option value="NOVEL">')
    expect((await search('manga', '')).body).toContain('<option value="ONE_SHOT">One shot</option>')
  })

  it('hide adult works unless the viewer shows adult content, and use the viewer\'s title language', async () => {
    expect(await allResults('anime', 'season=SUMMER&year=2025')).not.toContain(910006)
    const user = await makeUser(s.app, 'adultfan')
    await updateProfile(s.app.kiroku.db, s.clock, user.id, { options: { displayAdultContent: true, titleLanguage: 'ENGLISH' } })
    const browser = await loggedInBrowser(s.app, user)
    expect(sorted(await allResults('anime', 'season=SUMMER&year=2025', browser))).toEqual([910001, 910002, 910006])
    const page = await search('anime', 'season=SUMMER&year=2025', browser)
    expect(page.body).toContain('Natsu Ichi (English)')
    expect(page.body).toContain(ADULT_TAG.name)
    expect((await search('anime', 'season=SUMMER&year=2025')).body).toContain('>Natsu Ichi<')
  })

  it('sort as asked', async () => {
    const newest = await allResults('anime', 'sort=START_DATE_DESC&format=MOVIE')
    const starts = newest.map((id) => all.find((m) => m.id === id)!.startDate.year!)
    expect(starts).toEqual([...starts].sort((a, b) => b - a))
    const trending = await allResults('anime', 'sort=TRENDING_DESC&season=SUMMER&year=2025')
    expect(trending).toEqual([910002, 910001])
  })

  const BAD: Array<[string, string, string]> = [
    ['year=abc', 'year', 'The year must be a number from 1900 to 2100.'],
    ['year=3000', 'year', 'The year must be a number from 1900 to 2100.'],
    ['year=2020.5', 'year', 'The year must be a number from 1900 to 2100.'],
    ['format=NOVEL', 'format', '&quot;NOVEL&quot; is not an anime format: choose one from the list.'],
    ['status=AIRING', 'status', '&quot;AIRING&quot; is not a release status'],
    ['season=AUTUMN', 'season', '&quot;AUTUMN&quot; is not a season'],
    ['genre=Nope', 'genre', 'This catalog has no genre &quot;Nope&quot;'],
    ['tag=Nope', 'tag', 'This catalog has no tag &quot;Nope&quot;'],
    ['sort=ID', 'sort', '&quot;ID&quot; is not a sort this page offers'],
    ['genre=Action&genre=Drama', 'genre', 'Choose one genre: the field was sent more than once.'],
    [`search=${'a'.repeat(201)}`, 'search', 'The search text must be at most 200 characters.'],
    ['search=a%00b', 'search', 'must not contain the character U+0000'],
    ['page=0', 'page', 'The page must be a number from 1 to 10000.'],
    ['page=-1', 'page', 'The page must be a number from 1 to 10000.'],
    ['page=99999999999999999999', 'page', 'The page must be a number from 1 to 10000.'],
  ]
  const cases = BAD.map(([query, field, message]) => ({ query, field, message, shown: query.length > 40 ? `${query.slice(0, 40)}…` : query }))
  it.each(cases)('refuse $shown with a 400 that shows the form and says what is wrong', async ({ query, field, message }) => {
    const res = await search('anime', query)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('text/html')
    expect(res.body).toContain('<form class="search-form panel"')
    expect(res.body).toContain('The search could not run.')
    expect(res.body).toContain(message)
    expect(res.body).toContain(`id="${field}-problem"`)
    expect(resultIds(res.body)).toEqual([])
  })

  it('refuse a season on the manga page, and a huge value without echoing it back', async () => {
    const season = await search('manga', 'season=SPRING')
    expect(season.statusCode).toBe(400)
    expect(season.body).toContain('Manga have no season')
    const huge = await search('anime', `search=${'x'.repeat(100_000)}`)
    expect(huge.statusCode).toBe(400)
    expect(huge.body.length).toBeLessThan(60_000)
  })

  it('link the header\'s Anime and Manga as the current section', async () => {
    expect((await search('anime', '')).body).toContain('<a href="/search/anime" aria-current="page">Anime</a>')
    expect((await search('manga', '')).body).toContain('<a href="/search/manga" aria-current="page">Manga</a>')
  })
})

/** The works a home section shows, in order. */
function sectionIds(html: string, id: string): number[] {
  const section = new RegExp(`<section aria-labelledby="${id}-heading">([\\s\\S]*?)</section>`).exec(html)
  if (!section) throw new Error(`no section ${id}`)
  return [...section[1]!.matchAll(/href="\/(?:anime|manga)\/(\d+)"/g)].map((m) => Number(m[1]))
}

describe('the home page', () => {
  it('shows a visitor a welcome, the trending works and the seasons of the server clock', async () => {
    s.clock.set(JUNE_2025)
    const res = await s.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<a class="button" href="/signup">Sign up</a>')
    expect(res.body).toContain('For app developers')
    expect(res.body).toContain('POST http://kiroku.test/graphql')
    expect(res.body).not.toContain('In progress')
    const trendingExpected = all
      .filter((m) => m.type === 'ANIME' && !m.isAdult)
      .sort((a, b) => b.trending - a.trending || b.popularity - a.popularity || a.id - b.id)
      .slice(0, 6)
      .map((m) => m.id)
    expect(sectionIds(res.body, 'trending')).toEqual(trendingExpected)
    expect(sectionIds(res.body, 'this-season')).toEqual([910002, 910001])
    expect(sectionIds(res.body, 'next-season')).toEqual([910003])
    expect(res.body).toContain('href="/search/anime?season=SUMMER&amp;year=2025&amp;sort=POPULARITY_DESC"')
    expect(res.body).toContain('href="/search/anime?season=FALL&amp;year=2025&amp;status=NOT_YET_RELEASED&amp;sort=POPULARITY_DESC"')
  })

  it('moves its seasons with the clock', async () => {
    s.clock.set(SEPTEMBER_2025)
    try {
      const res = await s.app.inject({ method: 'GET', url: '/' })
      expect(sectionIds(res.body, 'this-season')).toEqual([910004, 910003])
      expect(sectionIds(res.body, 'next-season')).toEqual([910005])
      expect(res.body).toContain('href="/search/anime?season=WINTER&amp;year=2026&amp;status=NOT_YET_RELEASED&amp;sort=POPULARITY_DESC"')
    } finally {
      s.clock.set(JUNE_2025)
    }
  })

  it('shows a logged-in user their watching, reading and repeating entries with their progress and a +1', async () => {
    const user = await makeUser(s.app, 'watcher')
    await addEntries(s.app, user.id, [
      [1, 'ANIME', { status: 'CURRENT', progress: 4 }],
      [21, 'ANIME', { status: 'REPEATING', progress: 7 }],
      [5, 'ANIME', { status: 'COMPLETED', progress: 1 }],
      [6, 'ANIME', { status: 'PLANNING' }],
      [900005, 'MANGA', { status: 'CURRENT', progress: 0 }],
    ])
    const browser = await loggedInBrowser(s.app, user)
    const res = await browser.get('/')
    expect(res.body).toContain('In progress')
    expect(res.body).not.toContain('href="/signup">Sign up</a>')
    const progress = /<section class="in-progress"[\s\S]*?<\/section>/.exec(res.body)![0]
    const ids = [...progress.matchAll(/data-media-id="(\d+)"/g)].map((m) => Number(m[1]))
    expect(sorted(ids)).toEqual([1, 21, 900005])
    expect(progress).toMatch(/data-media-id="1"[\s\S]*?<span class="progress-value">4<\/span> \/ 26/)
    expect(progress).toMatch(/data-media-id="21"[\s\S]*?<span class="progress-value">7<\/span> \/ \?/)
    expect(progress).toContain('action="/list/1/plus-one"')
    expect(progress).toContain('<input type="hidden" name="next" value="/">')
    expect(res.body).toMatch(/<script src="\/static\/site\/plus-one.js" nonce="[^"]+" defer><\/script>/)
  })
})

describe('POST /list/:mediaId/plus-one', () => {
  let n = 0
  async function userWith(entries: Array<[number, MediaType, EntrySpec]>): Promise<{ user: User; browser: Browser; token: string }> {
    const user = await makeUser(s.app, `plus${++n}`)
    await addEntries(s.app, user.id, entries)
    const browser = await loggedInBrowser(s.app, user)
    return { user, browser, token: csrfToken((await browser.get('/')).body) }
  }
  const entryOf = async (user: User, mediaId: number) => (await loadUserEntriesForMedia(s.app.kiroku.db, user.id, [mediaId])).get(mediaId)

  it('needs the CSRF token', async () => {
    const { user, browser } = await userWith([[1, 'ANIME', { status: 'CURRENT', progress: 4 }]])
    const res = await browser.post('/list/1/plus-one', { next: '/' })
    expect(res.statusCode).toBe(403)
    const wrong = await browser.post('/list/1/plus-one', { next: '/', csrf_token: 'not-the-token' })
    expect(wrong.statusCode).toBe(403)
    expect((await entryOf(user, 1))!.progress).toBe(4)
  })

  it('adds one and redirects back to next with a 303 (never off the site)', async () => {
    const { user, browser, token } = await userWith([[1, 'ANIME', { status: 'CURRENT', progress: 4 }]])
    const res = await browser.post('/list/1/plus-one', { csrf_token: token, next: '/search/anime?genre=Action' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/search/anime?genre=Action')
    expect((await entryOf(user, 1))).toMatchObject({ progress: 5, status: 'CURRENT' })
    const evil = await browser.post('/list/1/plus-one', { csrf_token: token, next: '//evil.example/' })
    expect(evil.headers.location).toBe('/')
    expect((await entryOf(user, 1))!.progress).toBe(6)
    // The page it leads to shows the new progress.
    expect((await browser.get('/')).body).toMatch(/data-media-id="1"[\s\S]*?<span class="progress-value">6<\/span> \/ 26/)
  })

  it('completes the entry at the last episode, never goes past it, and counts a rewatch', async () => {
    const { user, browser, token } = await userWith([
      [1, 'ANIME', { status: 'CURRENT', progress: 25 }],
      [9756, 'ANIME', { status: 'REPEATING', progress: 11, repeat: 2, completedAt: { year: 2020, month: 1, day: 2 } }],
      [900005, 'MANGA', { status: 'CURRENT', progress: 0 }],
    ])
    expect((await browser.post('/list/1/plus-one', { csrf_token: token, next: '/' })).statusCode).toBe(303)
    const done = await entryOf(user, 1)
    // 2025-06-15 by the server clock (UTC, the user has no timezone).
    expect(done).toMatchObject({ progress: 26, status: 'COMPLETED', completedAt: { year: 2025, month: 6, day: 15 } })
    // A completed entry has no +1: nothing changes.
    const again = await browser.post('/list/1/plus-one', { csrf_token: token, next: '/' })
    expect(again.statusCode).toBe(409)
    expect((await entryOf(user, 1))!.progress).toBe(26)

    await browser.post('/list/9756/plus-one', { csrf_token: token, next: '/' })
    expect(await entryOf(user, 9756)).toMatchObject({ progress: 12, status: 'COMPLETED', repeat: 3, completedAt: { year: 2020, month: 1, day: 2 } })

    // A one-chapter manga: its only chapter completes it.
    await browser.post('/list/900005/plus-one', { csrf_token: token, next: '/' })
    expect(await entryOf(user, 900005)).toMatchObject({ progress: 1, status: 'COMPLETED' })
  })

  it('counts on when the length is unknown, up to the list\'s own limit', async () => {
    const { user, browser, token } = await userWith([[21, 'ANIME', { status: 'CURRENT', progress: 1100 }]])
    await browser.post('/list/21/plus-one', { csrf_token: token, next: '/' })
    expect(await entryOf(user, 21)).toMatchObject({ progress: 1101, status: 'CURRENT' })
    const atLimit = await userWith([[21, 'ANIME', { status: 'CURRENT', progress: 65_535 }]])
    const refused = await atLimit.browser.post('/list/21/plus-one', { csrf_token: atLimit.token, next: '/' })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('The progress may not be greater than 65535.')
    expect((await entryOf(atLimit.user, 21))!.progress).toBe(65_535)
  })

  it('completes an entry already past the known length, at that length (the status rules fill it)', async () => {
    const { user, browser, token } = await userWith([[20, 'ANIME', { status: 'CURRENT', progress: 300 }]])
    await browser.post('/list/20/plus-one', { csrf_token: token, next: '/' })
    expect(await entryOf(user, 20)).toMatchObject({ progress: 220, status: 'COMPLETED' })
  })

  it('reaches only the viewer\'s own entry', async () => {
    const owner = await userWith([[1, 'ANIME', { status: 'CURRENT', progress: 3 }], [6, 'ANIME', { status: 'CURRENT', progress: 3 }]])
    const other = await userWith([[6, 'ANIME', { status: 'CURRENT', progress: 10 }]])
    const res = await other.browser.post('/list/1/plus-one', { csrf_token: other.token, next: '/' })
    expect(res.statusCode).toBe(404)
    expect((await entryOf(owner.user, 1))!.progress).toBe(3)
    expect(await entryOf(other.user, 1)).toBeUndefined()
    // Both have the work: the other's +1 changes the other's entry only.
    await other.browser.post('/list/6/plus-one', { csrf_token: other.token, next: '/' })
    expect((await entryOf(other.user, 6))!.progress).toBe(11)
    expect((await entryOf(owner.user, 6))!.progress).toBe(3)
  })

  it('answers JSON { progress, status } to a fetch that asks for it', async () => {
    const { user, browser, token } = await userWith([[9756, 'ANIME', { status: 'CURRENT', progress: 10 }]])
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const post = () =>
      s.app.inject({
        method: 'POST',
        url: '/list/9756/plus-one',
        headers: { cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ csrf_token: token, next: '/' }).toString(),
      })
    const first = await post()
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({ progress: 11, status: 'CURRENT' })
    expect((await post()).json()).toEqual({ progress: 12, status: 'COMPLETED' })
    expect(await entryOf(user, 9756)).toMatchObject({ progress: 12, status: 'COMPLETED' })
    const after = await post()
    expect(after.statusCode).toBe(409)
    expect(after.json()).toHaveProperty('error')
  })

  it('sends a visitor to log in, and answers a malformed or unknown work with 404', async () => {
    const visitor = new Browser(s.app)
    const res = await visitor.post('/list/1/plus-one', { next: '/' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/login?next=%2F')
    const { browser, token } = await userWith([])
    for (const id of ['abc', '0', '99999999999', '1e3', '01']) {
      expect((await browser.post(`/list/${id}/plus-one`, { csrf_token: token, next: '/' })).statusCode).toBe(404)
    }
    expect((await browser.post('/list/123456/plus-one', { csrf_token: token, next: '/' })).statusCode).toBe(404)
  })
})
