/**
 * DeleteCustomList: the list leaves the options and every entry of that type that was on it (any
 * case), other custom lists and the other type's lists are untouched, the entries stay; a missing name
 * is a 404, missing arguments a validation error, no token a 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { addEntries, listServer, listUser, send, type ListUser } from '../helpers/lists.js'
import type { TestServer } from '../helpers/server.js'

let s: TestServer
let mio: ListUser
beforeAll(async () => {
  s = await listServer()
  await upsertMedia(s.app.kiroku.db, s.clock, [
    { id: 860_001, type: 'ANIME', title: { romaji: 'A' } },
    { id: 860_002, type: 'ANIME', title: { romaji: 'B' } },
    { id: 860_003, type: 'MANGA', title: { romaji: 'C' } },
  ])
  mio = await listUser(s.app, 'mio', {
    mediaListOptions: { animeList: { customLists: ['Cozy', 'With Friends'] }, mangaList: { customLists: ['Cozy'] } },
  })
  await addEntries(s.app, mio.user.id, [
    [860_001, 'ANIME', { status: 'CURRENT', customLists: ['Cozy', 'With Friends'] }],
    [860_002, 'ANIME', { status: 'PLANNING', customLists: ['Cozy'] }],
    [860_003, 'MANGA', { status: 'CURRENT', customLists: ['Cozy'] }],
  ])
})
afterAll(async () => s.app.close())

const LISTS = `query ($id: Int) {
  User(id: $id) { mediaListOptions { animeList { customLists } mangaList { customLists } } }
  anime: MediaListCollection(userId: $id, type: ANIME) { lists { name isCustomList entries { mediaId } } }
  manga: MediaListCollection(userId: $id, type: MANGA) { lists { name isCustomList entries { mediaId } } }
}`
const DELETE = `mutation ($name: String, $type: MediaType) { DeleteCustomList(customList: $name, type: $type) { deleted } }`

describe('DeleteCustomList', () => {
  it('takes the list off the options and the entries of that type only', async () => {
    const res = await send(s.app, DELETE, { token: mio.token, variables: { name: 'cozy', type: 'ANIME' } })
    expect(res.body).toEqual({ data: { DeleteCustomList: { deleted: true } } })
    const after = (await send(s.app, LISTS, { token: mio.token, variables: { id: mio.user.id } })).body.data
    expect(after.User.mediaListOptions.animeList.customLists).toEqual(['With Friends'])
    expect(after.User.mediaListOptions.mangaList.customLists).toEqual(['Cozy'])
    const custom = (c: { lists: Array<{ name: string; isCustomList: boolean; entries: Array<{ mediaId: number }> }> }) =>
      c.lists.filter((l) => l.isCustomList).map((l) => [l.name, l.entries.map((e) => e.mediaId)])
    expect(custom(after.anime)).toEqual([['With Friends', [860_001]]])
    expect(custom(after.manga)).toEqual([['Cozy', [860_003]]])
    // The entries stay on the list.
    expect(after.anime.lists.flatMap((l: { entries: unknown[] }) => l.entries)).toHaveLength(3)
    const stored = await s.app.kiroku.db.selectFrom('media_list').select(['media_id', 'custom_lists']).where('user_id', '=', mio.user.id).orderBy('media_id').execute()
    expect(stored.map((r) => [r.media_id, JSON.parse(r.custom_lists)])).toEqual([[860_001, ['With Friends']], [860_002, []], [860_003, ['Cozy']]])
  })

  it('answers 404 for a list the user does not have, 400 without arguments, 401 without a token', async () => {
    const refusal = async (variables: object, token?: string) => {
      const res = await send(s.app, DELETE, { token, variables })
      expect(res.body.data).toEqual({ DeleteCustomList: null })
      return { status: res.status, error: res.body.errors[0] }
    }
    expect(await refusal({ name: 'Cozy', type: 'ANIME' }, mio.token)).toMatchObject({ status: 404, error: { message: 'Not Found.', status: 404 } })
    const invalid = await refusal({}, mio.token)
    expect(invalid).toMatchObject({ status: 400, error: { message: 'validation', status: 400 } })
    expect(Object.keys(invalid.error.validation)).toEqual(['customList', 'type'])
    expect(await refusal({ name: 'With Friends', type: 'ANIME' })).toMatchObject({ status: 401, error: { message: 'Unauthorized.', status: 401 } })
  })
})
