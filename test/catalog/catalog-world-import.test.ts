import fs from 'node:fs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { runCli, readRows, tempDir } from '../helpers/cli.js'
import { TEST_DIALECT } from '../helpers/database.js'
import { ImportError } from '../../src/catalog/importers/import-error.js'
import { parseAniListFile } from '../../src/catalog/importers/anilist-json.js'
import { loadMediaByIds } from '../../src/catalog/media-store.js'
import { studiosOfMedia } from '../../src/catalog/studios.js'
import { tagsOfMedia } from '../../src/catalog/tags.js'
import { externalLinksOfMedia, streamingEpisodesOfMedia } from '../../src/catalog/external-links.js'
import { airingPagesOf } from '../../src/catalog/airing.js'
import { importFile, WORLD_FILE, worldFile } from './catalog-world.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

const everything = async (ids: number[]) => {
  const db = s.app.kiroku.db
  return {
    media: await loadMediaByIds(db, ids),
    studios: await studiosOfMedia(db, ids),
    tags: await tagsOfMedia(db, ids),
    links: await externalLinksOfMedia(db, ids),
    episodes: await streamingEpisodesOfMedia(db, ids),
    airing: await airingPagesOf(db, ids, { now: 0, window: { limit: 50, offset: 0 } }),
  }
}

