/**
 * Keeps the figures on media rows (averageScore, meanScore, popularity, favourites, trending) in step
 * with this server's lists and favourites. The list code calls recomputeFigures after each save or
 * delete, the favourites mutation after each toggle, `kiroku figures recompute` for everything.
 *
 * Imported figures vs local ones: a work nobody here has listed or favourited keeps the figures its
 * import brought (the demo catalog shows AniList's numbers, not a wall of zeros). As soon as one local
 * user lists or favourites it, local data wins for all five figures: mixing AniList's 300,000 users
 * with ours would make neither number true. The imported figures are set aside in
 * `media_figure_imports` at that moment and put back if the last local entry and favourite go, so a
 * trial save and delete does not erase them.
 *
 * Each recompute reads what is committed and writes it; two recomputes of one work racing on
 * PostgreSQL may leave the older count for a moment, which the next save or the daily pass corrects.
 *
 * This file reads `media_list` in aggregate only: the figures are the lists domain's own computation
 * (entry rows stay lists/entry-store.ts's), and it owns `media_figure_imports`.
 */
import { sql, type Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import { favouriteCounts, favouritedItemIds } from '../../accounts/favourites.js'
import { loadMediaByIds, writeMediaFigures, type MediaFigures } from '../../catalog/media-store.js'
import { averageScoreOf, meanScoreOf, TRENDING_WINDOW, type ListCounts } from './formulas.js'
import { refreshRankings } from './rankings.js'

/** Media per pass: well under both databases' bound-parameter limits. */
const CHUNK = 500

/** The mean of every public non-zero score on the server: averageScore's prior. */
async function serverMeanScore(db: Kysely<Tables>): Promise<number | null> {
  const row = await db
    .selectFrom('media_list')
    .select((eb) => eb.fn.avg<number | string | null>('score').as('mean'))
    .where('score', '>', 0)
    .where('is_private', '=', 0)
    .executeTakeFirst()
  return row?.mean == null ? null : Number(row.mean)
}

/** One aggregate query: the counts behind the figures of each of these media (absent: no entry). */
async function listCounts(db: Kysely<Tables>, ids: readonly number[], since: number): Promise<Map<number, ListCounts>> {
  const rows = await db
    .selectFrom('media_list')
    .select([
      'media_id',
      sql<number | string>`count(*)`.as('entries'),
      sql<number | string>`sum(case when is_private = 0 and score > 0 then 1 else 0 end)`.as('scored'),
      sql<number | string>`sum(case when is_private = 0 and score > 0 then score else 0 end)`.as('score_sum'),
      sql<number | string>`sum(case when updated_at >= ${since} then 1 else 0 end)`.as('recent'),
    ])
    .where('media_id', 'in', [...ids])
    .groupBy('media_id')
    .execute()
  return new Map(rows.map((r) => [r.media_id, { entries: Number(r.entries), scored: Number(r.scored), scoreSum: Number(r.score_sum), recent: Number(r.recent) }]))
}

/** Recomputes the figures of these media from local lists and favourites (see the file comment for imported ones). */
export async function recomputeFigures(db: Kysely<Tables>, clock: Clock, mediaIds: readonly number[]): Promise<void> {
  const unique = [...new Set(mediaIds)]
  if (unique.length === 0) return
  const prior = await serverMeanScore(db)
  for (let start = 0; start < unique.length; start += CHUNK) {
    await recomputeChunk(db, clock, unique.slice(start, start + CHUNK), prior)
  }
}

async function recomputeChunk(db: Kysely<Tables>, clock: Clock, ids: number[], prior: number | null): Promise<void> {
  const counts = await listCounts(db, ids, clock() - TRENDING_WINDOW)
  const favourites = await favouriteCounts(db, ['ANIME', 'MANGA'], ids)
  const setAside = new Set((await db.selectFrom('media_figure_imports').select('media_id').where('media_id', 'in', ids).execute()).map((r) => r.media_id))
  const local = new Map<number, MediaFigures>()
  const restore: number[] = []
  for (const id of ids) {
    const c = counts.get(id)
    const favs = favourites.get(id) ?? 0
    if (!c && favs === 0) {
      if (setAside.has(id)) restore.push(id)
      continue
    }
    const list = c ?? { entries: 0, scored: 0, scoreSum: 0, recent: 0 }
    local.set(id, { averageScore: averageScoreOf(list, prior), meanScore: meanScoreOf(list), popularity: list.entries, favourites: favs, trending: list.recent })
  }
  const newlyLocal = [...local.keys()].filter((id) => !setAside.has(id))
  if (newlyLocal.length > 0) {
    const imported = await loadMediaByIds(db, newlyLocal)
    const rows = [...imported.values()].map((m) => ({ media_id: m.id, average_score: m.averageScore, mean_score: m.meanScore, popularity: m.popularity, favourites: m.favourites, trending: m.trending }))
    if (rows.length > 0) await db.insertInto('media_figure_imports').values(rows).onConflict((oc) => oc.column('media_id').doNothing()).execute()
  }
  if (restore.length > 0) {
    const kept = await db.selectFrom('media_figure_imports').selectAll().where('media_id', 'in', restore).execute()
    await writeMediaFigures(db, new Map(kept.map((r) => [r.media_id, { averageScore: r.average_score, meanScore: r.mean_score, popularity: r.popularity, favourites: r.favourites, trending: r.trending }])))
    await db.deleteFrom('media_figure_imports').where('media_id', 'in', restore).execute()
  }
  await writeMediaFigures(db, local)
}

/**
 * Every media with local data, or whose imported figures are set aside, recomputed: the full pass of
 * `kiroku figures recompute` after an import (which writes AniList's figures over local ones), and
 * the daily job's first step, so that trending forgets activity older than its window. The rankings
 * are refreshed after it (rankings.ts).
 * Returns how many media it recomputed.
 */
export async function recomputeAllFigures(db: Kysely<Tables>, clock: Clock): Promise<number> {
  const ids = new Set<number>()
  for (const r of await db.selectFrom('media_list').select('media_id').distinct().execute()) ids.add(r.media_id)
  for (const r of await db.selectFrom('media_figure_imports').select('media_id').execute()) ids.add(r.media_id)
  for (const id of await favouritedItemIds(db, ['ANIME', 'MANGA'])) ids.add(id)
  // Favourites are not foreign keys: keep only ids the catalog holds.
  const known = await loadMediaByIds(db, [...ids])
  await recomputeFigures(db, clock, [...known.keys()])
  // The rankings follow the figures: ranked again over the whole catalog.
  await refreshRankings(db)
  return known.size
}
