/**
 * Media.rankings: where a work stands among works of its own type and format, as AniList ranks them:
 * RATED by averageScore and POPULAR by popularity, all time, within its year, and within its season.
 * Only works with the figure are ranked (no averageScore: no RATED rank; on nobody's list and no
 * imported popularity: no POPULAR rank). Ties go to the more popular work, then the lower id, so each
 * place is held once.
 *
 * Ranking means ordering the whole catalog (six window functions over 8,000 works take ~200 ms), so
 * it is done in one pass into `media_rankings` (this file owns it) by `figures recompute` and the
 * daily job, as AniList's own rankings are refreshed periodically; a read is one indexed query for a
 * whole page of works. The pass reads the media table's figure columns only.
 *
 * The year is the season year when known (anime), else the start year (manga).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { MediaRankingsTable, Tables } from '../../storage/tables.js'

export type MediaRankType = 'RATED' | 'POPULAR'

/** One of AniList's MediaRank values. */
export interface MediaRank {
  /** Unique per work and ranking: the media id × 10 plus the ranking's position (1–6). */
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
/** Rows per INSERT: 8 columns each, well under both databases' parameter limits. */
const INSERT_ROWS = 500

type Scope = 'all' | 'year' | 'season'

/** The rankings a work can hold, in the order Media.rankings lists them (position = index + 1). */
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

const YEAR = sql`coalesce(season_year, start_year)`

/** Every work ranked one way: its place all time, in its year and in its season (null where unknown). */
function ranked(kind: MediaRankType, order: RawBuilder<unknown>, having: RawBuilder<unknown>) {
  return sql`
    select id, ${sql.lit(kind)} as kind, format, ${YEAR} as year, season,
      row_number() over (partition by type, format order by ${order}) as r_all,
      case when ${YEAR} is null then null else row_number() over (partition by type, format, ${YEAR} order by ${order}) end as r_year,
      case when season is null or season_year is null then null else row_number() over (partition by type, format, season_year, season order by ${order}) end as r_season
    from media where format is not null and ${having}`
}

/** Ranks the whole catalog again into media_rankings, in one transaction; returns how many places it stored. */
export async function refreshRankings(db: Kysely<Tables>): Promise<number> {
  const rated = ranked('RATED', sql`average_score desc, popularity desc, id asc`, sql`average_score is not null`)
  const popular = ranked('POPULAR', sql`popularity desc, id asc`, sql`popularity > 0`)
  const { rows } = await sql<RankRow>`${rated} union all ${popular}`.execute(db)
  const places: MediaRankingsTable[] = []
  for (const row of rows) {
    const ranks = { all: row.r_all, year: row.r_year, season: row.r_season }
    RANKINGS.forEach(({ type, scope }, i) => {
      const rank = ranks[scope]
      if (type !== row.kind || rank === null) return
      places.push({
        media_id: row.id, position: i + 1, rank: Number(rank), type, format: row.format, all_time: scope === 'all' ? 1 : 0,
        year: scope === 'all' ? null : row.year, season: scope === 'season' ? row.season : null,
      })
    })
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('media_rankings').execute()
    for (let start = 0; start < places.length; start += INSERT_ROWS) {
      // Another instance refreshing at the same moment ranks the same catalog: its rows win or ours do, alike.
      await trx
        .insertInto('media_rankings')
        .values(places.slice(start, start + INSERT_ROWS))
        .onConflict((oc) =>
          oc.columns(['media_id', 'position']).doUpdateSet((eb) => ({
            rank: eb.ref('excluded.rank'), type: eb.ref('excluded.type'), format: eb.ref('excluded.format'), year: eb.ref('excluded.year'),
            season: eb.ref('excluded.season'), all_time: eb.ref('excluded.all_time'),
          })),
        )
        .execute()
    }
  })
  return places.length
}

/** The rankings of each of these media (an empty list for a work with none), one query per 500 works. */
export async function rankingsOf(db: Kysely<Tables>, mediaIds: readonly number[]): Promise<Map<number, MediaRank[]>> {
  const out = new Map<number, MediaRank[]>(mediaIds.map((id) => [id, []]))
  const unique = [...new Set(mediaIds)]
  for (let start = 0; start < unique.length; start += CHUNK) {
    const rows = await db.selectFrom('media_rankings').selectAll().where('media_id', 'in', unique.slice(start, start + CHUNK)).orderBy('media_id').orderBy('position').execute()
    for (const r of rows) {
      const { type, scope } = RANKINGS[r.position - 1]!
      out.get(r.media_id)!.push({
        id: r.media_id * 10 + r.position, rank: r.rank, type, format: r.format, year: r.year, season: r.season, allTime: r.all_time === 1,
        context: rankContext(type, scope, r.year, r.season),
      })
    }
  }
  return out
}
