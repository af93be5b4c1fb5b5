/**
 * `kiroku pull user` against a second Kiroku as the remote: the user's lists compared entry by entry
 * (private entries absent without the owner's token, present with it), list options, favourites of
 * each kind in order, the works and people they need; a second run that changes nothing; local
 * entries kept without --overwrite and replaced with it; clear errors; the summary line.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../helpers/cli.js'
import { tokenFor } from '../helpers/users.js'
import { createUser, type User } from '../../src/accounts/users.js'
import { favouriteIdsOf, FAVOURITE_TYPES } from '../../src/accounts/favourites.js'
import { loadEntriesOfUsers, updateEntry } from '../../src/lists/entry-store.js'
import { getListOptionsOf } from '../../src/lists/list-options.js'
import type { MediaListEntry } from '../../src/lists/entry.js'
import { loadCharactersByIds, loadStaffByIds } from '../../src/people/person-store.js'
import { loadStudiosByIds } from '../../src/catalog/studios.js'
import { loadMediaByIds } from '../../src/catalog/media-store.js'
import { freshLocal, seededRemote, type Local, type Remote } from './helpers.js'
import { EPSILON, LONE_CHARACTER, LONE_STAFF, LONE_STUDIO, REMOTE_FAVOURITES, remoteEntries, seedRemoteUser } from './user-fixture.js'
import { ALPHA, BETA } from './fixture.js'

let remote: Remote
let remoteUser: User
let token: string
beforeAll(async () => {
  remote = await seededRemote()
  remoteUser = await seedRemoteUser(remote)
  token = await tokenFor(remote.app, remoteUser)
})
afterAll(async () => remote.app.close())

let local: Local
let localUser: User
async function freshLocalUser(): Promise<void> {
  local = await freshLocal()
  localUser = await createUser(local.database.db, () => 1_700_000_000, { name: 'loco', password: 'correct horse battery' })
}
afterEach(async () => local?.close())

async function pullUser(...args: string[]) {
  const run = await runCli(['pull', 'user', ...args, '--endpoint', remote.endpoint, '--database', local.url])
  return run
}

async function pulled(...args: string[]) {
  const run = await pullUser(...args)
  expect(run.err).toBe('')
  expect(run.code).toBe(0)
  expect(run.out).toMatch(/^\{[^\n]*\}\n$/)
  return JSON.parse(run.out) as Record<string, any>
}

/** Entries as compared across the two servers: everything but the ids and the owner; custom lists are a set (a remote answers them in its options' order). */
function localEntries(entries: MediaListEntry[]) {
  return entries
    .map(({ id: _id, userId: _user, mediaId, mediaType, createdAt, updatedAt, ...fields }) => ({ mediaId, mediaType, fields: { ...fields, customLists: [...fields.customLists].sort(), advancedScores: { ...fields.advancedScores } }, createdAt, updatedAt }))
    .sort((a, b) => a.mediaId - b.mediaId)
}
function expectedEntries(withPrivate: boolean) {
  return remoteEntries()
    .filter((e) => withPrivate || !e.fields.private)
    .map((e) => ({ ...e, fields: { ...e.fields, customLists: [...e.fields.customLists].sort(), advancedScores: { ...e.fields.advancedScores } } }))
    .sort((a, b) => a.mediaId - b.mediaId)
}

async function snapshot() {
  const db = local.database.db
  const entries = (await loadEntriesOfUsers(db, [localUser.id])).get(localUser.id)!
  const favourites = Object.fromEntries(await Promise.all(FAVOURITE_TYPES.map(async (t) => [t, (await favouriteIdsOf(db, [localUser.id], t)).get(localUser.id)])))
  return { entries, favourites, options: await getListOptionsOf(db, localUser.id) }
}

