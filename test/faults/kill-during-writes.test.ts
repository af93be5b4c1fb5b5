/**
 * SIGKILL in the middle of a burst of SaveMediaListEntry mutations loses no write that was
 * acknowledged (HTTP 200 with the saved entry). The real `kiroku serve` runs as a child process on a
 * SQLite file (WAL, synchronous=NORMAL: a commit is in the operating system's hands before the answer
 * leaves, so killing the process cannot undo it), or on a PostgreSQL schema of its own; it is killed
 * after a number of acknowledgements (never after a time), restarted on the same database, and every
 * acknowledged entry must be there with the values it was saved with. Power loss is another matter
 * (see docs/deployment.md): no test here can pull the plug.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { builtInCatalog, seedCatalog } from '../../src/catalog/seed/index.js'
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from '../helpers/database.js'
import { tempDir } from '../helpers/cli.js'
import { testServer } from '../helpers/server.js'
import { listUser, type ListUser } from '../helpers/lists.js'
import { buildKiroku, killProcess, startServeProcess, type BuiltKiroku, type ServeProcess } from './built-kiroku.js'

const WRITERS = ['ayame', 'botan', 'chidori']
// Requests in flight at once, and how many acknowledgements to wait for before the kill: enough that
// writes are being committed when the signal lands, few enough that most of the burst is still to come.
const IN_FLIGHT = 8
const KILL_AFTER_ACKS = 60

let build: BuiltKiroku
let tmp: ReturnType<typeof tempDir>
let database: TestDatabase
const running: ServeProcess[] = []

beforeAll(async () => {
  build = buildKiroku('kiroku-faults')
  tmp = tempDir()
  database = TEST_DIALECT === 'sqlite' ? { url: `sqlite:${tmp.file('kiroku.db')}`, drop: async () => {} } : await createTestDatabase()
}, 120_000)
afterAll(async () => {
  await database?.drop()
  tmp?.remove()
  build?.remove()
})
// A test that fails half-way must not leave its server running.
afterEach(async () => {
  for (const serve of running.splice(0)) await killProcess(serve)
})

/** Migrates the database, adds the built-in catalog and the writers, each with a token (signed by a key stored there). */
async function prepare(): Promise<ListUser[]> {
  const { app, clock } = await testServer({ databaseUrl: database.url })
  try {
    // The child process runs on the real clock: tokens must not have expired there.
    clock.set(Math.floor(Date.now() / 1000))
    await seedCatalog(app.kiroku.db, clock)
    const writers: ListUser[] = []
    for (const name of WRITERS) writers.push(await listUser(app, name))
    return writers
  } finally {
    await app.close()
  }
}

interface Write {
  writer: ListUser
  mediaId: number
  notes: string
  repeat: number
  private: boolean
}

const SAVE = `mutation ($mediaId: Int, $notes: String, $repeat: Int, $private: Boolean) {
  SaveMediaListEntry(mediaId: $mediaId, status: PLANNING, notes: $notes, repeat: $repeat, private: $private) { id userId mediaId notes repeat private }
}`

async function post(address: string, token: string, query: string, variables: object): Promise<{ status: number; body: any }> {
  const res = await fetch(`${address}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  })
  return { status: res.status, body: await res.json() }
}

/** True when the answer acknowledges the write: 200, and the entry as saved, with the values sent. */
function acknowledges(res: { status: number; body: any }, write: Write): boolean {
  const saved = res.body?.data?.SaveMediaListEntry
  if (res.status !== 200 || !saved) return false
  expect(saved).toMatchObject({ userId: write.writer.user.id, mediaId: write.mediaId, notes: write.notes, repeat: write.repeat, private: write.private })
  return true
}

/**
 * Sends the writes IN_FLIGHT at a time and SIGKILLs the server once KILL_AFTER_ACKS are acknowledged;
 * returns the acknowledged writes (answers that arrive after the signal count too: they were sent).
 */
async function burstUntilKilled(serve: ServeProcess, writes: Write[]): Promise<{ acknowledged: Write[]; unanswered: number }> {
  const acknowledged: Write[] = []
  let unanswered = 0
  let next = 0
  let killed = false
  const worker = async () => {
    while (!killed && next < writes.length) {
      const write = writes[next++]!
      try {
        const res = await post(serve.address, write.writer.token, SAVE, { mediaId: write.mediaId, notes: write.notes, repeat: write.repeat, private: write.private })
        if (!acknowledges(res, write)) throw new Error(`a write was refused before the kill: ${res.status} ${JSON.stringify(res.body)}`)
        acknowledged.push(write)
        if (acknowledged.length === KILL_AFTER_ACKS) {
          killed = true
          serve.child.kill('SIGKILL')
        }
      } catch (error) {
        // Only the kill may cut a request short.
        if (!killed) throw error
        unanswered++
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return { acknowledged, unanswered }
}

/** The writer's entries as the server returns them, anime and manga, by media id. */
async function entriesOf(address: string, writer: ListUser): Promise<Map<number, { notes: string; repeat: number; private: boolean }>> {
  const entries = new Map<number, { notes: string; repeat: number; private: boolean }>()
  for (const type of ['ANIME', 'MANGA']) {
    const res = await post(address, writer.token, 'query ($u: Int, $t: MediaType) { MediaListCollection(userId: $u, type: $t) { lists { entries { mediaId notes repeat private } } } }', { u: writer.user.id, t: type })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    for (const list of res.body.data.MediaListCollection.lists) for (const e of list.entries) entries.set(e.mediaId, { notes: e.notes, repeat: e.repeat, private: e.private })
  }
  return entries
}

describe(`SIGKILL during a burst of SaveMediaListEntry, on ${TEST_DIALECT}`, () => {
  it('loses no acknowledged write: after a restart on the same database every one is there with its values', async () => {
    const writers = await prepare()
    const mediaIds = builtInCatalog().map((m) => m.id)
    // One write per writer and work (distinct entries, so each has exactly one value to find), interleaved.
    const writes: Write[] = mediaIds.flatMap((mediaId, i) =>
      writers.map((writer, w) => ({ writer, mediaId, notes: `burst ${w}/${mediaId}: ${'x'.repeat(i % 40)}`, repeat: (i + w) % 7, private: (i + w) % 3 === 0 })),
    )
    expect(writes.length).toBeGreaterThan(3 * KILL_AFTER_ACKS)

    const first = await startServeProcess(build.bin, database.url)
    running.push(first)
    const { acknowledged, unanswered } = await burstUntilKilled(first, writes)
    const [, signal] = await first.exited
    // It was killed, not shut down, and mid-burst: writes were still queued.
    expect(signal).toBe('SIGKILL')
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS)
    expect(acknowledged.length + unanswered).toBeLessThan(writes.length)

    const second = await startServeProcess(build.bin, database.url)
    running.push(second)
    expect((await fetch(`${second.address}/readyz`)).status).toBe(200)
    for (const writer of writers) {
      const stored = await entriesOf(second.address, writer)
      const mine = acknowledged.filter((w) => w.writer === writer)
      for (const write of mine) expect(stored.get(write.mediaId), `${writer.user.name}'s entry for ${write.mediaId}`).toEqual({ notes: write.notes, repeat: write.repeat, private: write.private })
    }
  }, 120_000)
})
