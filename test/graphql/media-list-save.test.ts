import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromRawScore, SCORE_FORMATS, type ScoreFormat } from '../../src/lists/score-format.js'
import type { TestServer } from '../helpers/server.js'
import { listServer, listUser, send, type ListUser } from '../helpers/lists.js'

let s: TestServer
let alice: ListUser
let bob: ListUser
beforeAll(async () => {
  s = await listServer()
  alice = await listUser(s.app, 'alice', {
    mediaListOptions: { scoreFormat: 'POINT_10_DECIMAL', animeList: { customLists: ['Favourites', 'With friends'], advancedScoringEnabled: true } },
  })
  bob = await listUser(s.app, 'bob')
})
afterAll(async () => s.app.close())

const ENTRY = `
  fragment dates on FuzzyDate { year month day }
  fragment entry on MediaList {
    id userId mediaId status score progress progressVolumes repeat priority private notes hiddenFromStatusLists
    customLists advancedScores startedAt { ...dates } completedAt { ...dates } updatedAt createdAt
    media { id episodes chapters } user { id name }
  }`

/** An entry id of alice's, by media, read through Query.MediaList. */
async function entryOf(user: ListUser, mediaId: number) {
  const res = await send(s.app, `query ($u: Int, $m: Int) { MediaList(userId: $u, mediaId: $m) { ...entry } } ${ENTRY}`, { token: user.token, variables: { u: user.user.id, m: mediaId } })
  return res.body.data?.MediaList ?? null
}

