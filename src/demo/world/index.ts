/**
 * The built-in world around the built-in catalog: for every work its synopsis, studios, tags,
 * relations and figures (catalog-facts.json), and for the best-known ones their characters, voice
 * actors and staff (casts.json). Both files are written in AniList's own response shape, so they go
 * through the same importer as `kiroku import`, and SOURCES.md / CASTS-SOURCES.md say how each fact
 * was written down and checked.
 */
import fs from 'node:fs'
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import { readAniListImport, writeAniListImport } from '../../people/import/anilist-import.js'

const WORLD_FILES = ['catalog-facts.json', 'casts.json'] as const

/** Each file's Media objects, read once per process: they never change while it runs. */
let cached: Map<string, Array<{ id: number }>> | null = null
function worldDocuments(): Map<string, Array<{ id: number }>> {
  cached ??= new Map(WORLD_FILES.map((name) => [name, JSON.parse(fs.readFileSync(new URL(name, import.meta.url), 'utf8')) as Array<{ id: number }>]))
  return cached
}

/**
 * Writes the world's facts for these works (the built-in works the demo just added). Works that were
 * already stored are left alone: an operator's own import of a work always wins over the demo's.
 * Returns how many works received facts.
 */
export async function seedDemoWorld(db: Kysely<Tables>, clock: Clock, mediaIds: ReadonlySet<number>): Promise<number> {
  if (mediaIds.size === 0) return 0
  const touched = new Set<number>()
  for (const documents of worldDocuments().values()) {
    const chosen = documents.filter((d) => mediaIds.has(d.id))
    if (chosen.length === 0) continue
    for (const d of chosen) touched.add(d.id)
    await writeAniListImport(db, clock, readAniListImport(chosen))
  }
  return touched.size
}
