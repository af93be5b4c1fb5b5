import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { expectAniListError, postJson } from '../helpers/graphql.js'
import { userWithToken } from '../helpers/users.js'
import { upsertStudios } from '../../src/catalog/studios.js'
import { importStudios } from '../../src/catalog/media-extras.js'
import { parseAniListFile } from '../../src/catalog/importers/anilist-json.js'
import { worldServer } from '../catalog/catalog-world.js'
import { ask } from './media-helpers.js'

let s: TestServer
let alice: string
let bob: string
beforeAll(async () => {
  s = await worldServer()
  // More studios to search and sort: names sharing words, and one from a saved Page.studios response.
  await upsertStudios(s.app.kiroku.db, s.clock, [{ id: 91003, name: 'Kiroku Pictures', isAnimationStudio: true }, { id: 91004, name: 'Pictures of Kiroku', isAnimationStudio: false }])
  const page = parseAniListFile(JSON.stringify({ data: { Page: { studios: [{ id: 91005, name: 'Studio Zeta', isAnimationStudio: true }] } } }))
  await importStudios(s.app.kiroku.db, s.clock, page.studios)
  ;({ token: alice } = await userWithToken(s.app, 'alice'))
  ;({ token: bob } = await userWithToken(s.app, 'bob'))
})
afterAll(async () => s.app.close())

// The built-in catalog brings studios of its own; the sorts and id filters look at the test's five.
const OURS = 'id_in: [91001, 91002, 91003, 91004, 91005]'

async function studioIds(args: string): Promise<number[]> {
  const res = await ask(s.app, `{ Page(perPage: 50) { studios(${args}) { id } } }`)
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data.Page.studios.map((x: { id: number }) => x.id)
}

const TOGGLE = `mutation ToggleStudio($id: Int) { ToggleFavourite(studioId: $id) { studios { edges { favouriteOrder isMain node { id name isFavourite } } pageInfo { total } } } }`

describe('Page.studios', () => {
  it('searches names by every word, in any letter case, best match first', async () => {
    // "Kiroku Pictures" starts with the query; the other two only hold it (then by id).
    expect(await studioIds('search: "KIROKU"')).toEqual([91003, 91001, 91004])
    // Both hold both words; the whole name comes first.
    // Punctuation and word order do not matter; neither name is exactly the query, so by id.
    expect(await studioIds('search: "pictures, kiroku!"')).toEqual([91003, 91004])
    expect(await studioIds('search: "kiroku pictures"')).toEqual([91003, 91004])
    expect(await studioIds('search: "nothing like it"')).toEqual([])
  })

  it('filters by id with AniList’s operators and counts the matches', async () => {
    expect(await studioIds('id_in: [91001, 91002, 91005], id_not: 91002')).toEqual([91001, 91005])
    expect(await studioIds(`${OURS}, id_not_in: [91001, 91002, 91003]`)).toEqual([91004, 91005])
    const res = await ask(s.app, `{ Page(perPage: 2) { pageInfo { total lastPage hasNextPage } studios(${OURS}, sort: ID) { id } } }`)
    expect(res.body.data.Page).toEqual({ pageInfo: { total: 5, lastPage: 3, hasNextPage: true }, studios: [{ id: 91001 }, { id: 91002 }] })
  })

  it('sorts by name and id either way', async () => {
    expect(await studioIds(`${OURS}, sort: NAME`)).toEqual([91002, 91003, 91004, 91001, 91005])
    expect(await studioIds(`${OURS}, sort: NAME_DESC`)).toEqual([91005, 91001, 91004, 91003, 91002])
    expect(await studioIds(`${OURS}, sort: ID_DESC`)).toEqual([91005, 91004, 91003, 91002, 91001])
  })

  it('refuses an oversized search with a 400, not a 5xx', async () => {
    const res = await graphql(s.app, `{ Page { studios(search: "${'x'.repeat(300)}") { id } } }`)
    expect(res.status).toBe(400)
  })
})

