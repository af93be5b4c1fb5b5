/**
 * The media, character, staff and studio pages over app.inject(): each page's content for a made-up
 * work imported as AniList's JSON, the 404s and the 301 for the wrong type, spoilers kept out of the
 * visible part, hostile stored markup rendered inert, the viewer's list panel in its three states,
 * and a fixed number of statements for a media page whatever the size of its cast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { Browser } from '../helpers/browser.js'
import { graphql, loggedInBrowser } from '../helpers/flow.js'
import { listUser, addEntries } from '../helpers/lists.js'
import { StatementCounter } from '../helpers/statement-counter.js'
import { parseAniListImport, writeAniListImport } from '../../src/people/import/anilist-import.js'

const ANIME = 990_001
const MANGA = 990_002
const BIG = 990_003
const STUDIO = 990_100
const HERO = 990_201
const RIVAL = 990_202
const SEIYUU = 990_301
const DUB = 990_302
const DIRECTOR = 990_303
const NOW = 1_750_000_000
const PROLIFIC = 990_304
const PROLIFIC_WORKS = 30

const seiyuu = { id: SEIYUU, name: { full: 'Aiko Seiyuu', native: '声優愛子' }, languageV2: 'Japanese', primaryOccupations: ['Voice Actor'] }
const dub = { id: DUB, name: { full: 'Dub Actor' }, languageV2: 'English' }

function documents() {
  return [
    {
      id: ANIME, type: 'ANIME', format: 'TV', status: 'RELEASING', episodes: 12, duration: 24, source: 'MANGA', season: 'SPRING', seasonYear: 2024,
      title: { romaji: 'Kiroku Tesuto', english: 'Kiroku Test', native: 'キロクテスト' }, synonyms: ['KT'],
      startDate: { year: 2024, month: 4, day: 5 }, genres: ['Action', 'Slice of Life'], averageScore: 77, meanScore: 78, popularity: 1234, favourites: 56,
      bannerImage: 'https://cdn.example/banner.jpg', coverImage: { large: 'https://cdn.example/cover.jpg' },
      description: 'A plain synopsis. <b>Bold</b> part.',
      studios: { edges: [{ isMain: true, node: { id: STUDIO, name: 'Studio Kiroku', isAnimationStudio: true } }] },
      tags: [
        { id: 990_401, name: 'Visible Theme', rank: 91, category: 'Theme', isMediaSpoiler: false },
        { id: 990_402, name: 'Secret Twist', rank: 64, category: 'Theme', isMediaSpoiler: true },
        { id: 990_403, name: 'General Spoiler', rank: 50, category: 'Theme', isGeneralSpoiler: true },
      ],
      externalLinks: [
        { id: 990_501, site: 'Official Site', url: 'https://kiroku.example/official', type: 'INFO', language: 'Japanese' },
      ],
      relations: { edges: [{ relationType: 'SOURCE', node: { id: MANGA, type: 'MANGA' } }] },
      characters: {
        edges: [
          { role: 'MAIN', node: { id: HERO, name: { full: 'Hero Name', native: 'ヒーロー', alternative: ['The Hero'], alternativeSpoiler: ['Secret King'] }, gender: 'Female', age: '17', dateOfBirth: { month: 6, day: 26 }, bloodType: 'A', description: 'The hero. ~!She was the king all along.!~' }, voiceActors: [seiyuu, dub] },
          { role: 'SUPPORTING', node: { id: RIVAL, name: { full: 'Rival Name' } }, voiceActors: [] },
        ],
      },
      staff: { edges: [{ role: 'Director', node: { id: DIRECTOR, name: { full: 'Dee Rector' }, languageV2: 'Japanese', primaryOccupations: ['Director'] } }] },
      airingSchedule: { nodes: [{ id: 990_601, episode: 5, airingAt: NOW + 3 * 86_400 + 4 * 3_600 + 120 }] },
    },
    {
      id: MANGA, type: 'MANGA', format: 'MANGA', status: 'FINISHED', chapters: 40, volumes: 5, season: 'WINTER', seasonYear: 2019, title: { romaji: 'Kiroku Tesuto Manga' },
      startDate: { year: 2019 }, relations: { edges: [{ relationType: 'ADAPTATION', node: { id: ANIME, type: 'ANIME' } }] },
    },
    {
      // A larger work: twenty characters with voice actors and ten staff, for the statement count.
      id: BIG, type: 'ANIME', format: 'TV', status: 'FINISHED', title: { romaji: 'Big Cast' }, startDate: { year: 2010 },
      studios: { edges: [{ isMain: true, node: { id: STUDIO } }] },
      relations: { edges: [{ relationType: 'OTHER', node: { id: ANIME, type: 'ANIME' } }, { relationType: 'OTHER', node: { id: MANGA, type: 'MANGA' } }] },
      tags: [{ id: 990_401, rank: 40 }],
      characters: {
        edges: Array.from({ length: 20 }, (_, i) => ({
          role: i < 2 ? 'MAIN' : 'SUPPORTING',
          node: { id: 990_700 + i, name: { full: `Crowd ${i}` } },
          voiceActors: [{ id: 990_800 + i, name: { full: `Voice ${i}` }, languageV2: 'Japanese' }],
        })),
      },
      staff: { edges: Array.from({ length: 10 }, (_, i) => ({ role: `Role ${i}`, node: { id: 990_900 + i, name: { full: `Staffer ${i}` } } })) },
    },
    // Thirty small works by one person, for paging.
    ...Array.from({ length: PROLIFIC_WORKS }, (_, i) => ({
      id: 991_000 + i, type: 'ANIME', format: 'OVA', title: { romaji: `Prolific Work ${i}` }, startDate: { year: 1990 + i },
      staff: { edges: [{ role: 'Key Animation', node: { id: PROLIFIC, name: { full: 'Pro Lific' } } }] },
    })),
  ]
}

let s: TestServer
const visitor = () => new Browser(s.app)

beforeAll(async () => {
  s = await testServer()
  await writeAniListImport(s.app.kiroku.db, s.clock, parseAniListImport(JSON.stringify(documents())))
})
afterAll(async () => s?.app.close())

/** The page's HTML without what the reader cannot see until they open it (closed <details> bodies). */
function visiblePart(html: string): string {
  return html.replace(/<details(?![^>]*\bopen\b)[^>]*>[\s\S]*?<summary>([\s\S]*?)<\/summary>[\s\S]*?<\/details>/g, '<summary>$1</summary>')
}

