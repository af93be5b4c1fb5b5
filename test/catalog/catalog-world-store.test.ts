import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { setMediaStudios, studiosOfMedia, upsertStudios } from '../../src/catalog/studios.js'
import { setMediaTags, TagNameConflict, upsertTags } from '../../src/catalog/tags.js'
import { externalLinksOfMedia, setMediaExternalLinks, type ExternalLink } from '../../src/catalog/external-links.js'
import { airingPagesOf, mergeMediaAiring, nextAiringOf, replaceGeneratedAiring } from '../../src/catalog/airing.js'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { releasingBuiltInAnime, seedAiringSchedules, weeklySchedule } from '../../src/catalog/seed/airing.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
  await upsertMedia(s.app.kiroku.db, s.clock, [{ id: 1, type: 'ANIME', title: { romaji: 'One' } }, { id: 2, type: 'ANIME', title: { romaji: 'Two' } }])
})
afterEach(async () => s.app.close())

const link = (id: number, site: string): ExternalLink => ({ id, url: null, site, siteId: null, type: 'INFO', language: null, color: null, icon: null, notes: null, isDisabled: false })

describe('studios and tags', () => {
  it('keeps a studio’s stored fields when an input leaves them out, and skips a new studio without a name', async () => {
    const db = s.app.kiroku.db
    expect(await upsertStudios(db, s.clock, [{ id: 5, name: 'Bones', isAnimationStudio: true }, { id: 6 }])).toEqual({ inserted: 1, updated: 0, unchanged: 1 })
    expect(await upsertStudios(db, s.clock, [{ id: 5 }])).toEqual({ inserted: 0, updated: 0, unchanged: 1 })
    expect(await upsertStudios(db, s.clock, [{ id: 5, name: 'BONES' }])).toEqual({ inserted: 0, updated: 1, unchanged: 0 })
    await setMediaStudios(db, 1, [{ studioId: 5, isMain: true }, { studioId: 5, isMain: false }])
    expect(await studiosOfMedia(db, [1, 2])).toEqual(new Map([[1, [{ studio: { id: 5, name: 'BONES', isAnimationStudio: true }, isMain: true }]], [2, []]]))
  })

  it('reports whether a work’s list changed, and writes nothing when it did not', async () => {
    const db = s.app.kiroku.db
    await upsertTags(db, [{ id: 1, name: 'Mecha' }, { id: 2, name: 'Space' }])
    expect(await setMediaTags(db, 1, [{ tagId: 1, rank: 80, isMediaSpoiler: false }])).toBe(true)
    expect(await setMediaTags(db, 1, [{ tagId: 1, rank: 80, isMediaSpoiler: false }])).toBe(false)
    expect(await setMediaTags(db, 1, [{ tagId: 2, rank: 80, isMediaSpoiler: false }, { tagId: 1, rank: 80, isMediaSpoiler: false }])).toBe(true)
  })

  it('refuses a second tag id under a name already taken, in any letter case', async () => {
    await upsertTags(s.app.kiroku.db, [{ id: 1, name: 'Mecha' }])
    await expect(upsertTags(s.app.kiroku.db, [{ id: 2, name: 'mecha' }])).rejects.toBeInstanceOf(TagNameConflict)
  })

  it('moves a link id named by another work to it', async () => {
    const db = s.app.kiroku.db
    await setMediaExternalLinks(db, 1, [link(10, 'A'), link(11, 'B')])
    await setMediaExternalLinks(db, 2, [link(11, 'B')])
    const links = await externalLinksOfMedia(db, [1, 2])
    expect(links.get(1)!.map((l) => l.id)).toEqual([10])
    expect(links.get(2)!.map((l) => l.id)).toEqual([11])
  })
})

