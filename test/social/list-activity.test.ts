/** List changes and the ListActivity they make: AniList's wording, merging within activityMergeTime, and the changes that make none. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { TestServer } from '../helpers/server.js'
import { updateProfile } from '../../src/accounts/profiles.js'
import { listActivityOf, statusWording } from '../../src/social/list-activity.js'
import { importMalXml } from '../../src/lists/mal-xml/import.js'
import { parseMalXml } from '../../src/lists/mal-xml/parse.js'
import { plusOne } from '../../src/lists/plus-one.js'
import { ANIME, MANGA, ok, saveEntry, socialServer, socialUser, type SocialUser } from './social-helpers.js'

let s: TestServer

beforeAll(async () => {
  s = await socialServer()
})
afterAll(async () => s.app.close())

interface Row {
  status: string
  progress: string | null
  createdAt: number
  type: string
  media: { id: number } | null
}

async function listActivities(app: FastifyInstance, userId: number): Promise<Row[]> {
  const data = await ok(app, 'query ($u: Int) { Page { activities(userId: $u, type: MEDIA_LIST, sort: ID) { ... on ListActivity { type status progress createdAt media { id } } } } }', undefined, { u: userId })
  return data.Page.activities
}

let user: SocialUser
let n = 0
beforeEach(async () => {
  user = await socialUser(s.app, `lister${++n}`)
})

describe('list activities', () => {
  it('tell each status in AniList’s words, with the progress where it has one', async () => {
    await saveEntry(s.app, user.token, ANIME, { status: 'PLANNING' })
    await saveEntry(s.app, user.token, MANGA, { status: 'PLANNING' })
    await saveEntry(s.app, user.token, ANIME, { status: 'CURRENT', progress: 4 })
    await saveEntry(s.app, user.token, MANGA, { status: 'PAUSED', progress: 10 })
    await saveEntry(s.app, user.token, ANIME, { status: 'DROPPED' })
    await saveEntry(s.app, user.token, MANGA, { status: 'COMPLETED', progress: 50 })
    const rows = await listActivities(s.app, user.user.id)
    expect(rows.map((r) => [r.type, r.status, r.progress, r.media?.id])).toEqual([
      ['ANIME_LIST', 'plans to watch', null, ANIME],
      ['MANGA_LIST', 'plans to read', null, MANGA],
      ['ANIME_LIST', 'watched episode', '4', ANIME],
      ['MANGA_LIST', 'paused reading', null, MANGA],
      ['ANIME_LIST', 'dropped', null, ANIME],
      ['MANGA_LIST', 'completed', null, MANGA],
    ])
    expect([statusWording('REPEATING', 'ANIME'), statusWording('REPEATING', 'MANGA'), statusWording('PAUSED', 'ANIME'), statusWording('CURRENT', 'MANGA')]).toEqual([
      'rewatched episode', 'reread chapter', 'paused watching', 'read chapter',
    ])
  })

  it('merge progress within activityMergeTime into one activity, its time refreshed', async () => {
    await saveEntry(s.app, user.token, ANIME, { status: 'CURRENT', progress: 1 })
    const [first] = await listActivities(s.app, user.user.id)
    s.clock.advance(600)
    await saveEntry(s.app, user.token, ANIME, { progress: 2 })
    s.clock.advance(600)
    await saveEntry(s.app, user.token, ANIME, { progress: 4 })
    const rows = await listActivities(s.app, user.user.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'watched episode', progress: '1 - 4' })
    expect(rows[0]!.createdAt).toBe(first!.createdAt + 1200)
  })

  it('start a new activity after the merge time, and tell a jump of several episodes as a range', async () => {
    await saveEntry(s.app, user.token, ANIME, { status: 'CURRENT', progress: 1 })
    s.clock.advance(720 * 60 + 1)
    await saveEntry(s.app, user.token, ANIME, { progress: 5 })
    expect((await listActivities(s.app, user.user.id)).map((r) => r.progress)).toEqual(['1', '2 - 5'])
  })

  it('never merge when activityMergeTime is 0, and not across statuses', async () => {
    await updateProfile(s.app.kiroku.db, s.clock, user.user.id, { options: { activityMergeTime: 0 } })
    await saveEntry(s.app, user.token, ANIME, { status: 'CURRENT', progress: 1 })
    await saveEntry(s.app, user.token, ANIME, { progress: 2 })
    await saveEntry(s.app, user.token, ANIME, { status: 'COMPLETED', progress: 12 })
    expect((await listActivities(s.app, user.user.id)).map((r) => [r.status, r.progress])).toEqual([['watched episode', '1'], ['watched episode', '2'], ['completed', null]])
  })

  it('are not made for private or hidden entries, switched-off statuses, or changes to neither status nor progress', async () => {
    await saveEntry(s.app, user.token, ANIME, { status: 'CURRENT', progress: 1, private: true })
    await saveEntry(s.app, user.token, MANGA, { status: 'CURRENT', progress: 1, hiddenFromStatusLists: true })
    expect(await listActivities(s.app, user.user.id)).toEqual([])
    const other = await socialUser(s.app, `lister${++n}`)
    await updateProfile(s.app.kiroku.db, s.clock, other.user.id, { options: { disabledListActivity: [{ type: 'PLANNING', disabled: true }] } })
    await saveEntry(s.app, other.token, ANIME, { status: 'PLANNING' })
    expect(await listActivities(s.app, other.user.id)).toEqual([])
    await saveEntry(s.app, other.token, ANIME, { status: 'CURRENT', progress: 3 })
    await ok(s.app, 'mutation { SaveMediaListEntry(mediaId: 810001, score: 80, notes: "good") { id } }', other.token)
    // Going back an episode tells nothing either.
    await saveEntry(s.app, other.token, ANIME, { progress: 2 })
    expect((await listActivities(s.app, other.user.id)).map((r) => r.progress)).toEqual(['3'])
  })

  it('are made by UpdateMediaListEntries too, inside its transaction', async () => {
    await saveEntry(s.app, user.token, ANIME, { status: 'PLANNING' })
    const { Page } = await ok(s.app, 'query ($u: Int) { Page { mediaList(userId: $u) { id } } }', undefined, { u: user.user.id })
    await ok(s.app, 'mutation ($ids: [Int]) { UpdateMediaListEntries(ids: $ids, status: COMPLETED) { id } }', user.token, { ids: Page.mediaList.map((e: { id: number }) => e.id) })
    expect((await listActivities(s.app, user.user.id)).map((r) => r.status)).toEqual(['plans to watch', 'completed'])
    // A refused save leaves no activity behind.
    await ok(s.app, 'mutation { SaveMediaListEntry(mediaId: 810002, status: CURRENT, progress: 2) { id } }', user.token)
    const before = await listActivities(s.app, user.user.id)
    const res = await s.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` }, payload: JSON.stringify({ query: 'mutation { SaveMediaListEntry(mediaId: 810002, progress: 3, score: 1000) { id } }' }) })
    expect(res.statusCode).toBe(400)
    expect(await listActivities(s.app, user.user.id)).toEqual(before)
  })

  it('are made by the site’s +1, which passes the server’s listeners on', async () => {
    await saveEntry(s.app, user.token, ANIME, { status: 'CURRENT', progress: 1 })
    s.clock.advance(720 * 60 + 1)
    await plusOne(s.app.kiroku.db, s.clock, user.user.id, ANIME, null, s.app.kiroku.entryListeners)
    expect((await listActivities(s.app, user.user.id)).map((r) => r.progress)).toEqual(['1', '2'])
  })

  it('are not made by the MAL import', async () => {
    const xml = `<?xml version="1.0"?><myanimelist><myinfo><user_export_type>1</user_export_type></myinfo><anime><series_animedb_id>90001</series_animedb_id><my_status>Watching</my_status><my_watched_episodes>3</my_watched_episodes></anime></myanimelist>`
    const report = await importMalXml(s.app.kiroku.db, s.clock, user.user.id, parseMalXml(xml))
    expect(report.added).toBe(1)
    expect(await listActivities(s.app, user.user.id)).toEqual([])
  })
})

describe('listActivityOf', () => {
  it('makes nothing for a deletion or for an entry at episode 0', () => {
    const media = { id: ANIME, type: 'ANIME' } as never
    expect(listActivityOf({ userId: 1, media, before: null, after: null })).toBeNull()
    const entry = { status: 'CURRENT', progress: 0, private: false, hiddenFromStatusLists: false } as never
    expect(listActivityOf({ userId: 1, media, before: null, after: entry })).toBeNull()
  })
})
