import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { worldServer } from '../catalog/catalog-world.js'
import { ask, mediaIds } from './media-helpers.js'

let s: TestServer
beforeAll(async () => {
  s = await worldServer()
})
afterAll(async () => s.app.close())

// An anime-detail query as apps write it: fragments, nested connections, an alias.
const DETAIL = `
  query AnimeDetail($id: Int) {
    Media(id: $id, type: ANIME) {
      id
      title { romaji }
      studios { edges { isMain node { id name isAnimationStudio siteUrl } } }
      mainStudios: studios(isMain: true) { nodes { name } }
      tags { ...tag }
      nextAiringEpisode { ...airing }
      relations { edges { id relationType(version: 2) node { id type title { romaji } } } }
      externalLinks { id url site siteId type language color icon notes isDisabled }
      streamingEpisodes { title thumbnail url site }
      trailer { id site thumbnail }
    }
  }
  fragment tag on MediaTag { id name description category rank isGeneralSpoiler isMediaSpoiler isAdult userId }
  fragment airing on AiringSchedule { id airingAt timeUntilAiring episode mediaId }`

describe('an anime detail query', () => {
  it('answers the imported studios, tags, next episode, relations, links, streaming episodes and trailer', async () => {
    const res = await ask(s.app, DETAIL, { id: 910001 })
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    const media = res.body.data.Media
    expect(media.studios.edges).toEqual([
      { isMain: true, node: { id: 91001, name: 'Studio Kiroku', isAnimationStudio: true, siteUrl: 'http://kiroku.test/studio/91001' } },
      { isMain: false, node: { id: 91002, name: 'Aniplex Test', isAnimationStudio: false, siteUrl: 'http://kiroku.test/studio/91002' } },
    ])
    expect(media.mainStudios.nodes).toEqual([{ name: 'Studio Kiroku' }])
    expect(media.tags).toEqual([
      { id: 9201, name: 'Time Loop', description: 'Characters relive the same span of time.', category: 'Theme-Other', rank: 91, isGeneralSpoiler: false, isMediaSpoiler: true, isAdult: false, userId: null },
      { id: 9202, name: 'Swordplay', description: 'Fights with blades.', category: 'Theme-Action', rank: 60, isGeneralSpoiler: false, isMediaSpoiler: false, isAdult: false, userId: null },
    ])
    // The test clock stands at 1,750,000,000: episode 1 has aired, episode 2 is next.
    expect(media.nextAiringEpisode).toEqual({ id: 94002, airingAt: 1_750_204_800, timeUntilAiring: 204_800, episode: 2, mediaId: 910001 })
    expect(media.relations.edges).toEqual([
      { id: 95001, relationType: 'ADAPTATION', node: { id: 910003, type: 'MANGA', title: { romaji: 'Kiroku Sekai' } } },
      { id: 95002, relationType: 'SEQUEL', node: { id: 910002, type: 'ANIME', title: { romaji: 'Kiroku Sekai Gekijouban' } } },
    ])
    expect(media.externalLinks).toEqual([
      { id: 93001, url: 'https://world.example', site: 'Official Site', siteId: 1, type: 'INFO', language: 'Japanese', color: null, icon: null, notes: null, isDisabled: false },
      { id: 93002, url: 'https://stream.example/world', site: 'Crunchyroll', siteId: 5, type: 'STREAMING', language: 'English', color: '#F88B24', icon: 'https://img.example/cr.png', notes: 'Subtitled', isDisabled: false },
      { id: 93003, url: 'https://social.example/world', site: 'Twitter', siteId: 17, type: 'SOCIAL', language: null, color: '#000000', icon: null, notes: null, isDisabled: true },
    ])
    expect(media.streamingEpisodes).toEqual([
      { title: 'Episode 1 - The First Day', thumbnail: 'https://img.example/ep1.jpg', url: 'https://stream.example/world/1', site: 'Crunchyroll' },
      { title: 'Episode 2 - The First Day Again', thumbnail: 'https://img.example/ep2.jpg', url: 'https://stream.example/world/2', site: 'Crunchyroll' },
    ])
    expect(media.trailer).toEqual({ id: 'worldTrailer', site: 'youtube', thumbnail: 'https://img.example/world-trailer.jpg' })
  })

  it('answers the built-in catalog’s studios', async () => {
    const res = await ask(s.app, `{ bebop: Media(id: 1) { studios { edges { isMain node { id name } } } } spy: Media(id: 140960) { studios(isMain: true) { nodes { name } } } }`)
    expect(res.body.data).toEqual({
      bebop: { studios: { edges: [{ isMain: true, node: { id: 14, name: 'Sunrise' } }] } },
      spy: { studios: { nodes: [{ name: 'Wit Studio' }, { name: 'CloverWorks' }] } },
    })
  })

  it('reads a SOURCE relation as ADAPTATION for clients that ask for no version', async () => {
    const res = await ask(s.app, `{ Media(id: 910003) { relations { edges { old: relationType new: relationType(version: 2) } } } }`)
    expect(res.body.data.Media.relations.edges).toEqual([{ old: 'ADAPTATION', new: 'SOURCE' }])
  })

  it('answers empty lists and no next episode for a work with none', async () => {
    const res = await ask(s.app, `{ Media(id: 900001) { studios { edges { isMain } pageInfo { total } } tags { name } externalLinks { id } streamingEpisodes { title } nextAiringEpisode { id } } }`)
    expect(res.body.data.Media).toEqual({ studios: { edges: [], pageInfo: { total: 0 } }, tags: [], externalLinks: [], streamingEpisodes: [], nextAiringEpisode: null })
  })

  it('moves the next episode on as the clock passes an airing', async () => {
    s.clock.set(1_750_204_800)
    try {
      const res = await ask(s.app, `{ Media(id: 910001) { nextAiringEpisode { episode timeUntilAiring } } }`)
      expect(res.body.data.Media.nextAiringEpisode).toEqual({ episode: 3, timeUntilAiring: 604_800 })
      s.clock.set(1_751_414_400)
      const after = await ask(s.app, `{ Media(id: 910001) { nextAiringEpisode { episode } } }`)
      expect(after.body.data.Media.nextAiringEpisode).toBeNull()
    } finally {
      s.clock.set(1_750_000_000)
    }
  })
})

