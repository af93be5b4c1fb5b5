/** Builders for the activity tests: a server with a few works, users with tokens, and GraphQL calls that expect no errors. */
import { expect } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { upsertMedia } from '../../src/catalog/media-store.js'
import type { Config } from '../../src/app/config.js'
import { listNotifications, type Notification } from '../../src/social/notification-store.js'
import { testServer, type TestServer } from '../helpers/server.js'
import { listUser, type ListUser, type UserSettings } from '../helpers/lists.js'
import { graphql } from '../helpers/flow.js'

/** An anime of 12 episodes and a manga of 50 chapters. */
export const ANIME = 810_001
export const MANGA = 810_002

/** A server with the two works and no posting limit unless a test sets one. */
export async function socialServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const server = await testServer({ postingLimitPerMinute: 0, ...overrides })
  await upsertMedia(server.app.kiroku.db, server.clock, [
    { id: ANIME, idMal: 90_001, type: 'ANIME', format: 'TV', title: { romaji: 'Activity Anime' }, episodes: 12 },
    { id: MANGA, type: 'MANGA', format: 'MANGA', title: { romaji: 'Activity Manga' }, chapters: 50 },
  ])
  return server
}

export type SocialUser = ListUser
export const socialUser = (app: FastifyInstance, name: string, settings?: UserSettings): Promise<SocialUser> => listUser(app, name, settings)

/** Runs a document and returns its data, failing the test on any error. */
export async function ok(app: FastifyInstance, query: string, token?: string, variables?: unknown): Promise<any> {
  const res = await graphql(app, query, token, variables)
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
  return res.body.data
}

/** Runs a document that must fail; returns the first error's status and message. */
export async function refused(app: FastifyInstance, query: string, token?: string, variables?: unknown): Promise<{ status: number; message: string; httpStatus: number; body: any }> {
  const res = await graphql(app, query, token, variables)
  expect(res.body.errors, JSON.stringify(res.body)).toBeDefined()
  return { status: res.body.errors[0].status, message: res.body.errors[0].message, httpStatus: res.status, body: res.body }
}

/** Posts a text activity; returns its id. */
export async function postText(app: FastifyInstance, token: string, text: string): Promise<number> {
  return (await ok(app, 'mutation ($t: String) { SaveTextActivity(text: $t) { id } }', token, { t: text })).SaveTextActivity.id
}

/** Posts a message; returns its id. */
export async function postMessage(app: FastifyInstance, token: string, recipientId: number, message: string, isPrivate = false): Promise<number> {
  return (await ok(app, 'mutation ($r: Int, $m: String, $p: Boolean) { SaveMessageActivity(recipientId: $r, message: $m, private: $p) { id } }', token, { r: recipientId, m: message, p: isPrivate })).SaveMessageActivity.id
}

/** Replies to an activity; returns the reply's id. */
export async function reply(app: FastifyInstance, token: string, activityId: number, text: string): Promise<number> {
  return (await ok(app, 'mutation ($a: Int, $t: String) { SaveActivityReply(activityId: $a, text: $t) { id } }', token, { a: activityId, t: text })).SaveActivityReply.id
}

/** Saves a list entry through the API (so that the list activity rules run). */
export async function saveEntry(app: FastifyInstance, token: string, mediaId: number, fields: Record<string, unknown>): Promise<void> {
  await ok(app, 'mutation ($m: Int, $s: MediaListStatus, $p: Int, $priv: Boolean, $h: Boolean) { SaveMediaListEntry(mediaId: $m, status: $s, progress: $p, private: $priv, hiddenFromStatusLists: $h) { id } }', token, {
    m: mediaId, s: fields.status, p: fields.progress, priv: fields.private, h: fields.hiddenFromStatusLists,
  })
}

/** A user's notifications, newest first. */
export async function notificationsOf(app: FastifyInstance, userId: number): Promise<Notification[]> {
  return listNotifications(app.kiroku.db, userId, null, { limit: 100, offset: 0 })
}