describe('the media page', () => {
  it('shows the work: titles, details, studios, genres, tags, relations, cast, staff, countdown, charts', async () => {
    const res = await visitor().get(`/anime/${ANIME}`)
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('<h1>Kiroku Tesuto</h1>')
    expect(html).toContain('Kiroku Test')
    expect(html).toContain('<span lang="ja">キロクテスト</span>')
    // Remote pictures are never loaded: the cover is the placeholder and the banner a plain band.
    expect(html).toContain(`/img/placeholder/media/${ANIME}.svg`)
    expect(html).not.toContain('cdn.example')
    expect(html).toContain('media-banner plain')
    expect(html).toMatch(/<dt>Episodes<\/dt>\s*<dd>12<\/dd>/)
    expect(html).toMatch(/<dt>Status<\/dt>\s*<dd>Releasing<\/dd>/)
    expect(html).toContain('<a href="/search/anime?season=SPRING&amp;year=2024">Spring 2024</a>')
    expect(html).toContain(`<a href="/studio/${STUDIO}">Studio Kiroku</a>`)
    expect(html).toContain('href="/search/anime?genre=Slice+of+Life">Slice of Life</a>')
    expect(html).toMatch(/Visible Theme<\/a> <span class="muted">91%<\/span>/)
    expect(html).toMatch(/<dt>Average score<\/dt>\s*<dd>77%<\/dd>/)
    expect(html).toContain('Episode 5 airs in 3d 4h')
    // The related manga, as a card with its relation.
    expect(html).toContain(`href="/manga/${MANGA}"`)
    expect(html).toContain('Source · Manga')
    // The character beside her Japanese voice actor; the English dub is not shown.
    expect(html).toContain(`href="/character/${HERO}"`)
    expect(html).toMatch(/Hero Name<\/span><span class="muted person-role">Main/)
    expect(html).toContain(`href="/staff/${SEIYUU}"`)
    expect(html).not.toContain(`href="/staff/${DUB}"`)
    expect(html).toMatch(/Dee Rector<\/span><span class="muted person-role">Director/)
    expect(html).toContain('<figcaption>Score distribution</figcaption>')
    expect(html).toContain('<figcaption>Status distribution</figcaption>')
    expect(html).toContain('href="https://kiroku.example/official"')
  })

  it('charts how users scored the work and where it sits on their lists', async () => {
    const before = (await visitor().get(`/manga/${MANGA}`)).body
    expect(before.match(/Nothing to show yet/g)?.length).toBe(2)
    const { user: one } = await listUser(s.app, 'charter1')
    const { user: two } = await listUser(s.app, 'charter2')
    await addEntries(s.app, one.id, [[MANGA, 'MANGA', { status: 'COMPLETED', score: 70 }]])
    await addEntries(s.app, two.id, [[MANGA, 'MANGA', { status: 'REPEATING', score: 0 }]])
    const html = (await visitor().get(`/manga/${MANGA}`)).body
    const table = (caption: string) => {
      const body = new RegExp(`<caption>${caption}</caption>[\\s\\S]*?</table>`).exec(html)?.[0] ?? ''
      return Object.fromEntries([...body.matchAll(/<th scope="row">([^<]+)<\/th><td>(\d+)<\/td>/g)].map((m) => [m[1], Number(m[2])]))
    }
    expect(table('Score distribution')).toEqual({ 10: 0, 20: 0, 30: 0, 40: 0, 50: 0, 60: 0, 70: 1, 80: 0, 90: 0, 100: 0 })
    // A reread counts as reading, as AniList's distribution counts it.
    expect(table('Status distribution')).toEqual({ Read: 1, Plan: 0, Done: 1, Drop: 0, Pause: 0 })
  })

  it('keeps spoiler tags out of the visible part until the reader opens them', async () => {
    const html = (await visitor().get(`/anime/${ANIME}`)).body
    expect(html).toContain('Show 2 spoiler tags')
    expect(html).toContain('Secret Twist')
    const visible = visiblePart(html)
    expect(visible).toContain('Visible Theme')
    expect(visible).not.toContain('Secret Twist')
    expect(visible).not.toContain('General Spoiler')
  })

  it('answers the slugged address, and moves a work asked for under the other type', async () => {
    expect((await visitor().get(`/anime/${ANIME}/Kiroku-Tesuto`)).statusCode).toBe(200)
    const wrong = await visitor().get(`/manga/${ANIME}`)
    expect(wrong.statusCode).toBe(301)
    expect(wrong.headers.location).toBe(`/anime/${ANIME}`)
    const wrongSlug = await visitor().get(`/anime/${MANGA}/some-slug`)
    expect(wrongSlug.statusCode).toBe(301)
    expect(wrongSlug.headers.location).toBe(`/manga/${MANGA}`)
    const manga = await visitor().get(`/manga/${MANGA}`)
    expect(manga.statusCode).toBe(200)
    expect(manga.body).toMatch(/<dt>Chapters<\/dt>\s*<dd>40<\/dd>/)
    expect(manga.body).toMatch(/<dt>Volumes<\/dt>\s*<dd>5<\/dd>/)
    expect(manga.body).not.toContain('<dt>Episodes</dt>')
    expect(manga.body).not.toContain('<dt>Season</dt>')
  })

  it('answers unknown and malformed ids with the 404 page', async () => {
    for (const path of ['/anime/999999', '/anime/abc', '/anime/0', '/anime/01', '/anime/99999999999', '/manga/-1', '/anime/1.5', '/character/999999', '/staff/x', '/studio/2147483648', '/studio/999999']) {
      const res = await visitor().get(path)
      expect(res.statusCode, path).toBe(404)
      expect(res.body, path).toContain('Not found')
    }
  })

  it('renders hostile stored markup inert', async () => {
    const hostile = 'Intro <script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a> <iframe src="//evil.example"></iframe> ~!spoiler!~'
    await s.app.kiroku.db.updateTable('media').set({ description: hostile }).where('id', '=', MANGA).execute()
    await s.app.kiroku.db.updateTable('characters').set({ description: hostile }).where('id', '=', RIVAL).execute()
    const db = s.app.kiroku.db
    await db.updateTable('media').set({ title_english: '<img src=x onerror=alert(4)>' }).where('id', '=', MANGA).execute()
    await db.insertInto('media_external_links').values([
      { id: 990_511, media_id: MANGA, url: 'javascript:alert(5)', site: 'Evil', site_key: 'evil', site_id: null, type: 'INFO', language: null, color: null, icon: null, notes: null, is_disabled: 0, position: 0 },
      { id: 990_512, media_id: MANGA, url: 'https://fine.example/', site: '<b>Fine</b>', site_key: 'fine', site_id: null, type: 'INFO', language: null, color: null, icon: null, notes: null, is_disabled: 0, position: 1 },
    ]).execute()
    const manga = (await visitor().get(`/manga/${MANGA}`)).body
    expect(manga).toContain('&lt;img src=x onerror=alert(4)&gt;')
    expect(manga).not.toContain('<img src=x')
    expect(manga).not.toContain('javascript:alert(5)')
    expect(manga).toContain('<a href="https://fine.example/" rel="noopener noreferrer nofollow">&lt;b&gt;Fine&lt;/b&gt;</a>')
    for (const path of [`/manga/${MANGA}`, `/character/${RIVAL}`]) {
      const html = (await visitor().get(path)).body
      const description = /<div class="description">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? ''
      expect(description, path).toContain('Intro')
      expect(description, path).toContain('markdown_spoiler')
      expect(description, path).not.toMatch(/<script|onerror|javascript:|<iframe|<img/i)
      // Only the page's own script tag, with the nonce.
      expect(html.match(/<script/g)?.length, path).toBe(1)
    }
  })
})

