/**
 * Media notifications raised by imports, through `kiroku pull` against a second Kiroku server: a
 * change to a stored work's tracking data tells the users who list it (MEDIA_DATA_CHANGE, with what
 * changed as the reason), a work newly related to a listed one tells its holders who lack it
 * (RELATED_MEDIA_ADDITION), and a pull that changes nothing tells no one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pullMedia } from '../../src/pull/pull-media.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { insertEntries } from '../../src/lists/entry-store.js'
import { defaultEntryFields } from '../../src/lists/entry.js'
import { listNotifications } from '../../src/social/notification-store.js'
import { trackedChanges } from '../../src/social/media-notifications.js'
import { systemClock } from '../../src/util/clock.js'
import { ALPHA, BETA, GAMMA, MANGA } from '../pull/fixture.js'
import { freshLocal, seededRemote, testClient, type Local, type Remote } from '../pull/helpers.js'

let remote: Remote
let local: Local
let fan: number
let both: number
let stranger: number

beforeAll(async () => {
  remote = await seededRemote()
  local = await freshLocal()
  const db = local.database.db
  const add = async (name: string) =>
    (await db.insertInto('users').values({ name, name_key: name, email: `${name}@example.test`, password_hash: 'not-a-hash', created_at: 1, updated_at: 1 }).returning('id').executeTakeFirstOrThrow()).id
  fan = await add('fan')
  both = await add('both')
  stranger = await add('stranger')
  const { client } = testClient(remote.endpoint)
  await pullMedia(db, systemClock, client, { ids: [ALPHA] })
  const entry = (userId: number, mediaId: number, status: 'CURRENT' | 'PLANNING') => ({ userId, mediaId, mediaType: 'ANIME' as const, createdAt: 1, updatedAt: 1, fields: { ...defaultEntryFields(), status } })
  // fan watches ALPHA; both has ALPHA and (later, once pulled) BETA.
  await insertEntries(db, [entry(fan, ALPHA, 'CURRENT'), entry(both, ALPHA, 'PLANNING')])
})
afterAll(async () => {
  await local?.close()
  await remote?.app.close()
})

const notes = async (userId: number) =>
  (await listNotifications(local.database.db, userId, null, { limit: 50, offset: 0 })).map((n) => ({ type: n.type, mediaId: n.mediaId, reason: n.reason }))

describe('media notifications from imports', () => {
  it('tells no one when a pull changes nothing', async () => {
    const { client } = testClient(remote.endpoint)
    await pullMedia(local.database.db, systemClock, client, { ids: [ALPHA], refresh: true })
    expect(await notes(fan)).toEqual([])
  })

  it('tells the users who list a work that its tracking data changed, and what changed', async () => {
    await upsertMedia(remote.app.kiroku.db, remote.clock, [{ id: ALPHA, type: 'ANIME', episodes: 30, status: 'FINISHED' }])
    const { client } = testClient(remote.endpoint)
    await pullMedia(local.database.db, systemClock, client, { ids: [ALPHA], refresh: true })
    const change = { type: 'MEDIA_DATA_CHANGE', mediaId: ALPHA, reason: expect.stringMatching(/^An import changed its status \w+ → FINISHED, episodes 28 → 30\.$/) }
    expect(await notes(fan)).toEqual([change])
    expect(await notes(both)).toEqual([change])
    expect(await notes(stranger)).toEqual([])
  })

  it('tells the holders of a work when a work related to it is added', async () => {
    const db = local.database.db
    // BETA (a sequel) and the manga (the source) arrive, each naming ALPHA among its relations.
    await pullMedia(db, systemClock, testClient(remote.endpoint).client, { ids: [ALPHA], relations: 1 })
    const added = async (userId: number) => (await notes(userId)).filter((n) => n.type === 'RELATED_MEDIA_ADDITION').map((n) => n.mediaId).sort()
    expect(await added(fan)).toEqual([BETA, MANGA].sort())
    expect(await added(both)).toEqual([BETA, MANGA].sort())
    // both lists BETA now; GAMMA, BETA's sequel, arrives: only both is told of it.
    await insertEntries(db, [{ userId: both, mediaId: BETA, mediaType: 'ANIME', createdAt: 2, updatedAt: 2, fields: { ...defaultEntryFields(), status: 'PLANNING' } }])
    await pullMedia(db, systemClock, testClient(remote.endpoint).client, { ids: [ALPHA], relations: 2 })
    expect(await added(fan)).toEqual([BETA, MANGA].sort())
    expect(await added(both)).toEqual([BETA, GAMMA, MANGA].sort())
    expect(await notes(stranger)).toEqual([])
  })

  it('describes only tracking data: dates, counts, status and format', () => {
    const base = { format: 'TV', status: 'RELEASING', episodes: 12, duration: 24, chapters: null, volumes: null, startDate: { year: 2024, month: 4, day: null }, endDate: { year: null, month: null, day: null } }
    const work = (changes: object) => ({ ...base, ...changes }) as unknown as Parameters<typeof trackedChanges>[0]
    expect(trackedChanges(work({}), work({}))).toBeNull()
    expect(trackedChanges(work({}), work({ endDate: { year: 2024, month: 6, day: 30 }, episodes: 13 }))).toBe('episodes 12 → 13, end date unknown → 2024-06-30')
  })
})
