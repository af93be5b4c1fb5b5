/**
 * The reading half of `kiroku pull user`, against a second Kiroku: lists read chunk by chunk and
 * favourites page by page come out the same as in one go (each entry once, though custom lists
 * repeat it), so a user with more than one chunk or page loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchRemoteEntries, fetchRemoteFavourites, fetchRemoteUser, RemoteUserNotFound } from '../../src/pull/fetch-user.js'
import { seededRemote, testClient, type Remote } from './helpers.js'
import { REMOTE_FAVOURITES, remoteEntries, seedRemoteUser } from './user-fixture.js'

let remote: Remote
beforeAll(async () => {
  remote = await seededRemote()
  await seedRemoteUser(remote)
})
afterAll(async () => remote.app.close())

describe('reading a remote user', () => {
  it('reads the lists chunk by chunk and the favourites page by page, losing and repeating nothing', async () => {
    const { client } = testClient(remote.endpoint)
    const user = await fetchRemoteUser(client, 'remo', false)
    expect(user).toMatchObject({ name: 'Remo', scoreFormat: 'POINT_10_DECIMAL' })
    const whole = await fetchRemoteEntries(client, user)
    const before = client.stats.requests
    const chunked = await fetchRemoteEntries(client, user, 2)
    // Public entries: 4 anime and 1 manga, so 2 + 1 chunks of 2 (the second anime chunk says none follow).
    expect(client.stats.requests - before).toBe(3)
    const ids = (list: typeof whole) => list.map((e) => e.mediaId).sort()
    expect(ids(chunked)).toEqual(ids(whole))
    expect(ids(whole)).toEqual(remoteEntries().filter((e) => !e.fields.private).map((e) => e.mediaId).sort())

    const paged = await fetchRemoteFavourites(client, user, 1)
    expect(Object.fromEntries(paged)).toEqual(REMOTE_FAVOURITES)
  })

  it('names an unknown user plainly', async () => {
    const { client } = testClient(remote.endpoint)
    await expect(fetchRemoteUser(client, 'Nobody', false)).rejects.toThrow(RemoteUserNotFound)
  })
})