describe('the viewer’s list panel', () => {
  it('asks a visitor to log in, coming back to this page', async () => {
    const html = (await visitor().get(`/anime/${ANIME}`)).body
    expect(html).toContain(`<a class="button" href="/login?next=%2Fanime%2F${ANIME}">Log in to add to your list</a>`)
    expect(html).not.toContain(`action="/list/${ANIME}/add"`)
  })

  it('offers a logged-in viewer without an entry the add form', async () => {
    const { user } = await listUser(s.app, 'adder')
    const browser = await loggedInBrowser(s.app, user)
    const html = (await browser.get(`/anime/${ANIME}`)).body
    const form = new RegExp(`<form method="post" action="/list/${ANIME}/add"[\\s\\S]*?</form>`).exec(html)?.[0]
    expect(form).toBeDefined()
    expect(form).toMatch(/<input type="hidden" name="csrf_token" value="[^"]+">/)
    expect(form).toContain(`<input type="hidden" name="next" value="/anime/${ANIME}">`)
    expect(form).toContain('<label for="add-status">Status</label>')
    expect(form).toContain('<select id="add-status" name="status">')
    const options = [...form!.matchAll(/<option value="([A-Z]+)"[^>]*>([^<]+)<\/option>/g)].map((m) => [m[1], m[2]])
    expect(options).toEqual([
      ['CURRENT', 'Watching'], ['PLANNING', 'Plan to watch'], ['COMPLETED', 'Completed'], ['PAUSED', 'Paused'], ['DROPPED', 'Dropped'], ['REPEATING', 'Rewatching'],
    ])
    expect(form).toContain('<button type="submit">Add to list</button>')
    expect(html).not.toContain('Log in to add to your list')
  })

  it('shows a viewer’s entry in their score format, with the editor link', async () => {
    const { user } = await listUser(s.app, 'scorer', { mediaListOptions: { scoreFormat: 'POINT_10_DECIMAL' }, options: { titleLanguage: 'ENGLISH' } })
    await addEntries(s.app, user.id, [[ANIME, 'ANIME', { status: 'CURRENT', progress: 4, score: 85 }]])
    const browser = await loggedInBrowser(s.app, user)
    const html = (await browser.get(`/anime/${ANIME}`)).body
    expect(html).toMatch(/<dt>Status<\/dt><dd>Watching<\/dd>/)
    expect(html).toMatch(/<dt>Progress<\/dt><dd>4 of 12 episodes<\/dd>/)
    expect(html).toMatch(/<dt>Score<\/dt><dd>8\.5<\/dd>/)
    expect(html).toContain(`href="/list/${ANIME}/edit">Edit list entry</a>`)
    expect(html).not.toContain(`action="/list/${ANIME}/add"`)
    // The viewer reads titles in English.
    expect(html).toContain('<h1>Kiroku Test</h1>')
  })
})

