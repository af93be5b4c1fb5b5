import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../helpers/flow.js'
import type { TestServer } from '../helpers/server.js'
import { listUser } from '../helpers/lists.js'
import { addEntries } from '../helpers/lists.js'
import { peopleServer } from '../people/helpers.js'

let s: TestServer
let token: string
beforeAll(async () => {
  s = await peopleServer()
  const viewer = await listUser(s.app, 'onlister')
  token = viewer.token
  await addEntries(s.app, viewer.user.id, [[910002, 'ANIME', { status: 'CURRENT' }]])
})
afterAll(async () => s.app.close())

describe('odd and hostile arguments on the people fields', () => {
  const cases: Array<[string, string, unknown?]> = [
    ['a search of punctuation only', '{ Page { characters(search: "%_%;--") { id } staff(search: "\\\\") { id } } }'],
    ['negative and huge pages', '{ Media(id: 910001) { characters(page: -3, perPage: -1) { pageInfo { currentPage perPage } nodes { id } } staff(page: 2000000000, perPage: 1000) { pageInfo { perPage } nodes { id } } } }'],
    ['an empty id_in and a null-filled one', '{ Page { a: characters(id_in: []) { id } b: staff(id_in: [null, 930001]) { id } } }'],
    ['every sort at once', '{ Page { characters(sort: [ROLE, ROLE_DESC, SEARCH_MATCH, FAVOURITES, FAVOURITES_DESC, RELEVANCE, ID_DESC]) { id } staff(sort: [LANGUAGE_DESC, ROLE, RELEVANCE, SEARCH_MATCH, FAVOURITES]) { id } } }'],
    ['sorts on connections', '{ Character(id: 920001) { media(sort: [TITLE_ENGLISH_DESC, FORMAT, STATUS, TYPE_DESC, SCORE, UPDATED_AT_DESC], type: MANGA) { nodes { id } } } }'],
  ]
  for (const [name, query] of cases) {
    it(`answers ${name} without a 5xx`, async () => {
      const res = await graphql(s.app, query)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.errors).toBeUndefined()
    })
  }

  it('clamps connection pages as AniList does', async () => {
    const res = await graphql(s.app, cases[1]![1])
    expect(res.body.data.Media.characters.pageInfo).toEqual({ currentPage: 1, perPage: 1 })
    expect(res.body.data.Media.characters.nodes).toEqual([{ id: 920001 }])
    expect(res.body.data.Media.staff).toEqual({ pageInfo: { perPage: 25 }, nodes: [] })
  })

  it('keeps a type filter and onList on a character\'s works', async () => {
    const mine = await graphql(s.app, '{ Character(id: 920001) { on: media(onList: true) { nodes { id } } off: media(onList: false) { nodes { id } } manga: media(type: MANGA) { nodes { id } } } }', token)
    expect(mine.body.data.Character).toEqual({ on: { nodes: [{ id: 910002 }] }, off: { nodes: [{ id: 910001 }] }, manga: { nodes: [] } })
  })

  it('refuses a wrong enum value with a 400', async () => {
    const res = await graphql(s.app, '{ Media(id: 910001) { characters(role: HERO) { nodes { id } } } }')
    expect(res.status).toBe(400)
  })

  it('refuses an id list too long to run with a 400', async () => {
    const res = await graphql(s.app, 'query ($ids: [Int]) { Page { staff(id_in: $ids) { id } } }', undefined, { ids: Array.from({ length: 600 }, (_, i) => i + 1) })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(/id_in/)
  })
})
