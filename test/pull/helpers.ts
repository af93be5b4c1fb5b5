/** The two ends of a pull test: a Kiroku remote on a real port, seeded through the importer, and a fresh local database. */
import { openDatabase, type Database } from '../../src/storage/db.js'
import { migrateToLatest } from '../../src/storage/migrate.js'
import { parseAniListImport, writeAniListImport } from '../../src/people/import/anilist-import.js'
import { refreshRankings } from '../../src/lists/figures/rankings.js'
import { RemoteClient, type RemoteOptions } from '../../src/pull/remote.js'
import { listeningServer, testServer, type TestServer } from '../helpers/server.js'
import { createTestDatabase, TEST_DIALECT } from '../helpers/database.js'
import { tempDir } from '../helpers/cli.js'
import { remoteWorld } from './fixture.js'

// Pull tests talk to servers on this machine only: any other address (AniList's, the default
// endpoint) fails the request at once instead of reaching the network.
const localFetch = globalThis.fetch
globalThis.fetch = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
  if (url.hostname !== '127.0.0.1') return Promise.reject(new Error(`no network in tests: ${url.href}`))
  return localFetch(input, init)
}

export type Remote = TestServer & { baseUrl: string; endpoint: string }

export async function seededRemote(): Promise<Remote> {
  const server = await listeningServer()
  await writeAniListImport(server.app.kiroku.db, server.clock, parseAniListImport(JSON.stringify(remoteWorld())))
  await refreshRankings(server.app.kiroku.db)
  return { ...server, endpoint: `${server.baseUrl}/graphql` }
}

export interface Local {
  url: string
  database: Database
  /** A Kiroku server on the local database (after the pull), to read it as apps do. */
  serve(): Promise<TestServer>
  close(): Promise<void>
}

/** An empty, migrated database of the dialect under test that a server can open again by URL. */
export async function freshLocal(): Promise<Local> {
  const tmp = tempDir()
  const pg = TEST_DIALECT === 'postgres' ? await createTestDatabase() : null
  const url = pg ? pg.url : `sqlite:${tmp.file('local.db')}`
  const database = openDatabase(url)
  await migrateToLatest(database)
  const servers: TestServer[] = []
  return {
    url,
    database,
    serve: async () => {
      const server = await testServer({ databaseUrl: url })
      servers.push(server)
      return server
    },
    close: async () => {
      for (const s of servers) await s.app.close()
      await database.close()
      await pg?.drop()
      tmp.remove()
    },
  }
}

/** A client that never really sleeps: it records each wait instead. */
export function testClient(endpoint: string, options: Partial<RemoteOptions> = {}): { client: RemoteClient; waits: number[] } {
  const waits: number[] = []
  const client = new RemoteClient({ endpoint, sleep: async (s) => void waits.push(s), timeoutSeconds: 10, ...options })
  return { client, waits }
}
