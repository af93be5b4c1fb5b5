/**
 * Recommendations: pairs of works, and everyone's votes on them. This module owns `recommendations`
 * and `recommendation_ratings`.
 *
 * A pair is one row, smaller work id first (migration 0017). Every query reads it through its two
 * sides: a pair {A, B} is side (A → B) and side (B → A), with the same id and the same votes, so
 * Media.recommendations of A lists B and of B lists A with one rating. A side is what the API calls a
 * Recommendation: `mediaId` is the work it is seen from, `mediaRecommendationId` the recommended one.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import { chunks } from '../../storage/id-chunks.js'
import { given } from '../../query/filters.js'
import { sortTerms, type OrderTerm } from '../../query/sorts.js'
import type { Window } from '../../query/paging.js'
import { onListCondition } from '../../lists/entry-query.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** One side of a pair. */
export interface Recommendation {
  id: number
  /** The work it is seen from. */
  mediaId: number
  /** The work recommended. */
  mediaRecommendationId: number
  /** Who first suggested the pair; null once that account is deleted. */
  userId: number | null
  createdAt: number
}

/** A vote as stored: 1 up, -1 down (no row: no vote). */
export type StoredVote = 1 | -1

/** Page.recommendations' and Query.Recommendation's filters. */
export interface RecommendationFilter {
  id?: number | null
  mediaId?: number | null
  mediaRecommendationId?: number | null
  userId?: number | null
  rating?: number | null
  rating_greater?: number | null
  rating_lesser?: number | null
  onList?: boolean | null
}

export interface RecommendationQuery {
  filter: RecommendationFilter
  sort: ReadonlyArray<string | null> | null
  /** Who asks (onList reads their list); null for no token. */
  viewerId: number | null
}

/** Both sides of every pair, as a derived table `sides`. */
const SIDES = sql`(select id, media_id, other_media_id as recommended_id, user_id, created_at from recommendations
  union all select id, other_media_id as media_id, media_id as recommended_id, user_id, created_at from recommendations)`

/** A side's rating: the sum of the votes on its pair. */
const RATING = sql`(select coalesce(sum(rr.rating), 0) from recommendation_ratings rr where rr.recommendation_id = sides.id)`

const orderOf = (sort: RecommendationQuery['sort']): OrderTerm[] => sortTerms(sort, { ID: sql`sides.id`, RATING }, sql`sides.id`)
const orderSql = (terms: readonly OrderTerm[]): RawBuilder<unknown> => sql.join(terms.map((t) => sql`${t.expression} ${sql.raw(t.direction)}`))

function conditions(db: Db, query: RecommendationQuery): Expression<SqlBool>[] {
  const f = query.filter
  const out: Expression<SqlBool>[] = []
  if (given(f.id)) out.push(sql<SqlBool>`sides.id = ${f.id}`)
  if (given(f.mediaId)) out.push(sql<SqlBool>`sides.media_id = ${f.mediaId}`)
  if (given(f.mediaRecommendationId)) out.push(sql<SqlBool>`sides.recommended_id = ${f.mediaRecommendationId}`)
  // Seen from neither work in particular, each pair is listed once, from its smaller work.
  if (!given(f.mediaId) && !given(f.mediaRecommendationId)) out.push(sql<SqlBool>`sides.media_id < sides.recommended_id`)
  if (given(f.userId)) out.push(sql<SqlBool>`sides.user_id = ${f.userId}`)
  if (given(f.rating)) out.push(sql<SqlBool>`${RATING} = ${f.rating}`)
  if (given(f.rating_greater)) out.push(sql<SqlBool>`${RATING} > ${f.rating_greater}`)
  if (given(f.rating_lesser)) out.push(sql<SqlBool>`${RATING} < ${f.rating_lesser}`)
  // onList: the recommended work is on the viewer's list; without a viewer, nothing is.
  if (f.onList === true) out.push(query.viewerId === null ? sql<SqlBool>`1 = 0` : onListCondition(db, query.viewerId, sql`sides.recommended_id`))
  if (f.onList === false && query.viewerId !== null) out.push(sql<SqlBool>`not (${onListCondition(db, query.viewerId, sql`sides.recommended_id`)})`)
  return out
}

const where = (parts: readonly Expression<SqlBool>[]) => (parts.length === 0 ? sql`` : sql`where ${sql.join(parts, sql` and `)}`)

interface SideRow {
  id: number
  media_id: number
  recommended_id: number
  user_id: number | null
  created_at: number
}

const toRecommendation = (r: SideRow): Recommendation => ({
  id: Number(r.id), mediaId: Number(r.media_id), mediaRecommendationId: Number(r.recommended_id), userId: r.user_id === null ? null : Number(r.user_id), createdAt: Number(r.created_at),
})

