/**
 * AniList's wording of each notification: the words a client puts after the actor's name or the
 * work's title (`context`), and the three parts around an airing's episode and title (`contexts`).
 * A media notification may store its own context (what changed); these are the defaults.
 */
import type { NotificationType } from '../../../social/notification-types.js'

/** The context AniList sends for each type that has one. */
export const NOTIFICATION_CONTEXTS: Readonly<Partial<Record<NotificationType, string>>> = {
  FOLLOWING: ' started following you.',
  ACTIVITY_MESSAGE: ' sent you a message.',
  ACTIVITY_MENTION: ' mentioned you in their activity.',
  ACTIVITY_REPLY: ' replied to your activity.',
  ACTIVITY_REPLY_SUBSCRIBED: ' replied to activity you are subscribed to.',
  ACTIVITY_LIKE: ' liked your activity.',
  ACTIVITY_REPLY_LIKE: ' liked your activity reply.',
  THREAD_COMMENT_MENTION: ' mentioned you, in the forum thread ',
  THREAD_COMMENT_REPLY: ' replied to your comment, in the forum thread ',
  THREAD_SUBSCRIBED: ' commented in your subscribed forum thread ',
  THREAD_COMMENT_LIKE: ' liked your comment, in the forum thread ',
  THREAD_LIKE: ' liked your forum thread, ',
  RELATED_MEDIA_ADDITION: ' was recently added to the site.',
  MEDIA_DATA_CHANGE: ' received site data changes.',
  MEDIA_MERGE: ' were merged into ',
  MEDIA_DELETION: ' was deleted from the site.',
}

/** AiringNotification.contexts: "Episode ", the episode, " of ", the title, " aired.". */
export const AIRING_CONTEXTS = ['Episode ', ' of ', ' aired.'] as const
