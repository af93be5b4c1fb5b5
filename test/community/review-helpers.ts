/** Builders for the review tests: texts long enough for AniList's rules, and a review written through the API. */
import type { FastifyInstance } from 'fastify'
import { MIN_BODY_LENGTH } from '../../src/community/reviews/review-rules.js'
import { ok } from '../social/social-helpers.js'

/** A summary within 20–120 characters. */
export const SUMMARY = 'A patient, rewarding story that earns its ending.'

/** A markdown body just over AniList's 2,200-character minimum. */
export function reviewBody(opening = 'The first episodes take their time.'): string {
  const paragraph = 'It sets its characters up carefully and lets the quiet scenes breathe, which pays off later. '
  let body = `${opening}\n\n`
  while (body.length < MIN_BODY_LENGTH + 10) body += paragraph
  return body
}

export const SAVE_REVIEW = `mutation ($id: Int, $m: Int, $s: String, $b: String, $sc: Int, $p: Boolean) {
  SaveReview(id: $id, mediaId: $m, summary: $s, body: $b, score: $sc, private: $p) { id userId mediaId mediaType summary score private rating ratingAmount userRating siteUrl createdAt updatedAt } }`

/** Writes a review through the API; returns its id. */
export async function writeReview(app: FastifyInstance, token: string, mediaId: number, fields: { score?: number; private?: boolean; summary?: string } = {}): Promise<number> {
  const data = await ok(app, SAVE_REVIEW, token, { m: mediaId, s: fields.summary ?? SUMMARY, b: reviewBody(), sc: fields.score ?? 80, p: fields.private ?? false })
  return data.SaveReview.id
}