describe('Query.Studio and Studio.media', () => {
  it('answers a studio with its works, each edge saying whether it was the main studio', async () => {
    const res = await ask(s.app, `
      query ($id: Int) {
        Studio(id: $id) {
          id name isAnimationStudio siteUrl favourites isFavourite
          media(sort: [ID]) { edges { isMainStudio node { id title { romaji } } } pageInfo { total } }
          main: media(isMain: true, perPage: 1) { nodes { id } pageInfo { total hasNextPage } }
        }
      }`, { id: 91002 })
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.Studio).toEqual({
      id: 91002, name: 'Aniplex Test', isAnimationStudio: false, siteUrl: 'http://kiroku.test/studio/91002', favourites: 0, isFavourite: false,
      media: { edges: [{ isMainStudio: false, node: { id: 910001, title: { romaji: 'Kiroku Sekai' } } }], pageInfo: { total: 1 } },
      main: { nodes: [], pageInfo: { total: 0, hasNextPage: false } },
    })
    const kiroku = await ask(s.app, `{ Studio(id: 91001) { media(sort: [ID_DESC]) { edges { isMainStudio node { id } } } } }`)
    // A work reached through `nodes` of Media.studios is the main one only where the work says so.
    expect(kiroku.body.data.Studio.media.edges).toEqual([{ isMainStudio: false, node: { id: 910002 } }, { isMainStudio: true, node: { id: 910001 } }])
  })

  it('finds a studio by search, and answers 404 for none', async () => {
    const res = await ask(s.app, `{ Studio(search: "zeta") { id } }`)
    expect(res.body.data.Studio).toEqual({ id: 91005 })
    expectAniListError(await postJson(s.app, { query: '{ Studio(id: 3) { id } }' }), 404, 'Not Found.')
    expectAniListError(await postJson(s.app, { query: '{ Studio(search: "no such studio") { id } }' }), 404, 'Not Found.')
  })

  it('orders a work’s studios when asked, and filters them by isMain', async () => {
    const res = await ask(s.app, `{ Media(id: 910001) { byName: studios(sort: [NAME]) { nodes { id } } others: studios(isMain: false) { edges { isMain node { id } } } } }`)
    expect(res.body.data.Media).toEqual({ byName: { nodes: [{ id: 91002 }, { id: 91001 }] }, others: { edges: [{ isMain: false, node: { id: 91002 } }] } })
  })
})

describe('studio favourites', () => {
  it('toggles a studio into and out of the viewer’s favourites, counted and sorted by them', async () => {
    const added = await graphql(s.app, TOGGLE, alice, { id: 91003 })
    expect(added.body.errors).toBeUndefined()
    expect(added.body.data.ToggleFavourite.studios).toEqual({ edges: [{ favouriteOrder: 1, isMain: false, node: { id: 91003, name: 'Kiroku Pictures', isFavourite: true } }], pageInfo: { total: 1 } })
    await graphql(s.app, TOGGLE, alice, { id: 91005 })
    await graphql(s.app, TOGGLE, bob, { id: 91005 })

    const viewer = await ask(s.app, `{ Viewer { favourites { studios(perPage: 1, page: 2) { nodes { id } pageInfo { total } } } } }`, undefined, alice)
    expect(viewer.body.data.Viewer.favourites.studios).toEqual({ nodes: [{ id: 91005 }], pageInfo: { total: 2 } })
    const counts = await ask(s.app, `{ Page { studios(sort: [FAVOURITES_DESC]) { id favourites isFavourite } } }`, undefined, bob)
    expect(counts.body.data.Page.studios.slice(0, 2)).toEqual([{ id: 91005, favourites: 2, isFavourite: true }, { id: 91003, favourites: 1, isFavourite: false }])

    const removed = await graphql(s.app, TOGGLE, alice, { id: 91003 })
    expect(removed.body.data.ToggleFavourite.studios.edges.map((e: { node: { id: number } }) => e.node.id)).toEqual([91005])
    const after = await ask(s.app, `{ Studio(id: 91003) { favourites } }`)
    expect(after.body.data.Studio.favourites).toBe(0)
  })

  it('answers 404 for a studio that is not stored', async () => {
    const res = await graphql(s.app, TOGGLE, alice, { id: 3 })
    expect(res.status).toBe(404)
    expect(res.body.errors[0].message).toBe('Not Found.')
  })
})

describe('a page of studios with their works', () => {
  it('reads every studio’s works in one query, whatever the number of studios', async () => {
    const { StatementCounter } = await import('../helpers/statement-counter.js')
    const counter = new StatementCounter()
    const db = s.app.kiroku.db
    s.app.kiroku.db = db.withPlugin(counter)
    try {
      const run = async (perPage: number) => {
        counter.count = 0
        const res = await ask(s.app, `query ($perPage: Int) { Page(perPage: $perPage) { studios(sort: ID) { id media(sort: [START_DATE_DESC], perPage: 3) { edges { isMainStudio node { id } } pageInfo { total } } } } }`, { perPage })
        expect(res.body.errors).toBeUndefined()
        return { count: counter.count / 2, studios: res.body.data.Page.studios }
      }
      const few = await run(2)
      const many = await run(25)
      expect(many.count).toBe(few.count)
      const madhouse = many.studios.find((x: { id: number }) => x.id === 11)
      // Madhouse's works in the built-in catalog, newest first: Frieren (2023) leads.
      expect(madhouse.media.edges[0]).toEqual({ isMainStudio: true, node: { id: 154587 } })
      expect(madhouse.media.pageInfo.total).toBe(6)
    } finally {
      s.app.kiroku.db = db
    }
  })
})
