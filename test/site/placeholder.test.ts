/**
 * The placeholder pictures: an SVG with the item's name on its cover colour, escaped and capped;
 * cached publicly with an ETag; a script can never run in it; and no URL, however malformed, gets
 * more than a 404.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { upsertStudios } from '../../src/catalog/studios.js'
import { upsertCharacters, upsertStaff } from '../../src/people/person-store.js'
import { placeholderImageUrl } from '../../src/web/placeholder-image.js'
import { colourFromId, drawPlaceholder, escapeXml, wrapName } from '../../src/site/placeholder-svg.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
  await upsertMedia(s.app.kiroku.db, s.app.kiroku.clock, [
    { id: 1, type: 'ANIME', title: { romaji: 'Cowboy Bebop', english: null, native: null }, coverImage: { color: '#F1785D' } },
    { id: 7, type: 'MANGA', title: { romaji: `<script>alert("x")</script> & 'Tom' <b>`, english: null, native: null } },
  ])
})
afterEach(async () => s.app.close())

const get = (url: string, headers: Record<string, string> = {}) => s.app.inject({ method: 'GET', url, headers })
const path = (kind: 'media' | 'character' | 'staff' | 'studio', id: number) => new URL(placeholderImageUrl(s.config.publicUrl, kind, id)).pathname

describe('a placeholder picture', () => {
  it('is an SVG of the media’s romaji title on its cover colour, cached a day with an ETag and no script allowed', async () => {
    const res = await get(path('media', 1))
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/)
    expect(res.headers['cache-control']).toBe('public, max-age=86400')
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    expect(res.headers['content-security-policy']).toContain("default-src 'none'")
    expect(res.headers['content-security-policy']).toContain('sandbox')
    expect(res.headers['content-security-policy']).not.toMatch(/script-src/)
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="460" height="650"/)
    expect(res.body).toContain('>Cowboy Bebop<')
    expect(res.body).toContain('fill="#f1785d"')
  })

  it('answers 304 to a matching If-None-Match, and a new ETag when the title changes', async () => {
    const first = await get(path('media', 1))
    const again = await get(path('media', 1), { 'if-none-match': first.headers.etag as string })
    expect(again.statusCode).toBe(304)
    expect(again.body).toBe('')
    await upsertMedia(s.app.kiroku.db, s.app.kiroku.clock, [{ id: 1, type: 'ANIME', title: { romaji: 'Cowboy Bebop: Tengoku no Tobira', english: null, native: null } }])
    const changed = await get(path('media', 1), { 'if-none-match': first.headers.etag as string })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(first.headers.etag)
  })

  it('escapes <, &, and quotes in a title, so the name can never become markup', async () => {
    const res = await get(path('media', 7))
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('<script')
    expect(res.body).not.toContain('<b>')
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x')
    expect(res.body).toContain('&quot;)&lt;/script&gt;')
    expect(res.body).toContain('&amp;')
    expect(res.body).toContain('&apos;Tom&apos;')
    // The only elements are the ones the drawing makes.
    expect([...res.body.matchAll(/<([a-z]+)/g)].map((m) => m[1])).toEqual(expect.arrayContaining(['svg', 'rect', 'g', 'text']))
    expect(new Set([...res.body.matchAll(/<([a-z]+)/g)].map((m) => m[1]))).toEqual(new Set(['svg', 'rect', 'g', 'text']))
  })

  it('draws an unknown media, and any character, staff or studio, by id on a colour of its own, cached only minutes', async () => {
    for (const [kind, id] of [['media', 999999], ['character', 1], ['staff', 95269], ['studio', 14]] as const) {
      const res = await get(path(kind, id))
      expect(res.statusCode, `${kind} ${id}`).toBe(200)
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/)
      expect(res.headers['cache-control']).toBe('public, max-age=300')
      expect(res.body).toContain(`${kind} ${id}`)
      expect(res.body).toContain(`fill="${colourFromId(id)}"`)
    }
    expect(colourFromId(1)).not.toBe(colourFromId(2))
    expect(colourFromId(5)).toMatch(/^#[0-9a-f]{6}$/)
  })

  it('draws a stored character, staff member or studio by name, looked up through its owner', async () => {
    const { db, clock } = s.app.kiroku
    await upsertCharacters(db, clock, [{ id: 1, name: { full: 'Spike Spiegel' } }])
    await upsertStaff(db, clock, [{ id: 95011, name: { full: 'Kouichi Yamadera' } }])
    await upsertStudios(db, clock, [{ id: 14, name: 'Sunrise & Co' }])
    for (const [kind, id, text] of [['character', 1, '>Spike Spiegel<'], ['staff', 95011, '>Kouichi Yamadera<'], ['studio', 14, '>Sunrise &amp; Co<']] as const) {
      const res = await get(path(kind, id))
      expect(res.statusCode, `${kind} ${id}`).toBe(200)
      expect(res.headers['cache-control']).toBe('public, max-age=86400')
      expect(res.body).toContain(text)
    }
  })

  it('answers 404, never a 5xx, for a malformed URL', async () => {
    const bad = [
      '/img/placeholder/media/abc.svg',
      '/img/placeholder/media/1.png',
      '/img/placeholder/media/1',
      '/img/placeholder/media/0.svg',
      '/img/placeholder/media/-1.svg',
      '/img/placeholder/media/01.svg',
      '/img/placeholder/media/1.5.svg',
      '/img/placeholder/media/2147483648.svg',
      '/img/placeholder/media/99999999999999999999999.svg',
      '/img/placeholder/media/1e3.svg',
      '/img/placeholder/media/%00.svg',
      '/img/placeholder/media/%ZZ.svg',
      '/img/placeholder/user/1.svg',
      '/img/placeholder/MEDIA/1.svg',
      '/img/placeholder/media/1.svg/extra',
      `/img/placeholder/media/${'9'.repeat(5000)}.svg`,
    ]
    for (const url of bad) {
      const res = await get(url)
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400)
      expect(res.statusCode, url).toBeLessThan(500)
      // Fastify itself answers a bad escape (400) and a path parameter past its length limit (414).
      if (!url.includes('%ZZ') && url.length < 100) expect(res.statusCode, url).toBe(404)
    }
    expect((await get('/img/placeholder/media/2147483647.svg')).statusCode).toBe(200)
  })
})

describe('the drawing', () => {
  it('wraps a long name at spaces, breaks a long word, and caps the lines with an ellipsis', () => {
    expect(wrapName('Kaguya-sama wa Kokurasetai: Tensai-tachi no Renai Zunousen')).toEqual(['Kaguya-sama wa', 'Kokurasetai:', 'Tensai-tachi no', 'Renai Zunousen'])
    expect(wrapName('A'.repeat(40))).toEqual(['A'.repeat(16), 'A'.repeat(16), 'A'.repeat(8)])
    // Wide characters count double: eight to a line.
    expect(wrapName('かぐや様は告らせたい～天才たちの恋愛頭脳戦～')).toEqual(['かぐや様は告らせ', 'たい～天才たちの', '恋愛頭脳戦～'])
    const capped = wrapName('word '.repeat(200))
    expect(capped).toHaveLength(6)
    expect(capped[5]!.endsWith('…')).toBe(true)
    const svg = drawPlaceholder({ name: 'x'.repeat(100_000), caption: 'media 1', background: '#000000' })
    expect(svg.length).toBeLessThan(2000)
  })

  it('squeezes a line of wide letters into the picture, and leaves ordinary lines alone', () => {
    const wide = drawPlaceholder({ name: 'W'.repeat(16), caption: 'media 1', background: '#000000' })
    const size = Number(/font-size="(\d+)">W/.exec(wide)![1])
    expect(size).toBeLessThan(36)
    expect(size * 0.95 * 16).toBeLessThanOrEqual(420)
    const plain = drawPlaceholder({ name: 'Cowboy Bebop', caption: 'media 1', background: '#000000' })
    expect(plain).toContain('font-size="36">Cowboy Bebop<')
  })

  it('keeps surrogate pairs whole and drops what XML cannot hold', () => {
    expect(wrapName('😀'.repeat(10))).toEqual(['😀'.repeat(8), '😀😀'])
    expect(wrapName('a😀'.repeat(6)).join('')).toBe('a😀'.repeat(6))
    expect(escapeXml('a\u0000b\u0007c\ud800d')).toBe('abcd')
  })

  it('refuses a background that is not a #rrggbb colour', () => {
    const svg = drawPlaceholder({ name: 'x', caption: 'media 1', background: '"/><script>' })
    expect(svg).not.toContain('<script')
    expect(svg).toContain('fill="#6b7280"')
  })
})
