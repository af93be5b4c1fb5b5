/** A test server whose catalog holds the built-in works plus the made-up fixture works (ids 9000xx). */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { seedCatalog } from '../../src/catalog/seed/index.js'
import { parseAniListMediaFile } from '../../src/catalog/importers/anilist-json.js'
import { upsertMedia } from '../../src/catalog/media-store.js'
import { testServer, type TestServer } from './server.js'

export const FIXTURE_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../catalog/fixtures/media-page.json')

/** The fixture works: five made-up media whose scores and counts the tests rely on. */
export const fixtureMedia = () => parseAniListMediaFile(fs.readFileSync(FIXTURE_FILE, 'utf8'))

export async function catalogServer(): Promise<TestServer> {
  // The catalog tests send hundreds of anonymous requests from one address within one (frozen)
  // minute; the rate limit has tests of its own.
  const server = await testServer({ rateLimitPerMinute: 0 })
  await seedCatalog(server.app.kiroku.db, server.clock)
  await upsertMedia(server.app.kiroku.db, server.clock, fixtureMedia())
  return server
}
