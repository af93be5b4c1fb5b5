import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../helpers/flow.js'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'
import { userWithToken } from '../helpers/users.js'
import { ask } from './media-helpers.js'

// The fixture works: 900001 has all three titles, 900003 no native title, 900004 no English title.
const TITLES = `
query Titles($ids: [Int]) {
  Page { media(id_in: $ids, sort: ID) { id title { ...T } } }
}
fragment T on MediaTitle { userPreferred }
`
const EXPECTED: Record<string, [string, string, string]> = {
  ROMAJI: ['Kiroku Shiken Alpha', 'Kiroku Shiken Gamma', 'Kiroku Shiken Delta'],
  ROMAJI_STYLISED: ['Kiroku Shiken Alpha', 'Kiroku Shiken Gamma', 'Kiroku Shiken Delta'],
  ENGLISH: ['Record Test Alpha', 'Record Test Gamma', 'Kiroku Shiken Delta'],
  ENGLISH_STYLISED: ['Record Test Alpha', 'Record Test Gamma', 'Kiroku Shiken Delta'],
  NATIVE: ['記録試験アルファ', 'Kiroku Shiken Gamma', '記録試験デルタ'],
  NATIVE_STYLISED: ['記録試験アルファ', 'Kiroku Shiken Gamma', '記録試験デルタ'],
}

let s: TestServer
let token: string
beforeAll(async () => {
  s = await catalogServer()
  ;({ token } = await userWithToken(s.app))
})
afterAll(async () => s.app.close())

async function preferred(withToken: string | undefined): Promise<string[]> {
  const res = await ask(s.app, TITLES, { ids: ['900001', '900003', '900004'] }, withToken)
  expect(res.body.errors).toBeUndefined()
  return res.body.data.Page.media.map((m: { title: { userPreferred: string } }) => m.title.userPreferred)
}

describe('title.userPreferred', () => {
  it('is romaji without a token, and for a viewer who never chose a language', async () => {
    expect(await preferred(undefined)).toEqual(EXPECTED.ROMAJI)
    expect(await preferred(token)).toEqual(EXPECTED.ROMAJI)
  })

  it('follows the viewer’s title language, falling back to romaji where that title is missing', async () => {
    for (const [language, titles] of Object.entries(EXPECTED)) {
      const saved = await graphql(s.app, `mutation { UpdateUser(titleLanguage: ${language}) { options { titleLanguage } } }`, token)
      expect(saved.body.data.UpdateUser.options.titleLanguage).toBe(language)
      expect(await preferred(token), language).toEqual(titles)
      // Someone else (here, no one) still reads romaji.
      expect(await preferred(undefined)).toEqual(EXPECTED.ROMAJI)
    }
  })

  it('applies to Media(id:) and to works reached through relations and favourites too', async () => {
    await graphql(s.app, 'mutation { UpdateUser(titleLanguage: ENGLISH) { id } }', token)
    const one = await ask(s.app, '{ Media(id: 900001) { title { userPreferred romaji } } }', undefined, token)
    expect(one.body.data.Media.title).toEqual({ userPreferred: 'Record Test Alpha', romaji: 'Kiroku Shiken Alpha' })
    const related = await ask(s.app, '{ Media(id: 900001) { relations { nodes { id title { userPreferred } } } } }', undefined, token)
    expect(related.body.data.Media.relations.nodes).toContainEqual({ id: 900002, title: { userPreferred: 'Record Test Beta' } })
    await graphql(s.app, 'mutation { ToggleFavourite(animeId: 900003) { anime { nodes { id } } } }', token)
    const favourites = await ask(s.app, '{ Viewer { favourites { anime { nodes { title { userPreferred } } } } } }', undefined, token)
    expect(favourites.body.data.Viewer.favourites.anime.nodes).toEqual([{ title: { userPreferred: 'Record Test Gamma' } }])
  })
})
