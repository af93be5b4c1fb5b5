/**
 * Profile pages over app.inject(): the overview's figures and charts for known entries in every score
 * format, private entries counted and listed for their owner only, the lists grouped and ordered as
 * AniList's (custom lists, hidden entries), the status filter, favourites, the about text rendered
 * safely, 404s for unknown and hostile names, and a list page whose statements do not grow with the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { addEntries, listServer, listUser, type EntrySpec } from '../helpers/lists.js'
import type { TestServer } from '../helpers/server.js'
import { Browser, logIn } from '../helpers/browser.js'
import { PASSWORD } from '../helpers/flow.js'
import { decodeEntities } from '../helpers/browser.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import { updateListOptions } from '../../src/lists/list-options.js'
import { updateProfile } from '../../src/accounts/profiles.js'
import { toggleFavourite } from '../../src/accounts/favourites.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { upsertCharacters, upsertStaff } from '../../src/people/person-store.js'
import type { MediaType } from '../../src/catalog/media.js'
import type { ScoreFormat } from '../../src/lists/score-format.js'

let s: TestServer
let owner: { id: number }
let other: Browser
let mine: Browser
let anonymous: Browser

// The test clock starts at 1_750_000_000: 2025-06-15 UTC.
const MARCH = { year: 2025, month: 3, day: 2 }

const ANIME: Array<[number, MediaType, EntrySpec]> = [
  // TRIGUN: 26 episodes of 24 minutes.
  [6, 'ANIME', { status: 'COMPLETED', score: 80, progress: 26, completedAt: MARCH }],
  // Evangelion: 26 × 24.
  [30, 'ANIME', { status: 'CURRENT', score: 75, progress: 4 }],
  // AKIRA: a 124-minute film.
  [47, 'ANIME', { status: 'COMPLETED', score: 95, progress: 1 }],
  // Death Note, planned: counts in statuses only.
  [1535, 'ANIME', { status: 'PLANNING' }],
  // Haruhi, dropped after 2 of 14 × 24, unscored.
  [849, 'ANIME', { status: 'DROPPED', progress: 2 }],
  // Cowboy Bebop: the film (115 minutes), private: its owner's alone.
  [5, 'ANIME', { status: 'COMPLETED', score: 10, progress: 1, private: true }],
  // Attack on Titan: only on the custom list "Rewatch pile", hidden from the status lists.
  [16498, 'ANIME', { status: 'PAUSED', score: 60, progress: 10, hiddenFromStatusLists: true, customLists: ['Rewatch pile'] }],
]
const MANGA: Array<[number, MediaType, EntrySpec]> = [
  // MONSTER: 162 chapters, 18 volumes.
  [30001, 'MANGA', { status: 'COMPLETED', score: 90, progress: 162, progressVolumes: 18, customLists: ['Shelf'] }],
  [30021, 'MANGA', { status: 'CURRENT', score: 70, progress: 20, progressVolumes: 2 }],
]

const get = (browser: Browser, url: string) => browser.get(url)

beforeAll(async () => {
  s = await listServer()
  const app = s.app
  const alice = await listUser(app, 'alice', { mediaListOptions: { animeList: { customLists: ['Rewatch pile'] }, mangaList: { customLists: ['Shelf'] } } })
  owner = alice.user
  await addEntries(app, owner.id, [...ANIME, ...MANGA])
  // Bob reads titles in English.
  await listUser(app, 'bob', { options: { titleLanguage: 'ENGLISH' } })
  mine = new Browser(app)
  await logIn(mine, 'alice', PASSWORD)
  other = new Browser(app)
  await logIn(other, 'bob', PASSWORD)
  anonymous = new Browser(app)
})
afterAll(async () => s.app.close())

/** The rows of the chart captioned `caption` (its screen-reader table), label → count. */
function chart(html: string, caption: string): Record<string, number> {
  const table = new RegExp(`<caption>${caption}</caption>([\\s\\S]*?)</table>`).exec(html)
  if (!table) throw new Error(`no chart "${caption}"`)
  const out: Record<string, number> = {}
  for (const m of table[1]!.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)) out[decodeEntities(m[1]!)] = Number(m[2])
  return out
}

