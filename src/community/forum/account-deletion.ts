/**
 * What an account's deletion does to the forum, in its transaction (site/settings/account-deletion.ts):
 * the user's threads go with everything on them, their comments with the replies below, and the likes
 * of all of those (likes have no foreign key); the threads they commented in get their reply figures
 * back from the comments that remain, so replyCount and replyUser never count a deleted account.
 */
import type { Transaction } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import { deleteThreadsOfUser, refreshReplyFigures } from './thread-store.js'
import { deleteCommentsOfUser } from './comment-store.js'

export async function deleteForumPostsOf(trx: Transaction<Tables>, userId: number): Promise<void> {
  await deleteThreadsOfUser(trx, userId)
  for (const threadId of await deleteCommentsOfUser(trx, userId)) await refreshReplyFigures(trx, threadId)
}