describe('airing schedules', () => {
  it('merges airings by episode, keeping the episodes an import leaves out', async () => {
    const db = s.app.kiroku.db
    expect(await mergeMediaAiring(db, 1, [{ id: 1, episode: 1, airingAt: 100 }, { id: 2, episode: 2, airingAt: 200 }])).toBe(2)
    expect(await mergeMediaAiring(db, 1, [{ id: 2, episode: 2, airingAt: 200 }])).toBe(0)
    expect(await mergeMediaAiring(db, 1, [{ id: 3, episode: 2, airingAt: 250 }])).toBe(1)
    const page = await airingPagesOf(db, [1], { now: 0, window: { limit: 10, offset: 0 } })
    expect(page.get(1)).toEqual({ rows: [{ id: 1, mediaId: 1, episode: 1, airingAt: 100 }, { id: 3, mediaId: 1, episode: 2, airingAt: 250 }], total: 2 })
    expect(await nextAiringOf(db, [1, 2], 100)).toEqual(new Map([[1, { id: 3, mediaId: 1, episode: 2, airingAt: 250 }]]))
  })

  it('replaces only generated rows still to air, and never an imported episode', async () => {
    const db = s.app.kiroku.db
    await mergeMediaAiring(db, 1, [{ id: 50, episode: 3, airingAt: 333 }])
    const generated = [1, 2, 3, 4].map((episode) => ({ id: 1000 + episode, mediaId: 1, episode, airingAt: episode * 100 }))
    expect(await replaceGeneratedAiring(db, 1, generated, 150)).toBe(3)
    expect(await replaceGeneratedAiring(db, 1, generated, 150)).toBe(0)
    // A later schedule moves every episode by 10 s: the future ones 2 and 4 move (each removed and
    // added again), the aired episode 1 stays where it was, the imported episode 3 is left alone.
    const later = generated.map((g) => ({ ...g, airingAt: g.airingAt + 10 }))
    expect(await replaceGeneratedAiring(db, 1, later, 150)).toBe(4)
    const rows = (await airingPagesOf(db, [1], { now: 0, window: { limit: 10, offset: 0 } })).get(1)!.rows
    expect(rows.map((r) => [r.id, r.episode, r.airingAt])).toEqual([[1001, 1, 100], [1002, 2, 210], [50, 3, 333], [1004, 4, 410]])
  })
})

describe('the demo airing generator', () => {
  it('schedules ONE PIECE weekly, a year behind and a year ahead, the next episode within a week', async () => {
    expect(releasingBuiltInAnime().map((e) => e.id)).toEqual([21])
    const db = s.app.kiroku.db
    await seedCatalog(db, s.clock)
    expect(await seedAiringSchedules(db, s.clock)).toBe(104)
    const now = s.clock()
    const next = (await nextAiringOf(db, [21], now)).get(21)!
    expect(next.airingAt).toBeGreaterThan(now)
    expect(next.airingAt - now).toBeLessThanOrEqual(7 * 24 * 3600)
    // The test clock stands at 15 June 2025, 15:06 UTC: ten weeks after episode 1123 (6 April), episode
    // 1133 aired at 14:15 that day, so 1134 is next.
    expect(next.episode).toBe(1134)

    // Started again the same moment: nothing to do. A month later: the schedule follows the clock.
    expect(await seedAiringSchedules(db, s.clock)).toBe(0)
    s.clock.advance(30 * 24 * 3600)
    expect(await seedAiringSchedules(db, s.clock)).toBeGreaterThan(0)
    const moved = (await nextAiringOf(db, [21], s.clock())).get(21)!
    expect(moved.airingAt - s.clock()).toBeLessThanOrEqual(7 * 24 * 3600)
    expect(moved.airingAt).toBeGreaterThan(s.clock())
  })

  it('numbers episodes from the anchor, one week apart', () => {
    const rows = weeklySchedule(21, { episode: 10, airingAt: 1_000_000 }, 1_000_000 + 3 * 604_800 + 5)
    expect(rows[0]).toEqual({ id: 1_000_210_001, mediaId: 21, episode: 1, airingAt: 1_000_000 - 9 * 604_800 })
    expect(rows.find((r) => r.episode === 13)!.airingAt).toBe(1_000_000 + 3 * 604_800)
    expect(rows.at(-1)!.episode).toBe(13 + 52)
  })
})
