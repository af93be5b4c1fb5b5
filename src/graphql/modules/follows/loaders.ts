/** The follows module's loaders: whether the viewer follows each user, and whether each follows the viewer, one query per request. */
import { followedAmong, followersAmong } from '../../../social/follows.js'
import { defineLoader } from '../../server/loaders.js'

/** A viewer and another user: `viewerId:userId`. */
export type ViewerUserKey = `${number}:${number}`

/** Splits the keys by viewer (in practice one), so that each viewer's question is one query. */
function byViewer(keys: readonly ViewerUserKey[]): Map<number, number[]> {
  const out = new Map<number, number[]>()
  for (const key of keys) {
    const [viewer, user] = key.split(':').map(Number) as [number, number]
    out.set(viewer, [...(out.get(viewer) ?? []), user])
  }
  return out
}

/** The users the viewer follows among the keys (null: not followed). */
export const viewerFollows = defineLoader<ViewerUserKey, true>('viewerFollows', async (keys, loaders) => {
  const out = new Map<ViewerUserKey, true>()
  for (const [viewer, users] of byViewer(keys)) for (const id of await followedAmong(loaders.db, viewer, users)) out.set(`${viewer}:${id}`, true)
  return out
})

/** The users among the keys who follow the viewer (null: not a follower). */
export const followsViewer = defineLoader<ViewerUserKey, true>('followsViewer', async (keys, loaders) => {
  const out = new Map<ViewerUserKey, true>()
  for (const [viewer, users] of byViewer(keys)) for (const id of await followersAmong(loaders.db, viewer, users)) out.set(`${viewer}:${id}`, true)
  return out
})
