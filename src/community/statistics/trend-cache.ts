/**
 * Site trends kept for a minute: each is a grouped scan of a whole table (the catalog may hold tens
 * of thousands of works), and the page that shows them is public, so a burst of requests must not
 * mean a burst of scans. A minute old is fresh enough for a daily statistic. Kept per database
 * handle (one per server), never globally; a failed computation is not kept.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import { siteTrends, type SiteTrend, type SiteTrendField } from './site-trends.js'

export const SITE_TREND_CACHE_SECONDS = 60

interface Kept {
  at: number
  trends: Promise<SiteTrend[]>
}

const byDatabase = new WeakMap<Kysely<Tables>, Map<SiteTrendField, Kept>>()

/** A field's trends as siteTrends computes them, at most SITE_TREND_CACHE_SECONDS old. */
export function cachedSiteTrends(db: Kysely<Tables>, field: SiteTrendField, now: number): Promise<SiteTrend[]> {
  let kept = byDatabase.get(db)
  if (!kept) byDatabase.set(db, (kept = new Map()))
  const hit = kept.get(field)
  if (hit && now - hit.at < SITE_TREND_CACHE_SECONDS && now >= hit.at) return hit.trends
  const trends = siteTrends(db, field, now)
  const entry = { at: now, trends }
  kept.set(field, entry)
  trends.catch(() => {
    if (kept.get(field) === entry) kept.delete(field)
  })
  return trends
}