/** The sides a query matches, in its order, one window of them. */
export async function findRecommendations(db: Db, query: RecommendationQuery, window: Window): Promise<Recommendation[]> {
  const { rows } = await sql<SideRow>`select sides.* from ${SIDES} sides ${where(conditions(db, query))}
    order by ${orderSql(orderOf(query.sort))} limit ${window.limit} offset ${window.offset}`.execute(db)
  return rows.map(toRecommendation)
}

/** How many sides a query matches (pageInfo.total). */
export async function countRecommendations(db: Db, query: RecommendationQuery): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${SIDES} sides ${where(conditions(db, query))}`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

/** One window of each work's recommendations (Media.recommendations on a page of works), in one query. */
export async function recommendationWindowsByMedia(db: Db, mediaIds: readonly number[], sort: RecommendationQuery['sort'], window: Window): Promise<Map<number, Recommendation[]>> {
  const out = new Map<number, Recommendation[]>(mediaIds.map((id) => [id, []]))
  for (const part of chunks(mediaIds)) {
    const { rows } = await sql<SideRow>`select * from (
        select sides.*, row_number() over (partition by sides.media_id order by ${orderSql(orderOf(sort))}) as position
        from ${SIDES} sides where sides.media_id in (${sql.join(part)})) numbered
      where position > ${window.offset} and position <= ${window.offset + window.limit}
      order by media_id, position`.execute(db)
    for (const r of rows) out.get(Number(r.media_id))!.push(toRecommendation(r))
  }
  return out
}

/** How many recommendations each work has, in one query. */
export async function recommendationCountsByMedia(db: Db, mediaIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(mediaIds.map((id) => [id, 0]))
  for (const part of chunks(mediaIds)) {
    const { rows } = await sql<{ media_id: number; n: number }>`select media_id, count(*) as n from ${SIDES} sides
      where sides.media_id in (${sql.join(part)}) group by media_id`.execute(db)
    for (const r of rows) out.set(Number(r.media_id), Number(r.n))
  }
  return out
}

/** The pair of two works, seen from `mediaId`, if it exists. */
export async function findPair(db: Db, mediaId: number, otherId: number): Promise<Recommendation | null> {
  const [low, high] = mediaId < otherId ? [mediaId, otherId] : [otherId, mediaId]
  const row = await db.selectFrom('recommendations').select(['id', 'user_id', 'created_at']).where('media_id', '=', low).where('other_media_id', '=', high).executeTakeFirst()
  return row ? { id: Number(row.id), mediaId, mediaRecommendationId: otherId, userId: row.user_id === null ? null : Number(row.user_id), createdAt: Number(row.created_at) } : null
}

/** Stores a new pair (suggested by `userId`), seen from `mediaId`; the existing one when two requests race. */
export async function createPair(db: Db, mediaId: number, otherId: number, userId: number, now: number): Promise<Recommendation> {
  const [low, high] = mediaId < otherId ? [mediaId, otherId] : [otherId, mediaId]
  await db
    .insertInto('recommendations')
    .values({ media_id: low, other_media_id: high, user_id: userId, created_at: now })
    .onConflict((oc) => oc.columns(['media_id', 'other_media_id']).doNothing())
    .execute()
  return (await findPair(db, mediaId, otherId))!
}

/** Sets a user's vote on a pair, or withdraws it (null). */
export async function setRecommendationVote(db: Db, id: number, userId: number, vote: StoredVote | null, now: number): Promise<void> {
  if (vote === null) {
    await db.deleteFrom('recommendation_ratings').where('recommendation_id', '=', id).where('user_id', '=', userId).execute()
    return
  }
  await db
    .insertInto('recommendation_ratings')
    .values({ recommendation_id: id, user_id: userId, rating: vote, created_at: now })
    .onConflict((oc) => oc.columns(['recommendation_id', 'user_id']).doUpdateSet({ rating: vote, created_at: now }))
    .execute()
}

/** Each pair's rating (the sum of its votes), in one query. */
export async function recommendationRatings(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(ids.map((id) => [id, 0]))
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('recommendation_ratings')
      .select(['recommendation_id', sql<number>`sum(rating)`.as('total')])
      .where('recommendation_id', 'in', part)
      .groupBy('recommendation_id')
      .execute()
    for (const r of rows) out.set(Number(r.recommendation_id), Number(r.total))
  }
  return out
}

/** The user's votes among these pairs. */
export async function recommendationVotesOf(db: Db, userId: number, ids: readonly number[]): Promise<Map<number, StoredVote>> {
  const out = new Map<number, StoredVote>()
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('recommendation_ratings').select(['recommendation_id', 'rating']).where('user_id', '=', userId).where('recommendation_id', 'in', part).execute()
    for (const r of rows) out.set(Number(r.recommendation_id), Number(r.rating) === 1 ? 1 : -1)
  }
  return out
}
