/** Builders for the forum tests: a server with a work, users, moderators, and thread and comment calls that expect no errors. */
import type { FastifyInstance } from 'fastify'
import { grantRole } from '../../src/accounts/roles.js'
import { listNotifications } from '../../src/social/notification-store.js'
import { ok } from '../social/social-helpers.js'

export { ANIME, MANGA, ok, refused, socialServer as forumServer, socialUser as forumUser, type SocialUser as ForumUser } from '../social/social-helpers.js'

/** Starts a thread in General (1); returns its id. */
export async function startThread(app: FastifyInstance, token: string, fields: Record<string, unknown> = {}): Promise<number> {
  const vars = { title: 'A thread', body: 'Its **body**', categories: [1], ...fields }
  const data = await ok(app, 'mutation ($title: String, $body: String, $categories: [Int], $media: [Int]) { SaveThread(title: $title, body: $body, categories: $categories, mediaCategories: $media) { id } }', token, vars)
  return data.SaveThread.id
}

/** Writes a comment (a reply when `parent` is given); returns its id. */
export async function comment(app: FastifyInstance, token: string, threadId: number | null, text: string, parent?: number): Promise<number> {
  const data = await ok(app, 'mutation ($t: Int, $p: Int, $c: String) { SaveThreadComment(threadId: $t, parentCommentId: $p, comment: $c) { id } }', token, { t: threadId, p: parent, c: text })
  return data.SaveThreadComment.id
}

export async function makeModerator(app: FastifyInstance, userId: number): Promise<void> {
  await grantRole(app.kiroku.db, app.kiroku.clock, userId, 'moderator')
}

/** A user's notifications as [type, actor, thread, comment], newest first. */
export async function notesOf(app: FastifyInstance, userId: number) {
  return (await listNotifications(app.kiroku.db, userId, null, { limit: 50, offset: 0 })).map((n) => [n.type, n.actorId, n.threadId, n.threadCommentId])
}