describe('the character, staff and studio pages', () => {
  it('shows a character: names, spoiler names hidden, details, description, appearances with voice actors', async () => {
    const res = await visitor().get(`/character/${HERO}/Hero-Name`)
    expect(res.statusCode).toBe(200)
    const html = res.body
    expect(html).toContain('<h1>Hero Name</h1>')
    expect(html).toContain('ヒーロー, The Hero')
    expect(html).toContain('Show 1 spoiler name')
    expect(html).toContain('Secret King')
    expect(visiblePart(html)).not.toContain('Secret King')
    expect(html).toMatch(/<dt>Gender<\/dt><dd>Female<\/dd>/)
    expect(html).toMatch(/<dt>Birthday<\/dt><dd>Jun 26<\/dd>/)
    expect(html).toMatch(/<dt>Blood type<\/dt><dd>A<\/dd>/)
    expect(html).toContain("<span class='markdown_spoiler'><span>She was the king all along.</span></span>")
    expect(html).toContain(`href="/anime/${ANIME}"`)
    expect(html).toMatch(/Kiroku Tesuto<\/span><span class="muted person-role">Main · TV · 2024/)
    expect(html).toContain(`href="/staff/${SEIYUU}"`)
    expect(html).not.toContain(`href="/staff/${DUB}"`)
  })

  it('shows a staff member: details, characters voiced with the work, staff roles', async () => {
    const voice = (await visitor().get(`/staff/${SEIYUU}`)).body
    expect(voice).toContain('<h1>Aiko Seiyuu</h1>')
    expect(voice).toContain('声優愛子')
    expect(voice).toMatch(/<dt>Occupations<\/dt><dd>Voice Actor<\/dd>/)
    expect(voice).toContain(`href="/character/${HERO}"`)
    expect(voice).toContain('Characters voiced')
    expect(voice).toMatch(/Hero Name<\/span><span class="muted person-role">Main<\/span>/)
    const director = (await visitor().get(`/staff/${DIRECTOR}/dee`)).body
    expect(director).toContain('<h1>Dee Rector</h1>')
    expect(director).toContain(`href="/anime/${ANIME}"`)
    expect(director).toContain('Director · 2024')
    expect(director).not.toContain('Characters voiced')
  })

  it('shows a studio with its works newest first, paged', async () => {
    const res = await visitor().get(`/studio/${STUDIO}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<h1>Studio Kiroku</h1>')
    expect(res.body).toContain('Animation studio')
    expect(res.body).toContain('2 works in this catalog')
    const newest = res.body.indexOf(`href="/anime/${ANIME}"`)
    const older = res.body.indexOf(`href="/anime/${BIG}"`)
    expect(newest).toBeGreaterThan(0)
    expect(older).toBeGreaterThan(newest)
    const past = await visitor().get(`/studio/${STUDIO}?page=2`)
    expect(past.statusCode).toBe(200)
    expect(past.body).toContain('There are no works on this page.')
  })

  it('pages a long list of works, with links between the pages', async () => {
    const first = (await visitor().get(`/staff/${PROLIFIC}`)).body
    const works = (html: string) => [...html.matchAll(/href="\/anime\/(99\d{4})"/g)].map((m) => Number(m[1]))
    // Newest first: the last of the thirty started latest.
    expect(works(first)).toEqual(Array.from({ length: 24 }, (_, i) => 991_000 + PROLIFIC_WORKS - 1 - i))
    expect(first).toContain('Page 1 of 2')
    expect(first).toContain(`<a href="/staff/${PROLIFIC}?page=2" rel="next">Next page</a>`)
    const second = (await visitor().get(`/staff/${PROLIFIC}?page=2`)).body
    expect(works(second)).toEqual([991_005, 991_004, 991_003, 991_002, 991_001, 991_000])
    expect(second).toContain(`<a href="/staff/${PROLIFIC}" rel="prev">Previous page</a>`)
    expect(second).not.toContain('rel="next"')
  })

  it('refuses a malformed page number with a clear 400 page', async () => {
    for (const query of ['page=0', 'page=abc', 'page=1&page=2', 'page=%00', 'page=1e3']) {
      const res = await visitor().get(`/studio/${STUDIO}?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(res.body, query).toContain('Bad request')
    }
  })
})

