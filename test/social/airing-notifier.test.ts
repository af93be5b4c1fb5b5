/**
 * The airing notifier, driven tick by tick with the fake clock (the server never starts its timer in
 * tests): each aired episode is announced once to the users with the anime on a CURRENT or PLANNING
 * list who want airing notifications, however many instances tick; episodes older than a day are
 * left alone; and the notifications reach the API as AiringNotification.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { addEntries, listServer, listUser, send, type ListUser } from '../helpers/lists.js'
import { mergeMediaAiring } from '../../src/catalog/airing.js'
import { AIRING_LOOKBACK_SECONDS, AiringNotifier, announceAiredEpisodes } from '../../src/social/airing-notifier.js'
import { listNotifications } from '../../src/social/notification-store.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { insertEntries } from '../../src/lists/entry-store.js'
import { defaultEntryFields } from '../../src/lists/entry.js'
import { insertUsers } from '../helpers/users.js'
import { freshLocal } from '../pull/helpers.js'
import { TEST_DIALECT } from '../helpers/database.js'

let s: TestServer
let watcher: ListUser
let planner: ListUser
let finished: ListUser
let quiet: ListUser
let t0: number

beforeAll(async () => {
  s = await listServer()
  t0 = s.clock()
  watcher = await listUser(s.app, 'watcher')
  planner = await listUser(s.app, 'planner')
  finished = await listUser(s.app, 'finished')
  quiet = await listUser(s.app, 'quiet', { options: { airingNotifications: false } })
  await addEntries(s.app, watcher.user.id, [[1, 'ANIME', { status: 'CURRENT', progress: 3 }], [5, 'ANIME', { status: 'CURRENT' }]])
  await addEntries(s.app, planner.user.id, [[1, 'ANIME', { status: 'PLANNING' }]])
  await addEntries(s.app, finished.user.id, [[1, 'ANIME', { status: 'COMPLETED' }]])
  await addEntries(s.app, quiet.user.id, [[1, 'ANIME', { status: 'CURRENT' }]])
  await mergeMediaAiring(s.app.kiroku.db, 1, [
    { id: 9001, episode: 3, airingAt: t0 - 2 * AIRING_LOOKBACK_SECONDS },
    { id: 9002, episode: 4, airingAt: t0 + 30 },
    { id: 9003, episode: 5, airingAt: t0 + 90 },
  ])
  await mergeMediaAiring(s.app.kiroku.db, 5, [{ id: 9004, episode: 12, airingAt: t0 + 30 }])
})
afterAll(async () => s.app.close())

const airings = async (who: ListUser) =>
  (await listNotifications(s.app.kiroku.db, who.user.id, ['AIRING'], { limit: 50, offset: 0 })).map((n) => [n.mediaId, n.episode])

describe('the airing notifier', () => {
  it('announces nothing before an episode airs, and never an episode older than a day', async () => {
    expect(await announceAiredEpisodes(s.app.kiroku.db, s.clock, null)).toEqual({ announced: 0, notified: 0, until: t0 })
    expect(await airings(watcher)).toEqual([])
  })

  it('announces each aired episode once, from two instances ticking on one database', async () => {
    s.clock.set(t0 + 60)
    const db = s.app.kiroku.db
    const errors: unknown[] = []
    const first = new AiringNotifier(db, s.clock, 60, (e) => errors.push(e))
    const second = new AiringNotifier(db, s.clock, 60, (e) => errors.push(e))
    // Both at once, then both again: the claims make every episode count once.
    await Promise.all([first.tick(), second.tick()])
    await Promise.all([first.tick(), second.tick()])
    expect(errors).toEqual([])
    expect(await airings(watcher)).toEqual([[5, 12], [1, 4]])
    expect(await airings(planner)).toEqual([[1, 4]])
    // Not for a completed entry, nor for a user who turned airing notifications off.
    expect(await airings(finished)).toEqual([])
    expect(await airings(quiet)).toEqual([])
    // The next episode, on a later tick; and a restarted instance (no memory of its last tick) repeats nothing.
    s.clock.set(t0 + 120)
    await first.tick()
    expect((await announceAiredEpisodes(db, s.clock, null)).announced).toBe(0)
    expect(await airings(watcher)).toEqual([[1, 5], [5, 12], [1, 4]])
    expect(await airings(planner)).toEqual([[1, 5], [1, 4]])
  })

  it('shows the announcement as an AiringNotification with its media', async () => {
    const res = await send(s.app, '{ Page { notifications(type: AIRING) { ... on AiringNotification { animeId episode contexts media { id } } } } }', { token: planner.token })
    expect(res.body.data.Page.notifications).toEqual([
      { animeId: 1, episode: 5, contexts: ['Episode ', ' of ', ' aired.'], media: { id: 1 } },
      { animeId: 1, episode: 4, contexts: ['Episode ', ' of ', ' aired.'], media: { id: 1 } },
    ])
  })

  it('does not start its timer when the interval is 0', async () => {
    const notifier = new AiringNotifier(s.app.kiroku.db, s.clock, 0, () => {})
    notifier.start()
    await notifier.stop()
    expect(s.app.kiroku.config.airingNotifyIntervalSeconds).toBe(0)
  })
})

// Several instances share a PostgreSQL database (README, Several instances). Two SQLite handles in one
// process cannot wait for each other: better-sqlite3 waits for a lock synchronously, blocking the very
// event loop the other handle needs to commit.
describe.skipIf(TEST_DIALECT !== 'postgres')('two servers on one PostgreSQL database', () => {
  it('announce each episode once, whichever server ticks first', async () => {
    const local = await freshLocal()
    try {
      const [one, two] = [await local.serve(), await local.serve()]
      const db = one.app.kiroku.db
      const now = one.clock()
      await upsertMedia(db, one.clock, [{ id: 77, type: 'ANIME' }])
      const [fan] = await insertUsers(one.app, ['fan'])
      await insertEntries(db, [{ userId: fan!, mediaId: 77, mediaType: 'ANIME', createdAt: now, updatedAt: now, fields: { ...defaultEntryFields(), status: 'CURRENT' } }])
      await mergeMediaAiring(db, 77, [1, 2, 3].map((episode) => ({ id: 7700 + episode, episode, airingAt: now - 600 + episode * 60 })))
      // Each server ticks through its own pool, at the same time, twice.
      const ticks = await Promise.all([one, two, one, two].map((server) => announceAiredEpisodes(server.app.kiroku.db, server.clock, null)))
      expect(ticks.reduce((sum, t) => sum + t.announced, 0)).toBe(3)
      const seen = await listNotifications(two.app.kiroku.db, fan!, ['AIRING'], { limit: 10, offset: 0 })
      expect(seen.map((n) => n.episode).sort()).toEqual([1, 2, 3])
    } finally {
      await local.close()
    }
  })
})
