/**
 * The demo catalog's facts are a file `kiroku import` reads: the AniList importer takes every entry
 * with the seed's own titles, and imported over the built-in catalog they give its works their
 * synopses and relations as a client asks for them.
 */
import fs from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { parseAniListMediaFile } from '../../src/catalog/importers/anilist-json.js'
import { builtInCatalog, seedCatalog } from '../../src/catalog/seed/index.js'
import { upsertMedia } from '../../src/catalog/media-store.js'

const FILE = new URL('../../src/demo/world/catalog-facts.json', import.meta.url)

describe('the facts file as an import', () => {
  it('is read whole by the AniList importer, with the seed’s titles', () => {
    const inputs = parseAniListMediaFile(fs.readFileSync(FILE, 'utf8'))
    const seed = new Map(builtInCatalog().map((m) => [m.id, m]))
    expect(inputs).toHaveLength(seed.size)
    for (const input of inputs) {
      expect(input.title, `media ${input.id}`).toEqual(seed.get(input.id)!.title)
      expect(input.description, `media ${input.id}`).toBeTruthy()
    }
  })

  describe('imported over the built-in catalog', () => {
    let s: TestServer
    beforeEach(async () => {
      s = await testServer()
      await seedCatalog(s.app.kiroku.db, s.clock)
      await upsertMedia(s.app.kiroku.db, s.clock, parseAniListMediaFile(fs.readFileSync(FILE, 'utf8')))
    })
    afterEach(async () => s.app.close())

    it('answers a work’s synopsis, colour, score and both sides of its relations', async () => {
      const document = `
        query Work($id: Int) { Media(id: $id) { ...Card relations { edges { relationType(version: 2) node { ...Card } } } } }
        fragment Card on Media { id type title { romaji } description(asHtml: false) coverImage { color } averageScore }`
      const anime = await graphql(s.app, document, undefined, { id: 16498 })
      expect(anime.status).toBe(200)
      const media = anime.body.data.Media
      expect(media.description).toMatch(/^For a century humanity has lived behind three enormous walls/)
      expect(media.coverImage.color).toMatch(/^#[0-9a-f]{6}$/)
      expect(media.averageScore).toBe(84)
      expect(media.relations.edges.map((e: { relationType: string; node: { id: number } }) => [e.relationType, e.node.id])).toEqual(
        expect.arrayContaining([['SEQUEL', 20958], ['SOURCE', 53390]]),
      )
      const manga = await graphql(s.app, document, undefined, { id: 30021 })
      expect(manga.body.data.Media.relations.edges.map((e: { relationType: string; node: { id: number } }) => [e.relationType, e.node.id])).toEqual([['ADAPTATION', 1535]])
    })
  })
})
