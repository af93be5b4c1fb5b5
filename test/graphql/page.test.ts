import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'
import { ask } from './media-helpers.js'

let s: TestServer
beforeAll(async () => {
  s = await catalogServer()
})
afterAll(async () => s.app.close())

/** 20 manga: 18 built in, 2 fixtures. */
const MANGA_TOTAL = 20

const PAGE = `
  query ($page: Int, $perPage: Int) {
    Page(page: $page, perPage: $perPage) {
      pageInfo { total perPage currentPage lastPage hasNextPage }
      media(type: MANGA, sort: ID) { id }
    }
  }`

describe('Page', () => {
  it('reports the page’s place among all matches', async () => {
    const pages = []
    for (const page of [1, 2, 3, 4]) {
      const res = await ask(s.app, PAGE, { page, perPage: 7 })
      expect(res.body.errors).toBeUndefined()
      pages.push(res.body.data.Page)
    }
    expect(pages.map((p) => p.pageInfo)).toEqual([
      { total: MANGA_TOTAL, perPage: 7, currentPage: 1, lastPage: 3, hasNextPage: true },
      { total: MANGA_TOTAL, perPage: 7, currentPage: 2, lastPage: 3, hasNextPage: true },
      { total: MANGA_TOTAL, perPage: 7, currentPage: 3, lastPage: 3, hasNextPage: false },
      { total: MANGA_TOTAL, perPage: 7, currentPage: 4, lastPage: 3, hasNextPage: false },
    ])
    expect(pages.map((p) => p.media.length)).toEqual([7, 7, 6, 0])
    const all = pages.flatMap((p) => p.media.map((m: { id: number }) => m.id))
    expect(new Set(all).size).toBe(MANGA_TOTAL)
    expect(all).toEqual([...all].sort((a, b) => a - b))
  })

  it('reads perPage above 50 as 50, a missing perPage as 50, and page numbers below 1 as 1', async () => {
    const big = await ask(s.app, '{ Page(perPage: 100) { pageInfo { perPage total lastPage } media(type: ANIME) { id } } }')
    expect(big.body.data.Page.pageInfo).toEqual({ perPage: 50, total: 71, lastPage: 2 })
    expect(big.body.data.Page.media).toHaveLength(50)
    const unset = await ask(s.app, '{ Page { pageInfo { perPage } media { id } } }')
    expect(unset.body.data.Page.pageInfo.perPage).toBe(50)
    expect(unset.body.data.Page.media).toHaveLength(50)
    const low = await ask(s.app, PAGE, { page: 0, perPage: 0 })
    expect(low.body.data.Page.pageInfo).toEqual({ total: MANGA_TOTAL, perPage: 1, currentPage: 1, lastPage: MANGA_TOTAL, hasNextPage: true })
    expect(low.body.data.Page.media).toEqual([{ id: 30001 }])
    const negative = await ask(s.app, PAGE, { page: -3, perPage: 5 })
    expect(negative.body.data.Page.pageInfo.currentPage).toBe(1)
  })

  it('counts the page’s media with their own arguments, wherever pageInfo stands', async () => {
    const res = await ask(s.app, `
      query ($search: String) {
        anime: Page (perPage: 1) {
          results: media (type: ANIME, search: $search) { id }
          pageInfo { ...counts }
        }
        manga: Page (perPage: 1) {
          pageInfo { ...counts }
          ... on Page { media(type: MANGA, search: $search) { id } }
        }
      }
      fragment counts on PageInfo { total lastPage hasNextPage }`, { search: 'Shingeki no Kyojin' })
    expect(res.body.data).toEqual({
      anime: { results: [{ id: 16498 }], pageInfo: { total: 2, lastPage: 2, hasNextPage: true } },
      manga: { pageInfo: { total: 1, lastPage: 1, hasNextPage: false }, media: [{ id: 53390 }] },
    })
  })

  it('counts nothing for a page without a list, or whose list is skipped', async () => {
    const bare = await ask(s.app, '{ Page { pageInfo { total currentPage lastPage hasNextPage } } }')
    expect(bare.body.data.Page.pageInfo).toEqual({ total: 0, currentPage: 1, lastPage: 1, hasNextPage: false })
    const skipped = await ask(s.app, 'query ($with: Boolean!) { Page { pageInfo { total } media(type: MANGA) @include(if: $with) { id } } }', { with: false })
    expect(skipped.body.data.Page).toEqual({ pageInfo: { total: 0 } })
    const included = await ask(s.app, 'query ($skip: Boolean!) { Page { pageInfo { total } media(type: MANGA) @skip(if: $skip) { id } } }', { skip: false })
    expect(included.body.data.Page.pageInfo.total).toBe(MANGA_TOTAL)
  })

  it('answers an empty page for a filter matching nothing', async () => {
    const res = await ask(s.app, '{ Page(page: 1, perPage: 10) { pageInfo { total perPage currentPage lastPage hasNextPage } media(search: "no such work anywhere") { id } } }')
    expect(res.status).toBe(200)
    expect(res.body.data.Page).toEqual({ pageInfo: { total: 0, perPage: 10, currentPage: 1, lastPage: 1, hasNextPage: false }, media: [] })
  })

  it('answers several aliased Pages with __typename, as urql clients send them', async () => {
    const res = await ask(s.app, `
      query ($ids: [Int]) {
        v0: Page(perPage: 50, page: 1) { media(idMal_in: $ids, type: ANIME) { ...med __typename } __typename }
        v1: Page(perPage: 2, page: 2) { media(type: MANGA, sort: [ID_DESC]) { ...med __typename } __typename }
      }
      fragment med on Media { id idMal __typename }`, { ids: [1, 5114, 16498] })
    expect(res.body.data).toEqual({
      v0: { media: [{ id: 1, idMal: 1, __typename: 'Media' }, { id: 5114, idMal: 5114, __typename: 'Media' }, { id: 16498, idMal: 16498, __typename: 'Media' }], __typename: 'Page' },
      v1: { media: [{ id: 118586, idMal: 126287, __typename: 'Media' }, { id: 108556, idMal: 119161, __typename: 'Media' }], __typename: 'Page' },
    })
  })
})
