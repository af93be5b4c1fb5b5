/**
 * Airing schedules: when each episode of an anime airs, in Unix seconds. The only module that reads
 * or writes `airing_schedule`. Imports merge rows by (work, episode), since AniList hands schedules
 * out a page at a time; the demo's generator replaces only its own future rows (seed/airing.ts).
 * Whether an episode has aired is always asked against a `now` the caller passes, the server's clock
 * at request time.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely'
import type { Tables } from '../storage/tables.js'
import { allOf, columnConditions, type List, type Maybe } from '../query/filters.js'
import { orderedBy, sortTerms, type SortKey } from '../query/sorts.js'
import type { Window } from '../query/paging.js'
import { chunks } from './link-rows.js'

type Db = Kysely<Tables> | Transaction<Tables>

export interface Airing {
  id: number
  mediaId: number
  episode: number
  airingAt: number
}

const toAiring = (row: { id: number; media_id: number; episode: number; airing_at: number | string }): Airing => ({
  id: Number(row.id), mediaId: Number(row.media_id), episode: Number(row.episode), airingAt: Number(row.airing_at),
})

/**
 * Merges a work's airings: each row is stored under its (work, episode), replacing what was there
 * for that episode (a generated row included); other episodes are kept. Returns how many rows changed.
 */
export async function mergeMediaAiring(db: Db, mediaId: number, rows: ReadonlyArray<Omit<Airing, 'mediaId'>>): Promise<number> {
  const byEpisode = new Map(rows.map((r) => [r.episode, r]))
  if (byEpisode.size === 0) return 0
  const stored = await db.selectFrom('airing_schedule').selectAll().where('media_id', '=', mediaId).where('episode', 'in', [...byEpisode.keys()]).execute()
  const same = new Set(stored.filter((s) => { const r = byEpisode.get(s.episode)!; return Number(s.id) === r.id && Number(s.airing_at) === r.airingAt && s.generated === 0 }).map((s) => s.episode))
  const changed = [...byEpisode.values()].filter((r) => !same.has(r.episode))
  if (changed.length === 0) return 0
  await db.deleteFrom('airing_schedule').where('media_id', '=', mediaId).where('episode', 'in', changed.map((r) => r.episode)).execute()
  // An airing id names one row: one stored under another work or episode is superseded by the import.
  await db.deleteFrom('airing_schedule').where('id', 'in', changed.map((r) => r.id)).execute()
  await db.insertInto('airing_schedule').values(changed.map((r) => ({ id: r.id, media_id: mediaId, episode: r.episode, airing_at: r.airingAt, generated: 0 }))).execute()
  return changed.length
}

/**
 * Puts a generated schedule in place for a work: its generated rows still to air that `rows` does not
 * hold as they are are removed; past ones are kept; rows missing are added. Episodes with an imported
 * row are left to it. Returns how many rows were added or removed (0 when all was in place).
 */
export async function replaceGeneratedAiring(db: Kysely<Tables>, mediaId: number, rows: readonly Airing[], now: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const wanted = new Map(rows.map((r) => [r.id, r]))
    const future = await trx.selectFrom('airing_schedule').select(['id', 'episode', 'airing_at']).where('media_id', '=', mediaId).where('generated', '=', 1).where('airing_at', '>', now).execute()
    const stale = future.filter((f) => { const w = wanted.get(Number(f.id)); return !w || w.episode !== Number(f.episode) || w.airingAt !== Number(f.airing_at) }).map((f) => Number(f.id))
    for (let start = 0; start < stale.length; start += 500) await trx.deleteFrom('airing_schedule').where('id', 'in', stale.slice(start, start + 500)).execute()
    const kept = await trx.selectFrom('airing_schedule').select(['id', 'episode']).where('media_id', '=', mediaId).execute()
    const episodes = new Set(kept.map((k) => Number(k.episode)))
    const ids = new Set(kept.map((k) => Number(k.id)))
    const fresh = rows.filter((r) => !episodes.has(r.episode) && !ids.has(r.id))
    for (let start = 0; start < fresh.length; start += 100) {
      await trx.insertInto('airing_schedule').values(fresh.slice(start, start + 100).map((r) => ({ id: r.id, media_id: mediaId, episode: r.episode, airing_at: r.airingAt, generated: 1 }))).execute()
    }
    return stale.length + fresh.length
  })
}

