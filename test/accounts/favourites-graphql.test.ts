import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { User } from '../../src/accounts/users.js'
import { graphql } from '../helpers/flow.js'
import { catalogServer } from '../helpers/catalog.js'
import { expectAniListError, postJson } from '../helpers/graphql.js'
import type { TestServer } from '../helpers/server.js'
import { userWithToken } from '../helpers/users.js'
import { ask } from '../graphql/media-helpers.js'

let s: TestServer
let user: User
let token: string
beforeEach(async () => {
  s = await catalogServer()
  ;({ user, token } = await userWithToken(s.app))
})
afterEach(async () => s.app.close())

// As miru sends it: a variable id, __typename in every selection.
const MIRU_TOGGLE = 'mutation ToggleFavourite($id: Int!) {\n  ToggleFavourite(animeId: $id) {\n    anime {\n      nodes {\n        id\n        __typename\n      }\n      __typename\n    }\n    __typename\n  }\n}'

const toggle = (query: string, variables?: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => postJson(s.app, { query, variables }, { headers })

describe('ToggleFavourite', () => {
  it('marks an anime and answers the viewer’s favourites; a second toggle unmarks it', async () => {
    const on = await toggle(MIRU_TOGGLE, { id: 21 })
    expect(on.statusCode).toBe(200)
    expect(on.json()).toEqual({ data: { ToggleFavourite: { anime: { nodes: [{ id: 21, __typename: 'Media' }], __typename: 'MediaConnection' }, __typename: 'Favourites' } } })
    const off = await toggle(MIRU_TOGGLE, { id: '21' })
    expect(off.json().data.ToggleFavourite.anime.nodes).toEqual([])
  })

  it('marks manga with mangaId, kept apart from anime, in the order they were added', async () => {
    await toggle('mutation { ToggleFavourite(mangaId: 30013) { manga { nodes { id } } } }')
    await toggle('mutation ($m: Int) { ToggleFavourite(mangaId: $m) { manga { nodes { id } } } }', { m: 30001 })
    const both = await toggle('mutation { ToggleFavourite(animeId: 1, mangaId: 30002) { anime { nodes { id } } manga { edges { favouriteOrder node { id } } } } }')
    expect(both.json().data.ToggleFavourite).toEqual({
      anime: { nodes: [{ id: 1 }] },
      manga: { edges: [{ favouriteOrder: 1, node: { id: 30013 } }, { favouriteOrder: 2, node: { id: 30001 } }, { favouriteOrder: 3, node: { id: 30002 } }] },
    })
  })

  it('needs a token: 401 "Unauthorized." without one, 400 "Invalid token" with a bad one', async () => {
    const none = expectAniListError(await toggle(MIRU_TOGGLE, { id: 21 }, {}), 401, 'Unauthorized.')
    expect(none.data).toEqual({ ToggleFavourite: null })
    expectAniListError(await toggle(MIRU_TOGGLE, { id: 21 }, { authorization: 'Bearer x.y.z' }), 400, 'Invalid token')
    const favourites = await ask(s.app, '{ Viewer { favourites { anime { nodes { id } } } } }', undefined, token)
    expect(favourites.body.data.Viewer.favourites.anime.nodes).toEqual([])
  })

  it('answers 404 "Not Found." for a work not in the catalog, or of the other type', async () => {
    for (const args of ['animeId: 999999', 'mangaId: 999999', 'animeId: 30001', 'mangaId: 1']) {
      const body = expectAniListError(await toggle(`mutation { ToggleFavourite(${args}) { anime { nodes { id } } } }`), 404, 'Not Found.')
      expect(body.data).toEqual({ ToggleFavourite: null })
      expect(body.errors[0]!.locations).toEqual([{ line: 1, column: 12 }])
    }
  })

  it('answers 404 for characters, staff and studios, which Kiroku does not have yet, and changes nothing', async () => {
    for (const args of ['characterId: 1', 'staffId: 95061', 'studioId: 3', 'animeId: 1, characterId: 1']) {
      expectAniListError(await toggle(`mutation { ToggleFavourite(${args}) { anime { nodes { id } } } }`), 404, 'Not Found.')
    }
    const favourites = await ask(s.app, '{ Viewer { favourites { anime { nodes { id } } } } }', undefined, token)
    expect(favourites.body.data.Viewer.favourites.anime.nodes).toEqual([])
  })

  it('needs one id: a validation error when none is given', async () => {
    const body = expectAniListError(await toggle('mutation { ToggleFavourite { anime { nodes { id } } } }'), 400, 'validation')
    expect(body.errors[0]).toMatchObject({ validation: { animeId: ['The anime id field is required when none of manga id / character id / staff id / studio id are present.'] } })
    expectAniListError(await toggle('mutation ($id: Int) { ToggleFavourite(animeId: $id) { anime { nodes { id } } } }', { id: null }), 400, 'validation')
  })

  it('refuses to mark a work blocked from favourites, checking every id before changing any', async () => {
    const body = expectAniListError(await toggle('mutation { ToggleFavourite(mangaId: 30001, animeId: 900002) { anime { nodes { id } } } }'), 400, 'validation')
    expect(body.errors[0]).toMatchObject({ validation: { animeId: ['This anime may not be added to favourites.'] } })
    const favourites = await ask(s.app, '{ Viewer { favourites { manga { nodes { id } } } } }', undefined, token)
    expect(favourites.body.data.Viewer.favourites.manga.nodes).toEqual([])
  })
})

describe('Media.isFavourite and User.favourites', () => {
  it('isFavourite is the viewer’s: false without a token and for works they did not mark', async () => {
    await toggle(MIRU_TOGGLE, { id: 1 })
    const other = await userWithToken(s.app, 'bob')
    const query = '{ a: Media(id: 1) { isFavourite } b: Media(id: 5) { isFavourite } }'
    expect((await ask(s.app, query, undefined, token)).body.data).toEqual({ a: { isFavourite: true }, b: { isFavourite: false } })
    expect((await ask(s.app, query, undefined, other.token)).body.data).toEqual({ a: { isFavourite: false }, b: { isFavourite: false } })
    expect((await ask(s.app, query)).body.data).toEqual({ a: { isFavourite: false }, b: { isFavourite: false } })
  })

  it('isFavourite changes within the request that toggles it', async () => {
    const res = await toggle('mutation { ToggleFavourite(animeId: 1) { anime { nodes { id isFavourite } } } }')
    expect(res.json().data.ToggleFavourite.anime.nodes).toEqual([{ id: 1, isFavourite: true }])
  })

  it('pages favourites 25 at a time at most, with pageInfo and favouriteOrder, for anyone to read', async () => {
    const anime = (await ask(s.app, '{ Page(perPage: 30) { media(type: ANIME, sort: ID) { id } } }')).body.data.Page.media.map((m: { id: number }) => m.id)
    expect(anime.length).toBe(30)
    for (const id of anime) await toggle(MIRU_TOGGLE, { id })
    const query = `query ($name: String, $page: Int, $perPage: Int) { User(name: $name) { favourites { anime(page: $page, perPage: $perPage) { pageInfo { total perPage currentPage lastPage hasNextPage } edges { favouriteOrder node { id } } } } } }`
    const first = (await ask(s.app, query, { name: 'alice', perPage: 100 })).body.data.User.favourites.anime
    expect(first.pageInfo).toEqual({ total: 30, perPage: 25, currentPage: 1, lastPage: 2, hasNextPage: true })
    expect(first.edges).toHaveLength(25)
    expect(first.edges[0]).toEqual({ favouriteOrder: 1, node: { id: anime[0] } })
    const second = (await ask(s.app, query, { name: 'alice', page: '2', perPage: '10' })).body.data.User.favourites.anime
    expect(second.pageInfo).toEqual({ total: 30, perPage: 10, currentPage: 2, lastPage: 3, hasNextPage: true })
    expect(second.edges.map((e: { favouriteOrder: number }) => e.favouriteOrder)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
    expect(second.edges[0].node.id).toBe(anime[10])
    // The old page argument of favourites applies to lists that name no page of their own.
    const legacy = (await ask(s.app, '{ User(id: ' + user.id + ') { favourites(page: 2) { anime { pageInfo { currentPage } nodes { id } } } } }')).body.data.User.favourites.anime
    expect(legacy.pageInfo.currentPage).toBe(2)
    expect(legacy.nodes.map((n: { id: number }) => n.id)).toEqual(anime.slice(25))
  })

  it('a user with no favourites has empty connections', async () => {
    const res = await ask(s.app, '{ Viewer { favourites { anime { nodes { id } pageInfo { total lastPage hasNextPage } } manga { edges { node { id } } } } } }', undefined, token)
    expect(res.body.data.Viewer.favourites).toEqual({ anime: { nodes: [], pageInfo: { total: 0, lastPage: 1, hasNextPage: false } }, manga: { edges: [] } })
  })

  it('GET cannot toggle: mutations need POST', async () => {
    const res = await s.app.inject({ method: 'GET', url: `/graphql?${new URLSearchParams({ query: 'mutation { ToggleFavourite(animeId: 1) { anime { nodes { id } } } }' })}`, headers: { authorization: `Bearer ${token}` } })
    expect(res.statusCode).toBeGreaterThanOrEqual(400)
    expect((await graphql(s.app, '{ Media(id: 1) { isFavourite } }', token)).body.data.Media.isFavourite).toBe(false)
  })
})
