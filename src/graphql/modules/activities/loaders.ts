/**
 * The activities module's loaders: activities and replies by id, each activity's replies and counts,
 * likes and subscriptions, each read once per request for every item the request shows.
 */
import { loadActivitiesByIds, type Activity } from '../../../social/activity-store.js'
import { loadRepliesByIds, replyCounts, repliesOfActivities, type ActivityReply } from '../../../social/reply-store.js'
import { likeCounts, likedAmong, likersOf, type LikeableType } from '../../../social/likes.js'
import { subscribedAmong } from '../../../social/subscriptions.js'
import { defineLoader } from '../../server/loaders.js'

/** Activities by id, whoever may see them (resolvers apply canSee). */
export const activityById = defineLoader<number, Activity>('activityById', (ids, loaders) => loadActivitiesByIds(loaders.db, ids))

/** Replies by id. */
export const replyById = defineLoader<number, ActivityReply>('replyById', (ids, loaders) => loadRepliesByIds(loaders.db, ids))

/** Each activity's replies (the first MAX_ACTIVITY_REPLIES); primes replyById. */
export const repliesByActivity = defineLoader<number, ActivityReply[]>('repliesByActivity', async (ids, loaders) => {
  const out = await repliesOfActivities(loaders.db, ids)
  for (const list of out.values()) for (const reply of list) loaders.of(replyById).prime(reply.id, reply)
  return out
})

/** How many replies each activity has. */
export const replyCountByActivity = defineLoader<number, number>('replyCountByActivity', (ids, loaders) => replyCounts(loaders.db, ids))

/** A liked item: `ACTIVITY:12`, `ACTIVITY_REPLY:7`. */
export type LikeableKey = `${LikeableType}:${number}`

/** The key of an item. */
export const likeableKey = (type: LikeableType, id: number): LikeableKey => `${type}:${id}`

/** Keys grouped by type, to load each type in one query. */
function byType(keys: readonly LikeableKey[]): Map<LikeableType, number[]> {
  const out = new Map<LikeableType, number[]>()
  for (const key of keys) {
    const colon = key.indexOf(':')
    const type = key.slice(0, colon) as LikeableType
    out.set(type, [...(out.get(type) ?? []), Number(key.slice(colon + 1))])
  }
  return out
}

/** How many users like each item: one query per type of item. */
export const likeCountOf = defineLoader<LikeableKey, number>('likeCountOf', async (keys, loaders) => {
  const out = new Map<LikeableKey, number>()
  for (const [type, ids] of byType(keys)) for (const [id, n] of await likeCounts(loaders.db, type, ids)) out.set(likeableKey(type, id), n)
  return out
})

/** Each item's likers (user ids, at most MAX_LISTED_LIKERS): one query per type of item. */
export const likersOfItem = defineLoader<LikeableKey, number[]>('likersOfItem', async (keys, loaders) => {
  const out = new Map<LikeableKey, number[]>()
  for (const [type, ids] of byType(keys)) for (const [id, users] of await likersOf(loaders.db, type, ids)) out.set(likeableKey(type, id), users)
  return out
})

/** A viewer and an item: `viewerId|ACTIVITY:12`. */
export type ViewerItemKey = `${number}|${LikeableKey}`

/** Whether the viewer likes each item (null: not liked): one query per viewer and type. */
export const likedByViewer = defineLoader<ViewerItemKey, true>('likedByViewer', async (keys, loaders) => {
  const out = new Map<ViewerItemKey, true>()
  const byViewer = new Map<number, LikeableKey[]>()
  for (const key of keys) {
    const bar = key.indexOf('|')
    const viewer = Number(key.slice(0, bar))
    byViewer.set(viewer, [...(byViewer.get(viewer) ?? []), key.slice(bar + 1) as LikeableKey])
  }
  for (const [viewer, items] of byViewer) {
    for (const [type, ids] of byType(items)) for (const id of await likedAmong(loaders.db, viewer, type, ids)) out.set(`${viewer}|${likeableKey(type, id)}`, true)
  }
  return out
})

/** A viewer and an activity: `viewerId:activityId`. */
export type ViewerActivityKey = `${number}:${number}`

/** Whether the viewer is subscribed to each activity (null: not): one query per viewer. */
export const subscribedByViewer = defineLoader<ViewerActivityKey, true>('subscribedByViewer', async (keys, loaders) => {
  const out = new Map<ViewerActivityKey, true>()
  const byViewer = new Map<number, number[]>()
  for (const key of keys) {
    const [viewer, id] = key.split(':').map(Number) as [number, number]
    byViewer.set(viewer, [...(byViewer.get(viewer) ?? []), id])
  }
  for (const [viewer, ids] of byViewer) for (const id of await subscribedAmong(loaders.db, viewer, ids)) out.set(`${viewer}:${id}`, true)
  return out
})

/** Every loader a mutation's change can make stale. */
export const ACTIVITY_LOADERS = [activityById, replyById, repliesByActivity, replyCountByActivity, likeCountOf, likersOfItem, likedByViewer, subscribedByViewer] as const