describe('the siteUrls the API answers', () => {
  it('each resolve to a page', async () => {
    const res = await graphql(s.app, `query ($id: Int) { Media(id: $id) {
      siteUrl
      relations { nodes { siteUrl } }
      studios { nodes { siteUrl } }
      characters { nodes { siteUrl } edges { voiceActors { siteUrl } } }
      staff { nodes { siteUrl } }
    } }`, undefined, { id: ANIME })
    expect(res.body.errors).toBeUndefined()
    const media = res.body.data.Media
    const urls: string[] = [
      media.siteUrl,
      ...media.relations.nodes.map((n: { siteUrl: string }) => n.siteUrl),
      ...media.studios.nodes.map((n: { siteUrl: string }) => n.siteUrl),
      ...media.characters.nodes.map((n: { siteUrl: string }) => n.siteUrl),
      ...media.characters.edges.flatMap((e: { voiceActors: Array<{ siteUrl: string }> }) => e.voiceActors.map((v) => v.siteUrl)),
      ...media.staff.nodes.map((n: { siteUrl: string }) => n.siteUrl),
    ]
    // The work, its manga, its studio, two characters, a voice actor and a director.
    expect(urls).toHaveLength(7)
    for (const url of urls) {
      expect(url.startsWith(s.config.publicUrl), url).toBe(true)
      const page = await visitor().get(url.slice(s.config.publicUrl.length))
      expect(page.statusCode, url).toBe(200)
    }
  })
})

