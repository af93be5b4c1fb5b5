/**
 * The main animation studios of the built-in anime, under AniList's studio ids. Written down by hand
 * and kept to what is certain: a studio whose AniList id is not known for sure is left out, with
 * its works (an import fills them in), rather than stored under a wrong id.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import { loadStudiosByIds, setMediaStudios, studiosOfMedia, upsertStudios } from '../studios.js'
import { loadMediaByIds } from '../media-store.js'

/** AniList id → name; every one an animation studio. */
export const SEED_STUDIOS: Readonly<Record<number, string>> = {
  1: 'Studio Pierrot', 2: 'Kyoto Animation', 4: 'Bones', 6: 'Gainax', 7: 'J.C.Staff', 10: 'Production I.G', 11: 'MADHOUSE',
  14: 'Sunrise', 18: 'Toei Animation', 21: 'Studio Ghibli', 37: 'Studio Deen', 43: 'ufotable', 44: 'Shaft', 56: 'A-1 Pictures',
  73: 'TMS Entertainment', 95: 'Doga Kobo', 314: 'White Fox', 569: 'MAPPA', 803: 'Trigger', 858: 'Wit Studio', 1835: 'CloverWorks',
}

/** Built-in anime → its main animation studios, in AniList's order. */
export const SEED_MEDIA_STUDIOS: ReadonlyArray<readonly [number, readonly number[]]> = [
  [1, [14]], [5, [4]], [6, [11]], [20, [1]], [21, [18]], [30, [6]], [43, [10]], [47, [73]], [121, [4]], [164, [21]], [199, [21]],
  [269, [1]], [530, [18]], [813, [18]], [849, [2]], [1535, [11]], [1575, [14]], [1887, [2]], [2001, [6]], [4181, [2]], [4224, [7]],
  [5081, [44]], [5114, [4]], [5680, [2]], [9253, [314]], [9756, [44]], [9989, [56]], [10165, [2]], [11061, [11]], [11757, [56]],
  [13125, [56]], [13601, [10]], [16498, [858]], [18679, [803]], [20464, [10]], [20605, [1]], [20623, [11]], [20665, [56]],
  [20954, [2]], [20958, [858]], [21087, [11]], [21202, [37]], [21234, [56]], [21355, [314]], [21459, [4]], [21507, [4]],
  [21827, [2]], [101348, [858]], [101921, [56]], [101922, [43]], [105333, [73]], [112151, [43]], [113415, [569]], [120377, [803]],
  [127230, [569]], [130003, [1835]], [140960, [858, 1835]], [143270, [56]], [145064, [569]], [150672, [95]], [153518, [803]],
  [154587, [11]],
]

/**
 * Adds the built-in studios the catalog lacks, and links each built-in anime to its studios when it
 * has none stored: a work whose studios came from an import keeps them, and a studio an import
 * renamed keeps its name. Running this again changes nothing.
 */
export async function seedStudios(db: Kysely<Tables>, clock: Clock): Promise<void> {
  const ids = Object.keys(SEED_STUDIOS).map(Number)
  const stored = await loadStudiosByIds(db, ids)
  const missing = ids.filter((id) => !stored.has(id)).map((id) => ({ id, name: SEED_STUDIOS[id]!, isAnimationStudio: true }))
  if (missing.length > 0) await upsertStudios(db, clock, missing)
  const mediaIds = SEED_MEDIA_STUDIOS.map(([id]) => id)
  const [media, linked] = await Promise.all([loadMediaByIds(db, mediaIds), studiosOfMedia(db, mediaIds)])
  const unlinked = SEED_MEDIA_STUDIOS.filter(([id]) => media.has(id) && (linked.get(id) ?? []).length === 0)
  if (unlinked.length === 0) return
  await db.transaction().execute(async (trx) => {
    for (const [mediaId, studios] of unlinked) await setMediaStudios(trx, mediaId, studios.map((studioId) => ({ studioId, isMain: true })))
  })
}
