import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'
import { worldServer } from '../catalog/catalog-world.js'

let s: TestServer
beforeAll(async () => {
  s = await worldServer()
})
afterAll(async () => s.app.close())

const many = (n: number) => `[${Array.from({ length: n }, (_, i) => i + 1).join(', ')}]`

// Inputs no real client sends: each is answered below 500, the oversized ones with AniList's 400.
const HOSTILE: Array<[string, number]> = [
  [`{ Page { studios(id_in: ${many(501)}) { id } } }`, 400],
  [`{ Page { studios(search: "${'%_'.repeat(60)}") { id } } }`, 200],
  [`{ Page { studios(search: "", sort: [SEARCH_MATCH, null, FAVOURITES]) { id } } }`, 200],
  [`{ Page { airingSchedules(mediaId_in: ${many(501)}) { id } } }`, 400],
  [`{ Page { airingSchedules(sort: [null], episode_in: [null], airingAt_greater: -2147483648) { id } } }`, 200],
  [`{ Page(page: -5, perPage: -1) { airingSchedules { id } } }`, 200],
  [`{ Media(id: 910001) { airingSchedule(page: -3, perPage: 100000) { nodes { id } pageInfo { perPage } } } }`, 200],
  [`{ Studio(id: 91001) { media(page: 0, perPage: 1000, sort: [null, SEARCH_MATCH]) { nodes { id } pageInfo { perPage } } } }`, 200],
  [`{ Page { media(tag_in: ${JSON.stringify(Array.from({ length: 501 }, (_, i) => `t${i}`))}) { id } } }`, 400],
  [`{ Page { media(tag: "${'x'.repeat(201)}") { id } } }`, 400],
  [`{ Page { media(licensedBy_in: [null, ""], tagCategory_not_in: [null], minimumTagRank: -1) { id } } }`, 200],
  [`{ MediaTagCollection(status: -1) { id } ExternalLinkSourceCollection(id: -1) { id } GenreCollection }`, 200],
]

describe('hostile inputs to the catalog world', () => {
  it.each(HOSTILE)('%s answers %i', async (query, status) => {
    const res = await graphql(s.app, query)
    expect(res.status, JSON.stringify(res.body)).toBe(status)
  })

  it('clamps a work’s schedule page and a studio’s page of works to 25', async () => {
    const res = await graphql(s.app, HOSTILE[6]![0])
    expect(res.body.data.Media.airingSchedule.pageInfo.perPage).toBe(25)
    const studio = await graphql(s.app, HOSTILE[7]![0])
    expect(studio.body.data.Studio.media.pageInfo.perPage).toBe(25)
  })
})
