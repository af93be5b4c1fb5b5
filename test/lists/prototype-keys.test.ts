/**
 * Names a user chooses (advanced scoring categories, custom lists) are only names: "__proto__",
 * "constructor" or "toString" score and list like "Story" does. Maps keyed by them have no prototype,
 * so that setting one never changes an object's prototype and reading one never finds Object's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../helpers/server.js'
import { listServer, listUser, send, type ListUser } from '../helpers/lists.js'
import { applyChanges } from '../../src/lists/apply-changes.js'
import { defaultEntryFields } from '../../src/lists/entry.js'
import { rowToEntry } from '../../src/lists/entry-row.js'

const NAMES = ['__proto__', 'constructor', 'toString', 'Story']

let s: TestServer
let alice: ListUser
beforeAll(async () => {
  s = await listServer()
  alice = await listUser(s.app, 'alice', {
    mediaListOptions: { scoreFormat: 'POINT_100', animeList: { advancedScoring: NAMES, advancedScoringEnabled: true, customLists: ['__proto__', 'constructor'] } },
  })
})
afterAll(async () => s.app.close())

/** A JSON object's own entries, in order ("__proto__" included, as JSON.parse keeps it). */
const entries = (value: unknown) => Object.entries(value as object)

describe('advanced scoring categories and custom lists named like Object\'s own properties', () => {
  it('store and answer every score, "__proto__" and "constructor" included', async () => {
    const saved = await send(s.app, 'mutation ($s: [Float]) { SaveMediaListEntry(mediaId: 1, advancedScores: $s) { id advancedScores } }', {
      token: alice.token,
      variables: { s: [80, 70, 60, 50] },
    })
    expect(saved.status).toBe(200)
    expect(entries(saved.body.data.SaveMediaListEntry.advancedScores)).toEqual([['__proto__', 80], ['constructor', 70], ['toString', 60], ['Story', 50]])
    const read = await send(s.app, 'query ($u: Int) { MediaList(userId: $u, mediaId: 1) { advancedScores } }', { token: alice.token, variables: { u: alice.user.id } })
    expect(entries(read.body.data.MediaList.advancedScores)).toEqual([['__proto__', 80], ['constructor', 70], ['toString', 60], ['Story', 50]])
  })

  it('answer 0 for a category never scored, not whatever Object.prototype holds under its name', async () => {
    const saved = await send(s.app, 'mutation { SaveMediaListEntry(mediaId: 5, status: CURRENT) { advancedScores } }', { token: alice.token })
    expect(saved.status).toBe(200)
    expect(entries(saved.body.data.SaveMediaListEntry.advancedScores)).toEqual([['__proto__', 0], ['constructor', 0], ['toString', 0], ['Story', 0]])
  })

  it('put entries in custom lists with such names', async () => {
    const saved = await send(s.app, 'mutation { SaveMediaListEntry(mediaId: 6, customLists: ["__proto__"]) { customLists } }', { token: alice.token })
    expect(entries(saved.body.data.SaveMediaListEntry.customLists)).toEqual([['__proto__', true], ['constructor', false]])
  })

  it('keep every map of scores free of a prototype, applied or read back', () => {
    const applied = applyChanges(defaultEntryFields(), { advancedScores: [1, 2, 3, 4] }, { customLists: [], advancedScoring: NAMES })
    expect(Object.getPrototypeOf(applied.advancedScores)).toBeNull()
    expect(Object.keys(applied.advancedScores)).toEqual(NAMES)
    const row = { advanced_scores: '{"__proto__":5}', custom_lists: '[]' } as Parameters<typeof rowToEntry>[0]
    const read = rowToEntry(row).advancedScores
    expect(Object.getPrototypeOf(read)).toBeNull()
    expect(read.__proto__).toBe(5)
    expect(read.constructor).toBeUndefined()
  })
})
