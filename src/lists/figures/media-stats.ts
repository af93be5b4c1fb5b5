/**
 * Media.stats: how a work's users scored it (in AniList's ten buckets, 10 to 100) and where it sits
 * on their lists, for every work of a page in one aggregate query. Private entries count in the
 * status distribution (as in popularity) but not in the score distribution (as in the scores).
 */
import { sql, type Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'

/** The statuses AniList's distribution shows; a rewatch (REPEATING) counts as watching. */
export const DISTRIBUTION_STATUSES = ['CURRENT', 'PLANNING', 'COMPLETED', 'DROPPED', 'PAUSED'] as const

export interface ScoreAmount {
  score: number
  amount: number
}

export interface StatusAmount {
  status: string
  amount: number
}

export interface MediaStats {
  scoreDistribution: ScoreAmount[]
  statusDistribution: StatusAmount[]
}

const CHUNK = 500
const BUCKETS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]

/** The ten-point bucket of a raw 1–100 score: the nearest ten, at least 10 (a 3 counts as 10, an 84 as 80). */
export function scoreBucket(score: number): number {
  return Math.min(100, Math.max(10, Math.round(score / 10) * 10))
}

/** Every bucket from 10 to 100 with how many scores fall in it (raw scores, 0 for none, are left out). */
export function scoreDistribution(scores: Iterable<[score: number, amount: number]>): ScoreAmount[] {
  const amounts = new Map(BUCKETS.map((b) => [b, 0]))
  for (const [score, amount] of scores) if (score > 0) amounts.set(scoreBucket(score), amounts.get(scoreBucket(score))! + amount)
  return BUCKETS.map((score) => ({ score, amount: amounts.get(score)! }))
}

/** The five statuses with their amounts (REPEATING folded into CURRENT). */
export function statusDistribution(statuses: Iterable<[status: string, amount: number]>): StatusAmount[] {
  const amounts = new Map<string, number>(DISTRIBUTION_STATUSES.map((s) => [s, 0]))
  for (const [status, amount] of statuses) {
    const key = status === 'REPEATING' ? 'CURRENT' : status
    if (amounts.has(key)) amounts.set(key, amounts.get(key)! + amount)
  }
  return DISTRIBUTION_STATUSES.map((status) => ({ status, amount: amounts.get(status)! }))
}

/** The stats of each of these media, one aggregate statement per 500 works. */
export async function statsOf(db: Kysely<Tables>, mediaIds: readonly number[]): Promise<Map<number, MediaStats>> {
  const scores = new Map<number, Array<[number, number]>>()
  const statuses = new Map<number, Array<[string, number]>>()
  const unique = [...new Set(mediaIds)]
  for (let start = 0; start < unique.length; start += CHUNK) {
    const rows = await db
      .selectFrom('media_list')
      .select([
        'media_id',
        'status',
        sql<number>`case when is_private = 0 then score else 0 end`.as('public_score'),
        sql<number | string>`count(*)`.as('n'),
      ])
      .where('media_id', 'in', unique.slice(start, start + CHUNK))
      .groupBy(['media_id', 'status', sql`case when is_private = 0 then score else 0 end`])
      .execute()
    for (const r of rows) {
      const n = Number(r.n)
      scores.set(r.media_id, [...(scores.get(r.media_id) ?? []), [Number(r.public_score), n]])
      statuses.set(r.media_id, [...(statuses.get(r.media_id) ?? []), [r.status, n]])
    }
  }
  return new Map(unique.map((id) => [id, { scoreDistribution: scoreDistribution(scores.get(id) ?? []), statusDistribution: statusDistribution(statuses.get(id) ?? []) }]))
}
