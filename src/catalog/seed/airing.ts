/**
 * The demo's airing schedules: for every anime of the built-in catalog still releasing, a weekly
 * schedule around the clock (a year of aired episodes up to the current one, and a year ahead), so
 * that nextAiringEpisode on a freshly started demo is always a week or less away. The rows are
 * generated, not facts: each run replaces the generated rows still to air and keeps the aired ones,
 * and an imported schedule's episodes are never overwritten (catalog/airing.ts).
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { Clock } from '../../util/clock.js'
import { replaceGeneratedAiring, type Airing } from '../airing.js'
import { loadMediaByIds } from '../media-store.js'
import { SEED_ANIME } from './anime.js'
import { parseSeedDate, type SeedEntry } from './entry.js'

const WEEK = 7 * 24 * 60 * 60
/** Weeks of aired episodes kept behind the current one, and of episodes ahead. */
const WEEKS_BEHIND = 52
const WEEKS_AHEAD = 52

/**
 * Generated airing ids: far above AniList's own (a few hundred thousand so far), yet within GraphQL's
 * 32-bit Int, one block of 10,000 episodes per work; works with ids of 100,000 and more get none.
 */
const GENERATED_ID_BASE = 1_000_000_000
const MAX_GENERATED_MEDIA_ID = 99_999
const MAX_GENERATED_EPISODE = 9_999

/** One known airing a weekly schedule is counted from. */
export interface AiringAnchor {
  episode: number
  airingAt: number
}

/**
 * Known airings of the releasing built-in anime. ONE PIECE came back from its 2024–25 break with
 * episode 1123 on 6 April 2025, in the Sunday 23:15 JST slot (14:15 UTC).
 */
const ANCHORS: Readonly<Record<number, AiringAnchor>> = {
  21: { episode: 1123, airingAt: Date.UTC(2025, 3, 6, 14, 15) / 1000 },
}

/** A work without a known airing counts from its first episode on its start date, at 15:00 UTC. */
function anchorOf(entry: SeedEntry): AiringAnchor | null {
  if (ANCHORS[entry.id]) return ANCHORS[entry.id]!
  const start = parseSeedDate(entry.start)
  if (start.year === null || start.month === null || start.day === null) return null
  return { episode: 1, airingAt: Date.UTC(start.year, start.month - 1, start.day, 15) / 1000 }
}

/** The weekly schedule around `now`: the episodes of the last year up to the latest aired one, and a year ahead. */
export function weeklySchedule(mediaId: number, anchor: AiringAnchor, now: number): Airing[] {
  const current = anchor.episode + Math.floor((now - anchor.airingAt) / WEEK)
  const first = Math.max(1, current - WEEKS_BEHIND + 1)
  const last = Math.min(MAX_GENERATED_EPISODE, current + WEEKS_AHEAD)
  const out: Airing[] = []
  for (let episode = first; episode <= last; episode++) {
    out.push({ id: GENERATED_ID_BASE + mediaId * 10_000 + episode, mediaId, episode, airingAt: anchor.airingAt + (episode - anchor.episode) * WEEK })
  }
  return out
}

/** The built-in anime the generator schedules: those releasing, with an id its id range can hold. */
export function releasingBuiltInAnime(): SeedEntry[] {
  return SEED_ANIME.filter((e) => e.status === 'RELEASING' && e.id <= MAX_GENERATED_MEDIA_ID)
}

/**
 * Puts the generated schedules in place for the releasing built-in anime the catalog holds; returns
 * how many rows changed (0 when run again at the same time).
 */
export async function seedAiringSchedules(db: Kysely<Tables>, clock: Clock): Promise<number> {
  const now = clock()
  const entries = releasingBuiltInAnime()
  const stored = await loadMediaByIds(db, entries.map((e) => e.id))
  let changed = 0
  for (const entry of entries) {
    const anchor = anchorOf(entry)
    if (!anchor || !stored.has(entry.id)) continue
    changed += await replaceGeneratedAiring(db, entry.id, weeklySchedule(entry.id, anchor, now), now)
  }
  return changed
}