describe('importing AniList-shaped media with their catalog world', () => {
  it('stores every part and reads it back', async () => {
    const result = await importFile(s.app.kiroku.db, s.clock, worldFile())
    expect(result.media).toEqual({ inserted: 3, updated: 0, unchanged: 0 })
    expect(result.extras).toEqual({ studios: { inserted: 2, updated: 0, unchanged: 1 }, tags: { inserted: 3, updated: 0, unchanged: 1 }, mediaListsChanged: 3, airingChanged: 4, studioLinksChanged: 0 })
    const got = await everything([910001, 910002, 910003])
    expect(got.media.get(910001)!.trailer).toEqual({ id: 'worldTrailer', site: 'youtube', thumbnail: 'https://img.example/world-trailer.jpg' })
    expect(got.media.get(910001)!.relations).toEqual([{ id: 910003, relationType: 'ADAPTATION', edgeId: 95001 }, { id: 910002, relationType: 'SEQUEL', edgeId: 95002 }])
    expect(got.studios.get(910001)).toEqual([
      { studio: { id: 91001, name: 'Studio Kiroku', isAnimationStudio: true }, isMain: true },
      { studio: { id: 91002, name: 'Aniplex Test', isAnimationStudio: false }, isMain: false },
    ])
    // Read from `nodes`, a studio has no isMain: not the main one.
    expect(got.studios.get(910002)).toEqual([{ studio: { id: 91001, name: 'Studio Kiroku', isAnimationStudio: true }, isMain: false }])
    expect(got.tags.get(910001)!.map((t) => [t.tag.name, t.rank, t.isMediaSpoiler])).toEqual([['Time Loop', 91, true], ['Swordplay', 60, false]])
    // The second work names Swordplay with fewer fields: what it leaves out keeps the first's values.
    expect(got.tags.get(910002)).toEqual([{ tag: { id: 9202, name: 'Swordplay', description: 'Fights with blades.', category: 'Theme-Action', isGeneralSpoiler: false, isAdult: false }, rank: 80, isMediaSpoiler: false }])
    expect(got.tags.get(910003)![0]!.tag).toEqual({ id: 9203, name: 'Gore', description: 'Graphic violence.', category: 'Theme-Other', isGeneralSpoiler: false, isAdult: true })
    expect(got.links.get(910001)!.map((l) => l.id)).toEqual([93001, 93002, 93003])
    expect(got.links.get(910001)![1]).toEqual({ id: 93002, url: 'https://stream.example/world', site: 'Crunchyroll', siteId: 5, type: 'STREAMING', language: 'English', color: '#F88B24', icon: 'https://img.example/cr.png', notes: 'Subtitled', isDisabled: false })
    expect(got.links.get(910002)).toEqual([])
    expect(got.episodes.get(910001)).toEqual([
      { title: 'Episode 1 - The First Day', thumbnail: 'https://img.example/ep1.jpg', url: 'https://stream.example/world/1', site: 'Crunchyroll' },
      { title: 'Episode 2 - The First Day Again', thumbnail: 'https://img.example/ep2.jpg', url: 'https://stream.example/world/2', site: 'Crunchyroll' },
    ])
    // The schedule's nodes and nextAiringEpisode together.
    expect(got.airing.get(910001)!.rows.map((a) => [a.id, a.episode, a.airingAt])).toEqual([[94001, 1, 1_749_600_000], [94002, 2, 1_750_204_800], [94003, 3, 1_750_809_600], [94004, 4, 1_751_414_400]])
  })

  it('changes nothing when the same file is imported again', async () => {
    await importFile(s.app.kiroku.db, s.clock, worldFile())
    const before = await everything([910001, 910002, 910003])
    s.clock.advance(3600)
    const again = await importFile(s.app.kiroku.db, s.clock, worldFile())
    expect(again.media).toEqual({ inserted: 0, updated: 0, unchanged: 3 })
    expect(again.extras).toEqual({ studios: { inserted: 0, updated: 0, unchanged: 3 }, tags: { inserted: 0, updated: 0, unchanged: 4 }, mediaListsChanged: 0, airingChanged: 0, studioLinksChanged: 0 })
    expect(await everything([910001, 910002, 910003])).toEqual(before)
  })

  it('updates only the parts a media object carries, however little else it holds', async () => {
    await importFile(s.app.kiroku.db, s.clock, worldFile())
    const partial = parseAniListFile(JSON.stringify([
      { id: 910001, type: 'ANIME', tags: [{ id: 9202, name: 'Swordplay', rank: 99 }], nextAiringEpisode: { id: 94004, airingAt: 1_751_500_000, episode: 4 } },
    ]))
    const result = await importFile(s.app.kiroku.db, s.clock, partial)
    expect(result.media).toEqual({ inserted: 0, updated: 0, unchanged: 1 })
    const got = await everything([910001])
    expect(got.media.get(910001)!.title).toEqual({ romaji: 'Kiroku Sekai', english: 'Record World', native: '記録世界' })
    expect(got.tags.get(910001)!.map((t) => [t.tag.name, t.rank])).toEqual([['Swordplay', 99]])
    expect(got.studios.get(910001)).toHaveLength(2)
    expect(got.links.get(910001)).toHaveLength(3)
    expect(got.airing.get(910001)!.rows.map((a) => [a.episode, a.airingAt])).toEqual([[1, 1_749_600_000], [2, 1_750_204_800], [3, 1_750_809_600], [4, 1_751_500_000]])
  })

  it('leaves out a studio or tag named by id alone that the catalog does not know', async () => {
    await importFile(s.app.kiroku.db, s.clock, worldFile())
    const file = parseAniListFile(JSON.stringify([{ id: 910002, type: 'ANIME', studios: { nodes: [{ id: 91001 }, { id: 555 }] }, tags: [{ id: 777, rank: 10 }, { id: 9201, rank: 20 }] }]))
    await importFile(s.app.kiroku.db, s.clock, file)
    const got = await everything([910002])
    expect(got.studios.get(910002)!.map((x) => x.studio.id)).toEqual([91001])
    expect(got.tags.get(910002)!.map((t) => [t.tag.name, t.rank])).toEqual([['Time Loop', 20]])
  })

  it('reads a saved Page.studios response as studios', () => {
    const file = parseAniListFile(JSON.stringify({ data: { Page: { pageInfo: { total: 1 }, studios: [{ id: 11, name: 'MADHOUSE', isAnimationStudio: true }, { id: 17, name: 'Aniplex' }] } } }))
    expect(file).toEqual({ media: [], extras: [], studios: [{ id: 11, name: 'MADHOUSE', isAnimationStudio: true }, { id: 17, name: 'Aniplex' }], studioLinks: [] })
  })

  it('links a saved studio page’s works to the studio, importing those given whole', async () => {
    const db = s.app.kiroku.db
    await importFile(db, s.clock, worldFile())
    const file = parseAniListFile(JSON.stringify({ data: { Page: { studios: [{
      id: 91002, name: 'Aniplex Test', isAnimationStudio: false,
      media: { edges: [
        { isMainStudio: true, node: { id: 910001, type: 'ANIME' } },
        { isMainStudio: false, node: { id: 910004, type: 'ANIME', title: { romaji: 'Kiroku Sekai Gaiden' } } },
        { isMainStudio: false, node: { id: 999999, type: 'ANIME' } },
      ] },
    }] } } }))
    expect(file.media.map((m) => m.id)).toEqual([910004])
    const { upsertMedia } = await import('../../src/catalog/media-store.js')
    const { importStudios } = await import('../../src/catalog/media-extras.js')
    await upsertMedia(db, s.clock, file.media)
    const result = await importStudios(db, s.clock, file.studios, file.studioLinks)
    // 910001's link turns main; 910004 is new; 999999 is in neither the catalog nor the file.
    expect(result.studioLinksChanged).toBe(2)
    const got = await studiosOfMedia(db, [910001, 910004])
    expect(got.get(910001)!.map((x) => [x.studio.id, x.isMain])).toEqual([[91001, true], [91002, true]])
    expect(got.get(910004)!.map((x) => [x.studio.id, x.isMain])).toEqual([[91002, false]])
    expect((await importStudios(db, s.clock, file.studios, file.studioLinks)).studioLinksChanged).toBe(0)
  })

  it('refuses wrong parts before writing anything, naming the item and field', () => {
    const bad = [{ id: 5, type: 'ANIME', title: { romaji: 'x' }, tags: [{ id: 1, name: 'A', rank: 150 }], externalLinks: [{ id: 2, site: 'S', type: 'VIDEO', url: 'javascript:alert(1)' }], studios: { edges: [{ isMain: 'yes', node: { id: 0 } }] } }]
    let error: unknown
    try {
      parseAniListFile(JSON.stringify(bad))
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ImportError)
    const message = (error as Error).message
    for (const part of ['tags[0].rank', 'externalLinks[0].type', 'externalLinks[0].url', 'studios.edges[0].node.id', 'studios.edges[0].isMain']) expect(message).toContain(part)
  })
})