/** The figure with this term in the statistics panel of `type`. */
function figure(html: string, type: 'anime' | 'manga', term: string): string {
  const panel = new RegExp(`<section class="panel profile-stats" aria-labelledby="${type}-stats">([\\s\\S]*?)</section>`).exec(html)![1]!
  const m = new RegExp(`<dt>${term}</dt><dd>([^<]*)</dd>`).exec(panel)
  if (!m) throw new Error(`no figure "${term}"`)
  return decodeEntities(m[1]!)
}

const nonZero = (rows: Record<string, number>) => Object.fromEntries(Object.entries(rows).filter(([, v]) => v > 0))

async function setFormat(format: ScoreFormat) {
  await updateListOptions(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { scoreFormat: format })
}

describe('the overview', () => {
  it('counts entries, episodes, days and the mean score, leaving planned and (for others) private entries out', async () => {
    await setFormat('POINT_100')
    const res = await get(other, '/user/alice')
    expect(res.statusCode).toBe(200)
    // Non-planned, non-private: TRIGUN, Evangelion, AKIRA, Haruhi, Attack on Titan.
    expect(figure(res.body, 'anime', 'Total anime')).toBe('5')
    expect(figure(res.body, 'anime', 'Episodes watched')).toBe(String(26 + 4 + 1 + 2 + 10))
    // (26·24 + 4·24 + 124 + 2·24 + 10·24) minutes = 1132 = 0.79 days.
    expect(figure(res.body, 'anime', 'Days watched')).toBe('0.8')
    // (80 + 75 + 95 + 60) / 4 = 77.5.
    expect(figure(res.body, 'anime', 'Mean score')).toBe('77.5')
    expect(figure(res.body, 'manga', 'Total manga')).toBe('2')
    expect(figure(res.body, 'manga', 'Chapters read')).toBe('182')
    expect(figure(res.body, 'manga', 'Volumes read')).toBe('20')
    expect(figure(res.body, 'manga', 'Mean score')).toBe('80')
    expect(chart(res.body, 'Anime: entries by status')).toEqual({ Watching: 1, Rewatching: 0, Completed: 2, Paused: 1, Dropped: 1, Planning: 1 })
    expect(chart(res.body, 'Manga: entries by status')).toEqual({ Reading: 1, Rereading: 0, Completed: 1, Paused: 0, Dropped: 0, Planning: 0 })
  })

  it('counts the owner’s private entries for the owner', async () => {
    await setFormat('POINT_100')
    const res = await get(mine, '/user/alice')
    expect(figure(res.body, 'anime', 'Total anime')).toBe('6')
    expect(chart(res.body, 'Anime: entries by status').Completed).toBe(3)
    // (80 + 75 + 95 + 60 + 10) / 5 = 64.
    expect(figure(res.body, 'anime', 'Mean score')).toBe('64')
    const anon = await get(anonymous, '/user/alice')
    expect(figure(anon.body, 'anime', 'Total anime')).toBe('5')
  })

  it.each<[ScoreFormat, Record<string, number>, string]>([
    // Raw 60, 75, 80, 95 in ten bins of ten: 75 rounds to 80, 95 to 100.
    ['POINT_100', { '60': 1, '80': 2, '100': 1 }, '77.5'],
    ['POINT_10', { '6': 1, '8': 2, '10': 1 }, '8.0'],
    // The decimal format's scores bin by whole points; the mean keeps its decimals: (6 + 7.5 + 8 + 9.5) / 4.
    ['POINT_10_DECIMAL', { '6': 1, '8': 2, '10': 1 }, '7.8'],
    // 60 → 3, 75 → 4, 80 → 4, 95 → 5.
    ['POINT_5', { '3★': 1, '4★': 2, '5★': 1 }, '4.0'],
    // 60 → :|, every other score → :).
    ['POINT_3', { ':|': 1, ':)': 3 }, ':)'],
  ])('bins the score distribution in the owner’s format %s', async (format, bins, mean) => {
    await setFormat(format)
    const res = await get(other, '/user/alice')
    const rows = chart(res.body, 'Anime: score distribution')
    const size = format === 'POINT_5' ? 5 : format === 'POINT_3' ? 3 : 10
    expect(Object.keys(rows)).toHaveLength(size)
    expect(nonZero(rows)).toEqual(bins)
    expect(figure(res.body, 'anime', 'Mean score')).toBe(mean)
    await setFormat('POINT_100')
  })

  it('shows the top genres and the last twelve months of activity', async () => {
    const res = await get(other, '/user/alice')
    const genres = chart(res.body, 'Anime: top genres')
    // Drama: TRIGUN, Evangelion, AKIRA, Attack on Titan; Action: the same four; Sci-Fi: TRIGUN, Eva, AKIRA, Haruhi.
    expect(genres).toMatchObject({ Action: 4, Drama: 4, 'Sci-Fi': 4 })
    expect(Object.keys(genres).length).toBeLessThanOrEqual(6)
    const activity = chart(res.body, 'Anime: entries updated or completed, last 12 months')
    const labels = Object.keys(activity)
    expect(labels).toHaveLength(12)
    expect(labels[0]).toBe('Jul 24')
    expect(labels[11]).toBe('Jun')
    // Every visible non-private entry was updated this month; TRIGUN was also completed in March.
    expect(activity.Jun).toBe(6)
    expect(activity.Mar).toBe(1)
  })

  it('renders the about text as markdown, never as raw HTML, and shows only local avatars', async () => {
    await updateProfile(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { about: 'I like **mecha**.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>', avatar: 'https://evil.example/a.png' })
    const res = await get(anonymous, '/user/alice')
    expect(res.body).toContain('<strong>mecha</strong>')
    expect(res.body).not.toContain('<script>alert(1)')
    expect(res.body).not.toMatch(/<img[^>]+onerror/)
    expect(res.body).not.toContain('evil.example')
    expect(res.body).toContain('src="/static/default-avatar-large.png"')
    await updateProfile(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { avatar: '/static/default-avatar-medium.png' })
    expect((await get(anonymous, '/user/alice')).body).toContain('class="profile-avatar" src="/static/default-avatar-medium.png"')
    await updateProfile(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { about: null, avatar: null })
  })

  it('turns pictures and videos on other hosts into links, keeping this server’s pictures', async () => {
    const about = 'Look: ![my "cat"](https://cdn.example/cat.png?a=1&b=2) img220(https://cdn.example/big.jpg) webm(https://cdn.example/v.webm) ![icon](/static/favicon.svg)'
    await updateProfile(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { about })
    const html = (await get(anonymous, '/user/alice')).body
    const section = /<div class="markdown">([\s\S]*?)<\/div>/.exec(html)![1]!
    expect(section).not.toMatch(/<img[^>]+cdn\.example/)
    expect(section).not.toContain('<video')
    expect(section).toContain('<a href="https://cdn.example/cat.png?a=1&amp;b=2" rel="noopener noreferrer nofollow" class="external-media">Picture: my &quot;cat&quot;</a>')
    expect(section).toContain('<a href="https://cdn.example/big.jpg" rel="noopener noreferrer nofollow" class="external-media">Picture</a>')
    expect(section).toContain('<a href="https://cdn.example/v.webm" rel="noopener noreferrer nofollow" class="external-media">Video</a>')
    await updateProfile(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { about: null })
  })

  it('finds the user whatever the case of the name, and links the tabs to the stored name', async () => {
    const res = await get(anonymous, '/user/ALICE')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<h1 class="profile-name">alice</h1>')
    expect(res.body).toContain('href="/user/alice/animelist"')
    expect(res.body).toContain('aria-current="page">Overview</a>')
    const stats = await get(anonymous, '/user/Alice/stats')
    expect(stats.statusCode).toBe(302)
    expect(stats.headers.location).toBe('/user/alice#statistics')
  })
})