/** Each work's next airing: the first with airingAt after `now` (absent for none), in one query per 500 works. */
export async function nextAiringOf(db: Db, mediaIds: readonly number[], now: number): Promise<Map<number, Airing>> {
  const out = new Map<number, Airing>()
  for (const chunk of chunks(mediaIds)) {
    const rows = await db
      .selectFrom('airing_schedule as a')
      .select(['a.id', 'a.media_id', 'a.episode', 'a.airing_at'])
      .where('a.media_id', 'in', chunk)
      .where(sql<SqlBool>`a.airing_at = (select min(b.airing_at) from airing_schedule b where b.media_id = a.media_id and b.airing_at > ${now})`)
      .orderBy('a.media_id')
      .orderBy('a.episode')
      .execute()
    for (const row of rows) if (!out.has(Number(row.media_id))) out.set(Number(row.media_id), toAiring(row))
  }
  return out
}

/**
 * Every episode whose airing time falls in (after, upTo], oldest first, at most `limit`: what the
 * airing notifier announces (social/airing-notifier.ts). Reads the airing-time index.
 */
export async function airedBetween(db: Db, after: number, upTo: number, limit = 1000): Promise<Airing[]> {
  const rows = await db
    .selectFrom('airing_schedule')
    .select(['id', 'media_id', 'episode', 'airing_at'])
    .where('airing_at', '>', after)
    .where('airing_at', '<=', upTo)
    .orderBy('airing_at')
    .orderBy('media_id')
    .orderBy('episode')
    .limit(limit)
    .execute()
  return rows.map(toAiring)
}

/** Each work's last episode airing in [from, to) (absent when none did), in one query per 500 works: the episode a day's trend snapshot names. */
export async function lastEpisodeAiredBetween(db: Db, mediaIds: readonly number[], from: number, to: number): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  for (const chunk of chunks(mediaIds)) {
    const rows = await db
      .selectFrom('airing_schedule')
      .select(['media_id', (eb) => eb.fn.max('episode').as('episode')])
      .where('media_id', 'in', chunk)
      .where('airing_at', '>=', from)
      .where('airing_at', '<', to)
      .groupBy('media_id')
      .execute()
    for (const row of rows) out.set(Number(row.media_id), Number(row.episode))
  }
  return out
}

/** One page of each work's schedule, by airing time, with the total of each. */
export interface AiringPage {
  rows: Airing[]
  total: number
}

/**
 * One page of each work's schedule (only episodes still to air, with notYetAired true; only aired ones
 * with false), in airing order, for many works in one query: a window function numbers each work's rows.
 */
export async function airingPagesOf(db: Db, mediaIds: readonly number[], options: { notYetAired?: boolean | null; now: number; window: Window }): Promise<Map<number, AiringPage>> {
  const out = new Map<number, AiringPage>(mediaIds.map((id) => [id, { rows: [], total: 0 }]))
  const aired = typeof options.notYetAired === 'boolean' ? (options.notYetAired ? sql` and airing_at > ${options.now}` : sql` and airing_at <= ${options.now}`) : sql``
  const { offset, limit } = options.window
  for (const chunk of chunks(mediaIds)) {
    const result = await sql<{ id: number; media_id: number; episode: number; airing_at: number; n: number; total: number }>`
      select id, media_id, episode, airing_at, n, total from (
        select id, media_id, episode, airing_at,
          row_number() over (partition by media_id order by airing_at, episode, id) as n,
          count(*) over (partition by media_id) as total
        from airing_schedule where media_id in (${sql.join(chunk)})${aired}
      ) numbered
      where n > ${offset} and n <= ${offset + limit}
      order by media_id, n`.execute(db)
    for (const row of result.rows) {
      const page = out.get(Number(row.media_id))!
      page.rows.push(toAiring(row))
      page.total = Number(row.total)
    }
    // A page past the end holds no rows, yet the total is still wanted for its pageInfo.
    const empty = chunk.filter((id) => out.get(id)!.rows.length === 0)
    if (empty.length > 0 && offset > 0) {
      const counts = await db.selectFrom('airing_schedule').select((eb) => ['media_id', eb.fn.countAll<number>().as('n')]).where('media_id', 'in', empty).where(sql<SqlBool>`1 = 1${aired}`).groupBy('media_id').execute()
      for (const c of counts) out.get(Number(c.media_id))!.total = Number(c.n)
    }
  }
  return out
}