describe('kiroku import', () => {
  const temp = tempDir()
  afterAll(() => temp.remove())

  it.runIf(TEST_DIALECT === 'sqlite')('imports the file with its studios, tags and airings and counts them in the summary', async () => {
    const database = `sqlite:${temp.file('world.db')}`
    expect((await runCli(['migrate', 'up', '--database', database])).code).toBe(0)
    const first = await runCli(['import', WORLD_FILE, '--database', database])
    expect(first.code, first.err).toBe(0)
    expect(JSON.parse(first.out)).toMatchObject({ inserted: 3, studios: { inserted: 2 }, tags: { inserted: 3 }, mediaListsChanged: 3, airingChanged: 4 })
    const second = await runCli(['import', WORLD_FILE, '--database', database])
    expect(JSON.parse(second.out)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, mediaListsChanged: 0, airingChanged: 0 })
    expect(readRows(temp.file('world.db'), 'select studio_id, is_main from media_studios where media_id = 910001 order by position')).toEqual([{ studio_id: 91001, is_main: 1 }, { studio_id: 91002, is_main: 0 }])

    fs.writeFileSync(temp.file('studios.json'), JSON.stringify({ data: { Page: { studios: [{ id: 91002, name: 'Aniplex Renamed', isAnimationStudio: false }] } } }))
    const studios = await runCli(['import', temp.file('studios.json'), '--database', database])
    expect(JSON.parse(studios.out)).toMatchObject({ inserted: 0, studios: { updated: 1 } })
    expect(readRows(temp.file('world.db'), 'select name from studios where id = 91002')).toEqual([{ name: 'Aniplex Renamed' }])
  })
})