describe('SaveMediaListEntry', () => {
  it('needs a token: 401 Unauthorized., and 400 Invalid token for a bad one', async () => {
    const doc = 'mutation ($mediaId: Int) { SaveMediaListEntry(mediaId: $mediaId, status: CURRENT) { id } }'
    const anonymous = await send(s.app, doc, { variables: { mediaId: 1 } })
    expect(anonymous.status).toBe(401)
    expect(anonymous.body).toEqual({ data: { SaveMediaListEntry: null }, errors: [{ message: 'Unauthorized.', status: 401, locations: [{ line: 1, column: 28 }] }] })
    const invalid = await send(s.app, doc, { token: 'not.a.token', variables: { mediaId: 1 } })
    expect(invalid.status).toBe(400)
    expect(invalid.body.errors[0].message).toBe('Invalid token')
    expect(await entryOf(alice, 1)).toBeNull()
  })

  it('creates an entry from a media id, as mihon adds a manga', async () => {
    const res = await send(s.app, `
      mutation AddManga($mangaId: Int, $progress: Int, $status: MediaListStatus, $private: Boolean) {
        SaveMediaListEntry (mediaId: $mangaId, progress: $progress, status: $status, private: $private) { id status }
      }`, { token: alice.token, variables: { mangaId: 30013, progress: 12, status: 'CURRENT', private: false } })
    expect(res.status).toBe(200)
    expect(res.body.data.SaveMediaListEntry).toEqual({ id: expect.any(Number), status: 'CURRENT' })
    const stored = await entryOf(alice, 30013)
    expect(stored).toMatchObject({
      id: res.body.data.SaveMediaListEntry.id, userId: alice.user.id, mediaId: 30013, status: 'CURRENT', score: 0, progress: 12,
      progressVolumes: 0, repeat: 0, priority: 0, private: false, notes: null, hiddenFromStatusLists: false,
      // A manga entry: alice's custom lists are for anime, so none apply.
      customLists: {}, advancedScores: { Story: 0, Characters: 0, Visuals: 0, Audio: 0, Enjoyment: 0 },
      startedAt: { year: null, month: null, day: null }, completedAt: { year: null, month: null, day: null },
      updatedAt: s.clock(), createdAt: s.clock(), media: { id: 30013, episodes: null, chapters: null }, user: { id: alice.user.id, name: 'alice' },
    })
  })

  it('creates a CURRENT entry when no status is given, answering every MediaList field (inline literals, as sgqlc sends)', async () => {
    const res = await send(s.app, `mutation {\nSaveMediaListEntry(mediaId: 20, scoreRaw: 70) {\n...entry\n}\n}\n${ENTRY}`, { token: alice.token })
    expect(res.body.errors).toBeUndefined()
    expect(res.body.data.SaveMediaListEntry).toMatchObject({ mediaId: 20, status: 'CURRENT', score: 7, progress: 0, customLists: { Favourites: false, 'With friends': false } })
  })

  it('updates by id: a raw score, a start date and a completed date sent all-null (mihon)', async () => {
    const { id } = await entryOf(alice, 30013)
    s.clock.advance(60)
    const res = await send(s.app, `
      mutation UpdateManga($listId: Int, $progress: Int, $status: MediaListStatus, $private: Boolean, $score: Int, $startedAt: FuzzyDateInput, $completedAt: FuzzyDateInput) {
        SaveMediaListEntry(id: $listId, progress: $progress, status: $status, private: $private, scoreRaw: $score, startedAt: $startedAt, completedAt: $completedAt) { id status progress }
      }`, { token: alice.token, variables: { listId: id, progress: 1080, status: 'CURRENT', score: 85, startedAt: { year: 2023, month: 4, day: 2 }, completedAt: { year: null, month: null, day: null }, private: false } })
    expect(res.body.data.SaveMediaListEntry).toEqual({ id, status: 'CURRENT', progress: 1080 })
    const stored = await entryOf(alice, 30013)
    expect(stored).toMatchObject({ score: 8.5, startedAt: { year: 2023, month: 4, day: 2 }, completedAt: { year: null, month: null, day: null }, updatedAt: s.clock() })
    expect(stored.createdAt).toBe(s.clock() - 60)
  })

  it('updates the entry a media id names, ignoring undeclared variables and keeping what is sent as null (MAL-Sync, seanime)', async () => {
    const res = await send(s.app, `
      mutation ($mediaId: Int, $status: MediaListStatus, $progress: Int, $scoreRaw: Int, $notes: String) {
        SaveMediaListEntry (mediaId: $mediaId, status: $status, progress: $progress, scoreRaw: $scoreRaw, notes: $notes) { id status progress }
      }`, { token: alice.token, variables: { mediaId: 30013, status: 'PAUSED', progress: 1090, scoreRaw: 90, notes: 'slow arc', volumes: null } })
    expect(res.body.data.SaveMediaListEntry).toMatchObject({ status: 'PAUSED', progress: 1090 })
    await send(s.app, `
      mutation UpdateMediaListEntry ($mediaId: Int, $status: MediaListStatus, $scoreRaw: Int, $progress: Int, $startedAt: FuzzyDateInput, $completedAt: FuzzyDateInput) {
        SaveMediaListEntry(mediaId: $mediaId, status: $status, scoreRaw: $scoreRaw, progress: $progress, startedAt: $startedAt, completedAt: $completedAt) { id }
      }`, { token: alice.token, variables: { mediaId: 30013, status: null, scoreRaw: null, progress: 1091, startedAt: null, completedAt: null } })
    expect(await entryOf(alice, 30013)).toMatchObject({ status: 'PAUSED', score: 9, progress: 1091, notes: 'slow arc', startedAt: { year: 2023, month: 4, day: 2 } })
    // An empty note removes the note.
    await send(s.app, 'mutation { SaveMediaListEntry(mediaId: 30013, notes: "") { id } }', { token: alice.token })
    expect((await entryOf(alice, 30013)).notes).toBeNull()
  })

  it('takes Int variables as numeric strings and dates built from them (jellyfin-ani-sync), and completing fills the progress', async () => {
    const res = await send(s.app, `
      mutation ($mediaId: Int, $status: MediaListStatus, $progress: Int, $repeat: Int,$startDay: Int, $startMonth: Int, $startYear: Int,$endDay: Int, $endMonth: Int, $endYear: Int) {
        SaveMediaListEntry (mediaId: $mediaId, status: $status, progress: $progress, repeat: $repeat, startedAt: {day: $startDay, month: $startMonth, year: $startYear}, completedAt: {day: $endDay, month: $endMonth, year: $endYear}) { id progress }
      }`, { token: alice.token, variables: { mediaId: '1', status: 'COMPLETED', progress: '20', repeat: '1', startDay: '3', startMonth: '1', startYear: '2024', endDay: '28', endMonth: '2', endYear: '2024' } })
    expect(res.body.errors).toBeUndefined()
    // Cowboy Bebop has 26 episodes: completing it means all of them.
    expect(res.body.data.SaveMediaListEntry.progress).toBe(26)
    expect(await entryOf(alice, 1)).toMatchObject({ status: 'COMPLETED', repeat: 1, startedAt: { year: 2024, month: 1, day: 3 }, completedAt: { year: 2024, month: 2, day: 28 } })
    // A manga fills chapters and volumes (MONSTER: 162 and 18).
    const manga = await send(s.app, 'mutation { SaveMediaListEntry(mediaId: 30001, status: COMPLETED) { progress progressVolumes } }', { token: alice.token })
    expect(manga.body.data.SaveMediaListEntry).toEqual({ progress: 162, progressVolumes: 18 })
  })

  it('puts the entry in the viewer’s custom lists and stores advanced scores in their format', async () => {
    const res = await send(s.app, `
      mutation ($lists: [String], $id: Int!, $scores: [Float]) {
        SaveMediaListEntry(mediaId: $id, customLists: $lists, advancedScores: $scores) {
          object: customLists
          array: customLists(asArray: true)
          advancedScores
        }
      }`, { token: alice.token, variables: { id: 1, lists: ['with friends', 'Not a list of hers'], scores: [9.5, 8, 7.5] } })
    expect(res.body.data.SaveMediaListEntry).toEqual({
      object: { Favourites: false, 'With friends': true },
      array: [{ name: 'Favourites', enabled: false }, { name: 'With friends', enabled: true }],
      advancedScores: { Story: 9.5, Characters: 8, Visuals: 7.5, Audio: 0, Enjoyment: 0 },
    })
    const cleared = await send(s.app, 'mutation { SaveMediaListEntry(mediaId: 1, customLists: []) { customLists } }', { token: alice.token })
    expect(cleared.body.data.SaveMediaListEntry.customLists).toEqual({ Favourites: false, 'With friends': false })
  })

  it('answers validation problems as AniList does: 400, "validation", per argument', async () => {
    const res = await send(s.app, 'mutation ($s: Float) {\n  SaveMediaListEntry(mediaId: 1, score: $s, progress: -2) { id }\n}', { token: alice.token, variables: { s: 10.5 } })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({
      data: { SaveMediaListEntry: null },
      errors: [{
        message: 'validation', status: 400, locations: [{ line: 2, column: 3 }],
        validation: { score: ['The score may not be greater than 10.'], progress: ['The progress must be at least 0.'] },
      }],
    })
    const raw = await send(s.app, 'mutation { SaveMediaListEntry(mediaId: 1, scoreRaw: 101, completedAt: { year: 2023, month: 2, day: 30 }) { id } }', { token: alice.token })
    expect(raw.body.errors[0].validation).toEqual({ scoreRaw: ['The score raw may not be greater than 100.'], completedAt: ['The completed at is not a valid date.'] })
    const nothing = await send(s.app, 'mutation { SaveMediaListEntry(status: CURRENT) { id } }', { token: alice.token })
    expect(nothing.body.errors[0].validation).toEqual({ mediaId: ['The media id field is required when id is not present.'] })
    // Nothing was changed by the refused saves.
    expect(await entryOf(alice, 1)).toMatchObject({ progress: 26, score: 0 })
  })

  it('answers 404 for an unknown entry or media, and refuses another user’s entry', async () => {
    const unknownMedia = await send(s.app, 'mutation { SaveMediaListEntry(mediaId: 424242, status: CURRENT) { id } }', { token: alice.token })
    expect(unknownMedia.status).toBe(404)
    expect(unknownMedia.body.errors[0]).toMatchObject({ message: 'Not Found.', status: 404 })
    const unknownEntry = await send(s.app, 'mutation { SaveMediaListEntry(id: 12345678, progress: 5) { id } }', { token: alice.token })
    expect(unknownEntry.status).toBe(404)
    const { id } = await entryOf(alice, 1)
    const theft = await send(s.app, `mutation { SaveMediaListEntry(id: ${id}, progress: 1) { id } }`, { token: bob.token })
    expect(theft.status).toBe(401)
    expect(theft.body.errors[0]).toMatchObject({ message: 'You are not authorized to modify this MediaList', status: 401 })
    const mismatch = await send(s.app, `mutation { SaveMediaListEntry(id: ${id}, mediaId: 5, progress: 1) { id } }`, { token: alice.token })
    expect(mismatch.body.errors[0].validation).toEqual({ mediaId: ['The media id does not match the list entry.'] })
    expect((await entryOf(alice, 1)).progress).toBe(26)
  })

  it('shows later fields of the same document the change just made', async () => {
    const res = await send(s.app, `mutation {
      first: SaveMediaListEntry(mediaId: 6, progress: 1) { media { mediaListEntry { progress } } }
      second: SaveMediaListEntry(mediaId: 6, progress: 2) { media { mediaListEntry { progress } } }
    }`, { token: alice.token })
    expect(res.body.data).toEqual({ first: { media: { mediaListEntry: { progress: 1 } } }, second: { media: { mediaListEntry: { progress: 2 } } } })
  })
})

