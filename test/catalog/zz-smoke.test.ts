import { expect, it } from 'vitest'
import { testServer } from '../../test/helpers/server.js'
import { graphql } from '../../test/helpers/flow.js'
import { upsertMedia } from '../../src/catalog/media-store.js'

it('smoke', async () => {
  const s = await testServer({ logLevel: 'error' })
  const r = await upsertMedia(s.app.kiroku.db, s.clock, [
    { id: 1, type: 'ANIME', idMal: 1, title: { romaji: 'Cowboy Bebop', english: 'Cowboy Bebop', native: 'カウボーイビバップ' }, genres: ['Action', 'Sci-Fi'], startDate: { year: 1998, month: 4, day: 3 }, popularity: 10 },
    { id: 5, type: 'ANIME', idMal: 5, title: { romaji: 'Cowboy Bebop: Tengoku no Tobira' }, genres: ['Action'], startDate: { year: 2001, month: 9, day: 1 }, popularity: 20 },
  ])
  console.log(r)
  const q = `query ($s: String, $d: FuzzyDateInt) { Page(perPage: 1) { pageInfo { total lastPage hasNextPage } media(search: $s, startDate_greater: $d, genre_in: ["action"]) { id title { userPreferred } startDate { year } siteUrl } } a: Media(id: 1) { id } b: Media(idMal: 5, type: ANIME) { id } }`
  for (let i = 0; i < 3; i++) {
    const res = await graphql(s.app, q, undefined, { s: 'cowboy', d: '19900000' })
    console.log(JSON.stringify(res))
  }
  const bad = await graphql(s.app, q, undefined, { s: 'cowboy', d: 'abc' })
  console.log(JSON.stringify(bad))
  const nf = await graphql(s.app, '{ Media(id: 999) { id } }')
  console.log(JSON.stringify(nf))
  expect(1).toBe(1)
  await s.app.close()
})
