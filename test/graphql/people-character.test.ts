import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateProfile } from '../../src/accounts/profiles.js'
import { upsertCharacters } from '../../src/people/person-store.js'
import { graphql } from '../helpers/flow.js'
import type { TestServer } from '../helpers/server.js'
import { userWithToken } from '../helpers/users.js'
import { peopleServer } from '../people/helpers.js'

let s: TestServer
let token: string
let userId: number
beforeAll(async () => {
  s = await peopleServer()
  ;({ token, user: { id: userId } } = await userWithToken(s.app, 'aoifan'))
})
afterAll(async () => s.app.close())

async function ok(query: string, variables?: unknown, withToken?: string) {
  const res = await graphql(s.app, query, withToken, variables)
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  expect(res.status).toBe(200)
  return res.body.data
}

// A character page as an AniList client writes it: the character, their works with role and voice actors.
const CHARACTER_PAGE = `
  query CharacterPage($id: Int, $page: Int) {
    Character(id: $id) {
      ...characterHead
      description(asHtml: true)
      plain: description
      media(page: $page, sort: [START_DATE_DESC]) {
        pageInfo { total hasNextPage }
        edges {
          characterRole
          characterName
          voiceActors(language: JAPANESE) { id name { full userPreferred } languageV2 }
          english: voiceActorRoles(language: ENGLISH) { roleNotes dubGroup voiceActor { id name { full } } }
          node { id title { romaji userPreferred } type format }
        }
      }
    }
  }
  fragment characterHead on Character {
    id
    name { first middle last full native alternative alternativeSpoiler userPreferred }
    image { large medium }
    gender dateOfBirth { year month day } age bloodType
    favourites isFavourite isFavouriteBlocked siteUrl modNotes updatedAt
  }`

describe('Character', () => {
  it('answers a character page with every stored field and the works with their voice actors', async () => {
    const { Character: c } = await ok(CHARACTER_PAGE, { id: 920001 })
    expect(c).toMatchObject({
      id: 920001,
      name: { first: 'Aoi', middle: null, last: 'Sakuragi', full: 'Aoi Sakuragi', native: '桜木 葵', alternative: ['Sakura-chan'], alternativeSpoiler: ['The Star Keeper'], userPreferred: 'Aoi Sakuragi' },
      image: { large: 'https://img.example.test/character/large/920001.png', medium: 'https://img.example.test/character/medium/920001.png' },
      gender: 'Female', dateOfBirth: { year: null, month: 4, day: 1 }, age: '17-18', bloodType: 'A',
      favourites: 0, isFavourite: false, isFavouriteBlocked: false, siteUrl: 'http://kiroku.test/character/920001', modNotes: 'Checked against episode 1.', updatedAt: null,
      plain: 'A trainee pilot who keeps a diary of every star she passes.\n~!She is the Star Keeper.!~',
    })
    expect(c.description).toBe("A trainee pilot who keeps a diary of every star she passes.<br>\n<span class='markdown_spoiler'><span>She is the Star Keeper.</span></span>")
    expect(c.media.pageInfo).toEqual({ total: 2, hasNextPage: false })
    // Newest first, as asked.
    expect(c.media.edges.map((e: { node: { id: number } }) => e.node.id)).toEqual([910002, 910001])
    const first = c.media.edges[1]
    expect(first).toMatchObject({ characterRole: 'MAIN', characterName: null, node: { title: { romaji: 'Hoshi no Kiroku', userPreferred: 'Hoshi no Kiroku' }, type: 'ANIME', format: 'TV' } })
    expect(first.voiceActors).toEqual([{ id: 930001, name: { full: 'Yui Tanaka', userPreferred: 'Yui Tanaka' }, languageV2: 'Japanese' }])
    expect(first.english).toEqual([{ roleNotes: 'young Aoi', dubGroup: 'Studio Lantern', voiceActor: { id: 930002, name: { full: 'Emma Clark' } } }])
    expect(c.media.edges[0].english).toEqual([])
  })

  it('draws a placeholder for a character without a picture, and answers 404 for an unknown id', async () => {
    const { Character: c } = await ok('{ Character(id: 920003) { image { large medium } name { full alternative } } }')
    expect(c.image).toEqual({ large: 'http://kiroku.test/img/placeholder/character/920003.svg', medium: 'http://kiroku.test/img/placeholder/character/920003.svg' })
    expect(c.name.alternative).toEqual(['The Cat'])
    const res = await graphql(s.app, '{ Character(id: 1) { id } }')
    expect(res.status).toBe(404)
    expect(res.body.errors[0]).toMatchObject({ message: 'Not Found.', status: 404 })
  })

  it('writes userPreferred in the viewer\'s staff name language', async () => {
    const query = '{ a: Character(id: 920001) { name { userPreferred } } b: Character(id: 920003) { name { userPreferred } } }'
    expect(await ok(query, undefined, token)).toEqual({ a: { name: { userPreferred: 'Aoi Sakuragi' } }, b: { name: { userPreferred: 'Mochi' } } })
    await updateProfile(s.app.kiroku.db, s.clock, userId, { options: { staffNameLanguage: 'ROMAJI' } })
    expect(await ok(query, undefined, token)).toEqual({ a: { name: { userPreferred: 'Sakuragi Aoi' } }, b: { name: { userPreferred: 'Mochi' } } })
    await updateProfile(s.app.kiroku.db, s.clock, userId, { options: { staffNameLanguage: 'NATIVE' } })
    expect(await ok(query, undefined, token)).toEqual({ a: { name: { userPreferred: '桜木 葵' } }, b: { name: { userPreferred: 'Mochi' } } })
    await updateProfile(s.app.kiroku.db, s.clock, userId, { options: { staffNameLanguage: 'ROMAJI_WESTERN' } })
    // Without a token: given name first.
    expect(await ok(query)).toEqual({ a: { name: { userPreferred: 'Aoi Sakuragi' } }, b: { name: { userPreferred: 'Mochi' } } })
  })
})