describe('score formats round-trip through SaveMediaListEntry and score(format:)', () => {
  const GIVEN: Record<ScoreFormat, number> = { POINT_100: 73, POINT_10_DECIMAL: 7.3, POINT_10: 7, POINT_5: 4, POINT_3: 2 }
  const RAW: Record<ScoreFormat, number> = { POINT_100: 73, POINT_10_DECIMAL: 73, POINT_10: 70, POINT_5: 80, POINT_3: 60 }

  for (const format of SCORE_FORMATS) {
    it(`${format}: a score saved in the user's format reads back the same, and as every other format`, async () => {
      const user = await listUser(s.app, `fmt${format.replace(/_/g, '').toLowerCase()}`, { mediaListOptions: { scoreFormat: format } })
      const save = await send(s.app, 'mutation ($score: Float) { SaveMediaListEntry(mediaId: 5, score: $score) { score raw: score(format: POINT_100) } }', { token: user.token, variables: { score: GIVEN[format] } })
      expect(save.body.data.SaveMediaListEntry).toEqual({ score: GIVEN[format], raw: RAW[format] })
      const read = await send(s.app, `query ($u: Int) { MediaList(userId: $u, mediaId: 5) {
        own: score a: score(format: POINT_100) b: score(format: POINT_10_DECIMAL) c: score(format: POINT_10) d: score(format: POINT_5) e: score(format: POINT_3) } }`, { variables: { u: user.user.id } })
      expect(read.body.data.MediaList).toEqual({
        own: GIVEN[format],
        a: RAW[format], b: fromRawScore(RAW[format], 'POINT_10_DECIMAL'), c: fromRawScore(RAW[format], 'POINT_10'), d: fromRawScore(RAW[format], 'POINT_5'), e: fromRawScore(RAW[format], 'POINT_3'),
      })
      // Saving the score read back changes nothing.
      const again = await send(s.app, 'mutation ($score: Float) { SaveMediaListEntry(mediaId: 5, score: $score) { raw: score(format: POINT_100) } }', { token: user.token, variables: { score: read.body.data.MediaList.own } })
      expect(again.body.data.SaveMediaListEntry.raw).toBe(RAW[format])
    })
  }
})

