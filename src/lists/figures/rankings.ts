/**
 * Media.rankings: where a work stands among works of its own type and format, as AniList ranks them:
 * RATED by averageScore and POPULAR by popularity, all time, within its year, and within its season.
 * Ranked at read time with window functions over the catalog's figure columns, for every work of a
 * page in one statement; only works with the figure are ranked (a work with no averageScore has no
 * RATED rank, one on nobody's list no POPULAR rank). Ties go to the more popular work, then the
 * lower id, so each rank is held once.
 *
 * The year is the season year when known (anime), else the start year (manga). The statement reads
 * the media table's figure columns only; the figures themselves are this folder's (recompute.ts).
 */
import { sql, type Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'

export type MediaRankType = 'RATED' | 'POPULAR'

/** One of AniList's MediaRank values. */
export interface MediaRank {
  /** Unique per work and ranking: the media id × 10 plus the ranking's place in RANKINGS. */
  id: number
  rank: number
  type: MediaRankType
  format: string
  year: number | null
  season: string | null
  allTime: boolean
  context: string
}

const CHUNK = 500

type Scope = 'all' | 'year' | 'season'

/** The rankings a work can hold, in the order Media.rankings lists them. */
const RANKINGS: ReadonlyArray<{ type: MediaRankType; scope: Scope }> = [
  { type: 'RATED', scope: 'all' },
  { type: 'POPULAR', scope: 'all' },
  { type: 'RATED', scope: 'year' },
  { type: 'POPULAR', scope: 'year' },
  { type: 'RATED', scope: 'season' },
  { type: 'POPULAR', scope: 'season' },
]

/** AniList's wording: "highest rated all time", "most popular 2019", "highest rated fall 2019". */
export function rankContext(type: MediaRankType, scope: Scope, year: number | null, season: string | null): string {
  const what = type === 'RATED' ? 'highest rated' : 'most popular'
  if (scope === 'all') return `${what} all time`
  if (scope === 'year') return `${what} ${year}`
  return `${what} ${season!.toLowerCase()} ${year}`
}

interface RankRow {
  id: number
  kind: string
  format: string
  year: number | null
  season: string | null
  r_all: number | string
  r_year: number | string | null
  r_season: number | string | null
}

/** The rankings of each of these media (an empty list for a work with none), one statement per 500 works. */
export async function rankingsOf(db: Kysely<Tables>, mediaIds: readonly number[]): Promise<Map<number, MediaRank[]>> {
  const out = new Map<number, MediaRank[]>(mediaIds.map((id) => [id, []]))
  const unique = [...new Set(mediaIds)]
  for (let start = 0; start < unique.length; start += CHUNK) {
    const ids = sql.join(unique.slice(start, start + CHUNK))
    const year = sql`coalesce(season_year, start_year)`
    const ranked = (kind: MediaRankType, order: ReturnType<typeof sql>, having: ReturnType<typeof sql>) => sql`
      select id, ${sql.lit(kind)} as kind, format, ${year} as year, season,
        row_number() over (partition by type, format order by ${order}) as r_all,
        case when ${year} is null then null else row_number() over (partition by type, format, ${year} order by ${order}) end as r_year,
        case when season is null or season_year is null then null else row_number() over (partition by type, format, season_year, season order by ${order}) end as r_season
      from media where format is not null and ${having}`
    const rated = ranked('RATED', sql`average_score desc, popularity desc, id asc`, sql`average_score is not null`)
    const popular = ranked('POPULAR', sql`popularity desc, id asc`, sql`popularity > 0`)
    const { rows } = await sql<RankRow>`select * from (${rated}) rated where id in (${ids}) union all select * from (${popular}) popular where id in (${ids})`.execute(db)
    for (const row of rows) {
      const kind = row.kind as MediaRankType
      const ranks = { all: row.r_all, year: row.r_year, season: row.r_season }
      RANKINGS.forEach(({ type, scope }, i) => {
        const rank = ranks[scope]
        if (type !== kind || rank === null) return
        out.get(row.id)!.push({
          id: row.id * 10 + i + 1, rank: Number(rank), type, format: row.format, allTime: scope === 'all',
          year: scope === 'all' ? null : row.year, season: scope === 'season' ? row.season : null,
          context: rankContext(type, scope, row.year, row.season),
        })
      })
    }
  }
  for (const ranks of out.values()) ranks.sort((a, b) => (a.id % 10) - (b.id % 10))
  return out
}