describe('kiroku pull user', () => {
  it('copies the public lists entry by entry, the list options, and the favourites of each kind in order, with the works and people they need', async () => {
    await freshLocalUser()
    const summary = await pulled('Remo', '--into', 'loco')
    expect(Object.keys(summary).slice(0, 7)).toEqual(['inserted', 'updated', 'kept', 'favourites', 'mediaPulled', 'requests', 'waitedSeconds'])
    const publicCount = remoteEntries().filter((e) => !e.fields.private).length
    expect(summary).toMatchObject({ inserted: publicCount, updated: 0, kept: 0, unchanged: 0, favourites: 9, mediaPulled: 7, peoplePulled: 3, waitedSeconds: 0, user: 'Remo', into: 'loco', withToken: false, missingMedia: [] })
    // The user, a chunk of each list, a page of each kind of favourite, the works (one batch, then a
    // page of parts each, two for Alpha's long cast), and the three favourites no work brought.
    expect(summary.requests).toBe(1 + 2 + 5 + (1 + 7 + 1) + 3)

    const { entries, favourites, options } = await snapshot()
    expect(localEntries(entries)).toEqual(expectedEntries(false))
    expect(entries.some((e) => e.private)).toBe(false)
    expect(favourites).toEqual(REMOTE_FAVOURITES)
    expect(options.scoreFormat).toBe('POINT_10_DECIMAL')
    expect(options.animeList).toMatchObject({ customLists: ['Best Shows', 'Later'], advancedScoring: ['Story', 'Sound'], advancedScoringEnabled: true })
    expect(options.mangaList.customLists).toEqual(['Shelf'])
    // A work only a private entry names is not asked for; one a private entry shares with a favourite is.
    const db = local.database.db
    expect([...(await loadMediaByIds(db, [ALPHA, BETA, EPSILON])).keys()].sort()).toEqual([ALPHA, BETA])
    expect((await loadCharactersByIds(db, [LONE_CHARACTER])).get(LONE_CHARACTER)?.name.full).toBe('Lone Char')
    expect((await loadStaffByIds(db, [LONE_STAFF])).has(LONE_STAFF)).toBe(true)
    expect((await loadStudiosByIds(db, [LONE_STUDIO])).get(LONE_STUDIO)?.name).toBe('Lone Studio')

    // The local server answers the pulled list as the remote does, in the remote's score format.
    const server = await local.serve()
    const answer = await server.app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ MediaListCollection(userName: "loco", type: ANIME, sort: [MEDIA_ID]) { lists { name entries { mediaId score advancedScores customLists } } } }' } })
    const lists = answer.json().data.MediaListCollection.lists
    const alphaEntry = lists.flatMap((l: any) => l.entries).find((e: any) => e.mediaId === ALPHA)
    expect(alphaEntry).toEqual({ mediaId: ALPHA, score: 8.5, advancedScores: { Story: 9, Sound: 7 }, customLists: { 'Best Shows': true, Later: false } })

    const before = await snapshot()
    const second = await pulled('Remo', '--into', 'loco')
    expect(second).toMatchObject({ inserted: 0, updated: 0, kept: publicCount, favourites: 0, mediaPulled: 0, peoplePulled: 0 })
    expect(await snapshot()).toEqual(before)
  })

  it('with the owner\'s token reads their own lists, private entries included, and never prints the token', async () => {
    await freshLocalUser()
    const run = await pullUser('--token', token, '--into', 'loco')
    expect(run.code).toBe(0)
    expect(run.out + run.err).not.toContain(token)
    const summary = JSON.parse(run.out)
    expect(summary).toMatchObject({ inserted: remoteEntries().length, user: 'Remo', withToken: true, missingMedia: [] })
    expect(localEntries((await snapshot()).entries)).toEqual(expectedEntries(true))
    // The name may be given too, and must then be the token's user.
    expect(await pulled('Remo', '--token', token, '--into', 'loco')).toMatchObject({ inserted: 0, kept: remoteEntries().length })
    const wrong = await pullUser('Someone', '--token', token, '--into', 'loco')
    expect(wrong.code).not.toBe(0)
    expect(wrong.err).toMatch(/token is "Remo"'s, not "Someone"'s/)
    expect(wrong.err).not.toContain(token)
  })

  it('reads the token from standard input with --token-stdin, so it never sits in the process list', async () => {
    await freshLocalUser()
    const run = await runCli(['pull', 'user', '--token-stdin', '--into', 'loco', '--endpoint', remote.endpoint, '--database', local.url], `${token}\n`)
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out).not.toContain(token)
    expect(JSON.parse(run.out)).toMatchObject({ inserted: remoteEntries().length, user: 'Remo', withToken: true })
    const both = await runCli(['pull', 'user', '--token-stdin', '--token', token, '--into', 'loco', '--endpoint', remote.endpoint, '--database', local.url], token)
    expect(both.code).toBe(1)
    expect(both.err).toMatch(/either as --token or on standard input/)
    expect(both.err).not.toContain(token)
  })

  it('keeps a local entry without --overwrite and replaces it with it', async () => {
    await freshLocalUser()
    await pulled('Remo', '--into', 'loco')
    const db = local.database.db
    const mine = (await snapshot()).entries.find((e) => e.mediaId === ALPHA)!
    await updateEntry(db, mine.id, { ...mine, status: 'DROPPED', score: 10, notes: 'my own', customLists: [] }, 1_800_000_000)
    const publicCount = remoteEntries().filter((e) => !e.fields.private).length

    expect(await pulled('Remo', '--into', 'loco')).toMatchObject({ inserted: 0, updated: 0, kept: publicCount })
    expect((await snapshot()).entries.find((e) => e.mediaId === ALPHA)).toMatchObject({ status: 'DROPPED', score: 10, notes: 'my own' })

    expect(await pulled('Remo', '--into', 'loco', '--overwrite')).toMatchObject({ inserted: 0, updated: 1, kept: 0, unchanged: publicCount - 1 })
    const replaced = (await snapshot()).entries.find((e) => e.mediaId === ALPHA)!
    const remoteAlpha = remoteEntries().find((e) => e.mediaId === ALPHA)!
    expect({ ...replaced, advancedScores: { ...replaced.advancedScores } }).toMatchObject({ ...remoteAlpha.fields, advancedScores: { ...remoteAlpha.fields.advancedScores } })
    expect(await pulled('Remo', '--into', 'loco', '--overwrite')).toMatchObject({ updated: 0, unchanged: publicCount })
  })

  it('says clearly when the remote user or the local user does not exist, or neither a name nor a token is given', async () => {
    await freshLocalUser()
    const unknown = await pullUser('Nobody', '--into', 'loco')
    expect(unknown.code).not.toBe(0)
    expect(unknown.err).toContain('has no user named "Nobody"')
    const missing = await pullUser('Remo', '--into', 'ghost')
    expect(missing.code).not.toBe(0)
    expect(missing.err).toContain('no local user "ghost"')
    expect(missing.err).toContain('kiroku user create')
    const refused = await pullUser('--token', 'not-a-real-token-4f9a', '--into', 'loco')
    expect(refused.code).not.toBe(0)
    expect(refused.err).toMatch(/^kiroku: .+\n$/)
    expect(refused.err).not.toContain('not-a-real-token-4f9a')
    const nameless = await pullUser('--into', 'loco')
    expect(nameless.code).not.toBe(0)
    expect(nameless.err).toMatch(/name the remote user/)
    expect((await snapshot()).entries).toEqual([])
  })
})
