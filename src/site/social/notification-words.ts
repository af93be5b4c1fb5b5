/**
 * Notifications in words, for the /notifications page: who did what, with links to the user, the
 * activity (/activity/ID) or the work. Each sentence is a list of parts (text, or text with a link)
 * that the template escapes; nothing here writes HTML. Pure functions: the page reads the users and
 * works first, in one query each.
 */
import type { Media } from '../../catalog/media.js'
import type { TitleLanguage } from '../../catalog/titles.js'
import type { Notification } from '../../social/notification-store.js'
import type { NotificationType } from '../../social/notification-types.js'
import { displayTitle, localImage } from '../view-helpers.js'
import { localPicture } from '../profile/pictures.js'

/** The filter chips of the page: a group of notification types (all types: null). */
export interface NotificationGroup {
  id: string
  name: string
  types: readonly NotificationType[] | null
}

export const NOTIFICATION_GROUPS: readonly NotificationGroup[] = [
  { id: 'all', name: 'All', types: null },
  { id: 'airing', name: 'Airing', types: ['AIRING'] },
  { id: 'activity', name: 'Activity', types: ['ACTIVITY_MESSAGE', 'ACTIVITY_REPLY', 'ACTIVITY_MENTION', 'ACTIVITY_LIKE', 'ACTIVITY_REPLY_LIKE', 'ACTIVITY_REPLY_SUBSCRIBED'] },
  { id: 'follows', name: 'Follows', types: ['FOLLOWING'] },
  { id: 'forum', name: 'Forum', types: ['THREAD_COMMENT_MENTION', 'THREAD_SUBSCRIBED', 'THREAD_COMMENT_REPLY', 'THREAD_LIKE', 'THREAD_COMMENT_LIKE'] },
  { id: 'media', name: 'Media', types: ['RELATED_MEDIA_ADDITION', 'MEDIA_DATA_CHANGE', 'MEDIA_MERGE', 'MEDIA_DELETION'] },
]

/** The group a `group` query value names, or undefined. */
export function notificationGroup(id: string): NotificationGroup | undefined {
  return NOTIFICATION_GROUPS.find((g) => g.id === id)
}

/** A piece of a sentence: text, linked when it has an href. */
export interface Part {
  text: string
  href?: string
}

/** One notification as the page shows it. */
export interface NotificationView {
  id: number
  unread: boolean
  parts: Part[]
  /** Further lines (a media change's description and reason). */
  details: string[]
  /** The actor's avatar or the work's cover (decorative: the sentence names them); null for none. */
  picture: string | null
  /** When, in words ("3 hours ago"), and as an ISO timestamp. */
  when: string
  datetime: string
}

/** What the sentences name, read for the whole page at once. */
export interface Subjects {
  users: ReadonlyMap<number, { name: string; avatar: string | null }>
  media: ReadonlyMap<number, Media>
  titleLanguage: TitleLanguage
  publicUrl: string
}

export const DEFAULT_AVATAR_MEDIUM = '/static/default-avatar-medium.png'

