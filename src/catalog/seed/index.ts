/**
 * The built-in catalog that `serve --demo` loads: well-known anime and manga with their real AniList
 * ids, so that the documents real clients send find something to answer with.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import type { MediaInput } from '../media.js'
import { upsertMedia, type UpsertResult } from '../media-store.js'
import { SEED_ANIME } from './anime.js'
import { SEED_MANGA } from './manga.js'
import { seedToInput } from './entry.js'
import { seedStudios } from './studios.js'

/** Every built-in work as catalog input: anime first, then manga. */
export function builtInCatalog(): MediaInput[] {
  return [...SEED_ANIME.map((e) => seedToInput(e, 'ANIME')), ...SEED_MANGA.map((e) => seedToInput(e, 'MANGA'))]
}

/**
 * Adds the built-in works the catalog lacks, and their studios (seed/studios.ts). Works already stored
 * are left alone, whether they came from an earlier seed or from an import, so running this again
 * changes nothing.
 */
export async function seedCatalog(db: Kysely<Tables>, clock: Clock): Promise<UpsertResult> {
  const result = await upsertMedia(db, clock, builtInCatalog(), { insertOnly: true })
  await seedStudios(db, clock)
  return result
}
