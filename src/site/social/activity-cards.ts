/**
 * Activities as the site shows them (the home feed, a profile's Activity tab, /activity/ID): who
 * posted, what ("watched episode 4 of Cowboy Bebop", or the rendered markdown of a status or a
 * message), when, and the reply and like counts with whether the viewer likes it. A whole page of
 * activities is read in a fixed number of statements, whatever their number: users, profiles, works,
 * reply counts, like counts and the viewer's likes, one query each.
 */
import type { Kysely } from 'kysely'
import type { Tables } from '../../storage/tables.js'
import type { TextRenderer } from '../../markdown/text-renderer.js'
import type { TitleLanguage } from '../../catalog/titles.js'
import type { Activity } from '../../social/activity-store.js'
import { findUsersByIds } from '../../accounts/users.js'
import { getProfiles } from '../../accounts/profiles.js'
import { loadMediaByIds } from '../../catalog/media-store.js'
import { replyCounts } from '../../social/reply-store.js'
import { likeCounts, likedAmong } from '../../social/likes.js'
import { RenderBudget } from '../../markdown/render-budget.js'
import { displayTitle } from '../view-helpers.js'
import { aboutHtml } from '../profile/about-html.js'
import { localPicture } from '../profile/pictures.js'
import { profilePath } from './follow-bar.js'
import { agoText, DEFAULT_AVATAR_MEDIUM, type Part } from './notification-words.js'

/** A user as a card names them. */
export interface PersonView {
  name: string
  href: string
  avatar: string
}

/** One activity as a card shows it. */
export interface ActivityCard {
  id: number
  href: string
  kind: 'list' | 'text' | 'message'
  /** The author: the messenger of a message. */
  user: PersonView
  /** A message's recipient (on whose profile it is); null for other kinds. */
  recipient: PersonView | null
  /** A list activity's sentence after the user's name (text and links); empty for the others. */
  parts: Part[]
  /** A text activity's or message's HTML (the markdown renderer's safe output); null for a list activity. */
  html: string | null
  isPrivate: boolean
  isLocked: boolean
  /** Pinned to its owner's profile (the Activity tab shows it first). */
  isPinned: boolean
  replies: number
  likes: number
  /** Whether the viewer likes it (false for a visitor). */
  liked: boolean
  /** The author is the viewer (may delete; a message's recipient may too). */
  deletable: boolean
  when: string
  datetime: string
}

export interface CardDeps {
  db: Kysely<Tables>
  textRenderer: TextRenderer
  publicUrl: string
  now: number
}

const UNKNOWN_USER: PersonView = { name: 'A deleted user', href: '/', avatar: DEFAULT_AVATAR_MEDIUM }

/** Renders a post's markdown as the profile's about is rendered (remote pictures become links). */
export function postHtml(deps: Pick<CardDeps, 'textRenderer' | 'publicUrl'>, text: string): string {
  const rendered = deps.textRenderer.render('markdown', text, new RenderBudget(0))
  return aboutHtml(rendered ?? '', deps.publicUrl)
}

/** The people these user ids name, with their avatars: two queries. */
export async function peopleOf(db: Kysely<Tables>, ids: readonly number[], publicUrl: string): Promise<Map<number, PersonView>> {
  const unique = [...new Set(ids)]
  const [users, profiles] = await Promise.all([findUsersByIds(db, unique), getProfiles(db, unique)])
  return new Map(
    users.map((u) => [u.id, { name: u.name, href: profilePath(u.name), avatar: localPicture(profiles.get(u.id)?.avatar ?? null, publicUrl) ?? DEFAULT_AVATAR_MEDIUM }]),
  )
}

/** The cards of these activities, in their order, as `viewerId` sees them. */
export async function activityCards(deps: CardDeps, activities: readonly Activity[], viewerId: number | null, titleLanguage: TitleLanguage): Promise<ActivityCard[]> {
  const ids = activities.map((a) => a.id)
  const userIds = activities.flatMap((a) => (a.messengerId === null ? [a.userId] : [a.userId, a.messengerId]))
  const mediaIds = [...new Set(activities.flatMap((a) => (a.mediaId === null ? [] : [a.mediaId])))]
  const [people, media, replies, likes, liked] = await Promise.all([
    peopleOf(deps.db, userIds, deps.publicUrl),
    loadMediaByIds(deps.db, mediaIds),
    replyCounts(deps.db, ids),
    likeCounts(deps.db, 'ACTIVITY', ids),
    viewerId === null ? Promise.resolve(new Set<number>()) : likedAmong(deps.db, viewerId, 'ACTIVITY', ids),
  ])
  return activities.map((a) => {
    const authorId = a.messengerId ?? a.userId
    const kind = a.type === 'MESSAGE' ? 'message' : a.type === 'TEXT' ? 'text' : 'list'
    const work = a.mediaId === null ? undefined : media.get(a.mediaId)
    const title: Part = work ? { text: displayTitle(work.title, titleLanguage), href: `/${work.type === 'ANIME' ? 'anime' : 'manga'}/${work.id}` } : { text: 'a work no longer in the catalog' }
    const status = a.status ?? 'updated'
    const parts: Part[] = kind !== 'list' ? [] : a.progress ? [{ text: ` ${status} ${a.progress} of ` }, title] : [{ text: ` ${status} ` }, title]
    return {
      id: a.id,
      href: `/activity/${a.id}`,
      kind,
      user: people.get(authorId) ?? UNKNOWN_USER,
      recipient: a.messengerId === null ? null : (people.get(a.userId) ?? UNKNOWN_USER),
      parts,
      html: kind === 'list' ? null : postHtml(deps, a.text ?? ''),
      isPrivate: a.isPrivate,
      isLocked: a.isLocked,
      isPinned: a.pinnedAt !== null,
      replies: replies.get(a.id) ?? 0,
      likes: likes.get(a.id) ?? 0,
      liked: liked.has(a.id),
      deletable: viewerId !== null && (viewerId === authorId || viewerId === a.userId),
      when: agoText(a.createdAt, deps.now),
      datetime: new Date(a.createdAt * 1000).toISOString(),
    }
  })
}
