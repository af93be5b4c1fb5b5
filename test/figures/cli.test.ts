/** `kiroku figures recompute` and `kiroku figures snapshot` on a database the test fills itself. */
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { openDatabase, type Database } from '../../src/storage/db.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { insertEntries } from '../../src/lists/entry-store.js'
import { defaultEntryFields } from '../../src/lists/entry.js'
import { systemClock } from '../../src/util/clock.js'
import { runCli, tempDir } from '../helpers/cli.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'

let tmp: ReturnType<typeof tempDir>
let url: string
let drop: () => Promise<void> = async () => {}
let database: Database

beforeAll(async () => {
  tmp = tempDir()
  vi.stubEnv('DATABASE_URL', undefined)
  if (TEST_DIALECT === 'sqlite') url = `sqlite:${tmp.file('kiroku.db')}`
  else ({ url, drop } = await createTestDatabase())
  database = openDatabase(url)
  await migrateToLatest(database)
  const db = database.db
  await upsertMedia(db, systemClock, [{ id: 870_001, type: 'ANIME', format: 'TV', title: { romaji: 'Cli Work' }, popularity: 1234 }])
  const now = systemClock()
  const user = await db.insertInto('users').values({ name: 'cli', name_key: 'cli', email: null, password_hash: 'x', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()
  // Written straight to the store, as an import of lists would: the figures are stale until recomputed.
  await insertEntries(db, [{ userId: user.id, mediaId: 870_001, mediaType: 'ANIME', fields: { ...defaultEntryFields(), status: 'CURRENT', score: 90 }, createdAt: now, updatedAt: now }])
})
afterAll(async () => {
  await database.close()
  vi.unstubAllEnvs()
  tmp.remove()
  await drop()
})

const popularity = async () => (await database.db.selectFrom('media').select('popularity').where('id', '=', 870_001).executeTakeFirstOrThrow()).popularity

describe('kiroku figures', () => {
  it('recompute puts local figures on the works listed here', async () => {
    expect(await popularity()).toBe(1234)
    const run = await runCli(['figures', 'recompute', '--database', url])
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.out)).toEqual({ recomputed: 1 })
    expect(await popularity()).toBe(1)
  })

  it('kiroku import of AniList figures over a work listed here keeps the local ones, and ranks the catalog', async () => {
    const file = tmp.file('figures.json')
    fs.writeFileSync(file, JSON.stringify([{ id: 870_001, type: 'ANIME', title: { romaji: 'Cli Work' }, popularity: 99_999, averageScore: 12 }]))
    const run = await runCli(['import', file, '--database', url])
    expect(run.code, run.err).toBe(0)
    expect(await popularity()).toBe(1)
    const ranks = await database.db.selectFrom('media_rankings').selectAll().where('media_id', '=', 870_001).execute()
    expect(ranks.length).toBeGreaterThan(0)
  })

  it('snapshot takes the day once', async () => {
    const first = await runCli(['figures', 'snapshot', '--database', url])
    expect(first.code).toBe(0)
    expect(JSON.parse(first.out)).toEqual({ snapshots: 1 })
    const again = await runCli(['figures', 'snapshot', '--database', url])
    expect(JSON.parse(again.out)).toEqual({ snapshots: 0 })
  })
})
