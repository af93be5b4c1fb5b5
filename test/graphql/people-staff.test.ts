import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../helpers/flow.js'
import type { TestServer } from '../helpers/server.js'
import { peopleServer } from '../people/helpers.js'

let s: TestServer
beforeAll(async () => {
  s = await peopleServer()
})
afterAll(async () => s.app.close())

async function ok(query: string, variables?: unknown) {
  const res = await graphql(s.app, query, undefined, variables)
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data
}

// A staff page as clients write it: the person, the characters they voiced with the works, and the works they made.
const STAFF_PAGE = `
  query StaffPage($id: Int!, $characterPage: Int, $staffPage: Int) {
    Staff(id: $id) {
      id
      name { first middle last full native alternative userPreferred }
      language languageV2
      image { large medium }
      description
      primaryOccupations gender
      dateOfBirth { year month day }
      dateOfDeath { year month day }
      age yearsActive homeTown bloodType
      favourites isFavourite isFavouriteBlocked siteUrl
      staff { id } submitter { id } submissionStatus submissionNotes updatedAt modNotes
      characterMedia(page: $characterPage, perPage: 10, sort: [START_DATE]) {
        pageInfo { total perPage currentPage lastPage hasNextPage }
        edges {
          characterRole characterName
          node { id title { userPreferred } startDate { year } }
          characters { id name { userPreferred } }
        }
      }
      characters(sort: [ROLE, ID]) {
        pageInfo { total }
        edges { id role name node { id name { full } } media { id } }
        nodes { id }
      }
      staffMedia(page: $staffPage, sort: [POPULARITY_DESC]) {
        edges { staffRole node { id type } }
        pageInfo { total }
      }
    }
  }`

describe('Staff', () => {
  it('answers a voice actor page with characterMedia and characters', async () => {
    const { Staff: s1 } = await ok(STAFF_PAGE, { id: 930001 })
    expect(s1).toMatchObject({
      id: 930001, name: { first: 'Yui', last: 'Tanaka', full: 'Yui Tanaka', native: '田中 唯', alternative: [], userPreferred: 'Yui Tanaka' },
      language: 'JAPANESE', languageV2: 'Japanese', image: { large: 'http://kiroku.test/img/placeholder/staff/930001.svg' },
      favourites: 0, isFavourite: false, isFavouriteBlocked: false, siteUrl: 'http://kiroku.test/staff/930001',
      staff: null, submitter: null, submissionStatus: null, submissionNotes: null, updatedAt: null,
    })
    expect(s1.characterMedia.pageInfo).toEqual({ total: 2, perPage: 10, currentPage: 1, lastPage: 1, hasNextPage: false })
    expect(s1.characterMedia.edges).toEqual([
      { characterRole: 'MAIN', characterName: null, node: { id: 910001, title: { userPreferred: 'Hoshi no Kiroku' }, startDate: { year: 2021 } }, characters: [{ id: 920001, name: { userPreferred: 'Aoi Sakuragi' } }] },
      { characterRole: 'MAIN', characterName: null, node: { id: 910002, title: { userPreferred: 'Hoshi no Kiroku: Kaeru Hi' }, startDate: { year: 2023 } }, characters: [{ id: 920001, name: { userPreferred: 'Aoi Sakuragi' } }] },
    ])
    expect(s1.characters).toEqual({
      pageInfo: { total: 1 },
      edges: [{ id: 920001, role: 'MAIN', name: null, node: { id: 920001, name: { full: 'Aoi Sakuragi' } }, media: [{ id: 910001 }, { id: 910002 }] }],
      nodes: [{ id: 920001 }],
    })
    expect(s1.staffMedia).toEqual({ edges: [], pageInfo: { total: 0 } })
  })

  it('answers a director page with every stored field and one edge per role', async () => {
    const { Staff: d } = await ok(STAFF_PAGE, { id: 930010 })
    expect(d).toMatchObject({
      name: { first: 'Haruka', last: 'Ishida', full: 'Haruka Ishida', native: '石田 遥', alternative: ['H. Ishida'] },
      image: { large: 'https://img.example.test/staff/large/930010.png', medium: 'https://img.example.test/staff/large/930010.png' },
      description: 'Directs quiet science fiction.', primaryOccupations: ['Director', 'Storyboard Artist'], gender: 'Female',
      dateOfBirth: { year: 1975, month: 6, day: 2 }, dateOfDeath: { year: null, month: null, day: null }, age: 50, yearsActive: [2001],
      homeTown: 'Sapporo, Hokkaido', bloodType: 'O',
    })
    // Most popular work first; its two roles in stored order.
    expect(d.staffMedia.edges).toEqual([
      { staffRole: 'Director', node: { id: 910001, type: 'ANIME' } },
      { staffRole: 'Storyboard (eps 1, 12)', node: { id: 910001, type: 'ANIME' } },
      { staffRole: 'Director', node: { id: 910002, type: 'ANIME' } },
    ])
    expect(d.characterMedia.edges).toEqual([])
  })

  it('reads the old language enum of an import as languageV2', async () => {
    expect((await ok('{ Staff(id: 930011) { language languageV2 name { native } } }')).Staff).toEqual({ language: 'JAPANESE', languageV2: 'Japanese', name: { native: '金田 友' } })
  })

  it('finds staff through Page.staff by native name and alternative name, with counters', async () => {
    const query = `query ($search: String) { Page(perPage: 5) { pageInfo { total } staff(search: $search) { id name { full } } } }`
    expect((await ok(query, { search: '田中' })).Page).toEqual({ pageInfo: { total: 1 }, staff: [{ id: 930001, name: { full: 'Yui Tanaka' } }] })
    expect((await ok(query, { search: 'H. Ishida' })).Page.staff).toEqual([{ id: 930010, name: { full: 'Haruka Ishida' } }])
    const all = (await ok('{ Page { pageInfo { total } staff(sort: [LANGUAGE, ID]) { id languageV2 } } }')).Page
    expect(all.pageInfo.total).toBe(5)
    expect(all.staff.map((x: { languageV2: string }) => x.languageV2)).toEqual(['English', 'Japanese', 'Japanese', 'Japanese', 'Japanese'])
  })

  it('answers Query.Staff by search, and 404 when nothing matches', async () => {
    expect((await ok('{ Staff(search: "mori") { id } }')).Staff).toEqual({ id: 930003 })
    const res = await graphql(s.app, '{ Staff(search: "nobody") { id } }')
    expect(res.status).toBe(404)
  })
})
