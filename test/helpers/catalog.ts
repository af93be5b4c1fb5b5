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

/** A server whose catalog holds the built-in and fixture works (test servers have no rate limit). */
export async function catalogServer(): Promise<TestServer> {
  const server = await testServer()
  await seedCatalog(server.app.kiroku.db, server.clock)
  await upsertMedia(server.app.kiroku.db, server.clock, fixtureMedia())
  return server
}
