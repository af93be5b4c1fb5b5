import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testServer, type TestServer } from '../helpers/server.js'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { SEED_ANIME } from '../../src/catalog/seed/anime.js'
import { SEED_MEDIA_STUDIOS, SEED_STUDIOS } from '../../src/catalog/seed/studios.js'
import { setMediaStudios, studiosOfMedia, upsertStudios } from '../../src/catalog/studios.js'

let s: TestServer
beforeEach(async () => {
  s = await testServer()
})
afterEach(async () => s.app.close())

describe('the built-in studios', () => {
  it('name only built-in anime and known studios, each work once', () => {
    const anime = new Set(SEED_ANIME.map((a) => a.id))
    const works = SEED_MEDIA_STUDIOS.map(([id]) => id)
    expect(works.filter((id) => !anime.has(id))).toEqual([])
    expect(new Set(works).size).toBe(works.length)
    expect(SEED_MEDIA_STUDIOS.flatMap(([, studios]) => studios).filter((id) => !(id in SEED_STUDIOS))).toEqual([])
  })

  it('link the built-in anime to their studios, and leave imported studios and names alone', async () => {
    const db = s.app.kiroku.db
    await seedCatalog(db, s.clock)
    const first = await studiosOfMedia(db, [1, 140960, 21])
    expect(first.get(1)).toEqual([{ studio: { id: 14, name: 'Sunrise', isAnimationStudio: true }, isMain: true }])
    expect(first.get(140960)!.map((x) => x.studio.name)).toEqual(['Wit Studio', 'CloverWorks'])

    // An import renames a studio and gives ONE PIECE another list: the next seed keeps both.
    await upsertStudios(db, s.clock, [{ id: 18, name: 'Toei Animation Co.' }, { id: 999, name: 'Someone Else' }])
    await setMediaStudios(db, 1, [{ studioId: 999, isMain: false }])
    await seedCatalog(db, s.clock)
    const again = await studiosOfMedia(db, [1, 21])
    expect(again.get(1)).toEqual([{ studio: { id: 999, name: 'Someone Else', isAnimationStudio: false }, isMain: false }])
    expect(again.get(21)).toEqual([{ studio: { id: 18, name: 'Toei Animation Co.', isAnimationStudio: true }, isMain: true }])
  })
})
