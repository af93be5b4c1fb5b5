/** The catalog-world fixture (three made-up works, ids 9100xx, with studios, tags, links and airings) and a server that holds it. */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { parseAniListFile, type AniListFile } from '../../src/catalog/importers/anilist-json.js'
import { upsertMedia, type UpsertResult } from '../../src/catalog/media-store.js'
import { writeMediaExtras, type ExtrasResult } from '../../src/catalog/media-extras.js'
import type { Tables } from '../../src/storage/tables.js'
import type { Clock } from '../../src/util/clock.js'
import { catalogServer } from '../helpers/catalog.js'
import type { TestServer } from '../helpers/server.js'

export const WORLD_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/catalog-world.json')

export const worldFile = (): AniListFile => parseAniListFile(fs.readFileSync(WORLD_FILE, 'utf8'))

/** Imports a parsed file as `kiroku import` does: the media rows, then what each work carries. */
export async function importFile(db: Kysely<Tables>, clock: Clock, file: AniListFile): Promise<{ media: UpsertResult; extras: ExtrasResult }> {
  const media = await upsertMedia(db, clock, file.media)
  return { media, extras: await writeMediaExtras(db, clock, file.extras) }
}

/** The catalog server (built-in and fixture works) with the catalog-world fixture imported. */
export async function worldServer(): Promise<TestServer> {
  const server = await catalogServer()
  await importFile(server.app.kiroku.db, server.clock, worldFile())
  return server
}