/** How long ago `then` was at `now` (Unix seconds), in words; the date beyond a month. */
export function agoText(then: number, now: number): string {
  const seconds = Math.max(0, now - then)
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`
  if (seconds < 60) return 'just now'
  if (seconds < 3_600) return plural(Math.floor(seconds / 60), 'minute')
  if (seconds < 86_400) return plural(Math.floor(seconds / 3_600), 'hour')
  if (seconds < 30 * 86_400) return plural(Math.floor(seconds / 86_400), 'day')
  return new Date(then * 1000).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
}

function mediaHref(media: Media): string {
  return `/${media.type === 'ANIME' ? 'anime' : 'manga'}/${media.id}`
}

/** The sentence, details and picture of one notification. */
export function notificationView(n: Notification, subjects: Subjects, now: number): NotificationView {
  const actor = n.actorId === null ? undefined : subjects.users.get(n.actorId)
  const media = n.mediaId === null ? undefined : subjects.media.get(n.mediaId)
  const who: Part = actor ? { text: actor.name, href: `/user/${encodeURIComponent(actor.name)}` } : { text: 'Someone' }
  const activity = (text: string): Part => (n.activityId === null ? { text } : { text, href: `/activity/${n.activityId}` })
  // The forum's notifications link to the thread, at the comment when they name one.
  const forum = (text: string): Part => (n.threadId === null ? { text } : { text, href: `/forum/thread/${n.threadId}${n.threadCommentId === null ? '' : `#comment-${n.threadCommentId}`}` })
  const work: Part = media ? { text: displayTitle(media.title, subjects.titleLanguage), href: mediaHref(media) } : { text: 'a work no longer in the catalog' }
  const deleted = n.deletedTitles ?? []
  const reason = n.reason ? [`Reason: ${n.reason}`] : []
  const byActor = (...rest: Part[]) => ({ parts: [who, ...rest], details: [] as string[] })
  const sentence = ((): { parts: Part[]; details: string[] } => {
    switch (n.type) {
      case 'FOLLOWING':
        return byActor({ text: ' started following you.' })
      case 'ACTIVITY_MESSAGE':
        return byActor({ text: ' sent you a ' }, activity('message'), { text: '.' })
      case 'ACTIVITY_REPLY':
        return byActor({ text: ' replied to your ' }, activity('activity'), { text: '.' })
      case 'ACTIVITY_MENTION':
        return byActor({ text: ' mentioned you in an ' }, activity('activity'), { text: '.' })
      case 'ACTIVITY_LIKE':
        return byActor({ text: ' liked your ' }, activity('activity'), { text: '.' })
      case 'ACTIVITY_REPLY_LIKE':
        return byActor({ text: ' liked your reply to an ' }, activity('activity'), { text: '.' })
      case 'ACTIVITY_REPLY_SUBSCRIBED':
        return byActor({ text: ' replied to an ' }, activity('activity'), { text: ' you subscribe to.' })
      case 'THREAD_COMMENT_MENTION':
        return byActor({ text: ' mentioned you in a ' }, forum('forum comment'), { text: '.' })
      case 'THREAD_SUBSCRIBED':
        return byActor({ text: ' commented in a ' }, forum('forum thread'), { text: ' you subscribe to.' })
      case 'THREAD_COMMENT_REPLY':
        return byActor({ text: ' replied to your ' }, forum('forum comment'), { text: '.' })
      case 'THREAD_LIKE':
        return byActor({ text: ' liked your ' }, forum('forum thread'), { text: '.' })
      case 'THREAD_COMMENT_LIKE':
        return byActor({ text: ' liked your ' }, forum('forum comment'), { text: '.' })
      case 'AIRING':
        return { parts: [{ text: n.episode === null ? 'A new episode of ' : `Episode ${n.episode} of ` }, work, { text: ' aired.' }], details: [] }
      case 'RELATED_MEDIA_ADDITION':
        return { parts: [work, { text: ', related to a work on your list, was added to the catalog.' }], details: [] }
      case 'MEDIA_DATA_CHANGE':
        return { parts: [work, { text: ' received catalog data changes.' }], details: [...(n.context ? [n.context] : []), ...reason] }
      case 'MEDIA_MERGE':
        return { parts: [{ text: deleted.length > 0 ? `${deleted.join(', ')} ${deleted.length === 1 ? 'was' : 'were'} merged into ` : 'Another work was merged into ' }, work, { text: '.' }], details: reason }
      case 'MEDIA_DELETION':
        return { parts: [{ text: `${deleted[0] ?? 'A work on your list'} was deleted from the catalog.` }], details: reason }
    }
  })()
  const picture = actor
    ? (localPicture(actor.avatar, subjects.publicUrl) ?? DEFAULT_AVATAR_MEDIUM)
    : media
      ? localImage(media.coverImage.medium ?? media.coverImage.large, subjects.publicUrl, 'media', media.id)
      : null
  return {
    id: n.id,
    unread: !n.isRead,
    parts: sentence.parts,
    details: sentence.details,
    picture,
    when: agoText(n.createdAt, now),
    datetime: new Date(n.createdAt * 1000).toISOString(),
  }
}
