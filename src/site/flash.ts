/**
 * One-time messages after a Post/Redirect/Get ("Saved", "Added to your Planning list"): the POST sets
 * a short-lived cookie scoped to the page it redirects to, and that page takes it (reads and clears
 * it) when it renders, so a reload does not show it again. The cookie carries a code, never text: the
 * message is made here from a fixed set, so a forged cookie can show nothing but one of them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { MediaType } from '../catalog/media.js'
import { MEDIA_LIST_STATUSES, type MediaListStatus } from '../lists/entry.js'
import { listName } from './editor/labels.js'

export const FLASH_COOKIE = 'kiroku_flash'
/** Long enough for the redirect to be followed; short enough that a page that never takes it drops it. */
export const FLASH_TTL_SECONDS = 60

/** The forum's messages (site/forum/routes.ts). */
type ForumFlash = 'forum-subscribed' | 'forum-unsubscribed' | 'forum-thread-deleted' | 'forum-comment-deleted' | 'reported' | 'report-cleared'

export type FlashCode = 'saved' | 'removed' | 'account-deleted' | 'followed' | 'unfollowed' | 'posted' | 'replied' | 'message-sent' | 'activity-deleted' | 'reply-deleted' | 'review-deleted' | ForumFlash | `added.${MediaListStatus}.${MediaType}`

/** The message a code stands for, or null for a value that is no code. */
export function flashMessage(code: string): string | null {
  if (code === 'saved') return 'Saved.'
  if (code === 'removed') return 'Removed from your list.'
  if (code === 'followed') return 'You now follow this user.'
  if (code === 'unfollowed') return 'You no longer follow this user.'
  if (code === 'posted') return 'Posted.'
  if (code === 'replied') return 'Reply posted.'
  if (code === 'message-sent') return 'Message sent.'
  if (code === 'activity-deleted') return 'The activity was deleted.'
  if (code === 'reply-deleted') return 'The reply was deleted.'
  if (code === 'review-deleted') return 'Your review was deleted.'
  if (code === 'reported') return 'Reported. A moderator will look at it.'
  if (code === 'report-cleared') return 'The report was cleared.'
  if (code === 'forum-subscribed') return 'You will be told about new comments.'
  if (code === 'forum-unsubscribed') return 'You will no longer be told about new comments.'
  if (code === 'forum-thread-deleted') return 'The thread was deleted.'
  if (code === 'forum-comment-deleted') return 'The comment was deleted.'
  if (code === 'account-deleted') return 'Your account was deleted, and every app you had connected lost its access.'
  const match = /^added\.([A-Z]+)\.(ANIME|MANGA)$/.exec(code)
  if (match && (MEDIA_LIST_STATUSES as readonly string[]).includes(match[1]!)) {
    return `Added to your ${listName(match[1] as MediaListStatus, match[2] as MediaType)} list.`
  }
  return null
}

/** The path part of a redirect target, when it can be a cookie's Path (printable ASCII without ; or ,). */
function cookiePath(target: string): string {
  const path = target.split(/[?#]/, 1)[0]!
  return /^\/[\x21-\x7e]*$/.test(path) && !/[;,]/.test(path) ? path : '/'
}

/** Sets and takes the flash cookie; Secure exactly when the session cookie is (over https). */
export interface Flashes {
  /** Sets the message for the page at `target` (the Location the reply redirects to). */
  set(reply: FastifyReply, target: string, code: FlashCode): void
  /**
   * The message set for this page, taken: the cookie is cleared so that a reload shows nothing. A
   * message set for another path (a client that sends every cookie everywhere) is left alone.
   */
  take(request: FastifyRequest, reply: FastifyReply): string | null
}

export function flashes(publicUrl: string): Flashes {
  const secure = publicUrl.startsWith('https:')
  const options = (path: string, maxAge: number) => ({ path, httpOnly: true, sameSite: 'lax' as const, secure, maxAge })
  return {
    set(reply, target, code) {
      const path = cookiePath(target)
      reply.setCookie(FLASH_COOKIE, `${code}@${path}`, options(path, FLASH_TTL_SECONDS))
    },
    take(request, reply) {
      const value = request.cookies?.[FLASH_COOKIE]
      if (typeof value !== 'string') return null
      const at = value.indexOf('@')
      if (at < 0) return null
      const path = value.slice(at + 1)
      const here = request.url.split(/[?#]/, 1)[0]!
      if (path !== here) return null
      reply.clearCookie(FLASH_COOKIE, options(path, 0))
      return flashMessage(value.slice(0, at))
    },
  }
}
