/**
 * Reviews and their votes. This module owns `reviews` and `review_ratings`; everything else reads
 * them through these functions. Vote counts are counted from the rows (one grouped query per
 * request), so a review's rating is always what its votes say.
 *
 * Visibility: a private review exists only for its author; every query here takes the viewer and
 * leaves out others' private reviews.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type Selectable, type SqlBool, type Transaction } from 'kysely'
import type { ReviewsTable, Tables } from '../../storage/tables.js'
import { chunks } from '../../storage/id-chunks.js'
import type { MediaType } from '../../catalog/media.js'
import { given } from '../../query/filters.js'
import { orderedBy, sortTerms, type OrderTerm, type SortKey } from '../../query/sorts.js'
import type { Window } from '../../query/paging.js'

type Db = Kysely<Tables> | Transaction<Tables>

/** One review. */
export interface Review {
  id: number
  userId: number
  mediaId: number
  mediaType: MediaType
  summary: string
  /** Markdown. */
  body: string
  score: number
  isPrivate: boolean
  createdAt: number
  updatedAt: number
}

/** A vote on a review, as stored: 1 up, -1 down (no row: no vote). */
export type StoredVote = 1 | -1

/** What Page.reviews and Query.Review filter by. */
export interface ReviewFilter {
  id?: number | null
  mediaId?: number | null
  userId?: number | null
  mediaType?: MediaType | null
}

export interface ReviewQuery {
  filter: ReviewFilter
  sort: ReadonlyArray<string | null> | null
  /** Who asks: their own private reviews are included; null for no token. */
  viewerId: number | null
}

type ReviewRow = Selectable<ReviewsTable>

const toReview = (r: ReviewRow): Review => ({
  id: Number(r.id),
  userId: Number(r.user_id),
  mediaId: Number(r.media_id),
  mediaType: r.media_type as MediaType,
  summary: r.summary,
  body: r.body,
  score: Number(r.score),
  isPrivate: Number(r.is_private) === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
})

const COLUMNS = ['id', 'user_id', 'media_id', 'media_type', 'summary', 'body', 'score', 'is_private', 'created_at', 'updated_at'] as const

/** The up votes of a review: what RATING sorts by. */
const upVotes = sql`(select count(*) from review_ratings where review_ratings.review_id = reviews.id and review_ratings.rating = 1)`

const SORT_KEYS: Record<string, SortKey> = {
  ID: sql`reviews.id`,
  SCORE: sql`reviews.score`,
  RATING: upVotes,
  CREATED_AT: sql`reviews.created_at`,
  UPDATED_AT: sql`reviews.updated_at`,
}

const orderOf = (sort: ReviewQuery['sort']): OrderTerm[] => sortTerms(sort, SORT_KEYS, sql`reviews.id`)

/** Others' private reviews left out. */
function visibleTo(viewerId: number | null): Expression<SqlBool> {
  return viewerId === null ? sql<SqlBool>`reviews.is_private = 0` : sql<SqlBool>`(reviews.is_private = 0 or reviews.user_id = ${viewerId})`
}

function conditions(query: ReviewQuery): Expression<SqlBool>[] {
  const { filter } = query
  const out: Expression<SqlBool>[] = [visibleTo(query.viewerId)]
  if (given(filter.id)) out.push(sql<SqlBool>`reviews.id = ${filter.id}`)
  if (given(filter.mediaId)) out.push(sql<SqlBool>`reviews.media_id = ${filter.mediaId}`)
  if (given(filter.userId)) out.push(sql<SqlBool>`reviews.user_id = ${filter.userId}`)
  if (given(filter.mediaType)) out.push(sql<SqlBool>`reviews.media_type = ${filter.mediaType}`)
  return out
}

/** The reviews a query matches, in its order, one window of them. */
export async function findReviews(db: Db, query: ReviewQuery, window: Window): Promise<Review[]> {
  const base = db.selectFrom('reviews').select(COLUMNS).where((eb) => eb.and(conditions(query)))
  const rows = await orderedBy(base, orderOf(query.sort)).limit(window.limit).offset(window.offset).execute()
  return rows.map(toReview)
}

/** How many reviews a query matches (pageInfo.total). */
export async function countReviews(db: Db, query: ReviewQuery): Promise<number> {
  const row = await db.selectFrom('reviews').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.and(conditions(query))).executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** Reviews by id, private ones included: callers check visibility (canSeeReview). */
export async function loadReviews(db: Db, ids: readonly number[]): Promise<Map<number, Review>> {
  const out = new Map<number, Review>()
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('reviews').select(COLUMNS).where('id', 'in', part).execute()
    for (const r of rows) out.set(Number(r.id), toReview(r))
  }
  return out
}

export async function loadReview(db: Db, id: number): Promise<Review | null> {
  return (await loadReviews(db, [id])).get(id) ?? null
}

/** Whether the viewer may see the review: public, or theirs. */
export const canSeeReview = (review: Review, viewerId: number | null): boolean => !review.isPrivate || review.userId === viewerId

/** A user's review of a work, if they wrote one. */
export async function reviewOf(db: Db, userId: number, mediaId: number): Promise<Review | null> {
  const row = await db.selectFrom('reviews').select(COLUMNS).where('user_id', '=', userId).where('media_id', '=', mediaId).executeTakeFirst()
  return row ? toReview(row) : null
}

