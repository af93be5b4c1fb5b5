/**
 * The forum's likeable items, handed to the social layer's like rules (social/likeable-kinds.ts):
 * threads and comments are public, so whoever asks may like them; a like tells the author
 * (THREAD_LIKE naming the thread, THREAD_COMMENT_LIKE naming the thread and the comment).
 */
import type { LikeableKind } from '../../social/likeable-kinds.js'
import { loadThread } from './thread-store.js'
import { loadComment } from './comment-store.js'

export const FORUM_LIKEABLE_KINDS: readonly LikeableKind[] = [
  {
    type: 'THREAD',
    async find(db, _viewerId, id) {
      const thread = await loadThread(db, id)
      return thread && { value: thread, authorId: thread.userId, notification: { type: 'THREAD_LIKE', threadId: thread.id } }
    },
  },
  {
    type: 'THREAD_COMMENT',
    async find(db, _viewerId, id) {
      const comment = await loadComment(db, id)
      return comment && { value: comment, authorId: comment.userId, notification: { type: 'THREAD_COMMENT_LIKE', threadId: comment.threadId, threadCommentId: comment.id } }
    },
  },
]
