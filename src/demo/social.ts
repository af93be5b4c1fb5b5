/**
 * The demo's social life, so that `serve --demo` opens on a feed rather than an empty page: demo, hana
 * and kenji follow each other, their latest list changes are in the feed, hana posts a status that
 * mentions demo, demo replies, and a few likes go round — each through the social layer's own rules,
 * so the notifications they raise (a follow, a mention, a reply, a like) are real too.
 * Runs once: a database where any demo user already has an activity is left as it is.
 */
import type { AppContext } from '../app/app-context.js'
import { findUserByName, type User } from '../accounts/users.js'
import { loadEntriesOfUsers } from '../lists/entry-store.js'
import { loadMediaByIds } from '../catalog/media-store.js'
import { toggleFollowOf } from '../social/follow-user.js'
import { follows } from '../social/follows.js'
import { recordListActivity } from '../social/list-activity.js'
import { anyActivityOf } from '../social/activity-store.js'
import { saveActivityReply, saveTextActivity, toggleLikeOf, type SocialDeps } from '../social/activity-actions.js'
import { NO_POSTING_LIMIT } from '../social/posting-limit.js'
import { DEMO_LISTS } from './list-data.js'

/** How many of each demo user's latest entries appear in the feed. */
const ENTRIES_IN_FEED = 4

/** Who follows whom among the demo users. */
const FOLLOWS: ReadonlyArray<[string, string]> = [['demo', 'hana'], ['hana', 'demo'], ['kenji', 'demo'], ['demo', 'kenji'], ['kenji', 'hana']]

/** Seeds the feed where the demo users exist and have no activity yet; returns whether it did. */
export async function seedDemoSocial(ctx: AppContext): Promise<boolean> {
  const users = new Map<string, User>()
  for (const { name } of DEMO_LISTS) {
    const user = await findUserByName(ctx.db, name)
    if (user) users.set(name, user)
  }
  if (users.size < DEMO_LISTS.length) return false
  const ids = [...users.values()].map((u) => u.id)
  if (await anyActivityOf(ctx.db, ids)) return false
  const [demo, hana, kenji] = [users.get('demo')!, users.get('hana')!, users.get('kenji')!]

  for (const [from, to] of FOLLOWS) {
    const [a, b] = [users.get(from)!.id, users.get(to)!.id]
    // A toggle: only where the follow is not there yet (the user may have followed since).
    if (!(await follows(ctx.db, a, b))) await toggleFollowOf(ctx.db, ctx.clock, a, b)
  }

  // Each user's latest list changes, oldest first, at the time they were made.
  const lists = await loadEntriesOfUsers(ctx.db, ids)
  const latest = [...lists.values()].flatMap((entries) => [...entries].sort((a, b) => b.updatedAt - a.updatedAt).filter((e) => !e.private).slice(0, ENTRIES_IN_FEED))
  latest.sort((a, b) => a.updatedAt - b.updatedAt || a.id - b.id)
  const media = await loadMediaByIds(ctx.db, latest.map((e) => e.mediaId))
  await ctx.db.transaction().execute(async (trx) => {
    for (const entry of latest) {
      const work = media.get(entry.mediaId)
      if (work) await recordListActivity(trx, { userId: entry.userId, media: work, before: null, after: entry }, entry.updatedAt)
    }
  })
  // The seed's own posts do not count against anyone's posting limit.
  const deps: SocialDeps = { db: ctx.db, clock: ctx.clock, postingLimit: NO_POSTING_LIMIT }
  const status = await saveTextActivity(deps, hana.id, { text: 'Started a rewatch tonight — @demo, you said the second half is the best part? ~!No spoilers please!~' })
  await saveActivityReply(deps, demo.id, { activityId: status.id, text: 'It really is. Enjoy the ride!' })
  await toggleLikeOf(deps, kenji.id, 'ACTIVITY', status.id)
  await toggleLikeOf(deps, demo.id, 'ACTIVITY', status.id)
  return true
}
