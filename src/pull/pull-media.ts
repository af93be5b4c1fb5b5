/**
 * `kiroku pull media`: fills this server's catalog with works of a remote AniList-compatible API,
 * by id, following their relations to a chosen depth. Each batch of 50 is written through the same
 * reader and writer as `kiroku import` (so a pulled work and an imported file can never differ),
 * then recorded as pulled, so that an interrupted pull resumes with the next batch. Remote ids are
 * kept as this server's ids: AniList's ids are the ones apps use.
 */
import type { Kysely } from 'kysely'
import type { MediaWrite } from '../catalog/media-store.js'
import { notifyMediaWrites } from '../social/media-notifications.js'
import type { Tables } from '../storage/tables.js'
import type { Clock } from '../util/clock.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import { readAniListImport, writeAniListImport } from '../people/import/anilist-import.js'
import { recomputeFigures } from '../lists/figures/recompute.js'
import { refreshRankings } from '../lists/figures/rankings.js'
import { ImportError } from '../catalog/importers/import-error.js'
import { BATCH_SIZE, fetchMediaBatch, fullSizes, relatedIds } from './fetch-media.js'
import { markPulled, pulledFrom } from './pull-state.js'
import { RemoteError, type RemoteClient } from './remote.js'
import { addCounts, type Counts } from './counts.js'

export interface PullMediaOptions {
  ids: readonly number[]
  /** How many levels of relations to follow (0: only `ids`). */
  relations?: number
  /** The dubs whose voice actors come along (StaffLanguage values); Japanese when absent, as AniList answers. */
  languages?: readonly string[]
  /** Pull again works already pulled from this endpoint. */
  refresh?: boolean
  /** Asked before each batch: true stops the pull there (Ctrl-C), with what is written recorded, so that the next run resumes. */
  shouldStop?: () => boolean
  /** Reports works done out of works known so far (the total grows as relations are found); done
   * reaches the total once, at the end, so that a progress bar is finished only then. */
  onProgress?: (done: number, total: number) => void
}

export interface PullSummary extends Counts {
  inserted: number
  updated: number
  unchanged: number
  /** Works asked of the remote and written. */
  pulled: number
  /** Works skipped as already pulled from this endpoint (resume; --refresh pulls them again). */
  skipped: number
  /** Ids the remote does not know. */
  notFound: number[]
  /** Present (true) when the pull was stopped before the end. */
  interrupted?: true
}

export async function pullMedia(db: Kysely<Tables>, clock: Clock, remote: RemoteClient, options: PullMediaOptions): Promise<PullSummary> {
  const summary: PullSummary = { inserted: 0, updated: 0, unchanged: 0, pulled: 0, skipped: 0, notFound: [] }
  const seen = new Set<number>()
  const written: number[] = []
  // What the pull changed in works already stored, for the notifications of the users who list them.
  const writes: MediaWrite[] = []
  let level = [...new Set(options.ids)]
  let known = level.length
  const sizes = fullSizes()
  let done = 0
  const report = () => void (done < known && options.onProgress?.(done, known))
  report()
  for (let depth = 0; level.length > 0 && depth <= (options.relations ?? 0); depth++) {
    for (const id of level) seen.add(id)
    const skip = options.refresh ? new Set<number>() : await pulledFrom(db, remote.endpoint, level)
    const next: number[] = []
    // A work pulled before still leads to its relations: they are read from what was stored.
    if (skip.size > 0) for (const media of (await loadMediaByIds(db, [...skip])).values()) next.push(...media.relations.map((r) => r.id))
    summary.skipped += skip.size
    done += skip.size
    report()
    const unpulled = level.filter((id) => !skip.has(id))
    for (let start = 0; start < unpulled.length; start += BATCH_SIZE) {
      if (options.shouldStop?.()) {
        summary.interrupted = true
        break
      }
      const batch = unpulled.slice(start, start + BATCH_SIZE)
      const works = await fetchMediaBatch(remote, batch, options.languages, sizes)
      const returned = new Set(works.map((w) => w.id))
      summary.notFound.push(...batch.filter((id) => !returned.has(id)))
      for (const work of works) next.push(...relatedIds(work))
      if (works.length > 0) {
        const result = await writeAniListImport(db, clock, parseRemote(remote, works), { onWritten: (w) => void writes.push(w) })
        addCounts(summary, result as unknown as Counts)
        const ids = works.map((w) => w.id as number)
        await markPulled(db, remote.endpoint, ids, clock())
        written.push(...ids)
        summary.pulled += ids.length
      }
      done += batch.length
      report()
    }
    if (summary.interrupted) break
    level = [...new Set(next)].filter((id) => !seen.has(id))
    if (depth < (options.relations ?? 0)) {
      known += level.length
      report()
    }
  }
  if (!summary.interrupted) options.onProgress?.(known, known)
  if (written.length > 0) {
    await notifyMediaWrites(db, clock, writes)
    // As after `kiroku import`: where this server's lists already speak for a work, theirs win
    // again, and the catalog is ranked anew (rankings are never pulled: they are this catalog's own).
    await recomputeFigures(db, clock, written)
    await refreshRankings(db)
  }
  return summary
}

/** The remote's works, read as a saved file would be; works the reader refuses are a remote fault, said plainly. */
function parseRemote(remote: RemoteClient, works: unknown[]) {
  try {
    return readAniListImport(works)
  } catch (error) {
    if (error instanceof ImportError) throw new RemoteError(`${remote.endpoint} answered works this server cannot store: ${error.problems.slice(0, 3).join('; ')}${error.problems.length > 3 ? ` (and ${error.problems.length - 3} more)` : ''}`)
    throw error
  }
}