describe('the tag and licensing filters', () => {
  it('finds works by tag, in any letter case, and by every tag of tag_in', async () => {
    expect(await mediaIds(s.app, 'tag: "swordplay"')).toEqual([910001, 910002])
    expect(await mediaIds(s.app, 'tag_in: ["Swordplay", "Time Loop"]')).toEqual([910001])
    expect(await mediaIds(s.app, 'tag_in: []')).toEqual([])
    expect(await mediaIds(s.app, 'tag: "No Such Tag"')).toEqual([])
  })

  it('applies minimumTagRank to the tags a work must have', async () => {
    expect(await mediaIds(s.app, 'tag: "Swordplay", minimumTagRank: 70')).toEqual([910002])
    expect(await mediaIds(s.app, 'tagCategory: "theme-other", minimumTagRank: 50')).toEqual([910001])
  })

  it('excludes works with any tag of tag_not_in or a tag in tagCategory_not_in', async () => {
    const ids = await mediaIds(s.app, 'id_in: [910001, 910002, 910003, 1], tag_not_in: ["Time Loop", "Gore"]')
    expect(ids).toEqual([1, 910002])
    expect(await mediaIds(s.app, 'id_in: [910001, 910002, 910003, 1], tagCategory_not_in: ["Theme-Action"]')).toEqual([1, 910003])
    expect(await mediaIds(s.app, 'tagCategory_in: ["Theme-Action", "Theme-Other"]')).toEqual([910001, 910002, 910003])
  })

  it('counts a work as licensed by the sites it has a streaming link to', async () => {
    expect(await mediaIds(s.app, 'licensedBy: "crunchyroll"')).toEqual([910001])
    // An INFO link is no licence.
    expect(await mediaIds(s.app, 'licensedBy: "Official Site"')).toEqual([])
    expect(await mediaIds(s.app, 'licensedBy_in: ["Crunchyroll", "Manga Plus"]')).toEqual([910001, 910003])
    expect(await mediaIds(s.app, 'licensedById: 90')).toEqual([910003])
    expect(await mediaIds(s.app, 'licensedById_in: [5, 90]')).toEqual([910001, 910003])
    expect(await mediaIds(s.app, 'licensedById_in: []')).toEqual([])
  })

  it('counts the filtered works in pageInfo', async () => {
    const res = await ask(s.app, `{ Page { pageInfo { total } media(tag: "Swordplay") { id } } }`)
    expect(res.body.data.Page.pageInfo.total).toBe(2)
  })
})

describe('the catalog collections', () => {
  it('lists the genres of the catalog, alphabetically and once each', async () => {
    const res = await ask(s.app, `{ GenreCollection }`)
    const genres: string[] = res.body.data.GenreCollection
    expect(genres).toContain('Action')
    expect(genres).toContain('Fantasy')
    expect(new Set(genres).size).toBe(genres.length)
    expect([...genres].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))).toEqual(genres)
  })

  it('lists every tag by category then name, without a work’s rank', async () => {
    const res = await ask(s.app, `{ MediaTagCollection(status: 1) { id name category rank isMediaSpoiler isAdult } }`)
    expect(res.body.data.MediaTagCollection).toEqual([
      { id: 9202, name: 'Swordplay', category: 'Theme-Action', rank: null, isMediaSpoiler: null, isAdult: false },
      { id: 9203, name: 'Gore', category: 'Theme-Other', rank: null, isMediaSpoiler: null, isAdult: true },
      { id: 9201, name: 'Time Loop', category: 'Theme-Other', rank: null, isMediaSpoiler: null, isAdult: false },
    ])
  })

  it('lists the linked sites once each, filtered by type and media type', async () => {
    const all = await ask(s.app, `{ ExternalLinkSourceCollection { id site siteId type url } }`)
    expect(all.body.data.ExternalLinkSourceCollection).toEqual([
      { id: 5, site: 'Crunchyroll', siteId: 5, type: 'STREAMING', url: null },
      { id: 90, site: 'Manga Plus', siteId: 90, type: 'STREAMING', url: null },
      { id: 1, site: 'Official Site', siteId: 1, type: 'INFO', url: null },
      { id: 17, site: 'Twitter', siteId: 17, type: 'SOCIAL', url: null },
    ])
    const streaming = await ask(s.app, `{ ExternalLinkSourceCollection(type: STREAMING, mediaType: MANGA) { site } }`)
    expect(streaming.body.data.ExternalLinkSourceCollection).toEqual([{ site: 'Manga Plus' }])
    const one = await ask(s.app, `{ ExternalLinkSourceCollection(id: 17) { site } staff: ExternalLinkSourceCollection(mediaType: STAFF) { site } }`)
    expect(one.body.data).toEqual({ ExternalLinkSourceCollection: [{ site: 'Twitter' }], staff: [] })
  })
})