describe('the media page’s statements', () => {
  it('runs a fixed, small number of statements, whatever the size of the cast, staff and relations', async () => {
    const counter = new StatementCounter()
    const db = s.app.kiroku.db
    s.app.kiroku.db = db.withPlugin(counter)
    try {
      const count = async (path: string, browser = visitor()) => {
        counter.count = 0
        const res = await browser.get(path)
        expect(res.statusCode, path).toBe(200)
        return counter.count
      }
      const small = await count(`/manga/${MANGA}`)
      const medium = await count(`/anime/${ANIME}`)
      const big = await count(`/anime/${BIG}`)
      expect(big).toBe(medium)
      // Twenty characters: the page shows twelve and says how many more there are.
      const html = (await visitor().get(`/anime/${BIG}`)).body
      expect(html.match(/href="\/character\//g)?.length).toBe(12)
      expect(html).toContain('and 8 more')
      expect(small).toBeLessThanOrEqual(big)
      // The work, nine batched link reads, then characters and staff in one read each; then the community
      // sections (site/community/media-sections.ts): a page of reviews and of recommendations, and their counts.
      expect(big).toBeLessThanOrEqual(13 + 4)
      // A logged-in viewer adds a fixed few (the session, their options, their entry), the same on every work.
      const { user } = await listUser(s.app, 'counted')
      const browser = await loggedInBrowser(s.app, user)
      // The first page after login also reads the account into the user cache: not the page's cost.
      await browser.get(`/manga/${MANGA}`)
      const viewerMedium = await count(`/anime/${ANIME}`, browser)
      const viewerBig = await count(`/anime/${BIG}`, browser)
      expect(viewerBig).toBe(viewerMedium)
      // The community sections add one: whether the viewer has reviewed the work.
      expect(viewerBig - big).toBeLessThanOrEqual(5 + 1)
    } finally {
      s.app.kiroku.db = db
    }
  })
})
