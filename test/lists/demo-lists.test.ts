import { afterEach, describe, expect, it } from 'vitest'
import { createUser, findUserByName } from '../../src/accounts/users.js'
import { getListOptionsOf } from '../../src/lists/list-options.js'
import { seedDemo } from '../../src/demo/seed.js'
import { DEMO_LISTS } from '../../src/demo/list-data.js'
import { MEDIA_LIST_STATUSES } from '../../src/lists/entry.js'
import { countUserEntries, deleteEntry, loadEntriesOfUsers } from '../../src/lists/entry-store.js'
import { builtInCatalog } from '../../src/catalog/seed/index.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { graphql } from '../helpers/flow.js'

const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.app.close()
})

async function fresh(): Promise<TestServer> {
  const s = await testServer()
  servers.push(s)
  return s
}

const TOTAL = DEMO_LISTS.reduce((n, l) => n + l.entries.length, 0)

describe('serve --demo lists', () => {
  it('only names built-in works', () => {
    const ids = new Set(builtInCatalog().map((m) => m.id))
    expect(DEMO_LISTS.flatMap((l) => l.entries.map((e) => e.mediaId)).filter((id) => !ids.has(id))).toEqual([])
  })

  it('gives the demo user anime and manga in every status, with a custom list, a repeat and a private entry', async () => {
    const s = await fresh()
    const info = await seedDemo(s.app.kiroku)
    expect(info.listEntriesAdded).toBe(TOTAL)
    const demo = (await findUserByName(s.app.kiroku.db, 'demo'))!
    const entries = (await loadEntriesOfUsers(s.app.kiroku.db, [demo.id])).get(demo.id)!
    for (const type of ['ANIME', 'MANGA'] as const) {
      expect(new Set(entries.filter((e) => e.mediaType === type).map((e) => e.status))).toEqual(new Set(MEDIA_LIST_STATUSES))
    }
    expect(entries.some((e) => e.repeat > 0 && e.status === 'REPEATING')).toBe(true)
    expect(entries.some((e) => e.private)).toBe(true)
    expect(entries.some((e) => e.score > 0 && e.startedAt.year !== null && e.completedAt.year !== null)).toBe(true)
    const options = await getListOptionsOf(s.app.kiroku.db, demo.id)
    expect(options.animeList.customLists).toEqual(['Rewatch with friends'])
    expect(entries.filter((e) => e.customLists.includes('Rewatch with friends')).length).toBeGreaterThan(0)
    // Completed works count in full (Fullmetal Alchemist: Brotherhood has 64 episodes).
    expect(entries.find((e) => e.mediaId === 5114)).toMatchObject({ status: 'COMPLETED', progress: 64 })
  })

  it('creates two more users whose public lists use POINT_5 and POINT_3', async () => {
    const s = await fresh()
    await seedDemo(s.app.kiroku)
    for (const [name, format, max] of [['hana', 'POINT_5', 5], ['kenji', 'POINT_3', 3]] as const) {
      const user = (await findUserByName(s.app.kiroku.db, name))!
      expect((await getListOptionsOf(s.app.kiroku.db, user.id)).scoreFormat).toBe(format)
      const res = await graphql(s.app, `{ MediaListCollection(userName: "${name}", type: ANIME) { lists { entries { score private } } } }`)
      const entries = res.body.data.MediaListCollection.lists.flatMap((l: { entries: unknown[] }) => l.entries) as Array<{ score: number; private: boolean }>
      expect(entries.length).toBeGreaterThan(3)
      expect(entries.every((e) => !e.private && Number.isInteger(e.score) && e.score >= 0 && e.score <= max)).toBe(true)
      expect(entries.some((e) => e.score === max)).toBe(true)
    }
  })

  it('is idempotent: a second run adds nothing and keeps what the demo user changed', async () => {
    const s = await fresh()
    await seedDemo(s.app.kiroku)
    const demo = (await findUserByName(s.app.kiroku.db, 'demo'))!
    const [first] = (await loadEntriesOfUsers(s.app.kiroku.db, [demo.id])).get(demo.id)!
    await deleteEntry(s.app.kiroku.db, first!.id)
    const again = await seedDemo(s.app.kiroku)
    expect(again.listEntriesAdded).toBe(0)
    expect(await countUserEntries(s.app.kiroku.db, demo.id)).toBe(DEMO_LISTS[0]!.entries.length - 1)
    const users = await s.app.kiroku.db.selectFrom('users').select('name').orderBy('id').execute()
    expect(users.map((u) => u.name)).toEqual(['demo', 'hana', 'kenji'])
  })

  it('gives no lists and makes no users on a database without the demo user', async () => {
    const s = await fresh()
    await createUser(s.app.kiroku.db, s.clock, { name: 'alice', password: 'correct horse battery' })
    expect((await seedDemo(s.app.kiroku)).listEntriesAdded).toBe(0)
    const users = await s.app.kiroku.db.selectFrom('users').select('name').execute()
    expect(users.map((u) => u.name)).toEqual(['alice'])
  })
})