describe('Page.characters', () => {
  const SEARCH = `
    query Search($search: String, $page: Int, $perPage: Int, $sort: [CharacterSort]) {
      Page(page: $page, perPage: $perPage) {
        pageInfo { total currentPage lastPage hasNextPage perPage }
        characters(search: $search, sort: $sort) { id name { full native } }
      }
    }`

  it('searches by native name and by alternative name', async () => {
    expect((await ok(SEARCH, { search: '黒沢' })).Page.characters).toEqual([{ id: 920002, name: { full: 'Ren Kurosawa', native: '黒沢 蓮' } }])
    expect((await ok(SEARCH, { search: 'Sakura-chan' })).Page.characters.map((c: { id: number }) => c.id)).toEqual([920001])
  })

  it('pages every character with counters, in the order asked for', async () => {
    const first = (await ok(SEARCH, { perPage: 2, sort: ['ID_DESC'] })).Page
    expect(first.pageInfo).toEqual({ total: 3, currentPage: 1, lastPage: 2, hasNextPage: true, perPage: 2 })
    expect(first.characters.map((c: { id: number }) => c.id)).toEqual([920003, 920002])
    const second = (await ok(SEARCH, { perPage: 2, page: 2, sort: ['ID_DESC'] })).Page
    expect(second.characters.map((c: { id: number }) => c.id)).toEqual([920001])
  })

  it('finds today\'s birthdays by the server\'s clock', async () => {
    const now = s.clock()
    s.clock.set(Date.UTC(2026, 11, 24, 12) / 1000)
    const { Page } = await ok('{ Page { characters(isBirthday: true) { id dateOfBirth { month day } } } }')
    s.clock.set(now)
    expect(Page.characters).toEqual([{ id: 920002, dateOfBirth: { month: 12, day: 24 } }])
  })

  it('refuses a search too long to run with a 400, never a 5xx', async () => {
    const res = await graphql(s.app, SEARCH, undefined, { search: 'a'.repeat(500) })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(/search/)
  })
})

describe('favourite characters', () => {
  const TOGGLE = `
    mutation ($characterId: Int, $staffId: Int) {
      ToggleFavourite(characterId: $characterId, staffId: $staffId) {
        characters { nodes { id } edges { favouriteOrder node { id name { full } } } pageInfo { total } }
        staff { nodes { id } }
      }
    }`

  it('toggles a character and a staff member, lists them in Favourites, and counts them', async () => {
    const { ToggleFavourite } = await ok(TOGGLE, { characterId: 920002 }, token)
    expect(ToggleFavourite.characters).toEqual({ nodes: [{ id: 920002 }], edges: [{ favouriteOrder: 1, node: { id: 920002, name: { full: 'Ren Kurosawa' } } }], pageInfo: { total: 1 } })
    await ok(TOGGLE, { characterId: 920001, staffId: 930010 }, token)
    const { Viewer } = await ok('{ Viewer { favourites { characters { nodes { id isFavourite favourites } } staff { edges { favouriteOrder node { id isFavourite } } } } } }', undefined, token)
    expect(Viewer.favourites.characters.nodes).toEqual([{ id: 920002, isFavourite: true, favourites: 1 }, { id: 920001, isFavourite: true, favourites: 1 }])
    expect(Viewer.favourites.staff.edges).toEqual([{ favouriteOrder: 1, node: { id: 930010, isFavourite: true } }])
    // Another user sees the count, not the mark.
    const { Character } = await ok('{ Character(id: 920002) { isFavourite favourites } }')
    expect(Character).toEqual({ isFavourite: false, favourites: 1 })
    // Sorting by favourites puts the marked first.
    const { Page } = await ok('{ Page { characters(sort: [FAVOURITES_DESC, ID]) { id } } }')
    expect(Page.characters.map((c: { id: number }) => c.id)).toEqual([920001, 920002, 920003])
    // Toggling again unmarks.
    const again = await ok(TOGGLE, { characterId: 920002 }, token)
    expect(again.ToggleFavourite.characters.nodes).toEqual([{ id: 920001 }])
  })

  it('refuses a character blocked from favourites', async () => {
    await upsertCharacters(s.app.kiroku.db, s.clock, [{ id: 920003, isFavouriteBlocked: true }])
    const res = await graphql(s.app, TOGGLE, token, { characterId: 920003 })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ message: 'validation', validation: { characterId: ['This character may not be added to favourites.'] } })
    expect((await ok('{ Character(id: 920003) { isFavouriteBlocked isFavourite } }', undefined, token)).Character).toEqual({ isFavouriteBlocked: true, isFavourite: false })
    await upsertCharacters(s.app.kiroku.db, s.clock, [{ id: 920003, isFavouriteBlocked: false }])
  })

  it('answers 404 for an unknown character or staff id', async () => {
    for (const variables of [{ characterId: 1 }, { staffId: 2 }]) {
      const res = await graphql(s.app, TOGGLE, token, variables)
      expect(res.status).toBe(404)
      expect(res.body.errors[0].message).toBe('Not Found.')
    }
  })
})