/** The airings with these ids. */
export async function loadAiringByIds(db: Db, ids: readonly number[]): Promise<Map<number, Airing>> {
  const out = new Map<number, Airing>()
  for (const chunk of chunks(ids)) {
    for (const row of await db.selectFrom('airing_schedule').select(['id', 'media_id', 'episode', 'airing_at']).where('id', 'in', chunk).execute()) out.set(Number(row.id), toAiring(row))
  }
  return out
}

/** AniList's AiringSchedule filter arguments (Query.AiringSchedule, Page.airingSchedules). */
export interface AiringFilter {
  id?: Maybe<number>
  mediaId?: Maybe<number>
  episode?: Maybe<number>
  airingAt?: Maybe<number>
  notYetAired?: Maybe<boolean>
  id_not?: Maybe<number>
  id_in?: List<number>
  id_not_in?: List<number>
  mediaId_not?: Maybe<number>
  mediaId_in?: List<number>
  mediaId_not_in?: List<number>
  episode_not?: Maybe<number>
  episode_in?: List<number>
  episode_not_in?: List<number>
  episode_greater?: Maybe<number>
  episode_lesser?: Maybe<number>
  airingAt_greater?: Maybe<number>
  airingAt_lesser?: Maybe<number>
}

export const AIRING_SORTS = ['ID', 'ID_DESC', 'MEDIA_ID', 'MEDIA_ID_DESC', 'TIME', 'TIME_DESC', 'EPISODE', 'EPISODE_DESC'] as const

const ref = (column: string) => sql.ref(`airing_schedule.${column}`)
const COLUMNS = { id: ref('id'), mediaId: ref('media_id'), episode: ref('episode'), airingAt: ref('airing_at') }
const SORT_KEYS: Record<string, SortKey> = { ID: ref('id'), MEDIA_ID: ref('media_id'), TIME: ref('airing_at'), EPISODE: ref('episode') }

function airingConditions(filter: AiringFilter, now: number): Expression<SqlBool>[] {
  const out = columnConditions(filter as Record<string, unknown>, COLUMNS)
  if (typeof filter.notYetAired === 'boolean') out.push(filter.notYetAired ? sql<SqlBool>`${ref('airing_at')} > ${now}` : sql<SqlBool>`${ref('airing_at')} <= ${now}`)
  return out
}

function filtered(db: Db, filter: AiringFilter, now: number) {
  const condition = allOf(airingConditions(filter, now))
  const base = db.selectFrom('airing_schedule')
  return condition === null ? base : base.where(condition)
}

/** The airings matching a filter, in the sorts' order (by id when none), within the window. */
export async function findAiring(db: Db, filter: AiringFilter, sort: ReadonlyArray<string | null> | null | undefined, now: number, window: Window): Promise<Airing[]> {
  const select = filtered(db, filter, now).select(['airing_schedule.id', 'airing_schedule.media_id', 'airing_schedule.episode', 'airing_schedule.airing_at'])
  const rows = await orderedBy(select, sortTerms(sort, SORT_KEYS, ref('id'))).limit(window.limit).offset(window.offset).execute()
  return rows.map(toAiring)
}

/** How many airings match a filter. */
export async function countAiring(db: Db, filter: AiringFilter, now: number): Promise<number> {
  const row = await filtered(db, filter, now).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}
