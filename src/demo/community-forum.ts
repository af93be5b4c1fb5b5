/**
 * The demo's forum, so that `serve --demo` shows threads rather than an empty page: a few threads in
 * different categories among demo, hana and kenji, with nested replies and likes — each through the
 * forum's own rules, so the notifications they raise (replies, mentions, subscriptions, likes) are real.
 * Runs once: a database that already has a thread is left as it is.
 */
import type { AppContext } from '../app/app-context.js'
import { findUserByName, type User } from '../accounts/users.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import { countThreads } from '../community/forum/thread-store.js'
import { saveThread, saveThreadComment, type ForumDeps } from '../community/forum/forum-actions.js'
import { FORUM_LIKEABLE_KINDS } from '../community/forum/forum-likes.js'
import { toggleLikeOf } from '../social/activity-actions.js'
import { NO_POSTING_LIMIT } from '../social/posting-limit.js'

// Built-in works: Cowboy Bebop and ONE PIECE.
const BEBOP = 1
const ONE_PIECE = 21

/** Seeds the forum where the demo users exist and no thread does yet; returns whether it did. */
export async function seedDemoForum(ctx: AppContext): Promise<boolean> {
  const users = new Map<string, User>()
  for (const name of ['demo', 'hana', 'kenji']) {
    const user = await findUserByName(ctx.db, name)
    if (!user) return false
    users.set(name, user)
  }
  if ((await countThreads(ctx.db, { filter: {}, viewerId: null })) > 0) return false
  const [demo, hana, kenji] = [users.get('demo')!, users.get('hana')!, users.get('kenji')!]
  // The seed's own posts do not count against anyone's posting limit.
  const deps: ForumDeps = { db: ctx.db, clock: ctx.clock, postingLimit: NO_POSTING_LIMIT }
  const works = await loadMediaByIds(ctx.db, [BEBOP, ONE_PIECE])
  const media = (id: number) => (works.has(id) ? [id] : [])

  const welcome = await saveThread(deps, demo.id, {
    title: 'Welcome to the forum',
    body: 'Say hello, tell us what you are watching, and keep spoilers behind `~!` and `!~`.',
    categories: [1],
  })
  const hello = await saveThreadComment(deps, hana.id, { threadId: welcome.id, comment: 'Hello! Rewatching a classic this week.' })
  const reply = await saveThreadComment(deps, demo.id, { parentCommentId: hello.id, comment: '@hana which one? Let me guess: a certain bounty hunter crew.' })
  await saveThreadComment(deps, hana.id, { parentCommentId: reply.id, comment: 'See you, space cowboy.' })

  const bebop = await saveThread(deps, kenji.id, {
    title: 'Cowboy Bebop: the best session?',
    body: 'Mine is *Ballad of Fallen Angels*. Which session would you show a newcomer first?',
    categories: [2, 7],
    mediaCategories: media(BEBOP),
  })
  const pick = await saveThreadComment(deps, demo.id, { threadId: bebop.id, comment: '*Jupiter Jazz*, both parts. The music alone sells it.' })
  await saveThreadComment(deps, kenji.id, { parentCommentId: pick.id, comment: 'Fair. The soundtrack is half the show.' })
  await toggleLikeOf({ ...deps, likeableKinds: FORUM_LIKEABLE_KINDS }, hana.id, 'THREAD', bebop.id)
  await toggleLikeOf({ ...deps, likeableKinds: FORUM_LIKEABLE_KINDS }, kenji.id, 'THREAD_COMMENT', pick.id)

  const episodes = await saveThread(deps, hana.id, {
    title: 'ONE PIECE: weekly episode discussion',
    body: 'One thread for the new episodes as they air. Mark spoilers for the manga!',
    categories: [11],
    mediaCategories: media(ONE_PIECE),
  })
  await saveThreadComment(deps, kenji.id, { threadId: episodes.id, comment: 'The animation this week was something else.' })
  await toggleLikeOf({ ...deps, likeableKinds: FORUM_LIKEABLE_KINDS }, demo.id, 'THREAD', episodes.id)
  return true
}
