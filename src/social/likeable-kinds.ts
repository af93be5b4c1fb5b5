/**
 * Likeable items that layers above social/ own (the forum's threads and comments): social/ cannot
 * import them, so the app hands it one LikeableKind per type (AppContext.likeableKinds), and the like
 * rules (activity-actions.ts) find, like and notify through it as they do for activities.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../storage/tables.js'
import type { LikeableType } from './likes.js'
import type { NotificationType } from './notification-types.js'

/** An item of another layer, as the like rules need it. */
export interface ForeignLikeable {
  /** What the API answers with (ToggleLikeV2's LikeableUnion member). */
  value: object
  /** Who is told of a like. */
  authorId: number
  /** The like's notification: its type and the thread and comment it names. */
  notification: { type: NotificationType; threadId?: number; threadCommentId?: number }
}

/** How the like rules find one type of item. */
export interface LikeableKind {
  type: LikeableType
  /** The item, when it exists and the viewer (null: anonymous) may see it; null otherwise. */
  find(db: Kysely<Tables>, viewerId: number | null, id: number): Promise<ForeignLikeable | null>
}
