/**
 * The forum module's loaders: threads and comments by id, each thread's categories and works, the
 * viewer's subscriptions, reply trees, and the views a request counts, each read once per request for
 * every item it shows. Likes go through the activities module's loaders (keys `THREAD:1`, `THREAD_COMMENT:2`).
 */
import { addViews, categoriesOfThreads, loadThreadsByIds, mediaOfThreads, type Thread } from '../../../community/forum/thread-store.js'
import { loadCommentsByIds, replyTrees, type CommentNode, type ThreadComment } from '../../../community/forum/comment-store.js'
import { subscribedThreadsAmong } from '../../../community/forum/thread-subscriptions.js'
import { defineLoader } from '../../server/loaders.js'

export const threadById = defineLoader<number, Thread>('threadById', (ids, loaders) => loadThreadsByIds(loaders.db, ids))

export const commentById = defineLoader<number, ThreadComment>('commentById', (ids, loaders) => loadCommentsByIds(loaders.db, ids))

export const categoryIdsOfThread = defineLoader<number, number[]>('categoryIdsOfThread', (ids, loaders) => categoriesOfThreads(loaders.db, ids))

export const mediaIdsOfThread = defineLoader<number, number[]>('mediaIdsOfThread', (ids, loaders) => mediaOfThreads(loaders.db, ids))

/** A viewer and a thread: `viewerId:threadId`. */
export type ViewerThreadKey = `${number}:${number}`

/** Whether the viewer is subscribed to each thread (null: not): one query per viewer. */
export const threadSubscribedByViewer = defineLoader<ViewerThreadKey, true>('threadSubscribedByViewer', async (keys, loaders) => {
  const out = new Map<ViewerThreadKey, true>()
  const byViewer = new Map<number, number[]>()
  for (const key of keys) {
    const [viewer, id] = key.split(':').map(Number) as [number, number]
    byViewer.set(viewer, [...(byViewer.get(viewer) ?? []), id])
  }
  for (const [viewer, ids] of byViewer) for (const id of await subscribedThreadsAmong(loaders.db, viewer, ids)) out.set(`${viewer}:${id}`, true)
  return out
})

/** Each comment's replies as trees (childComments): one query per level for all the comments shown. */
export const replyTreeOf = defineLoader<number, CommentNode[]>('replyTreeOf', async (ids, loaders) => {
  const comments = [...(await loadCommentsByIds(loaders.db, ids)).values()]
  return replyTrees(loaders.db, comments)
})

/**
 * The views a request counts: asking for a thread (Query.Thread) counts one view of it, once per
 * request however often it is named, all threads of a request in one UPDATE.
 */
export const threadView = defineLoader<number, true>('threadView', async (ids, loaders) => {
  await addViews(loaders.db, ids)
  return new Map(ids.map((id) => [id, true as const]))
})

/** Every loader a forum mutation can make stale. */
export const FORUM_LOADERS = [threadById, commentById, categoryIdsOfThread, mediaIdsOfThread, threadSubscribedByViewer, replyTreeOf] as const