describe('UpdateMediaListEntries', () => {
  it('applies the same change to several entries, answering them in the order of ids', async () => {
    const ids = [(await entryOf(alice, 20)).id, (await entryOf(alice, 6)).id]
    const res = await send(s.app, 'mutation ($ids: [Int], $notes: String) { UpdateMediaListEntries(ids: $ids, status: PAUSED, notes: $notes, private: true) { id mediaId status notes private } }', { token: alice.token, variables: { ids, notes: 'later' } })
    expect(res.body.data.UpdateMediaListEntries).toEqual([
      { id: ids[0], mediaId: 20, status: 'PAUSED', notes: 'later', private: true },
      { id: ids[1], mediaId: 6, status: 'PAUSED', notes: 'later', private: true },
    ])
    const completed = await send(s.app, `mutation { UpdateMediaListEntries(ids: [${ids.join(', ')}], status: COMPLETED) { mediaId progress } }`, { token: alice.token })
    // Each entry is completed to its own length (NARUTO: 220 episodes, TRIGUN: 26).
    expect(completed.body.data.UpdateMediaListEntries).toEqual([{ mediaId: 20, progress: 220 }, { mediaId: 6, progress: 26 }])
  })

  it('refuses without a token, without ids, with an unknown id or another user’s, changing nothing', async () => {
    const id = (await entryOf(alice, 20)).id
    expect((await send(s.app, `mutation { UpdateMediaListEntries(ids: [${id}], progress: 1) { id } }`)).status).toBe(401)
    const none = await send(s.app, 'mutation { UpdateMediaListEntries(ids: [], progress: 1) { id } }', { token: alice.token })
    expect(none.body.errors[0]).toMatchObject({ message: 'validation', status: 400, validation: { ids: ['The ids field is required.'] } })
    const many = await send(s.app, 'mutation ($ids: [Int]) { UpdateMediaListEntries(ids: $ids, progress: 1) { id } }', { token: alice.token, variables: { ids: Array.from({ length: 501 }, (_, i) => i + 1) } })
    expect(many.body.errors[0].validation).toEqual({ ids: ['The ids may not have more than 500 items.'] })
    const unknown = await send(s.app, `mutation { UpdateMediaListEntries(ids: [${id}, 12345678], progress: 1) { id } }`, { token: alice.token })
    expect(unknown.status).toBe(404)
    const theirs = await send(s.app, `mutation { UpdateMediaListEntries(ids: [${id}], progress: 1) { id } }`, { token: bob.token })
    expect(theirs.status).toBe(401)
    expect((await entryOf(alice, 20)).progress).toBe(220)
  })
})