export interface NewReview {
  userId: number
  mediaId: number
  mediaType: MediaType
  summary: string
  body: string
  score: number
  isPrivate: boolean
  createdAt: number
}

export async function createReview(db: Db, input: NewReview): Promise<Review> {
  const row = await db
    .insertInto('reviews')
    .values({
      user_id: input.userId, media_id: input.mediaId, media_type: input.mediaType, summary: input.summary, body: input.body,
      score: input.score, is_private: input.isPrivate ? 1 : 0, created_at: input.createdAt, updated_at: input.createdAt,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()
  return toReview(row)
}

export type ReviewChanges = Partial<Pick<Review, 'summary' | 'body' | 'score' | 'isPrivate'>> & { updatedAt: number }

export async function updateReview(db: Db, id: number, changes: ReviewChanges): Promise<Review | null> {
  await db
    .updateTable('reviews')
    .set({
      ...(changes.summary !== undefined ? { summary: changes.summary } : {}),
      ...(changes.body !== undefined ? { body: changes.body } : {}),
      ...(changes.score !== undefined ? { score: changes.score } : {}),
      ...(changes.isPrivate !== undefined ? { is_private: changes.isPrivate ? 1 : 0 } : {}),
      updated_at: changes.updatedAt,
    })
    .where('id', '=', id)
    .execute()
  return loadReview(db, id)
}

/** Deletes a review; its votes go with it (foreign key). True when there was one. */
export async function deleteReview(db: Db, id: number): Promise<boolean> {
  const res = await db.deleteFrom('reviews').where('id', '=', id).executeTakeFirst()
  return Number(res.numDeletedRows) > 0
}

/** Sets a user's vote on a review, or withdraws it (null). */
export async function setReviewVote(db: Db, reviewId: number, userId: number, vote: StoredVote | null, now: number): Promise<void> {
  if (vote === null) {
    await db.deleteFrom('review_ratings').where('review_id', '=', reviewId).where('user_id', '=', userId).execute()
    return
  }
  await db
    .insertInto('review_ratings')
    .values({ review_id: reviewId, user_id: userId, rating: vote, created_at: now })
    .onConflict((oc) => oc.columns(['review_id', 'user_id']).doUpdateSet({ rating: vote, created_at: now }))
    .execute()
}

/** A review's votes: `up` (AniList's rating) and `all` (its ratingAmount). */
export interface VoteTotals {
  up: number
  all: number
}

/** The vote totals of each review, in one query. */
export async function voteTotals(db: Db, ids: readonly number[]): Promise<Map<number, VoteTotals>> {
  const out = new Map<number, VoteTotals>(ids.map((id) => [id, { up: 0, all: 0 }]))
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('review_ratings')
      .select(['review_id', (eb) => eb.fn.countAll<number>().as('total'), sql<number>`sum(case when rating = 1 then 1 else 0 end)`.as('up')])
      .where('review_id', 'in', part)
      .groupBy('review_id')
      .execute()
    for (const r of rows) out.set(Number(r.review_id), { up: Number(r.up), all: Number(r.total) })
  }
  return out
}

/** The user's votes among these reviews. */
export async function votesOf(db: Db, userId: number, ids: readonly number[]): Promise<Map<number, StoredVote>> {
  const out = new Map<number, StoredVote>()
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('review_ratings').select(['review_id', 'rating']).where('user_id', '=', userId).where('review_id', 'in', part).execute()
    for (const r of rows) out.set(Number(r.review_id), Number(r.rating) === 1 ? 1 : -1)
  }
  return out
}

const orderSql = (terms: readonly OrderTerm[]): RawBuilder<unknown> => sql.join(terms.map((t) => sql`${t.expression} ${sql.raw(t.direction)}`))

/**
 * One window of the reviews of each of several works (Media.reviews on a page of works), in one
 * query: the reviews are numbered per work in the sort's order and the window is cut from those numbers.
 */
export async function reviewWindowsByMedia(db: Db, mediaIds: readonly number[], viewerId: number | null, sort: ReviewQuery['sort'], window: Window): Promise<Map<number, Review[]>> {
  const out = new Map<number, Review[]>(mediaIds.map((id) => [id, []]))
  for (const part of chunks(mediaIds)) {
    const numbered = db
      .selectFrom('reviews')
      .select([...COLUMNS, sql<number>`row_number() over (partition by reviews.media_id order by ${orderSql(orderOf(sort))})`.as('position')])
      .where('media_id', 'in', part)
      .where(visibleTo(viewerId))
    const rows = await db
      .selectFrom(numbered.as('numbered'))
      .selectAll()
      .where('position', '>', window.offset)
      .where('position', '<=', window.offset + window.limit)
      .orderBy('media_id')
      .orderBy('position')
      .execute()
    for (const r of rows) out.get(Number(r.media_id))!.push(toReview(r))
  }
  return out
}

/** How many reviews of each work the viewer may see, in one query. */
export async function reviewCountsByMedia(db: Db, mediaIds: readonly number[], viewerId: number | null): Promise<Map<number, number>> {
  const out = new Map<number, number>(mediaIds.map((id) => [id, 0]))
  for (const part of chunks(mediaIds)) {
    const rows = await db
      .selectFrom('reviews')
      .select(['media_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('media_id', 'in', part)
      .where(visibleTo(viewerId))
      .groupBy('media_id')
      .execute()
    for (const r of rows) out.set(Number(r.media_id), Number(r.n))
  }
  return out
}