/** The section headings of a list page, in order. */
const headings = (html: string) => [...html.matchAll(/<h2 id="list-\d+">([^<]*)/g)].map((m) => decodeEntities(m[1]!).trim())

/** The row titles of the section named `name`. */
function rowsOf(html: string, name: string): string[] {
  const sections = html.split('<section class="list-section"').slice(1)
  const section = sections.find((sec) => new RegExp(`<h2 id="list-\\d+">${name}[ <]`).test(sec))
  if (!section) throw new Error(`no list "${name}"`)
  return [...section.matchAll(/<th scope="row" class="entry-title"><a href="[^"]+">([^<]*)<\/a>/g)].map((m) => decodeEntities(m[1]!))
}

describe('the lists', () => {
  it('groups by status in AniList’s order and names, then custom lists; hidden entries only in their custom list', async () => {
    const res = await get(anonymous, '/user/alice/animelist')
    expect(res.statusCode).toBe(200)
    expect(headings(res.body)).toEqual(['Watching', 'Completed', 'Dropped', 'Planning', 'Rewatch pile'])
    // Attack on Titan is paused but hidden from status lists: no Paused list, only the custom one.
    expect(rowsOf(res.body, 'Rewatch pile')).toEqual(['Shingeki no Kyojin'])
    // Rows in the owner's row order (score): AKIRA 95 before TRIGUN 80; the private film is not shown.
    expect(rowsOf(res.body, 'Completed')).toEqual(['AKIRA', 'TRIGUN'])
    expect(res.body).not.toContain('Tengoku no Tobira')
    expect(res.body).not.toContain('/list/')
    const manga = await get(anonymous, '/user/alice/mangalist')
    expect(headings(manga.body)).toEqual(['Reading', 'Completed', 'Shelf'])
    expect(rowsOf(manga.body, 'Shelf')).toEqual(['MONSTER'])
  })

  it('follows the owner’s section order and row order', async () => {
    await updateListOptions(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { rowOrder: 'title', animeList: { sectionOrder: ['Planning', 'Rewatch pile', 'Completed'] } })
    const res = await get(mine, '/user/alice/animelist')
    expect(headings(res.body)).toEqual(['Planning', 'Rewatch pile', 'Completed', 'Watching', 'Dropped'])
    expect(rowsOf(res.body, 'Completed')).toEqual(['AKIRA', 'Cowboy Bebop: Tengoku no Tobira', 'TRIGUN'])
    await updateListOptions(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { rowOrder: 'score', animeList: { sectionOrder: ['Watching', 'Rewatching', 'Completed', 'Paused', 'Dropped', 'Planning'] } })
  })

  it('splits the completed list by format when the owner asks, in the formats’ order', async () => {
    await updateListOptions(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { animeList: { splitCompletedSectionByFormat: true } })
    const res = await get(mine, '/user/alice/animelist')
    expect(headings(res.body)).toEqual(['Watching', 'Completed TV', 'Completed Movie', 'Dropped', 'Planning', 'Rewatch pile'])
    expect(rowsOf(res.body, 'Completed Movie')).toEqual(['AKIRA', 'Cowboy Bebop: Tengoku no Tobira'])
    // Filtering by status keeps every split list of that status.
    const completed = await get(mine, '/user/alice/animelist?status=COMPLETED')
    expect(headings(completed.body)).toEqual(['Completed TV', 'Completed Movie'])
    await updateListOptions(s.app.kiroku.db, s.app.kiroku.clock, owner.id, { animeList: { splitCompletedSectionByFormat: false } })
  })

  it('shows private entries, a Private mark and Edit links to the owner only', async () => {
    const res = await get(mine, '/user/alice/animelist')
    expect(rowsOf(res.body, 'Completed')).toEqual(['AKIRA', 'TRIGUN', 'Cowboy Bebop: Tengoku no Tobira'])
    expect(res.body).toContain('<span class="chip private">Private</span>')
    expect(res.body).toContain('href="/list/6/edit"')
    expect(res.body).toContain('href="/list/5/edit"')
    const theirs = await get(other, '/user/alice/animelist')
    expect(theirs.body).not.toContain('Tengoku no Tobira')
    expect(theirs.body).not.toContain('Private</span>')
    expect(theirs.body).not.toContain('/list/6/edit')
  })

  it('writes titles in the viewer’s language, scores in the owner’s format and progress against the length', async () => {
    await setFormat('POINT_5')
    const res = await get(other, '/user/alice/animelist')
    expect(rowsOf(res.body, 'Watching')).toEqual(['Neon Genesis Evangelion'])
    const row = /<a href="\/anime\/30">[\s\S]*?<\/tr>/.exec(res.body)![0]
    // Raw 75 in five stars: 4.
    expect(row).toMatch(/Score <\/span>4★<\/td>/)
    expect(row).toMatch(/Progress <\/span>4\/26<\/td>/)
    expect(row).toContain('<td class="entry-format">TV</td>')
    await setFormat('POINT_100')
    const romaji = await get(anonymous, '/user/alice/animelist')
    expect(rowsOf(romaji.body, 'Watching')).toEqual(['Shin Seiki Evangelion'])
  })

  it('filters by status with links that work without script', async () => {
    const page = await get(anonymous, '/user/alice/animelist')
    expect(page.body).toContain('href="/user/alice/animelist?status=COMPLETED"')
    const res = await get(anonymous, '/user/alice/animelist?status=COMPLETED')
    expect(res.statusCode).toBe(200)
    expect(headings(res.body)).toEqual(['Completed'])
    expect(res.body).toMatch(/href="\/user\/alice\/animelist\?status=COMPLETED" aria-current="page"/)
    const none = await get(anonymous, '/user/alice/animelist?status=REPEATING')
    expect(none.statusCode).toBe(200)
    expect(headings(none.body)).toEqual([])
    expect(none.body).toContain('No entries are Rewatching.')
  })

  it.each([
    ['an unknown status', '/user/alice/animelist?status=WATCHING'],
    ['a repeated status', '/user/alice/animelist?status=CURRENT&status=PLANNING'],
    ['a status with NUL', '/user/alice/mangalist?status=CURRENT%00'],
    ['a huge status', `/user/alice/mangalist?status=${'C'.repeat(20_000)}`],
  ])('refuses %s with a 400 page', async (_label, url) => {
    const res = await get(anonymous, url)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
  })
})

describe('favourites', () => {
  it('shows anime, manga, characters, staff and studios as cover grids in favourite order', async () => {
    const { db, clock } = s.app.kiroku
    await upsertCharacters(db, clock, [{ id: 501, name: { full: 'Vash the Stampede' }, image: { large: 'https://cdn.example/v.png' } }])
    await upsertStaff(db, clock, [{ id: 601, name: { full: 'Yasuhiro Nightow' } }])
    for (const [type, id] of [['ANIME', 47], ['ANIME', 6], ['MANGA', 30001], ['CHARACTER', 501], ['STAFF', 601], ['STUDIO', 4]] as const) {
      await toggleFavourite(db, clock, owner.id, type, id)
    }
    const res = await get(other, '/user/alice/favorites')
    expect(res.statusCode).toBe(200)
    const anime = res.body.indexOf('href="/anime/47"')
    expect(anime).toBeGreaterThan(0)
    expect(res.body.indexOf('href="/anime/6"')).toBeGreaterThan(anime)
    expect(res.body).toContain('<span class="cover-title">Trigun</span>')
    expect(res.body).toContain('href="/manga/30001"')
    expect(res.body).toContain('href="/character/501"')
    // A picture on another host becomes this server's placeholder.
    expect(res.body).toContain('src="/img/placeholder/character/501.svg"')
    expect(res.body).not.toContain('cdn.example')
    expect(res.body).toContain('href="/staff/601"')
    expect(res.body).toContain('href="/studio/4"')
    expect(res.body).toContain('<span class="cover-title">Bones</span>')
    const empty = await get(anonymous, '/user/bob/favorites')
    expect(empty.body).toContain('No favourites yet.')
  })
})

describe('names', () => {
  it.each([
    ['an unknown name', '/user/nobody'],
    ['a name too short', '/user/a'],
    ['NUL', '/user/%00'],
    ['a name with NUL', '/user/alice%00'],
    ['dots', '/user/...'],
    ['encoded slashes', '/user/..%2F..%2Fetc%2Fpasswd'],
    ['a name with a slash', '/user/alice%2Fanimelist'],
    ['a long name', `/user/${'a'.repeat(90)}`],
    ['a trailing space', '/user/alice%20'],
    ['a bidi control', '/user/%E2%80%AEalice'],
    ['an unknown anime list', '/user/nobody/animelist'],
    ['an unknown manga list', '/user/nobody/mangalist'],
    ['unknown favourites', '/user/nobody/favorites'],
    ['unknown stats', '/user/..%2F/stats'],
  ])('answers %s with the 404 page, never a 5xx', async (_label, url) => {
    const res = await s.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
  })

  // Refused by Fastify's router before any page route runs: a path segment longer than its
  // maxParamLength (414), and a malformed percent escape (400).
  it.each([
    ['a very long name', `/user/${'a'.repeat(5000)}`],
    ['a malformed escape', '/user/%ZZ'],
  ])('refuses %s in the router with a 4xx', async (_label, url) => {
    const res = await s.app.inject({ method: 'GET', url })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect(res.statusCode).toBeLessThan(500)
  })

  it('answers an unknown user with the not-found page', async () => {
    const res = await get(anonymous, '/user/nobody')
    expect(res.statusCode).toBe(404)
    expect(res.body).toContain('<h1>Not found</h1>')
  })
})

describe('the cost of a list page', () => {
  async function statements(app: FastifyInstance, browser: Browser, url: string): Promise<number> {
    const counter = new StatementCounter()
    const db = app.kiroku.db
    app.kiroku.db = db.withPlugin(counter)
    try {
      const res = await browser.get(url)
      expect(res.statusCode).toBe(200)
      return counter.count
    } finally {
      app.kiroku.db = db
    }
  }

  it('runs the same few statements for a list of 20 entries and one of 200', async () => {
    const { db, clock } = s.app.kiroku
    const ids = Array.from({ length: 200 }, (_, i) => 800_001 + i)
    await upsertMedia(db, clock, ids.map((id) => ({ id, type: 'ANIME', format: 'TV', episodes: 12, duration: 24, genres: ['Drama'], title: { romaji: `Work ${id}` } })))
    const few = await listUser(s.app, 'few')
    const many = await listUser(s.app, 'many')
    await addEntries(s.app, few.user.id, ids.slice(0, 20).map((id) => [id, 'ANIME', { status: 'COMPLETED', score: 70, progress: 12 }]))
    await addEntries(s.app, many.user.id, ids.map((id, i) => [id, 'ANIME', { status: i % 2 ? 'COMPLETED' : 'CURRENT', score: 70, progress: 3, customLists: [] }]))
    for (const page of ['animelist', '', 'favorites']) {
      const small = await statements(s.app, other, page ? `/user/few/${page}` : '/user/few')
      const large = await statements(s.app, other, page ? `/user/many/${page}` : '/user/many')
      expect(large, page).toBe(small)
      // The session, the owner, both profiles, list options, the entries, their works (favourites: five kinds of ids, four kinds of items),
      // then the head's follow bar (two counts, whether the viewer follows) and the header's unread count.
      expect(large, page).toBeLessThanOrEqual((page === 'favorites' ? 10 : 8) + 4)
    }
    const body = (await other.get('/user/many/animelist')).body
    expect(rowsOf(body, 'Completed')).toHaveLength(100)
  })
})