describe('DeleteMediaListEntry', () => {
  it('deletes one of the viewer’s entries, once', async () => {
    const { id } = await entryOf(alice, 6)
    expect((await send(s.app, 'mutation ($id: Int) { DeleteMediaListEntry(id: $id) { deleted } }', { variables: { id } })).status).toBe(401)
    expect((await send(s.app, 'mutation ($id: Int) { DeleteMediaListEntry(id: $id) { deleted } }', { token: bob.token, variables: { id } })).body.errors[0]).toMatchObject({ status: 401, message: 'You are not authorized to modify this MediaList' })
    const res = await send(s.app, 'mutation DeleteEntry($id: Int!) { DeleteMediaListEntry(id: $id) { deleted __typename } }', { token: alice.token, variables: { id } })
    expect(res.body).toEqual({ data: { DeleteMediaListEntry: { deleted: true, __typename: 'Deleted' } } })
    expect(await entryOf(alice, 6)).toBeNull()
    const again = await send(s.app, `mutation { DeleteMediaListEntry(id: ${id}) { deleted } }`, { token: alice.token })
    expect(again.status).toBe(404)
    expect(again.body.errors[0].message).toBe('Not Found.')
    const missing = await send(s.app, 'mutation { DeleteMediaListEntry { deleted } }', { token: alice.token })
    expect(missing.body.errors[0].validation).toEqual({ id: ['The id field is required.'] })
  })
})
